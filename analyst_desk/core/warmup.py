"""Loading, before the window appears, what the first search would otherwise load while it is open.

The sentence encoder's tokenizer and jieba's dictionary are loaded by long calls into C code that
hold Python's interpreter lock (about 1.2 s and 0.2 s on a 2-core laptop, bench/gui.py); done on
a worker thread while the window is up they would freeze it just as the user types a first query.
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
        library = services.library()
        embedder = getattr(getattr(library, "personal", library), "embedder", None)
        if embedder is not None:
            embedder.embed(["预热 warm-up"])
        from analyst_desk.core.library.tokenizer import tokenize

        tokenize("预热 warm-up")
        library.search("预热 warm-up", k=1)  # reads the keyword index files (one long JSON parse each)
    except Exception:  # noqa: BLE001 - a failed warm-up only means the first search loads these itself
        log.warning("Warm-up failed; the first search will load the tokenizers", exc_info=True)
    seconds = time.perf_counter() - started
    log.info("Search tokenizers loaded in %.2f s", seconds)
    return seconds
