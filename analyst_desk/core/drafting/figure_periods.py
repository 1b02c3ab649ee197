"""Every figure in a draft says its period: the app decides it, the model only phrases.

A small model writes "营业收入为4.39亿元[2]" for a half-year figure, or "2011年营业收入为4.39亿元" — read as
the year's. The app knows the period of each figure it can match to a fact: a fact it gave the model
({F1}), a cell of the section's figure table, or a primary statement line of the documents. A sentence
stating such a figure without naming a period gets the period written right after the figure
("4.39亿元（2011年1-6月）"); a bare year in front of a part-year figure ("2011年营业收入为…") becomes the
period ("2011年1-6月营业收入为…"). A figure the sentence already dates rightly — by any period it names
before the figure (a "分别" list names several) or in brackets after it — is left alone, and a figure
the app cannot tie to one period (no fact, or facts of several periods) is not touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from analyst_desk.core.cjk import HAN
from analyst_desk.core.drafting.figure_match import Figure, _rounds_to, find_figures, normalise
from analyst_desk.core.drafting.verification import label_before, label_fits, sentences
from analyst_desk.core.library.table_facts.model import MONEY_UNITS, USD_UNITS
from analyst_desk.core.period_words import period_words

_HAN = re.compile(f"[{HAN}]")
_PART_END = {"H1": 6, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12, "9M": 9}


@dataclass(frozen=True)
class KnownFigure:
    """A figure whose period the app knows: its value (base units for money, percent units for %), the
    period code ("2011H1", "2010", "2010-12-31") and the row it is printed on.

    ``strict``: the figure was not given for this text (a statement line of the documents), so the words
    before a figure must name its row before the figure is taken for it.
    """

    kind: str
    value: Decimal
    period: str
    label: str = ""
    strict: bool = False

    @classmethod
    def of_fact(cls, fact, *, strict: bool = False) -> "KnownFigure | None":
        """A fact's figure (money or %), or None for counts, ratios in 倍 and facts without a period."""
        if not fact.period:
            return None
        factor = MONEY_UNITS.get(fact.unit) or USD_UNITS.get(fact.unit)
        if factor is not None:
            return cls("amount", fact.value * factor, fact.period, fact.row_label, strict)
        if fact.unit == "%":
            return cls("percent", fact.value, fact.period, fact.row_label, strict)
        return None

    @classmethod
    def of_text(cls, text: str, period: str, label: str = "") -> "KnownFigure | None":
        """The figure a table cell shows ("4.39亿元", "30.94%") for ``period``."""
        figure = next((f for f in find_figures(text) if f.kind in ("amount", "percent")), None)
        if figure is None or not period:
            return None
        return cls(figure.kind, figure.value, period, label)

    def matches(self, figure: Figure) -> bool:
        """Whether ``figure`` as written (any unit, rounded at its written precision) is this figure."""
        if figure.kind != self.kind:
            return False
        if self.kind == "amount":
            return _rounds_to(figure.value / figure.factor, self.value / figure.factor, figure.decimals)
        return _rounds_to(figure.value, self.value, figure.decimals)


def known_figures(*, facts=(), table: dict | None = None, statements=()) -> list[KnownFigure]:
    """The figures a section's periods are decided from: the facts it was given, its figure table's cells
    (``SectionDraft.table``) and the documents' primary statement lines (matched only by their row)."""
    known = [k for f in facts if (k := KnownFigure.of_fact(f)) is not None]
    for row in (table or {}).get("rows", []):
        for cell in row.get("cells", []):
            if cell and (k := KnownFigure.of_text(cell.get("text", ""), cell.get("period", ""), row.get("metric", ""))):
                known.append(k)
    known += [k for f in statements if f.kind == "value" and f.primary and f.in_report
              and (k := KnownFigure.of_fact(f, strict=True)) is not None]
    return known


@dataclass(frozen=True)
class _Named:
    """A period a sentence names: "year" (2010年), "span" (2011年1-6月, 上半年) or "date" (2011年6月30日, 年末)."""

    kind: str
    year: int
    month: int
    start: int
    end: int


