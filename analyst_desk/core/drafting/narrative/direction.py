"""A question that assumes a figure fell when the tables say it rose (or the reverse), answered with the figure.

"平安银行2024年净息差为什么上升了？" — the report's table prints 1.87% against 2.38%, a fall of 0.51
percentage points. The app looks the metric up in the document's facts; when the table's own change (or
the change computed from the two periods) has the opposite sign to the question's verb, the answer says
so and gives the figures as printed, each cited — the model is not asked to explain a change that did
not happen.
"""

from __future__ import annotations

import logging
import re

from analyst_desk.core.cjk import has_cjk
from analyst_desk.core.drafting.narrative.premises import Premise

log = logging.getLogger(__name__)

_DOWN = re.compile(r"下降|减少|下滑|降低|回落|下跌|萎缩|腰斩|\b(?:declin\w*|fall|fell|fallen|drop\w*|decreas\w*|shr[iu]nk\w*|halved)\b",
                   re.IGNORECASE)
_UP = re.compile(r"上升|增长|增加|提高|上涨|提升|攀升|翻倍|翻番|\b(?:rise|rose|risen|increas\w*|grow|grew|grown|gain\w*|jump\w*|doubled|tripled)\b",
                 re.IGNORECASE)
#: Below this share of the asked metric named by the row label, the fact is about something else.
MIN_COVERAGE = 0.6
#: A row label matching the asked metric at least this well is about it.
MIN_LABEL_SCORE = 0.8


def asked_direction(question: str) -> int:
    """-1 when the question says the figure fell, +1 rose, 0 neither or both."""
    down, up = bool(_DOWN.search(question)), bool(_UP.search(question))
    return -1 if down and not up else 1 if up and not down else 0


#: How much a question says a figure moved: "by a third", "腰斩", "下降了50%" — as a share of the earlier figure.
_MAGNITUDES = [(re.compile(r"\bby (?:about |nearly |almost )?(?:a|one)[- ]third\b|三分之一", re.IGNORECASE), 1 / 3),
               (re.compile(r"\bby (?:about |nearly |almost )?(?:a )?half\b|\bhalved\b|腰斩|一半", re.IGNORECASE), 0.5),
               (re.compile(r"\bby (?:about |nearly |almost )?(?:a|one)[- ]quarter\b|四分之一", re.IGNORECASE), 0.25),
               (re.compile(r"\bdoubled\b|翻倍|翻番|翻了一番", re.IGNORECASE), 1.0),
               (re.compile(r"\btripled\b|翻了两番", re.IGNORECASE), 2.0)]
_PERCENT = re.compile(r"(?:by|下降了?|减少了?|下滑了?|增长了?|增加了?|上升了?|提高了?)\s*(?:about |nearly |约)?(\d+(?:\.\d+)?)\s*(?:%|％|percent)",
                      re.IGNORECASE)
#: A change smaller than this share of the one the question asserts contradicts it ("fell by a third" of -0.2%).
MAGNITUDE_FACTOR = 3.0
#: Below this share a figure is flat.
FLAT = 0.02


def asked_magnitude(question: str) -> float | None:
    """The share a question says the figure moved by (0.33 for "by a third"), or None when it says none."""
    found = _PERCENT.search(question)
    if found:
        return float(found.group(1)) / 100
    return next((share for pattern, share in _MAGNITUDES if pattern.search(question)), None)


_HOW_MUCH = re.compile(r"多少|幅度|几成|\bhow much\b|\bby how\b|\bhow (?:far|sharply|steeply)\b", re.IGNORECASE)


def asks_size_of_move(question: str) -> bool:
    """"2008年营业收入下降了多少？": a figure question that takes the direction of a move for granted."""
    return bool(asked_direction(question) and _HOW_MUCH.search(question))


def _earlier(fact, book):
    """The same figure one period earlier: in the fact's own row, else in another table of the document that
    prints the same line in the same unit for an earlier year (a statement printing one year per page)."""
    from analyst_desk.core.facts.lookup import label_key

    facts = [f for f in book.facts([fact.doc_id]) if f.kind == "value" and f.period and fact.period
             and f.period[:4] < fact.period[:4] and f.value is not None]
    same_row = [f for f in facts if f.page == fact.page and f.table_no == fact.table_no and f.row_no == fact.row_no]
    if same_row:
        return max(same_row, key=lambda f: f.period)
    key = label_key(fact.row_label)
    elsewhere = [f for f in facts if label_key(f.row_label) == key and f.unit == fact.unit and len(f.period) == len(fact.period)
                 and f.scope == fact.scope]
    return max(elsewhere, key=lambda f: f.period) if elsewhere else None


def _ratio(match, book) -> float | None:
    """The fact's change as a share of its value one period earlier (None when no earlier one is printed)."""
    fact = match.fact
    before = _earlier(fact, book)
    if before is None or fact.value is None or not before.value:
        return None
    return float((fact.value - before.value) / abs(before.value))


def _sign(match, book) -> int:
    """+1 / -1 / 0: the table's own change for the fact, else its row's value one period earlier."""
    change = getattr(match, "change", None)
    if change is not None and change.value is not None:
        return -1 if change.value < 0 else 1 if change.value > 0 else 0
    fact = match.fact
    before = _earlier(fact, book)
    if before is None or fact.value is None:
        return 0
    return -1 if fact.value < before.value else 1 if fact.value > before.value else 0


