"""Checking generated text against the passages it was given, in Python, after generation.

Every citation marker must name a passage actually given; every figure must appear in a passage
the sentence cites ("verified"), or at least in some given passage ("weak"), else it is
"unverified"; a factual sentence without a citation is "uncited". Nothing is removed: flags are
shown beside the text so a reader never mistakes an unchecked figure for a fact.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from analyst_desk.core.cjk import HAN
from analyst_desk.core.drafting.figure_match import SourceFigures, find_figures, normalise
from analyst_desk.core.drafting.sources import Source

_MARKER = re.compile(r"\[(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\]")
_LOOSE_MARKERS = [(re.compile(r"【(\d{1,3})】"), r"[\1]"), (re.compile(r"\[(?:Source|来源|资料)\s*(\d{1,3})\]", re.I), r"[\1]"),
                  (re.compile(r"\[\[(\d{1,3})\]\]"), r"[\1]"),
                  # The prompt's own delimiters echoed back ("<<<SOURCE >>>,股票种类…"): never shown to the reader.
                  (re.compile(r"<<<\s*SOURCE\s*\[(\d{1,3})\][^>]*>>>"), r"[\1]"),
                  (re.compile(r"<<<\s*(?:SOURCE|END)\b[^>]*>>>\s*[,，:：]?\s*"), "")]
# A sentence ends at 。！？!? or ". " — and keeps the citation markers written right after it.
_SENTENCE_END = re.compile(r"(?:[。！？!?；;]|\.(?=\s|$)|\n)(?:\s*\[\d{1,3}(?:\s*[,，、]\s*\d{1,3})*\])*")
#: The app's own notes in place of text (nothing found; the model only repeated a section's instruction): no claims.
_NOT_FOUND_WORDS = ("not found in your documents", "资料中未找到", "未找到相关", "no information", "模型只复述了本节",
                    "请点击“重写本节”", "only repeated this section", "rewrite the section")


#: Check reasons by code: (English, Chinese), fields filled from the flag's ``params``.
CHECK_MESSAGES: dict[str, tuple[str, str]] = {
    "check.unit_unstated": ("{figure}: the digits are in {where}, but that passage does not say its unit — check the "
                            "unit on the page.", "{figure}：数字见于 {where}，但该段落未注明单位——请在原文页核对单位。"),
    "check.wrong_row": ("{figure} is the figure for “{row}” in the cited table, not for “{label}”.",
                        "{figure} 是所引表格中“{row}”一项的数字，而不是“{label}”。"),
    "check.elsewhere": ("{figure} is in {where}, not in the passage this sentence cites.",
                        "{figure} 见于 {where}，而非本句引用的段落。"),
    "check.not_found": ("{figure} was not found in any source passage.", "{figure} 在来源段落中找不到。"),
    "check.invalid_citation": ("{marker} does not refer to a passage that was given.", "{marker} 不对应任何提供的资料段落。"),
    "check.uncited": ("This sentence cites no source.", "这句话没有标注来源。"),
    "check.fact_not_given": ("{tag} does not refer to a fact that was given.", "{tag} 不对应任何提供的数据。"),
    "check.wrong_unit": ("{figure} has the digits of {fact} but not its amount (wrong unit); replaced by the figure as "
                         "printed.", "{figure} 与 {fact} 数字相同而金额不同（单位错误），已替换为原表所列数字。"),
    "check.wrong_direction": ("{figure}: the sentence says “{said}”, but the cited table prints a {printed}.",
                              "{figure}：句中说“{said}”，但所引表格中是{printed_zh}。"),
}
_UP = re.compile(r"(增长|增加|上升|提高|上涨|升高|\bup\b|increase[sd]?|rose|grew|higher)\s*(?:了|约|为|by|of)?\s*$", re.I)
_DOWN = re.compile(r"(下降|减少|降低|下跌|回落|\bdown\b|decrease[sd]?|fell|declined|dropped|lower)\s*(?:了|约|为|by|of)?\s*$",
                   re.I)


def _said_direction(sentence: str, figure) -> tuple[str, int]:
    """("增长", +1) when the words right before a figure say it rose, ("下降", -1) fell, ("", 0) neither."""
    before = sentence[max(0, figure.start - 8):figure.start]
    for pattern, sign in ((_UP, 1), (_DOWN, -1)):
        match = pattern.search(before)
        if match:
            return match.group(1), sign
    return "", 0


def _printed_sign(figures: SourceFigures, figure) -> int:
    """Sign of the cited passage's matching figure: -1 for "(4.2%)" or "-4.2%", +1, or 0 when unknown."""
    from analyst_desk.core.drafting.figure_match import _matches

    # find_figures keeps the sign in the printed text ("(4.2%", "-0.51"), not in the value.
    signs = {(-1 if f.value < 0 or f.text.startswith(("(", "-", "−", "△")) else 1)
             for f in figures.figures if _matches(figure, f, figures.factor)}
    return signs.pop() if len(signs) == 1 else 0