def _fact_period(period: str) -> tuple[str, int, int] | None:
    """("flow", 2011, 6) for "2011H1", ("flow", 2010, 12) for "2010", ("stock", 2010, 12) for "2010-12-31"."""
    match = re.fullmatch(r"(?:FY)?((?:19|20)\d{2})(H1|Q[1-4]|9M)?", period or "", re.I)
    if match:
        return "flow", int(match.group(1)), _PART_END.get(match.group(2) or "", 12)
    match = re.fullmatch(r"((?:19|20)\d{2})-(\d{2})-\d{2}", period or "")
    if match:
        return "stock", int(match.group(1)), int(match.group(2))
    return None


_SPAN_MONTH = re.compile(r"^\s*(?:年度|年)?\s*(?:(上半年|半年度|中期)|(?:第([一二三四1-4])季度)|(前三季度)|(年末|末|年底))")
_QUARTER = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}
_EN_PART = re.compile(r"(?:\b(H1|first half(?: of)?|Q([1-4])|nine months(?: of)?|9M)\s*(?:FY)?\s*)$", re.I)
#: A period that is the base of a comparison ("较2009年", "compared with 2009"), not the figure's.
_BASE_BEFORE = re.compile(r"(?:较|比|相比|相较|对比|同比|环比|than|from|over|versus|vs\.?|compared (?:with|to))\s*$", re.I)
_FY = re.compile(r"\bFY\s?((?:19|20)\d{2})\b", re.I)


def named_periods(text: str) -> list[_Named]:
    """The periods ``text`` names, in order (a comparison's base year is not one)."""
    text = normalise(text)
    found = []
    for figure in find_figures(text):
        if figure.kind != "date" or _BASE_BEFORE.search(text[:figure.start]):
            continue
        value = int(figure.value)
        year, month, day = value // 10000, value // 100 % 100, value % 100
        end = figure.end
        if re.fullmatch(r".*\d\s*月", figure.text) and re.search(r"[-－—–~～至到]", figure.text) and day == 0:
            found.append(_Named("span", year, month, figure.start, end))
        elif month:
            found.append(_Named("date", year, month, figure.start, end))
        else:
            after = _SPAN_MONTH.match(text[end:])
            english = _EN_PART.search(text[:figure.start])
            if after and after.group(1):
                found.append(_Named("span", year, 6, figure.start, end + after.end()))
            elif after and after.group(2):
                found.append(_Named("span", year, _QUARTER[after.group(2)], figure.start, end + after.end()))
            elif after and after.group(3):
                found.append(_Named("span", year, 9, figure.start, end + after.end()))
            elif after and after.group(4):
                found.append(_Named("date", year, 12, figure.start, end + after.end()))
            elif english:
                part = english.group(1).lower()
                month = 6 if part.startswith(("h1", "first")) else 9 if part.startswith(("nine", "9m")) else \
                    {"1": 3, "2": 6, "3": 9, "4": 12}[english.group(2)]
                found.append(_Named("span", year, month, english.start(), end))
            else:
                found.append(_Named("year", year, 12, figure.start, end))
    for match in _FY.finditer(text):
        if not any(n.start <= match.start(1) < n.end for n in found):
            found.append(_Named("year", int(match.group(1)), 12, match.start(), match.end()))
    return sorted(found, key=lambda n: n.start)


def fits(named: _Named, period: str) -> bool:
    """Whether a period the sentence names is the figure's ``period`` (a bare year is not a half-year)."""
    fact = _fact_period(period)
    if fact is None:
        return True  # a period the app cannot read is not second-guessed
    kind, year, month = fact
    if named.year and named.year != year:
        return False
    if named.kind == "year":
        return month == 12
    return named.month == month


def _period_text(period: str, language: str, report_type: str) -> str:
    return period_words(period, language, report_type=report_type)


