"""Command line entry point: ``analyst-desk`` opens the window; subcommands run jobs headless."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import threading
from logging.handlers import RotatingFileHandler

from analyst_desk import APP_NAME, __version__
from analyst_desk.core import offline
from analyst_desk.core.offline import apply_offline_environment

log = logging.getLogger("analyst_desk")


def setup_logging(verbose: bool = False) -> None:
    """Log to a rotating file in the data folder; warnings (or everything with -v) also to stderr."""
    from analyst_desk.core import paths

    root = logging.getLogger()
    if getattr(root, "_analyst_desk_configured", False):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        handler = RotatingFileHandler(paths.data_subdir("logs") / "analyst-desk.log",
                                      maxBytes=2_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    except OSError:
        pass  # a read-only data folder must not stop the app; stderr still gets warnings
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root.addHandler(console)
    root._analyst_desk_configured = True  # type: ignore[attr-defined]


def install_excepthooks() -> None:
    """Unexpected exceptions go to the log, on every thread."""

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        log.error("Unhandled exception in thread %s", args.thread.name if args.thread else "?",
                  exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    threading.excepthook = thread_hook


def build_parser() -> argparse.ArgumentParser:
    from analyst_desk.commands import COMMAND_MODULES

    parser = argparse.ArgumentParser(
        prog="analyst-desk",
        description=f"{APP_NAME}: an offline assistant for finance staff. With no command, opens the window.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug output to stderr")
    parser.add_argument("--selftest", action="store_true",
                        help="run the offline self-test (model, import, search, generate, export) and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # feature not built in this version
            log.warning("Command module %s unavailable: %s", name, exc)
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    apply_offline_environment()
    # Always on: only model servers on the allowlist get through (analyst_desk.core.network_policy); with
    # ANALYST_DESK_BLOCK_NETWORK=1 not even those.
    offline.install_socket_guard()
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.verbose)
    install_excepthooks()
    from analyst_desk.core.errors import AppError, CancelledError

    try:
        if args.selftest:
            from analyst_desk.commands.selftest_cmd import run_selftest

            return run_selftest(args)
        if not args.command:
            from analyst_desk.ui.application import run_gui

            return run_gui()
        from analyst_desk.commands.common import json_output

        with json_output(bool(getattr(args, "json", False))):
            return int(args.handler(args) or 0)
    except CancelledError:
        print("Cancelled.", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except AppError as exc:
        print(f"error: {exc.localised(_language())}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


def _language() -> str:
    from analyst_desk.commands.common import ui_language

    return ui_language()


if __name__ == "__main__":
    sys.exit(main())
