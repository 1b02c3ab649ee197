"""Flag prohibited advice in generated text (e.g. 保本保收益 promises) before it is exported."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from analyst_desk.core import paths

log = logging.getLogger(__name__)


@dataclass
class ContentFlag:
    start: int
    end: int
    text: str
    reason: str


def load_patterns(extra_file: Path | None = None) -> list[tuple[re.Pattern, str]]:
    """Bundled patterns plus the user's own (``<data>/compliance/prohibited_patterns.json``)."""
    files = [paths.resource("compliance", "prohibited_patterns.json"),
             extra_file or paths.data_dir() / "compliance" / "prohibited_patterns.json"]
    patterns = []
    for file in files:
        if not file.exists():
            continue
        try:
            for entry in json.loads(file.read_text(encoding="utf-8"))["patterns"]:
                patterns.append((re.compile(entry["pattern"]), entry["reason"]))
        except (ValueError, KeyError, re.error) as exc:
            log.warning("Ignoring content patterns in %s: %s", file, exc)
    return patterns


def check_text(text: str, patterns=None) -> list[ContentFlag]:
    flags = []
    for pattern, reason in patterns if patterns is not None else load_patterns():
        for match in pattern.finditer(text):
            flags.append(ContentFlag(match.start(), match.end(), match.group(0), reason))
    return sorted(flags, key=lambda f: f.start)
