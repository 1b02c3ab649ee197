"""Facts in generated text: numbered for the model, written back by the app, cited to the page that prints them.

The model sees each fact with a tag (``{F1}``) and writes the tag where the figure goes; the app
replaces the tag with the printed digits and the table's unit (:func:`analyst_desk.core.library.table_facts.model.render`),
so a figure from a table is never retyped by the model. A model that types a fact's digits anyway
("146,695亿元") has them replaced by the fact as printed ("146,695百万元") — the digits identify the
fact, the unit is the table's. Each fact travels with a passage (its unit line, column headers and
row, on its page) so the sentence cites, and the reader can open, the page that prints it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from analyst_desk.core.drafting.figure_match import find_figures, normalise
from analyst_desk.core.facts.lookup import FactMatch
from analyst_desk.core.library.table_facts.model import MONEY_UNITS, Fact, magnitude_text, render

_TAG = re.compile(r"[{［\[【]{1,2}\s*[Ff]\s*(\d{1,2})\s*(?:[:|：]\s*(亿元|百万元|万元|千元|元))?\s*[}］\]】]{1,2}")


@dataclass
class FactHit:
    """A fact's row as a passage, shaped like a library search hit so it is numbered like one."""

    chunk_id: str
    doc_id: str
    title: str
    path: str
    page: int
    text: str
    heading_path: str = ""
    pages: list[int] = field(default_factory=list)
    bbox: tuple[float, float, float, float] | None = None
    kind: str = "table"
    score: float = 0.0


@dataclass
class NumberedFact:
    """A fact as given to the model: its tag number and the fact (a value or its change)."""

    number: int
    fact: Fact
    metric: str
    #: chunk_id of the passage that prints it (a :class:`FactHit`).
    chunk_id: str

    @property
    def computed(self) -> bool:
        return bool(self.fact.extra.get("computed"))

    def written(self, language: str, unit: str | None = None) -> str:
        """What the app writes for ``{Fn}``; a change the app computed says so. English answers state a
        yuan amount in RMB millions by rule (99,301.68万元 → "RMB 993.02 million")."""
        text = english_amount(self.fact) if language != "zh" and not unit and self.fact.kind == "value" \
            and self.fact.unit in MONEY_UNITS else render(self.fact, language, unit)
        if self.computed:
            text += "（计算值）" if language == "zh" else " (computed)"
        return text


def english_amount(fact: Fact) -> str:
    """A yuan amount in English, converted by rule to RMB millions with two decimals
    (99,301.68万元 → "RMB 993.02 million"; 146,695百万元 → "RMB 146,695.00 million"); sign kept."""
    value = fact.value * MONEY_UNITS[fact.unit] / Decimal(10) ** 6
    places = 2
    text = f"{abs(value):,.{places}f}"
    return ("-" if value < 0 else "") + f"RMB {text} million"


def fact_hits(matches: list[FactMatch], records: dict[str, object]) -> list[FactHit]:
    """One passage per table row the facts come from (a value and its change share their row)."""
    return hits_for_facts([f for m in matches for f in (m.fact, m.change) if f is not None], records)


def hits_for_facts(facts: list[Fact], records: dict[str, object]) -> list[FactHit]:
    """One passage per table row the facts come from, in the order given."""
    hits: dict[str, FactHit] = {}
    for fact in facts:
        if fact is not None:
            key = row_key(fact)
            if key in hits:
                continue
            record = records.get(fact.doc_id)
            title = getattr(record, "title", "") or fact.title
            path = getattr(record, "path", "")
            hits[key] = FactHit(chunk_id=key, doc_id=fact.doc_id, title=title, path=str(path), page=fact.page,
                                text=fact.context or f"{fact.row_label} | {fact.column} | {fact.value_text} {fact.unit}",
                                heading_path=fact.heading, pages=[fact.page],
                                bbox=tuple(fact.bbox) if fact.bbox else None)
    return list(hits.values())


def row_key(fact: Fact) -> str:
    return f"fact:{fact.doc_id}:{fact.page}:{fact.table_no}:{fact.row_no}"