def _without_move(question: str) -> str:
    text = _HOW_MUCH.sub(" ", _UP.sub(" ", _DOWN.sub(" ", question)))
    return re.sub(r"\s+", " ", re.sub(r"[了吗呢？?]", " ", text)).strip()


def check_direction(question: str, library, doc_ids: list[str], facts_answer):
    """(Premise, the app-written facts answer) when the tables contradict the question's direction, else None.

    ``facts_answer(lookup, records, language)`` writes the figures (``answering.answer_from_facts``)."""
    asked = asked_direction(question)
    if not asked:
        return None
    magnitude = asked_magnitude(question)
    try:
        from analyst_desk.core.facts import FactBook

        book = FactBook.of(library)
    except Exception:  # noqa: BLE001 - without facts there is nothing to compare with
        log.info("No facts to check the direction of %r", question, exc_info=True)
        return None
    try:
        # The figure asked about, without the move's words: "By how much did Intel's revenue increase" is about
        # revenue, not the row "Rate of compensation increase"; "营业收入增长了多少" about 营业收入.
        lookup = book.lookup(_without_move(question), doc_ids=doc_ids or None)
        for match in lookup.matches:
            sign = _sign(match, book)
            # The row must be the metric asked about (its label matches; "coverage" also counts the why-words).
            if (match.score < MIN_LABEL_SCORE and match.coverage < MIN_COVERAGE) or not sign:
                continue
            if sign == asked:
                # The right way, but "fell by a third" of a figure that moved 0.2% is no premise to explain.
                ratio = _ratio(match, book) if magnitude else None
                if ratio is None or abs(ratio) * MAGNITUDE_FACTOR >= magnitude:
                    continue
                said = "flat" if abs(ratio) < FLAT else f"{ratio * 100:+.1f}%"
                premise = Premise("direction", "magnitude", said=said, metric=match.fact.row_label)
            else:
                premise = Premise("direction", "down" if asked < 0 else "up", said="up" if sign > 0 else "down")
                premise.metric = match.fact.row_label
            lookup.matches = [match]
            written = facts_answer(lookup, {r.doc_id: r for r in book.records}, _language(question))
            return premise, written
    except Exception:  # noqa: BLE001 - a failed lookup leaves the question to the other routes
        log.exception("Direction check failed for %r", question)
    finally:
        book.close()
    return None


#: A question that takes a loss for granted ("How large was Oracle's net loss in fiscal 2022?").
LOSS = re.compile(r"净亏损|亏损|\bnet loss(?:es)?\b|\blost money\b|\bloss-making\b", re.IGNORECASE)
_AS_PROFIT = (("净亏损", "净利润"), ("亏损", "净利润"), ("net losses", "net income"), ("net loss", "net income"),
              ("lost money", "net income"), ("loss-making", "net income"))


def check_loss(question: str, library, doc_ids: list[str], facts_answer):
    """(Premise, the app-written figure) when the question assumes a loss and the statement prints a profit."""
    if not LOSS.search(question):
        return None
    asked = question
    for loss, profit in _AS_PROFIT:
        asked = re.sub(re.escape(loss), profit, asked, flags=re.IGNORECASE)
    try:
        from analyst_desk.core.facts import FactBook

        book = FactBook.of(library)
    except Exception:  # noqa: BLE001 - without facts there is nothing to compare with
        log.info("No facts to check the loss in %r", question, exc_info=True)
        return None
    try:
        lookup = book.lookup(asked, doc_ids=doc_ids or None)
        for match in lookup.matches:
            label = match.fact.row_label
            # The row must be the profit line itself, printed positive (a loss prints negative or in brackets).
            if (match.score < MIN_LABEL_SCORE and match.coverage < MIN_COVERAGE) or match.fact.value is None \
                    or match.fact.value <= 0 or LOSS.search(label) or re.search(r"\bloss\b", label, re.IGNORECASE):
                continue
            lookup.matches = [match]
            written = facts_answer(lookup, {r.doc_id: r for r in book.records}, _language(question))
            premise = Premise("direction", "loss", said="profit", metric=label)
            return premise, written
    except Exception:  # noqa: BLE001 - a failed lookup leaves the question to the other routes
        log.exception("Loss check failed for %r", question)
    finally:
        book.close()
    return None


def _language(text: str) -> str:
    return "zh" if has_cjk(text) else "en"


def direction_correction(premise: Premise, language: str) -> str:
    metric = getattr(premise, "metric", "") or ("该指标" if language == "zh" else "the figure")
    if premise.asked == "loss":
        if language == "zh":
            return f"文件显示公司并未亏损，{metric}为正（盈利）："
        return f"The documents show no loss: {metric} is a profit (net income):"
    if premise.asked == "magnitude":
        if language == "zh":
            moved = "基本持平" if premise.said == "flat" else f"变动{premise.said}"
            return f"文件显示{metric}的变动远没有问题所说的那么大，{moved}："
        moved = "was nearly flat" if premise.said == "flat" else f"changed by {premise.said}"
        return f"The documents do not show {metric} moving that much: it {moved}:"
    if language == "zh":
        said = "增长" if premise.said == "up" else "下降"
        asked = "下降" if premise.asked == "down" else "上升"
        return f"文件显示{metric}并未{asked}，而是{said}："
    said = "rose" if premise.said == "up" else "fell"
    asked = "fall" if premise.asked == "down" else "rise"
    return f"The documents do not show {metric} to {asked}; it {said}:"
