"""Helpers shared by CLI subcommands."""

from __future__ import annotations

import json
import sys
from typing import Any

from app.core.config import Settings


def add_model_option(parser) -> None:
    parser.add_argument("--model", help="model file name (or part of it) in the models folder")


def open_chat_engine(args, *, settings: Settings | None = None, load: bool = True):
    """The chat model named by ``--model``, the settings, or the default; loaded now unless ``load`` is
    False (then on first use, so a command that may not need it starts fast). Raises ModelError."""
    from app.core.engine.base import LoadOptions
    from app.core.engine.llama_engine import LlamaEngine
    from app.core.engine.models import default_chat_model

    settings = settings or Settings.load()
    info = default_chat_model(getattr(args, "model", None) or settings.model)
    options = LoadOptions(mask_pii=settings.mask_before_model, pii_names=list(settings.extra.get("pii_names", [])),
                          context_size=getattr(args, "context_size", None) or settings.context_size,
                          threads=getattr(args, "threads", None) or settings.threads)
    engine = LlamaEngine(info, options)
    return engine.load() if load else engine


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
