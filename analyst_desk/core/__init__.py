"""Headless core of Analyst Desk. Nothing under this package may import Qt."""
