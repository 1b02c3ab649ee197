"""The model's proposals: decisions and action items of one chunk, as JSON constrained by a schema.

llama.cpp samples only tokens the schema's grammar allows, so the answer always parses (unless cut
off by the token limit — then the complete items before the cut are kept). Nothing here is
trusted: ``verdicts.py`` checks every proposal against the transcript.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from analyst_desk.core.cancel import CancelToken
from analyst_desk.core.meeting import prompts

#: Enough for the schema's 6 items; a chunk with more relies on the cue phrases for the rest.
ITEMS_TOKENS = 240
_KINDS = {"decision": "decision", "action": "action", "question": "open_question", "risk": "risk"}


@dataclass
class Candidate:
    """One item as the model proposed it: nothing here is checked yet."""

    kind: str  # "decision" | "action" | "open_question" | "risk"
    lines: list[int]
    owner: str = ""
    due_words: str = ""


def propose_items(engine, clock, language: str, chunk: str, cancel: CancelToken) -> list[Candidate]:
    """Ask the model for the decisions and tasks of ``chunk`` (numbered lines)."""
    generation = engine.stream_chat(prompts.messages(language, chunk, prompts.ASK_ITEMS[language]),
                                    max_tokens=ITEMS_TOKENS, temperature=0.0, cancel=cancel,
                                    json_schema=prompts.ITEMS_SCHEMA)
    text = generation.consume()
    clock.add(generation)
    return parse_candidates(text)


def parse_candidates(text: str) -> list[Candidate]:
    """Candidates from the model's JSON; a cut-off answer keeps its complete items."""
    try:
        raw = json.loads(text).get("items", [])
    except (ValueError, AttributeError):
        raw = []
        for match in re.finditer(r"\{[^{}\[\]]*\"lines\"\s*:\s*\[[^\]]*\][^{}\[\]]*\}", text):
            try:
                raw.append(json.loads(match.group(0)))
            except ValueError:
                continue
    out: list[Candidate] = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict) or item.get("kind") not in _KINDS:
            continue
        lines = [n for n in item.get("lines", []) if isinstance(n, int)]
        if not lines:
            continue
        out.append(Candidate(kind=_KINDS[item["kind"]], lines=sorted(set(lines)),
                             owner=str(item.get("owner", "")).strip(), due_words=str(item.get("due", "")).strip()))
    return out