def check_message(code: str, params: dict, language: str = "en") -> str:
    """A check reason in ``language``; the shared message catalogue wins when it knows the code."""
    try:
        from analyst_desk.core.catalog import MESSAGES, render

        if code in MESSAGES:
            return render(code, params, language)
    except ImportError:  # the catalogue is optional for this module
        pass
    english, chinese = CHECK_MESSAGES.get(code, (code, code))
    template = chinese if language == "zh" else english
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


@dataclass
class Flag:
    """Something a reader must check. ``kind``: unverified_figure, weak_figure, invalid_citation, uncited_sentence.

    ``code`` and ``params`` say why, for rendering in any language (:meth:`localised`); ``message``
    is the English rendering, kept for logs and plain-text output.
    """

    kind: str
    text: str
    start: int
    end: int
    message: str = ""
    code: str = ""
    params: dict = field(default_factory=dict)

    @classmethod
    def of(cls, kind: str, text: str, start: int, end: int, code: str, **params) -> "Flag":
        return cls(kind, text, start, end, check_message(code, params), code, params)

    def localised(self, language: str) -> str:
        return check_message(self.code, self.params, language) if self.code else self.message

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Verification:
    """The result of checking one text against its sources."""

    figures_total: int = 0
    figures_verified: int = 0
    figures_weak: int = 0
    #: Figures the app wrote from facts (counted in ``figures_verified`` too).
    figures_from_facts: int = 0
    citations: list[int] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Share of figures found in a cited passage (1.0 when the text has no figures)."""
        return self.figures_verified / self.figures_total if self.figures_total else 1.0

    @property
    def ok(self) -> bool:
        return not self.flags

    def to_json(self) -> dict:
        return {"figures_total": self.figures_total, "figures_verified": self.figures_verified,
                "figures_weak": self.figures_weak, "figures_from_facts": self.figures_from_facts,
                "verification_rate": round(self.rate, 3),
                "citations": self.citations, "flags": [f.to_json() for f in self.flags]}


def tidy_markers(text: str) -> str:
    """Rewrite the citation styles small models drift into (【1】, [Source 1], <<<SOURCE [1]>>>) as [1], and drop the
    prompt's delimiters a model echoes."""
    for pattern, replacement in _LOOSE_MARKERS:
        text = pattern.sub(replacement, text)
    return text


def cited_numbers(text: str) -> list[int]:
    """Citation numbers in order of first appearance."""
    seen: list[int] = []
    for m in _MARKER.finditer(text):
        for part in re.split(r"[,，、]", m.group(1)):
            n = int(part)
            if n not in seen:
                seen.append(n)
    return seen


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of sentences, each including the markers that follow it."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start:
            spans.append((start, m.end()))
            start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


#: The "× 100%" of a ratio's formula: an operation, not a figure a source must print.
_FORMULA_CONSTANT_BEFORE = re.compile(r"×\s*$")
#: A formula's definition ("毛利率 = (营业收入 − 营业成本) / 营业收入 × 100%"): it names lines, states no figure.
_FORMULA = re.compile(r"=\s*\S.*[/×÷]")


def is_formula_constant(sentence: str, figure) -> bool:
    """The 100% of "… / 营业收入 × 100%" (a computed cell's footnote): part of a formula, not a claim."""
    return figure.text.strip() in {"100%", "100"} and bool(_FORMULA_CONSTANT_BEFORE.search(sentence[:figure.start])) \
        and not _MARKER.match(sentence[figure.end:].lstrip())