def _matching_period(figure: Figure, sentence: str, known: list[KnownFigure]) -> str:
    """The one period of the known figures ``figure`` is ("" when none or several)."""
    label = label_before(sentence, figure.start)
    colon = re.search(r"[:：]\s*$", sentence[:figure.start])
    if not label and colon:  # "净利润：1.53亿元": the row is named before the colon
        label = label_before(sentence, colon.start())
    periods = set()
    for item in known:
        if not item.matches(figure):
            continue
        comparable = bool(label and item.label) and bool(_HAN.search(label)) == bool(_HAN.search(item.label))
        if item.strict:
            # A statement line not given for this text: taken only when the sentence names its row, and the
            # figure is precise enough to be that line's (three digits at least).
            if not comparable or not label_fits(label, item.label) or \
                    len(re.sub(r"\D", "", figure.text.split("%")[0]).lstrip("0")) < 3:
                continue
        elif comparable and not label_fits(label, item.label):
            continue  # an English sentence on a Chinese row cannot be compared: the given fact stands
        periods.add(item.period)
    return periods.pop() if len(periods) == 1 else ""


#: Brackets right after a figure ("4.39亿元（2011年1-6月）", "（第4页）", "（计算值）").
_BRACKETS_AFTER = re.compile(r"^(?:\s*[（(][^（）()]{0,30}[)）])+")
#: What ends a clause: a period named before it is not the next clause's ("2006年度，公司营业收入为…").
_CLAUSE_BREAK = re.compile(r"[，,；;。\n]")


def add_periods(text: str, known: list[KnownFigure], language: str = "zh",
                report_type: str = "") -> tuple[str, list[tuple[int, int, int, int, str]]]:
    """``text`` with the period of every known figure it states undated; returns the new text and each edit as
    (old start, old end, new start, new end, "") like :func:`readable.rewrite`, so checks can move with it."""
    if not known or not text:
        return text, []
    plain = normalise(text)
    edits: list[tuple[int, int, str]] = []
    for start, end in sentences(plain):
        sentence = plain[start:end]
        if sentence.lstrip().startswith("|"):
            continue  # a table row: its header names the periods
        added: list[tuple[int, str]] = []  # periods this sentence now names before a figure (a bare year made one)
        for figure in find_figures(sentence):
            if figure.kind not in ("amount", "percent"):
                continue
            period = _matching_period(figure, sentence, known)
            if not period:
                continue
            after = _BRACKETS_AFTER.match(sentence[figure.end:])
            bracket_end = figure.end + (after.end() if after else 0)
            named = [n for n in named_periods(sentence[:bracket_end]) if n.start < figure.start or n.start >= figure.end]
            if any(fits(n, period) for n in named) or any(at < figure.start and p == period for at, p in added):
                continue
            words = _period_text(period, language, report_type)
            if not words or words == period:
                continue
            # "2011年营业收入为4.39亿元", "2011年1-6月净利润：1.53亿元" (the 2010 figure): the period named right before
            # the figure, in its clause and for no other figure, becomes the figure's.
            before = [n for n in named if n.end <= figure.start]
            last = before[-1] if before else None
            between = sentence[last.end:figure.start] if last is not None else ""
            if last is not None and not _CLAUSE_BREAK.search(between) and \
                    not any(f.kind in ("amount", "percent") for f in find_figures(between)):
                year_end = last.end + len(re.match(r"\s*(?:年度|年)?", sentence[last.end:]).group(0)) \
                    if last.kind == "year" else last.end
                edits.append((start + last.start, start + year_end, words))
                added.append((figure.start, period))
            else:
                at = start + figure.end  # right after the figure, before its page or citation
                edits.append((at, at, f"（{words}）" if language == "zh" else f" ({words})"))
    if not edits:
        return text, []
    out, changes, position, shift = [], [], 0, 0
    for old_start, old_end, shown in sorted(edits):
        if old_start < position:
            continue
        out.append(text[position:old_start])
        out.append(shown)
        new_start = old_start + shift
        changes.append((old_start, old_end, new_start, new_start + len(shown), ""))
        shift += len(shown) - (old_end - old_start)
        position = old_end
    out.append(text[position:])
    return "".join(out), changes
