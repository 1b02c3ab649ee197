"""Scoring of one answer against its gold (the shared dev/validation format), and the two ways of answering.

Rules (each is what ``score_answer`` does; nothing here knows a document):

- **Amounts, not digits.** Every number in the answer is read with the unit written next to it — Chinese (元, 千元,
  万元, 百万元, 亿元, 万亿元, 美元, 万美元, 亿美元, %, 倍, 次, 股, 万股, 亿股, 人, 万户 …) and English ("million",
  "billion", "thousand", "$", "USD", "RMB", "yuan", "percent", "per share", "times", "shares", "employees") — as
  value × multiplier in base units. A stated amount is *right* when it equals the gold amount within the printed
  rounding of either side (half a unit in the last digit the answer wrote, or the gold was printed with) and within
  1% relative; the answer is right when some stated amount is right and no stated amount is a *wrong-unit*
  rendering of the gold: the same digits as the gold's value (or as the gold amount in another unit) under a
  multiplier or currency that makes the amount wrong ("99,301.68亿元" for 99,301.68 万元; "4,858.00 million yuan"
  for 4,858.00 万元; "$99,803 million" for a yuan amount), or the bare digits of a money or % gold with no unit at
  all. Wrong units are counted separately. Ratios (倍, 次) and head counts may be written bare.
- **Comparisons**: right when every cell's amount is stated (each by the amount rule) and none in a wrong unit;
  the share of cells found is the partial score.
- **Names**: right when the gold text or one of its aliases appears in the answer (whitespace, case and full-width
  punctuation ignored).
- **Lists**: item recall — an item ("A|A2" alternatives) is found when one alternative appears; right when all are.
- **Narrative** (key points): a point ("alt1|alt2") is covered when, for one alternative, each of its content
  words — the alternative split on spaces; a Chinese phrase is one word — appears in the answer (same
  normalisation as names). Coverage = covered / points; right when coverage ≥ 60% (2 of 2, 2 of 3, 3 of 4, 3 of 5).
- **Not in the library**: right when the answer says not found (未找到 / not found / 没有 … 信息) and states no
  figure (no number with a unit, no number with a thousands separator or a decimal point; years and page numbers
  are not figures).
- **Unsupported sentences** (narrative answers): a sentence is supported when at least half of its content units
  (Chinese character bigrams, Latin words of 3+ letters, numbers) are in the passages the answer was given.
- **Degenerate output**: empty; restating the question (character-bigram overlap ≥ 60% with the question and at
  most twice its length); a list of numbers without content (3+ list markers whose items average under 4
  characters of text); repetition (a sentence or line of 6+ characters three times, or a 12-character span four
  times).
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

# -- units --------------------------------------------------------------------------------------------
#: written unit → (family, multiplier, currency or "")
_ZH_UNITS = {
    "万亿元": ("money", 10 ** 12, "CNY"), "亿元": ("money", 10 ** 8, "CNY"), "百万元": ("money", 10 ** 6, "CNY"),
    "千万元": ("money", 10 ** 7, "CNY"), "万元": ("money", 10 ** 4, "CNY"), "千元": ("money", 10 ** 3, "CNY"),
    "元/股": ("per_share", 1, "CNY"), "元/kwh": ("price_kwh", 1, "CNY"), "元/千瓦时": ("price_kwh", 1, "CNY"),
    "元/度": ("price_kwh", 1, "CNY"), "元": ("money", 1, "CNY"), "亿美元": ("money", 10 ** 8, "USD"),
    "百万美元": ("money", 10 ** 6, "USD"), "万美元": ("money", 10 ** 4, "USD"), "美元": ("money", 1, "USD"),
    "个百分点": ("percent", 1, ""), "%": ("percent", 1, ""), "％": ("percent", 1, ""), "倍": ("ratio", 1, ""),
    "次": ("ratio", 1, ""), "亿股": ("shares", 10 ** 8, ""), "万股": ("shares", 10 ** 4, ""), "股": ("shares", 1, ""),
    "万人": ("people", 10 ** 4, ""), "人": ("people", 1, ""), "名": ("people", 1, ""), "万户": ("accounts", 10 ** 4, ""),
    "户": ("accounts", 1, ""), "百万吨": ("tonnes", 10 ** 6, ""), "万吨": ("tonnes", 10 ** 4, ""), "吨": ("tonnes", 1, ""),
    "万千瓦": ("kw", 10 ** 4, ""), "千瓦": ("kw", 1, ""), "兆瓦": ("mw", 1, ""), "小时": ("hours", 1, ""),
    "万公里": ("km", 10 ** 4, ""), "公里": ("km", 1, ""), "GW": ("gw", 1, ""), "亿": ("bare", 10 ** 8, ""),
    "万": ("bare", 10 ** 4, ""),
}
#: gold unit (shared format) → (family, multiplier, currency)
GOLD_UNITS = {
    "元": ("money", 1, "CNY"), "千元": ("money", 10 ** 3, "CNY"), "万元": ("money", 10 ** 4, "CNY"),
    "百万元": ("money", 10 ** 6, "CNY"), "亿元": ("money", 10 ** 8, "CNY"), "USD": ("money", 1, "USD"),
    "USD thousand": ("money", 10 ** 3, "USD"), "USD million": ("money", 10 ** 6, "USD"),
    "USD billion": ("money", 10 ** 9, "USD"), "%": ("percent", 1, ""), "倍": ("ratio", 1, ""), "次": ("ratio", 1, ""),
    "股": ("shares", 1, ""), "万股": ("shares", 10 ** 4, ""), "亿股": ("shares", 10 ** 8, ""),
    "元/股": ("per_share", 1, "CNY"), "USD/share": ("per_share", 1, "USD"), "人": ("people", 1, ""),
    "万户": ("accounts", 10 ** 4, ""), "户": ("accounts", 1, ""), "百万吨": ("tonnes", 10 ** 6, ""),
    "万吨": ("tonnes", 10 ** 4, ""), "兆瓦": ("mw", 1, ""), "万千瓦": ("kw", 10 ** 4, ""), "小时": ("hours", 1, ""),
    "万公里": ("km", 10 ** 4, ""), "GW": ("gw", 1, ""), "元/kwh": ("price_kwh", 1, "CNY"),
}
_SCALE_WORDS = {"trillion": 10 ** 12, "billion": 10 ** 9, "bn": 10 ** 9, "million": 10 ** 6, "mn": 10 ** 6,
                "thousand": 10 ** 3, "ten-thousand": 10 ** 4, "ten thousand": 10 ** 4, "hundred million": 10 ** 8}
_NUMBER = r"(?<![\d.,])[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_ZH_UNIT_RE = "|".join(sorted(map(re.escape, _ZH_UNITS), key=len, reverse=True))
_AMOUNT = re.compile(
    r"(?P<pre>US\$|\$|USD|RMB|CNY|人民币|¥|￥)?\s?(?P<num>" + _NUMBER + r")\s?"
    r"(?P<unit>(?:hundred million|ten[- ]thousand|trillion|billion|million|thousand|bn|mn)?\s?"
    r"(?:US dollars|dollars|yuan|RMB|USD|" + _ZH_UNIT_RE + r"|percentage points|percent|per share|times|shares|"
    r"employees|people|tonnes|tons|hours|x\b)?)", re.IGNORECASE)
_REFERENCE = re.compile(r"(?:第\s*\d+\s*[页节章条]|page\s*\d+|p\.\s*\d+|pages?\s*\d+(?:\s*[-–,]\s*\d+)*|\[\d{1,3}\]|"
                        r"（\s*第?\d+页\s*）|\{F\d+\})", re.IGNORECASE)


@dataclass
class Stated:
    """One number of an answer with the unit written beside it."""

    number: Decimal  # as written (absolute value)
    decimals: int
    family: str  # money, percent, shares … ; "" when no unit was written
    multiplier: Decimal
    currency: str
    text: str

    @property
    def amount(self) -> Decimal:
        return self.number * self.multiplier


def _decimal(text: str) -> Decimal | None:
    try:
        return abs(Decimal(text.replace(",", "").replace("−", "-")))
    except InvalidOperation:
        return None


def parse_amounts(text: str) -> list[Stated]:
    """Every number in ``text`` with its unit; references (第12页, [3], page 40), and bare years, left out."""
    clean = _REFERENCE.sub(" ", text)
    out: list[Stated] = []
    for m in _AMOUNT.finditer(clean):
        number = _decimal(m.group("num"))
        if number is None:
            continue
        raw = m.group("num")
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        unit = (m.group("unit") or "").strip()
        pre = (m.group("pre") or "").upper()
        family, multiplier, currency = "", Decimal(1), ""
        low = unit.lower()
        scale = next((v for k, v in _SCALE_WORDS.items() if low.startswith(k)), 1)
        rest = low[len(next((k for k in _SCALE_WORDS if low.startswith(k)), "")):].strip() if scale != 1 else low
        if rest in ("", "dollars", "us dollars", "usd", "yuan", "rmb") and (scale != 1 or rest or pre):
            family = "money"
            currency = ("USD" if (pre in ("$", "US$", "USD") or rest in ("dollars", "us dollars", "usd"))
                        else "CNY" if (pre in ("RMB", "CNY", "人民币", "¥", "￥") or rest in ("yuan", "rmb")) else "")
            multiplier = Decimal(scale)
        elif rest in ("percent", "percentage points"):
            family = "percent"
        elif rest == "per share":
            family, currency = "per_share", "USD" if pre in ("$", "US$", "USD") else ""
        elif rest in ("times", "x"):
            family = "ratio"
        elif rest == "shares":
            family, multiplier = "shares", Decimal(scale)
        elif rest in ("employees", "people"):
            family, multiplier = "people", Decimal(scale)
        elif rest in ("tonnes", "tons"):  # "23.9 million tonnes" is 23.9 百万吨
            family, multiplier = "tonnes", Decimal(scale)
        elif rest == "hours":
            family, multiplier = "hours", Decimal(scale)
        elif unit in _ZH_UNITS:
            family, mult, currency = _ZH_UNITS[unit]
            multiplier = Decimal(mult)
            if family == "bare":  # 6.66亿 / 4,000万 without a currency: money when a currency sign came first
                family = "money" if pre else "scaled"
            if pre and family == "money" and not currency:
                currency = "USD" if pre in ("$", "US$", "USD") else "CNY"
        elif scale != 1:
            family, multiplier = "scaled", Decimal(scale)
        if not family and decimals == 0 and "," not in raw and (1900 <= number <= 2100 or number < 13):
            continue  # a year, a month, a list marker
        out.append(Stated(number, decimals, family, multiplier, currency, m.group(0).strip()))
    return out


@dataclass
class Gold:
    value: Decimal
    decimals: int
    family: str
    multiplier: Decimal
    currency: str

    @property
    def amount(self) -> Decimal:
        return self.value * self.multiplier

    @classmethod
    def of(cls, answer: dict) -> "Gold":
        family, multiplier, currency = GOLD_UNITS.get(answer["unit"], ("other", 1, ""))
        value = Decimal(str(answer["value"]))
        text = format(value, "f")
        return cls(abs(value), len(text.split(".")[1]) if "." in text else 0, family, Decimal(multiplier),
                   answer.get("currency") or currency)


_UNIT_OPTIONAL = {"ratio", "people", "hours"}  # 流动比率 1.62, 41,011 employees: a bare number is fine
_SCALED_FAMILIES = {"money", "shares", "people", "accounts", "tonnes"}  # 6.66亿, 4,000万, "164 thousand"


def _close(stated_amount: Decimal, stated_step: Decimal, gold: Gold) -> bool:
    want = gold.amount
    gold_step = gold.multiplier * Decimal(10) ** -gold.decimals
    if want == 0:
        return stated_amount == 0
    difference = abs(stated_amount - want)
    return difference <= max(stated_step, gold_step) / 2 and difference <= abs(want) * Decimal("0.01")


def _comparable(stated: Stated, gold: Gold) -> bool:
    if stated.family == gold.family:
        return True
    if {gold.family, stated.family} == {"per_share", "money"} and stated.multiplier == 1 and gold.multiplier == 1:
        return True  # 每股净资产2.71元, EPS of $8.33 — or a gold EPS written "0.238元" answered "0.238元/股"
    return stated.family == "scaled" and gold.family in _SCALED_FAMILIES


def amount_verdict(stated: Stated, gold: Gold) -> str:
    """"right", "wrong_unit" or "" (another number) for one stated amount against the gold."""
    currency_ok = not stated.currency or not gold.currency or stated.currency == gold.currency
    if not stated.family:
        amount, step = stated.number * gold.multiplier, gold.multiplier * Decimal(10) ** -stated.decimals
        if gold.family in _UNIT_OPTIONAL and _close(amount, step, gold):
            return "right"
    else:
        step = stated.multiplier * Decimal(10) ** -stated.decimals
        if _comparable(stated, gold) and currency_ok and _close(stated.amount, step, gold):
            return "right"
    # Not right: is it the gold's digits under a unit that makes the amount wrong?
    digits = abs(stated.number - gold.value) <= Decimal(10) ** -min(stated.decimals, gold.decimals) / 2 and \
        abs(stated.number - gold.value) <= gold.value * Decimal("0.01")
    if digits and (stated.family or gold.family not in _UNIT_OPTIONAL):
        return "wrong_unit"
    significant = len(re.sub(r"\D", "", format(stated.number.normalize(), "f")).lstrip("0")) >= 3
    if significant and (stated.family in _SCALED_FAMILIES | {"scaled"}) and gold.family in _SCALED_FAMILIES:
        for multiplier in (1, 10 ** 3, 10 ** 4, 10 ** 6, 10 ** 8, 10 ** 9, 10 ** 12):
            if multiplier == stated.multiplier:
                continue
            if _close(stated.number * multiplier, Decimal(multiplier) * Decimal(10) ** -stated.decimals, gold):
                return "wrong_unit"  # the right digits for another multiplier than the one written
    if not currency_ok and _close(stated.amount, stated.multiplier * Decimal(10) ** -stated.decimals, gold):
        return "wrong_unit"
    return ""


# -- text normalisation and matching -------------------------------------------------------------------
_FULL_WIDTH = str.maketrans("（）：，；、　“”‘’", "():,;, \"\"''")


def normal(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(_FULL_WIDTH)).casefold()


def has_phrase(answer_normal: str, alternative: str) -> bool:
    words = [w for w in alternative.split() if w]
    return bool(words) and all(normal(w) in answer_normal for w in words)


def covered(answer: str, point: str) -> bool:
    text = normal(answer)
    return any(has_phrase(text, alt) for alt in point.split("|"))


_NOT_FOUND = re.compile(r"未找到|没有找到|未提及|没有提及|未披露|没有.{0,12}(?:信息|数据|资料|记录)|not found|no information|"
                        r"does not (?:contain|mention|include|disclose)|not (?:in|mentioned in) (?:the|your) documents|"
                        r"no (?:data|record|mention)", re.IGNORECASE)


def says_not_found(text: str) -> bool:
    return bool(_NOT_FOUND.search(text))


def states_a_figure(text: str) -> bool:
    return any(s.family or s.decimals or "," in s.text for s in parse_amounts(text))


# -- degenerate output and unsupported sentences ----------------------------------------------------------
def _bigrams(text: str) -> set[str]:
    flat = re.sub(r"[\s\W_]+", "", text)
    return {flat[i:i + 2] for i in range(len(flat) - 1)}


def degenerate_reason(answer: str, question: str) -> str:
    text = _REFERENCE.sub("", answer).strip()
    if len(re.sub(r"[\W_]+", "", text)) < 2:
        return "empty"
    a, q = _bigrams(text), _bigrams(question)
    # The question said back, adding nothing: an answer that mirrors the question's words but states a
    # figure or a name of its own ("Shenhua's coal exports in 2006 were 23.9 million tonnes") says something.
    new_figures = set(re.findall(r"\d[\d,.]*\d|\d", text)) - set(re.findall(r"\d[\d,.]*\d|\d", question))
    if q and len(a & q) / max(len(a | q), 1) >= 0.6 and len(text) <= 2 * len(question) + 10 \
            and not new_figures and len(a - q) < 3:
        return "restated question"
    items = re.split(r"(?:^|\s)(?:\d{1,2}[.、)）]|[-•·])\s*", text)
    markers = len(items) - 1
    if markers >= 3 and sum(len(re.sub(r"[\W\d_]+", "", i)) for i in items[1:]) / markers < 4:
        return "numbers without content"
    parts = [p.strip() for p in re.split(r"[。！？!?\n]|(?<=[a-z])\.\s", text) if len(p.strip()) >= 6]
    if any(parts.count(p) >= 3 for p in set(parts)):
        return "repetition"
    flat = re.sub(r"\s+", "", text)
    spans: dict[str, int] = {}
    for i in range(0, max(len(flat) - 11, 0)):
        span = flat[i:i + 12]
        spans[span] = spans.get(span, 0) + 1
        if spans[span] >= 4 and len(set(span)) > 3:
            return "repetition"
    return ""


def _units(text: str) -> set[str]:
    units = set(re.findall(r"[a-zA-Z]{3,}", text.lower())) - {"the", "and", "for", "with", "that", "this", "was",
                                                              "were", "from", "are", "its", "has", "have"}
    units |= {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
    cjk = re.findall(r"[\u4e00-\u9fff]+", text)
    units |= {run[i:i + 2] for run in cjk for i in range(len(run) - 1)}
    return units


def unsupported_sentences(answer: str, passages: list[str]) -> tuple[int, int]:
    """(unsupported, sentences) of ``answer`` against the passages it was given."""
    source = normal(" ".join(passages)).replace(",", "")
    total = unsupported = 0
    for sentence in re.split(r"[。！？!?\n]|(?<=[a-z0-9\]])\.\s", _REFERENCE.sub("", answer)):
        units = _units(sentence)
        if len(units) < 3 or says_not_found(sentence):
            continue
        total += 1
        found = sum(1 for u in units if normal(u) in source)
        unsupported += found / len(units) < 0.5
    return unsupported, total


# -- one answer against its gold --------------------------------------------------------------------------
@dataclass
class Verdict:
    right: bool
    partial: float | None = None  # coverage, recall or cells found, where the category has one
    wrong_unit: bool = False
    degenerate: str = ""
    unsupported: int = 0
    sentences: int = 0


def _amount_score(answer: str, gold: Gold) -> tuple[bool, bool]:
    verdicts = [amount_verdict(s, gold) for s in parse_amounts(answer)]
    wrong = "wrong_unit" in verdicts
    return ("right" in verdicts) and not wrong, wrong


def score_answer(question: dict, answer: str, *, not_found: bool, passages: list[str]) -> Verdict:
    """The verdict on ``answer`` (module docstring has the rules)."""
    if not question["answerable"]:
        honest = (not_found or says_not_found(answer)) and not states_a_figure(answer)
        return Verdict(right=honest)
    gold = question["answer"]
    degenerate = degenerate_reason(answer, question["q"]) if not not_found else ""
    verdict = Verdict(right=False, degenerate=degenerate)
    if "amount" in gold:
        verdict.right, verdict.wrong_unit = _amount_score(answer, Gold.of(gold))
    elif "cells" in gold:
        found, wrong = 0, False
        for cell in gold["cells"]:
            ok, bad = _amount_score(answer, Gold.of(cell))
            found += ok
            wrong |= bad
        verdict.partial = found / len(gold["cells"])
        verdict.right, verdict.wrong_unit = found == len(gold["cells"]) and not wrong, wrong
    elif "text" in gold:
        text = normal(answer)
        verdict.right = any(normal(name) in text for name in [gold["text"], *gold.get("aliases", [])] if name)
    elif "items" in gold:
        hits = sum(covered(answer, item) for item in gold["items"])
        verdict.partial = hits / len(gold["items"])
        verdict.right = hits == len(gold["items"])
    elif "key_points" in gold:
        hits = sum(covered(answer, point) for point in gold["key_points"])
        verdict.partial = hits / len(gold["key_points"])
        verdict.right = hits >= math.ceil(0.6 * len(gold["key_points"]))
    if not_found:
        verdict.right = False
    if "key_points" in gold or "items" in gold:
        verdict.unsupported, verdict.sentences = unsupported_sentences(answer, passages)
    return verdict


# -- answering ------------------------------------------------------------------------------------------
@dataclass
class Answered:
    text: str
    not_found: bool
    seconds: float
    passages: list[str] = field(default_factory=list)
    from_facts: bool = False


def _answer(question: str, library, engine, facts) -> Answered:
    from analyst_desk.core.drafting.answering import answer_question

    started = time.perf_counter()
    result = answer_question(question, library, engine, k=5, max_tokens=300, facts=facts)
    return Answered(text=result.text, not_found=bool(result.not_found), seconds=time.perf_counter() - started,
                    passages=[s.text for s in result.sources], from_facts=bool(getattr(result, "from_facts", False)))


def ask_app(context, engine, question: dict) -> Answered:
    """The app's Ask: facts first (figures, names, ratios the app decides), then passages and the model."""
    return _answer(question["q"], context.library, engine, context.fact_book())


def ask_passages_only(context, engine, question: dict) -> Answered:
    """Baseline: the same model answering from the top passages alone (no facts).

    A question the narrative route takes (summaries, why/how, lists, premises) is answered the way every
    such question was before that route: the five best passages, the relevance filter, the grounded prompt —
    otherwise the baseline would be the route it is measured against."""
    from analyst_desk.core.drafting.narrative.route import handles

    if not handles(question["q"]):
        return _answer(question["q"], context.library, engine, None)
    from bench.narrative import passages_only

    started = time.perf_counter()
    result = passages_only(question["q"], context.library, engine)
    return Answered(text=result.text, not_found=bool(result.not_found), seconds=time.perf_counter() - started,
                    passages=[s.text for s in result.sources])


#: (mode name, function(context, engine, question) -> Answered). bench/answers.py runs each for every model.
ANSWER_MODES = [("ask", ask_app), ("passages", ask_passages_only)]
