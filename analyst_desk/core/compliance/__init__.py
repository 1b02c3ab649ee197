"""Compliance: tamper-evident audit log, personal-data guard, content guard, encryption at rest."""