def _is_formula(body: str) -> bool:
    """A line that defines a ratio and carries no figure of its own (beyond its × 100%)."""
    return bool(_FORMULA.search(body)) and not re.search(r"\d", re.sub(r"×\s*100\s*%?", "", body))


def _is_claim(sentence: str) -> bool:
    body = _MARKER.sub("", sentence).strip()
    if body.startswith("#") or len(re.sub(r"[\W_]", "", body)) < 8:
        return False
    if _is_formula(body):
        return False
    if body.startswith("|") and all(f.kind == "date" for f in find_figures(body)):
        return False  # a table's header row ("| 指标 | 2010年度 | 2009年度 |") names columns, claims nothing
    if body.endswith((":", "：")) or any(w in body.lower() for w in _NOT_FOUND_WORDS):
        return False
    return True


_CONNECTORS = re.compile(r"(?:为|是|达到|达|约|共计|合计为|分别为|至|了|\s|was|were|is|are|of|at|to|reached|totall?ed|"
                         r"stood|amounted)+$", re.IGNORECASE)


def label_before(sentence: str, position: int) -> str:
    """What a sentence says a figure is: the words just before it ("净利润为161,566亿元" → "净利润")."""
    before = re.split(r"[，,。；;：:（(\n]", sentence[:position])[-1]
    before = re.sub(r"\[\d{1,3}\]|\d[\d,.]*\s*(?:亿元|百万元|万元|元|%|年)?", " ", before)
    return _CONNECTORS.sub("", before.strip()).strip()


def _grams(text: str) -> set[str]:
    cjk = re.findall(r"[" + HAN + r"]", text)
    if len(cjk) >= 2:
        return {a + b for a, b in zip(cjk, cjk[1:])}
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2}


def _row_label(row: str) -> str:
    return next((cell.strip() for cell in row.strip().strip("|").split("|") if cell.strip()), "")


def label_fits(label: str, row: str) -> bool:
    """Whether a table row is about what the sentence says the figure is (shared character pairs or words)."""
    said, printed = _grams(label), _grams(_row_label(row))
    if not said or not printed:
        return True  # nothing to compare: do not second-guess
    shared = len(said & printed)
    return shared / len(printed) >= 0.5 or shared / len(said) >= 0.5


_SECTION_BEFORE = re.compile(r"(?:第|Section|section|Note|note|附注|注|图|表|Table|Figure|Chapter|Part|page|p\.)\s*$")
_SECTION_AFTER = re.compile(r"^\s*(?:节|章|条|款|项|部分|页)")


def is_reference_number(sentence: str, figure) -> bool:
    """A section, note, chapter or page number ("第三节", "3.2节", "Note 12"), not a figure."""
    if figure.kind not in {"number"}:
        return False
    return bool(_SECTION_BEFORE.search(sentence[:figure.start]) or _SECTION_AFTER.match(sentence[figure.end:]))


