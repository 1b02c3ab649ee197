"""Helpers shared by CLI subcommands."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from typing import Any, Iterator

from analyst_desk.core.config import Settings


def add_model_option(parser) -> None:
    parser.add_argument("--model", help="model file name (or part of it) in the models folder")


def open_chat_engine(args, *, settings: Settings | None = None, load: bool = True):
    """The engine this command's task uses (Settings: the local model or the model server); ``--model``
    always means that local model. Loaded now unless ``load`` is False (then on first use, so a
    command that may not need it starts fast). Which engine answered, and any fallback to the local
    model, is printed to stderr. Raises ModelError."""
    from analyst_desk.core.engine.base import LoadOptions
    from analyst_desk.core.engine.llama_engine import LlamaEngine
    from analyst_desk.core.engine.models import default_chat_model
    from analyst_desk.core.engine.selection import COMMAND_TASKS, open_task_engine

    settings = settings or Settings.load()

    def local_engine():
        info = default_chat_model(getattr(args, "model", None) or settings.model)
        options = LoadOptions(mask_pii=settings.mask_before_model, pii_names=list(settings.extra.get("pii_names", [])),
                              context_size=getattr(args, "context_size", None) or settings.context_size,
                              threads=getattr(args, "threads", None) or settings.threads)
        return LlamaEngine(info, options)

    if getattr(args, "model", None):
        engine = local_engine()
        return engine.load() if load else engine
    task = COMMAND_TASKS.get(getattr(args, "command", "") or "", "")
    engine = open_task_engine(settings, task, local_engine, owns_engines=True,
                              on_notice=lambda message: print(f"note: {message}", file=sys.stderr))
    return engine.load() if load else engine


#: The real stdout while a --json command runs (everything else printed goes to stderr).
_json_stdout: list = []


@contextmanager
def json_output(enabled: bool) -> Iterator[None]:
    """With ``--json``, stdout carries only the JSON: every other print (progress, "Saved …", a
    library's chatter) is sent to stderr for the duration of the command."""
    if not enabled:
        yield
        return
    _json_stdout.append(sys.stdout)
    sys.stdout = sys.stderr
    try:
        yield
    finally:
        sys.stdout = _json_stdout.pop()


def print_json(data: Any) -> None:
    """``data`` as JSON on stdout (the real one, also inside ``json_output``)."""
    out = _json_stdout[-1] if _json_stdout else sys.stdout
    json.dump(data, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")
    out.flush()


def ui_language() -> str:
    """The language the user chose in Settings (or their locale's), for messages; English if unreadable."""
    try:
        return Settings.load().effective_language()
    except Exception:  # noqa: BLE001 - reporting must never raise another error
        return "en"


def audit_gate(audit, watch=None) -> None:
    """After an output was handed to the audit log: when it could not be recorded, withhold it if the
    administrator's policy requires auditing (``AuditNotRecorded``, shown as the command's error), else
    say so on stderr — an unaudited output is never passed off silently. ``watch`` (an ``AuditWatch``
    started before the job) counts every record of a job that writes several, not only the last."""
    if watch is not None:
        reason = watch.check()
    elif audit is not None and getattr(audit, "last_error", None) is not None:
        audit.check_recorded()
        reason = audit.last_error
    else:
        reason = None
    if reason is None:
        return
    from analyst_desk.core.catalog import render
    from analyst_desk.core.compliance.audit_reasons import reason_words

    language = ui_language()  # the operating system's words said in it, as the window says them
    print(render("audit.not_recorded", {"reason": reason_words(reason, language)}, language), file=sys.stderr)
