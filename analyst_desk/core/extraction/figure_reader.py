"""Key figures the tables and the sentence patterns missed: the model reads passages, code checks it.

"报告期内，本行不良贷款率保持在1.06%的较低水平" has words between the field and its value, so
the pattern in ``fields.py`` misses it. The model is shown a few passages that name the field
(from the library's hybrid search when the report is indexed, else from the report's pages) and
asked which number is the field's value. Its answer is only a pointer: the value is written as a
number only when those exact characters appear in the passage it came from, so the model cannot
put a number into the workbook that the report does not print.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from analyst_desk.core.cancel import NEVER, CancelToken
from analyst_desk.core.engine.base import ChatMessage
from analyst_desk.core.extraction.figures import FigureResult
from analyst_desk.core.extraction.numbers import parse_cell

log = logging.getLogger(__name__)

_PASSAGES = 3
_PASSAGE_CHARS = 360
_SCHEMA = {"type": "object", "properties": {"passage": {"type": "integer"}, "value": {"type": "string"}},
           "required": ["passage", "value"]}
_SYSTEM = ("你从年报段落中找出指标的数值。只能照抄段落里出现的数字；段落里没有就把 value 写成空字符串。"
           "You copy a metric's value from report passages; if no passage states it, value is an empty string.")
_UNIT_AFTER = re.compile(r"^\s*(%|亿元|万元|百万元|千元|元|个百分点|倍)")


@dataclass
class Passage:
    page: int  # 1-based
    text: str


def passages_for(field: str, aliases: list[str], texts: list[str], *, pdf: Path | None = None,
                 library=None) -> list[Passage]:
    """Up to three short passages that name the field: library search first, then the pages themselves."""
    found: list[Passage] = []
    if library is not None and pdf is not None:
        try:
            record = library.find_document(str(pdf))
            if record is not None:
                for hit in library.search(" ".join(aliases[:3]), k=6, doc_ids=[record.doc_id]):
                    for window in _windows(hit.text, aliases):
                        found.append(Passage(hit.page, window))
        except Exception:  # the index is a help here, never a reason to fail the extraction
            log.exception("Library search for %s failed", field)
    for index, text in enumerate(texts):
        for window in _windows(text, aliases):
            found.append(Passage(index + 1, window))
    unique: list[Passage] = []
    for passage in found:
        if not any(passage.text == p.text for p in unique):
            unique.append(passage)
    return unique[:_PASSAGES]


def _windows(text: str, aliases: list[str]) -> list[str]:
    flat = re.sub(r"\s+", "", text)
    out = []
    for alias in aliases:
        for match in re.finditer(re.escape(alias), flat, flags=re.IGNORECASE):
            start = max(0, match.start() - 60)
            window = flat[start:start + _PASSAGE_CHARS]
            if re.search(r"\d", window[match.start() - start:]):
                out.append(window)
            if len(out) >= 2:
                return out
    return out


def read_figure(report: str, field: str, aliases: list[str], texts: list[str], engine, *, pdf: Path | None = None,
                library=None, audit=None, cancel: CancelToken = NEVER):
    """A ``FigureResult`` read by the model and checked literally, or ``None`` when nothing names the field."""
    passages = passages_for(field, aliases, texts, pdf=pdf, library=library)
    if not passages or cancel.cancelled:
        return None
    listing = "\n".join(f"[{i}] (p.{p.page}) {p.text}" for i, p in enumerate(passages, start=1))
    prompt = (f"指标 / metric: {field}（{'、'.join(aliases[:3])}）\n段落 / passages:\n{listing}\n\n"
              "Which passage states this metric for the reporting period, and what is the value exactly as printed "
              "(digits only, with % if any)? JSON:")
    generation = engine.stream_chat([ChatMessage("system", _SYSTEM), ChatMessage("user", prompt)], max_tokens=40,
                                    temperature=0.0, json_schema=_SCHEMA, cancel=cancel)
    answer = generation.consume()
    result = _checked(report, field, answer, passages)
    if audit is not None:
        try:
            audit.record(pane="extraction", kind="key_figure", model_path=str(getattr(getattr(engine, "info", None),
                                                                                       "path", "") or ""),
                         prompt=prompt, sources=[f"p.{p.page}: {p.text}" for p in passages], output=answer,
                         flags=[result.note] if result.status != "ok" else [])
        except Exception:  # the audit log must not take the extraction down with it
            log.exception("Audit record failed")
    return result


def _checked(report: str, field: str, answer: str, passages: list[Passage]):
    try:
        data = json.loads(answer)
        index, raw = int(data.get("passage", 0)), str(data.get("value", "")).strip()
    except (ValueError, TypeError, AttributeError):
        return FigureResult(report, field, "not found", note="the model's answer could not be read")
    if not raw:
        return FigureResult(report, field, "not found", note="the model found no value in the passages")
    passage = passages[index - 1] if 1 <= index <= len(passages) else None
    where = [p for p in ([passage] if passage else []) + passages if raw in p.text]
    if not where:
        return FigureResult(report, field, "flagged", raw=raw, page=passage.page if passage else 0,
                            source_text=passage.text if passage else "",
                            note=f"the model said '{raw}', which no passage prints: not written as a number")
    source = where[0]
    parsed = parse_cell(raw)
    if not parsed.is_numeric:
        return FigureResult(report, field, "flagged", raw=raw, page=source.page, source_text=source.text,
                            note=f"'{raw}' is not a number")
    after = source.text[source.text.index(raw) + len(raw):]
    unit_match = _UNIT_AFTER.match(after)
    unit = "%" if parsed.kind == "percent" else (unit_match.group(1) if unit_match else "")
    value = parsed.value / 100 if unit == "%" and parsed.kind != "percent" else parsed.value
    raw_written = raw + ("%" if unit == "%" and not raw.endswith("%") else "")
    return FigureResult(report, field, "ok", float(value), raw_written, unit, "", source.page, source.text,
                        note="read from the text by the model; the value is printed in the passage")