def verify(text: str, sources: list[Source], *, exact: list[tuple[int, int]] | None = None) -> Verification:
    """Check ``text`` against the passages it was generated from (or was edited against).

    Years, dates and section numbers are context, not figures, and are never flagged. ``exact``
    are the spans the app itself wrote from facts: their figures are exact by construction.
    """
    text = normalise(text)
    exact = exact or []
    by_number = {s.number: s for s in sources}
    figures_of = {s.number: SourceFigures.of(s.text) for s in sources}
    result = Verification(citations=cited_numbers(text))
    for start, end in sentences(text):
        sentence = text[start:end]
        numbers: list[int] = []
        for m in _MARKER.finditer(sentence):
            for part in re.split(r"[,，、]", m.group(1)):
                n = int(part)
                if n in by_number:
                    numbers.append(n)
                else:
                    result.flags.append(Flag.of("invalid_citation", m.group(0), start + m.start(), start + m.end(),
                                                "check.invalid_citation", marker=f"[{n}]"))
        if not numbers and _is_claim(sentence):
            body = sentence.strip()
            offset = start + sentence.find(body[:1]) if body else start
            result.flags.append(Flag.of("uncited_sentence", body, offset, offset + len(body), "check.uncited"))
        for figure in find_figures(sentence):
            if figure.kind == "date" or is_reference_number(sentence, figure) or is_formula_constant(sentence, figure):
                continue  # "2024年", "2024年12月31日", "第3节", "× 100%": context, not a claim to check
            result.figures_total += 1
            span = (start + figure.start, start + figure.end)
            if any(a <= span[0] and span[1] <= b for a, b in exact):
                # The app wrote this figure from a fact, so its digits and unit are right — but the model chose
                # the sentence around it and its citation. A fact the cited passages do not print while another
                # passage does ("风险覆盖率为136.15%[5]", 136.15% being [37]'s 流动性覆盖率) is the model's
                # misplacement, not the app's figure; a computed change is printed nowhere and stays exact.
                elsewhere = [] if any(figures_of[n].contains(figure) for n in numbers) else \
                    [n for n, f in figures_of.items() if n not in numbers and f.contains(figure)]
                if elsewhere:
                    result.figures_weak += 1
                    result.flags.append(Flag.of("weak_figure", figure.text, *span, "check.elsewhere",
                                                figure=figure.text, where=", ".join(f"[{n}]" for n in elsewhere[:3])))
                    continue
                result.figures_verified += 1
                result.figures_from_facts += 1
                continue
            unconfirmed = [n for n in numbers if figures_of[n].unit_unconfirmed(figure)]
            if unconfirmed:
                result.figures_weak += 1
                where = ", ".join(f"[{n}]" for n in unconfirmed[:3])
                result.flags.append(Flag.of("weak_figure", figure.text, *span, "check.unit_unstated",
                                            figure=figure.text, where=where))
                continue
            if any(figures_of[n].contains(figure) for n in numbers):
                said, sign = _said_direction(sentence, figure) if figure.kind == "percent" and figure.value > 0 \
                    else ("", 0)
                printed = next((p for n in numbers if (p := _printed_sign(figures_of[n], figure))), 0)
                if sign and printed and sign != printed:
                    result.figures_weak += 1
                    result.flags.append(Flag.of("weak_figure", figure.text, *span, "check.wrong_direction",
                                                figure=figure.text, said=said,
                                                printed="fall" if printed < 0 else "rise",
                                                printed_zh="下降" if printed < 0 else "增长"))
                    continue
                rows = [row for n in numbers for row in figures_of[n].table_rows_with(figure)]
                label = label_before(sentence, figure.start)
                if label and rows and not any(label_fits(label, row) for row in rows):
                    result.figures_weak += 1
                    row_label = _row_label(rows[0])
                    result.flags.append(Flag.of("weak_figure", figure.text, *span, "check.wrong_row",
                                                figure=figure.text, row=row_label, label=label))
                    continue
                result.figures_verified += 1
                continue
            elsewhere = [n for n, f in figures_of.items() if n not in numbers and f.contains(figure)]
            if elsewhere:
                result.figures_weak += 1
                where = ", ".join(f"[{n}]" for n in elsewhere[:3])
                result.flags.append(Flag.of("weak_figure", figure.text, *span, "check.elsewhere",
                                            figure=figure.text, where=where))
            else:
                result.flags.append(Flag.of("unverified_figure", figure.text, *span, "check.not_found",
                                            figure=figure.text))
    result.flags.sort(key=lambda f: f.start)
    return result


@dataclass
class UnitCorrection:
    """A figure typed with the wrong unit and the fact that replaced it."""

    typed: str
    written: str
    flag: Flag


