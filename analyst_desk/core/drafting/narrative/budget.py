"""How much a narrative answer may read and write: the time budget, and the model's speeds planned and measured.

A 1.5B model reads and writes about a third as fast as the 0.5B the planning figures were measured with, so
it is given less; the speeds each answer measures replace the plan (within a factor of it) for the next.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


#: Seconds a narrative answer may take on the default model (issue 21: p95 ≤ 60 s on 2 cores).
TIME_BUDGET = 50.0


#: Prompt tokens read per second and answer tokens written per second by the 0.5B default on 2 cores —
#: planning figures for the time budget, checked against the speeds bench/narrative.py prints per answer.
PREFILL_TOKENS_PER_SECOND = 110.0


WRITE_TOKENS_PER_SECOND = 14.0


MAX_ANSWER_TOKENS = 220


MAX_PROMPT_TOKENS = 1800


#: Parameters of the model the planning speeds were measured with (Qwen2.5 0.5B).
PLANNING_PARAMETERS = 494_000_000


#: Speeds seen on this machine, per model: (prompt tokens read per second, answer tokens written per second).
_MEASURED: dict[str, tuple[float, float]] = {}


def speeds(engine) -> tuple[float, float]:
    """(read, write) tokens per second for ``engine``: as measured by its last narrative answer, else the
    planning figures scaled by its size (a 1.5B model reads and writes about a third as fast as the 0.5B)."""
    name = str(getattr(engine, "model_name", "") or "")
    if name in _MEASURED:
        return _MEASURED[name]
    return _planned(engine)


def _planned(engine) -> tuple[float, float]:
    info = getattr(engine, "info", None)
    parameters = getattr(info, "parameter_count", 0) or 0
    scale = min(1.0, max(0.1, PLANNING_PARAMETERS / parameters)) if parameters > 0 else 1.0
    return PREFILL_TOKENS_PER_SECOND * scale, WRITE_TOKENS_PER_SECOND * scale


def _remember_speeds(engine, stats) -> None:
    if stats is None or not stats.prompt_tokens or stats.time_to_first_token <= 0 or stats.completion_tokens < 8:
        return
    # A prompt the engine had cached reads at no cost: measured speeds stay within a factor of the plan.
    planned_read, planned_write = _planned(engine)
    read = min(max(stats.prompt_tokens / stats.time_to_first_token, planned_read / 4), planned_read * 3)
    write = min(max(stats.tokens_per_second, planned_write / 4), planned_write * 3)
    _MEASURED[str(getattr(engine, "model_name", "") or "")] = (read, write)


def answer_tokens(engine, max_tokens: int, time_budget: float) -> int:
    """At most ``max_tokens``, and no more than the model writes in 40% of the time budget (3–5 sentences
    fit in 120 tokens; a slower model gets fewer rather than running past the budget)."""
    return max(120, min(max_tokens, int(speeds(engine)[1] * time_budget * 0.4)))


def prompt_budget(engine, max_tokens: int, time_budget: float) -> int:
    """Prompt tokens the model can read and still write ``max_tokens`` within ``time_budget`` seconds."""
    read, write = speeds(engine)
    writing = max_tokens / write
    readable = int(max(time_budget - writing, 8.0) * read)
    window = getattr(engine, "context_size", 4096) - max_tokens - 300
    return max(300, min(readable, window, MAX_PROMPT_TOKENS))
