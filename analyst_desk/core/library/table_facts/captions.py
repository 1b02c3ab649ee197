"""The lines printed above a table that say what it is — title, section heading, unit line — and the unit they state.

Read on the import's page reader (:func:`unit_lines_above`, once per table page) and by
:func:`~analyst_desk.core.library.table_facts.extract.facts_from_table`: "单位：万元" → ("万元", "CNY"); "(in millions,
except per share data)" in a dollar filing → ("USD million", "USD") — never 百万元; no line, no unit.
"""

from __future__ import annotations

import re

from analyst_desk.core.library.table_facts.model import MONEY_UNITS, PERCENT

_EN_SCALE = re.compile(r"\b(?:in|amounts?\s+in|dollars\s+in|\$\s*in)\s+(millions|thousands|billions)\b", re.I)
_DOLLAR_UNIT = {"millions": "USD million", "thousands": "USD thousand", "billions": "USD billion"}



def unit_of_line(line: str) -> str:
    """The unit a caption states: "（单位：%）" → "%", "金额单位：人民币百万元" → "百万元", else ""."""
    from analyst_desk.core.extraction.numbers import detect_unit

    unit = detect_unit(line)
    if unit:
        return unit.name
    return PERCENT if re.search(r"单位\s*[:：]?\s*[%％]", line) else ""


def caption_unit(lines: list[str], currency: str = "") -> tuple[str, str]:
    """(unit, currency) a table's caption lines state: "单位：万元" → ("万元", "CNY"); "(In millions,
    except per share data)" in a dollar filing → ("USD million", "USD"); ("", "") when none does."""
    for line in lines:
        unit = unit_of_line(line)
        if unit and not (unit == "百万元" and _EN_SCALE.search(line) and not re.search(r"RMB|人民币|元", line)):
            return unit, ("CNY" if unit in MONEY_UNITS else "")
        scale = _EN_SCALE.search(line)
        if scale and (currency == "USD" or re.search(r"\$|dollar|USD", line, re.I)) and not re.search(
                r"RMB|人民币|yuan|HK\$|€|£|euro", line, re.I):
            return _DOLLAR_UNIT[scale.group(1).lower()], "USD"
    return "", ""


def _split_caption(unit_line: str) -> tuple[list[str], str]:
    """(caption lines, the unit line among them) of what :func:`unit_lines_above` found."""
    lines = [l.strip() for l in (unit_line or "").splitlines() if l.strip()]
    unit = next((l for l in lines if unit_of_line(l) or _EN_SCALE.search(l)), "")
    return lines, unit


_CAPTION_LINE = re.compile(r"单位|unit|in (?:millions|thousands|billions)|表|statements?|balance sheets?|"
                           r"合并|母公司|利润|资产|现金流量|权益|财务|指标|数据|占|比例|比重|percentage|summary|selected", re.I)


def _captions_above(page, top: float, floor: float, textpage=None) -> str:
    """The short lines printed between ``floor`` (the previous table's bottom) and ``top`` that
    caption the table: its title, heading, unit line and column heads the finder left out of the
    grid ("January 31, 2023  January 31, 2022" printed just above the first row), top to bottom."""
    found: list[tuple[float, float, str]] = []
    for block in page.get_text("dict", textpage=textpage).get("blocks", []):
        for line in block.get("lines", []):
            x0, y0, x1, y1 = line["bbox"]
            if y0 > top + 6 or y1 < top - 110 or y0 < floor - 1:
                continue  # below the table's top, too far above it, or part of the table above
            text = "".join(span.get("text", "") for span in line.get("spans", [])).strip()
            if text and len(text) < 160 and (_CAPTION_LINE.search(text) or re.search(r"(?:19|20)\d{2}", text)):
                found.append((round(y1), x0, text))
    return "\n".join(text for _, _, text in sorted(found)[-8:])


def unit_lines_above(page, tables, textpage=None) -> list[str]:
    """For each table on ``page``: the caption lines printed above it (title, heading, "单位" line),
    joined by newlines — what :func:`facts_from_table` reads scope, kind and unit from."""
    out, floor = [], 0.0
    for table in tables:
        out.append(_captions_above(page, table.bbox[1], floor, textpage))
        floor = max(floor, table.bbox[3]) if table.bbox[1] >= floor else floor
    return out