def number_facts(matches: list[FactMatch]) -> list[NumberedFact]:
    """F1, F2, … in the order the metrics were asked for: each value, then its change."""
    numbered: list[NumberedFact] = []
    for match in matches:
        for fact in (match.fact, match.change):
            if fact is not None:
                numbered.append(NumberedFact(len(numbered) + 1, fact, match.metric, row_key(fact)))
    return numbered


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_words(period: str, language: str) -> str:
    """"2024" → "2024年"; "2024-12-31" → "2024年末"; "2024H1" → "2024年1-6月" (English likewise)."""
    if re.fullmatch(r"FY\d{4}.*", period, re.I):
        return f"{period[2:6]}财年" if language == "zh" else f"FY{period[2:6]}"
    year = period[:4]
    rest = period[4:]
    if language == "zh":
        # Spans of months read as the Library and the figure table write them (core.period_words): "2011年1-6月".
        names = {"": "年", "-12-31": "年末", "H1": "年1-6月", "-06-30": "年6月30日", "Q1": "年第一季度", "Q2": "年第二季度",
                 "Q3": "年第三季度", "Q4": "年第四季度", "9M": "年1-9月", "-03-31": "年3月31日", "-09-30": "年9月30日"}
        if rest not in names and re.fullmatch(r"-\d{2}-\d{2}", rest):
            return f"{year}年{int(rest[1:3])}月{int(rest[4:6])}日"
        return year + names.get(rest, "年" + rest)
    names = {"": "", "-12-31": "at 31 Dec ", "H1": "H1 ", "-06-30": "at 30 Jun ", "Q1": "Q1 ", "Q2": "Q2 ", "Q3": "Q3 ",
             "Q4": "Q4 ", "9M": "9M ", "-03-31": "at 31 Mar ", "-09-30": "at 30 Sep "}
    if rest not in names and re.fullmatch(r"-\d{2}-\d{2}", rest):
        # A fiscal year-end such as 2022-09-24, written as the filing writes it: "at 24 Sep 2022".
        return f"at {int(rest[4:6])} {_MONTHS_EN[int(rest[1:3]) - 1]} {year}"
    return (names.get(rest, rest + " ") + year).strip()


_UNIT_NOTE = re.compile(r"[（(]\s*(?:%|％|元|万元|亿元|百万元|千元|元/股|次|倍|天|人|股|万股|个百分点)\s*[)）]\s*$")
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]{1,2}[)）]|其中[:：]|减[:：]|加[:：])")


def display_label(label: str) -> str:
    """A row label as a sentence names it: without list numbering or a unit note ("其中：营业成本" → "营业成本",
    "息税折旧摊销前利润（万元）" → "息税折旧摊销前利润"); the figure carries the unit."""
    from analyst_desk.core.facts.derived import shown_label

    # …and without a printed note in brackets ("净利润（净亏损以“－”号填列）" → "净利润"), as answers name it.
    return shown_label(_UNIT_NOTE.sub("", _NUMBERING.sub("", label)).strip() or label)


def facts_prompt(numbered: list[NumberedFact], source_number: dict[str, int], language: str) -> str:
    """The numbered facts as the model sees them, each with the passage that prints it."""
    if not numbered:
        return ""
    # Values are shown beside their tags: without them a small model writes the description where
    # the figure goes. Whatever it types is checked; a tag it writes is filled in by the app.
    if language == "zh":
        lines = ["表格数据（在句中写标签，如“营业收入为{F1}”，系统会填入准确数字、单位和出处）："]
    else:
        lines = ["Figures from the report tables (write the tag in your sentence, e.g. \"revenue was {F1}\"; the app "
                 "fills in the exact figure, unit and source):"]
    for item in numbered:
        fact = item.fact
        when = period_words(fact.period, language) if fact.period else fact.column
        # The row as a sentence names it: the model copies "2011年1-6月一、营业收入" into its text otherwise.
        label = display_label(fact.row_label)
        if fact.kind == "change":
            what = f"{label}较上年" if language == "zh" else f"{label} on the prior year"
        else:
            what = f"{when}{label}" if language == "zh" else f"{label}, {when}"
        lines.append(f"{{F{item.number}}} = {what}：{item.written(language)}" if language == "zh"
                     else f"{{F{item.number}}} = {what}: {item.written(language)}")
    return "\n".join(lines)


