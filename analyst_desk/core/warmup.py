"""Loading, just after the window appears, what the first search would otherwise load then.

Runs on a background thread once the window is on screen (``analyst_desk.ui.application``): the
window is usable at once instead of after seconds of a blank screen. The sentence encoder's
tokenizer and jieba's dictionary are long calls into C code; the window may feel them as a short
freeze in the first seconds, which costs less than the start-up waiting for them.
"""

from __future__ import annotations

import logging
import time

log = logging.getLogger(__name__)


def warm_up(services) -> float:
    """Load the search tokenizers and the keyword index now; returns the seconds it took. Never fails
    the start-up."""
    started = time.perf_counter()
    try:
        from analyst_desk.core.engine.models import discover_models

        discover_models()  # the models' metadata, which Settings and the model choice read (cached)
    except Exception:  # noqa: BLE001 - a models folder that cannot be read is reported where it is used
        log.warning("Warm-up could not read the models folder", exc_info=True)
    try:
        library = services.library()
        embedder = getattr(getattr(library, "personal", library), "embedder", None)
        if embedder is not None:
            embedder.embed(["预热 warm-up"])
        from analyst_desk.core.library.tokenizer import tokenize

        tokenize("预热 warm-up")
        library.search("预热 warm-up", k=1)  # opens the search index
    except Exception:  # noqa: BLE001 - a failed warm-up only means the first search loads these itself
        log.warning("Warm-up failed; the first search will load the tokenizers", exc_info=True)
    seconds = time.perf_counter() - started
    log.info("Search tokenizers loaded in %.2f s", seconds)
    return seconds
