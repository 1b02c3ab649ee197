"""Which local chat model writes a grounded task (Ask, drafting): the strongest that fits in free memory.

The user's choice always wins: ``--model``, the Settings model, or a per-task model in
``settings.extra["task_models"]`` (``{"ask": "qwen2.5-coder-0.5b…", "drafting": …}``). Otherwise
the largest working chat model whose file plus working room fits in the memory free right now
(psutil), falling back to smaller ones — so a laptop with 2 GB free still answers on the 0.5B model
instead of refusing. Measured on the answer dev set (``bench/answers.py``).
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)

#: Room beyond the file for the KV cache (4k tokens), scratch buffers and the app, in bytes.
WORKING_ROOM = 600 * 2**20


def pick_local_model(task: str, settings, *, available: int | None = None, folder: Path | None = None):
    """The ``ModelInfo`` for ``task`` (see module doc). Raises ``ModelError`` when there is no model."""
    from analyst_desk.core.engine.llama_engine import available_memory
    from analyst_desk.core.engine.models import default_chat_model, discover_models, find_model

    chosen = dict(getattr(settings, "extra", {}).get("task_models", {}) or {}).get(task) or getattr(settings, "model", "")
    if chosen:
        return find_model(chosen, folder)
    models = sorted((m for m in discover_models(folder) if m.ok and m.is_chat), key=lambda m: m.file_size, reverse=True)
    if not models:
        return default_chat_model("", folder)  # raises the "no model" error with its message
    free = available_memory() if available is None else available
    for model in models:
        if not free or model.file_size + WORKING_ROOM <= free:
            return model
    log.info("Only %.1f GiB free: using the smallest chat model for %s", free / 2**30, task)
    return models[-1]


def apply_model_choice(task: str, args, settings) -> None:
    """Set ``args.model`` to the model picked for ``task`` when the user named none and the task runs locally."""
    if getattr(args, "model", None):
        return
    try:
        from analyst_desk.core.engine.selection import LOCAL, task_choice

        if task_choice(settings, task) != LOCAL:
            return  # the bank's model server answers this task
    except ImportError:
        pass
    args.model = str(pick_local_model(task, settings).path)
