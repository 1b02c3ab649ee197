"""Helpers shared by CLI subcommands."""

from __future__ import annotations

import json
import sys
from typing import Any

from app.core.config import Settings


def add_model_option(parser) -> None:
    parser.add_argument("--model", help="model file name (or part of it) in the models folder")


def open_chat_engine(args, *, settings: Settings | None = None, load: bool = True):
    """The engine this command's task uses (Settings: the local model or the model server); ``--model``
    always means that local model. Loaded now unless ``load`` is False (then on first use, so a
    command that may not need it starts fast). Which engine answered, and any fallback to the local
    model, is printed to stderr. Raises ModelError."""
    from app.core.engine.base import LoadOptions
    from app.core.engine.llama_engine import LlamaEngine
    from app.core.engine.models import default_chat_model
    from app.core.engine.selection import COMMAND_TASKS, open_task_engine

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


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
