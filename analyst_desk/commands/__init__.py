"""CLI subcommands. Each module exposes ``register(subparsers)`` and is listed in ``COMMAND_MODULES``.

A module that fails to import (e.g. an optional native dependency is broken) is reported and
skipped, so one broken feature never takes the whole CLI down.
"""

COMMAND_MODULES = [
    "analyst_desk.commands.models_cmd",
    "analyst_desk.commands.generate_cmd",
    "analyst_desk.commands.index_cmd",
    "analyst_desk.commands.ask_cmd",
    "analyst_desk.commands.draft_cmd",
    "analyst_desk.commands.facts_cmd",
    "analyst_desk.commands.meeting_cmd",
    "analyst_desk.commands.extract_cmd",
    "analyst_desk.commands.audit_cmd",
    "analyst_desk.commands.selftest_cmd",
]
