"""CLI subcommands. Each module exposes ``register(subparsers)`` and is listed in ``COMMAND_MODULES``.

A module that fails to import (e.g. an optional native dependency is broken) is reported and
skipped, so one broken feature never takes the whole CLI down.
"""

COMMAND_MODULES = [
    "app.commands.models_cmd",
    "app.commands.generate_cmd",
    "app.commands.index_cmd",
    "app.commands.ask_cmd",
    "app.commands.draft_cmd",
    "app.commands.facts_cmd",
    "app.commands.meeting_cmd",
    "app.commands.extract_cmd",
    "app.commands.audit_cmd",
    "app.commands.selftest_cmd",
]