def correct_units(text: str, facts: list, language: str = "zh") -> tuple[str, list[UnitCorrection]]:
    """Compare amounts, not digits: a figure whose printed digits are exactly one fact's ("99,301.68") but whose
    value × unit differs from the fact's value × its unit ("99,301.68亿元" against 99,301.68万元) is replaced
    by the fact as written by the app and flagged ``wrong_unit``. Facts are ``Fact`` objects with money units.
    """
    from analyst_desk.core.drafting.fact_use import english_amount
    from analyst_desk.core.facts.derived import amount_of
    from analyst_desk.core.library.table_facts.model import MONEY_UNITS, magnitude_text, render

    by_digits: dict[str, set] = {}
    example: dict[tuple, object] = {}
    for fact in facts:
        # A research note's estimate (2023E) is an amount like any printed figure: "3,684亿元" typed for its
        # 3,684 百万元 is as wrong as for a reported year's.
        if getattr(fact, "kind", "value") not in ("value", "forecast") or fact.unit not in MONEY_UNITS:
            continue
        digits = re.sub(r"[^\d.]", "", magnitude_text(fact))
        if len(digits.replace(".", "")) < 4:
            continue
        key = (amount_of(fact), fact.unit)
        by_digits.setdefault(digits, set()).add(key)
        example.setdefault(key, fact)
    text = normalise(text)
    out, position, corrections = [], 0, []
    for figure in find_figures(text):
        if figure.kind != "amount":
            continue
        digits = re.sub(r"[^\d.]", "", figure.text.split("%")[0])
        digits = re.sub(r"^(\d+(?:\.\d+)?).*$", r"\1", digits)
        keys = by_digits.get(digits)
        if not keys or len({a for a, _ in keys}) != 1:
            continue
        amount, unit = next(iter(keys))
        if amount is None or _rounds_to(figure.value, amount, 2) or figure.value == amount:
            continue
        fact = example[(amount, unit)]
        written = render(fact, "zh") if language == "zh" else english_amount(fact)
        out.append(text[position:figure.start])
        start = sum(len(p) for p in out)
        out.append(written)
        position = figure.end
        corrections.append(UnitCorrection(figure.text, written, Flag.of(
            "wrong_unit", written, start, start + len(written), "check.wrong_unit", figure=figure.text, fact=written)))
    out.append(text[position:])
    return "".join(out), corrections


def correct_units_from_passages(text: str, sources: list) -> tuple[str, list[UnitCorrection]]:
    """The same check against the figures the cited passages print in prose ("归母净利润分别为4.5/6.6/9.3亿元"): a
    typed figure with a printed figure's digits but another amount ("9.3 billion yuan") is replaced by the figure
    as printed ("9.3亿元") and flagged ``wrong_unit``. Only digits that stand for one amount across the passages."""
    printed: dict[str, set] = {}
    for source in sources:
        for figure in find_figures(getattr(source, "text", "") or ""):
            if figure.kind != "amount" or figure.value is None or getattr(figure, "factor", 1) in (None, 1):
                continue
            digits = re.sub(r"^(\d+(?:\.\d+)?).*$", r"\1", re.sub(r"[^\d.]", "", figure.text))
            if len(digits.replace(".", "")) >= 2:
                printed.setdefault(digits, set()).add((figure.value, figure.text))
    text = normalise(text)
    out, position, corrections = [], 0, []
    for figure in find_figures(text):
        if figure.kind != "amount" or figure.value is None:
            continue
        digits = re.sub(r"^(\d+(?:\.\d+)?).*$", r"\1", re.sub(r"[^\d.]", "", figure.text))
        found = printed.get(digits)
        if not found or len({a for a, _ in found}) != 1:
            continue
        amount, written = next(iter(found))
        if figure.value == amount or _rounds_to(figure.value, amount, 2):
            continue
        out.append(text[position:figure.start])
        start = sum(len(p) for p in out)
        out.append(written)
        currency = re.match(r"\s*(?:yuan|rmb|renminbi)\b", text[figure.end:], re.I) if written.endswith("元") else None
        position = figure.end + (currency.end() if currency else 0)  # "9.3 billion yuan" → "9.3亿元", not "…元 yuan"
        corrections.append(UnitCorrection(figure.text, written, Flag.of(
            "wrong_unit", written, start, start + len(written), "check.wrong_unit", figure=figure.text, fact=written)))
    out.append(text[position:])
    return "".join(out), corrections


def _rounds_to(written, source, decimals: int) -> bool:
    from analyst_desk.core.drafting.figure_match import _rounds_to as rounds

    return rounds(written, source, decimals) if written and source else False