@dataclass
class FactWriting:
    """The text with facts written in, and where they are (for verification)."""

    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    used: list[int] = field(default_factory=list)
    #: Tags the model wrote that name no given fact ("{F9}").
    unknown_tags: list[str] = field(default_factory=list)
    #: Facts whose digits the model typed with another unit, rewritten as printed.
    retyped: list[str] = field(default_factory=list)


def write_facts(text: str, numbered: list[NumberedFact], source_number: dict[str, int], language: str) -> FactWriting:
    """Replace fact tags with the facts as printed, each followed by its passage's citation.

    Digits the model typed that are exactly a fact's printed digits (at least four digits, or with
    a decimal point) are rewritten as that fact with its own unit.
    """
    by_number = {n.number: n for n in numbered}
    out = FactWriting(text="")
    pieces: list[str] = []
    position = 0
    text = normalise(text)
    for match in _TAG.finditer(text):
        item = by_number.get(int(match.group(1)))
        pieces.append(text[position:match.start()])
        position = match.end()
        if item is None:
            out.unknown_tags.append(match.group(0))
            pieces.append(match.group(0))
            continue
        pieces.append(_FACT_MARK + item.written(language, match.group(2)) + _FACT_END + _cite(item, source_number))
        out.used.append(item.number)
    pieces.append(text[position:])
    marked = _retype(("".join(pieces)), numbered, source_number, language, out)
    out.text, out.spans = _unmark(marked)
    return out


_FACT_MARK, _FACT_END = "\x02", "\x03"


def _cite(item: NumberedFact, source_number: dict[str, int]) -> str:
    number = source_number.get(item.chunk_id)
    return f"[{number}]" if number else ""


def _retype(text: str, numbered: list[NumberedFact], source_number, language: str, out: FactWriting) -> str:
    values = [n for n in numbered if n.fact.kind == "value"]
    if not values:
        return text
    result, position = [], 0
    plain = re.sub(f"{_FACT_MARK}[^{_FACT_END}]*{_FACT_END}", lambda m: "\x00" * len(m.group(0)), text)
    for figure in find_figures(plain):
        if figure.kind == "date":
            continue
        digits = re.sub(r"[^\d.]", "", figure.text.split("%")[0])
        if len(digits.replace(".", "")) < 4 and "." not in digits:
            continue
        same = [n for n in values if re.sub(r"[^\d.]", "", magnitude_text(n.fact)) == digits]
        if len({(n.fact.value, n.fact.unit) for n in same}) != 1:
            continue
        item = same[0]
        if item.written(language) == figure.text:
            continue
        result.append(text[position:figure.start])
        result.append(_FACT_MARK + item.written(language) + _FACT_END + _cite(item, source_number))
        position = figure.end
        out.retyped.append(f"{figure.text} → {item.written(language)}")
        if item.number not in out.used:
            out.used.append(item.number)
    result.append(text[position:])
    return "".join(result)


def _unmark(text: str) -> tuple[str, list[tuple[int, int]]]:
    spans, out, index = [], [], 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == _FACT_MARK:
            start = index
            end_at = text.index(_FACT_END, i)
            body = text[i + 1:end_at]
            out.append(body)
            index += len(body)
            spans.append((start, index))
            i = end_at + 1
            continue
        out.append(ch)
        index += 1
        i += 1
    return "".join(out), spans


def locate(text: str, written: list[str]) -> list[tuple[int, int]]:
    """Spans of the app-written fact strings in ``text`` (after citation repair moved things)."""
    spans = []
    for phrase in sorted(set(written), key=len, reverse=True):
        for match in re.finditer(re.escape(phrase), text):
            if not any(a < match.end() and match.start() < b for a, b in spans):
                spans.append(match.span())
    return sorted(spans)
