"""Derived figures computed by the app from printed facts: a catalogue of standard measures and a calculator.

A ratio is never typed by the model. ``find_measure("2019年毛利率是多少")`` names the measure
(毛利率 = (营业收入 − 营业成本) / 营业收入); :func:`compute` finds each input among the facts of one
document and one scope (合并 before 母公司, primary statements before summaries), for aligned periods
(a year's flows with that year-end's balances; averages of both year-ends when both are printed),
and returns the value with its formula and every input with its page. Measures a report prints and
that cannot be rebuilt from statement lines (净息差, 不良贷款率, 加权平均净资产收益率 …) are taken as
printed; the others are computed, and fall back to a printed figure only when an input is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from analyst_desk.core.cjk import HAN
from analyst_desk.core.facts.measures import (  # noqa: F401  (re-exported: the calculator's vocabulary)
    _CURRENCY,
    _SHARES,
    CATALOGUE,
    COMPONENTS,
    STOCKS,
    UNIT_FACTORS,
    Measure,
    Term,
    english_component,
)
from analyst_desk.core.library.table_facts.model import MONEY_UNITS, PERCENT, Fact

_GROWTH = re.compile(r"^(?P<metric>.+?)的?(?:同比)?(?:增长率|增速|增幅|同比增长率?|同比增减|同比变动|同比变化|变动率|变化率|增长比例)$|"
                     r"^(?:growth(?: rate)? (?:of|in) )(?P<metric_en>.+)$|^(?P<metric_en2>.+?) (?:growth(?: rate)?|"
                     r"year-over-year change|yoy change|yoy growth)$", re.I)


_ENUM_PREFIX = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．)）]|[（(][一二三四五六七八九十\d]{1,2}[)）]|其中[:：]|减[:：]|加[:：])")
_PRINTED_NOTE = re.compile(r"[（(][^）)]*(?:填列|号|注|单位|元|%|次|倍)[^）)]*[)）]$")


def shown_label(label: str) -> str:
    """A row label as an answer names it: the statement's numbering ("五、", "减：") and a printed note or
    unit in brackets ("（净亏损以“－”号填列）", "（万元）") go; a scope stays ("（母公司）")."""
    return _PRINTED_NOTE.sub("", _ENUM_PREFIX.sub("", label or "")).strip() or label


def _squeeze(text: str) -> str:
    text = re.sub(r"[（(][^）)]{0,8}[)）]", "", text)
    return re.sub(r"[\s　]+", " ", text.replace("（", "(").replace("）", ")")).strip().lower()


def _contains(text: str, alias: str) -> bool:
    if re.search(r"[a-z]", alias):
        return re.search(rf"(?<![a-z]){re.escape(alias)}(?![a-z])", text) is not None
    return alias in text


def find_measure(question: str, ignore: tuple[str, ...] | list[str] = ()) -> Measure | None:
    """The catalogue measure a question names (longest name found wins), or None.

    ``ignore``: words to read past (the companies the question names, as the query reader found them).
    """
    for word in sorted(ignore, key=len, reverse=True):
        question = question.replace(word, " ")
    text = _squeeze(question)
    text = re.sub(r"周转了?(?:几|多少)次", "周转率", text)  # "存货周转了几次" asks for 存货周转率
    squeezed = text.replace(" ", "") if re.search(r"[" + HAN + r"]", text) else text
    best: tuple[int, Measure] | None = None
    for measure in CATALOGUE:
        for name in measure.names():
            alias = _squeeze(name)
            haystack = squeezed if re.search(r"[" + HAN + r"]", alias) else text
            if _contains(haystack, alias) and (best is None or len(alias) > best[0]):
                best = (len(alias), measure)
    if best is None:
        return None
    measure = best[1]
    # "主营业务毛利率" / "母公司资产负债率" name a printed figure of another scope: not ours to compute.
    name = next(_squeeze(n) for n in sorted(measure.names(), key=len, reverse=True) if _contains(
        squeezed if re.search(r"[" + HAN + r"]", n) else text, _squeeze(n)))
    before = squeezed[:squeezed.find(name)] if name in squeezed else ""
    before = re.sub(r"(?:请问|一共|总共|大约|共有|拥有|现有|有多少|多少|有几)+$", "", before)  # "有多少员工" asks, not qualifies
    if re.search(r"(主营业务|母公司|分部|产品|业务的?)$", before) or re.search(r"母公司(?!股东|所有者|普通股)", squeezed):
        return None
    # "企业贷款不良率", "扣非后加权平均净资产收益率": a qualifier right before the name makes it another
    # figure (a segment's, another basis) — the printed row is looked up instead.
    # "员工费用", "员工薪酬", "employee costs": the word after the name makes it another quantity (money paid).
    after = squeezed[squeezed.find(name) + len(name):] if name in squeezed else ""
    if re.match(r"(?:费用|薪酬|成本|支出|工资|福利|持股|costs?\b|expenses?\b|compensation\b|benefits?\b)", after, re.I):
        return None
    qualifier = re.search(r"([" + HAN + r"]{2,})$", re.sub(r"(?:19|20)\d{2}.*?(?:年末|年度|年|末)", " ", before))
    if qualifier and not re.fullmatch(r"(?:[^的]{0,8}?的)?(?:归属于[" + HAN + r"]{2,12}?的?)?(?:合并口径|合并报表|合并|集团|本集团|"
                                      r"公司|本公司|本行|期末|年末|全年|报告期|当期|最近一期|的)*", qualifier.group(1)):
        return None
    return measure


_GROWTH_WORDS = re.compile(r"同比增长率?|同比增速|同比增幅|同比变动|同比变化|同比|增长率|增速|增幅|增长了?多少|增长幅度|增长比例|较上年增长|"
                           r"\bgrowth(?: rate)?\b|\bgrow(?:n|th)?\b|\byear[- ]over[- ]year\b|\byoy\b", re.I)
_SHORT_METRICS = {"营收": "营业收入", "收入": "营业收入", "净利": "净利润", "利润": "净利润", "总资产": "资产总计"}


def growth_metric(question: str, metric_terms: list[str] | tuple[str, ...]) -> str:
    """The metric whose growth over the prior year a question asks for ("营收同比增长多少" → "营业收入";
    "By how much did net revenue grow" → its glossary term), or ""."""
    if not _GROWTH_WORDS.search(question):
        return ""
    for term in metric_terms:
        if not re.search(r"[" + HAN + r"]", term):
            continue
        core = _GROWTH_WORDS.sub("", term).strip(" 的")
        core = re.sub(r"(?:了|是|为|多少|较上年|比上年|相比)+$", "", core)
        # "营业收入比上年增长了多少": the growth words were cut; the comparison words before them go too.
        core = re.sub(r"(?:较上年|比上年|较上期|比上期|相比上年|同比)?(?:增长|增加|上升|下降|减少|变动|变化)$", "", core)
        core = _SHORT_METRICS.get(core, core)
        if len(core) >= 2:
            return core
    return ""


def line_fact(metric: str, facts: list[Fact], periods: list[str] | None) -> Fact | None:
    """The fact for a standard statement line by any of its printed names ("营业收入" is printed "一、营业总收入"
    in one prospectus, "营业收入" in another), group scope and primary statement first; None when ``metric`` is
    not a standard line."""
    from analyst_desk.core.facts.lookup import label_key

    key = label_key(metric).replace("的", "")
    component = next((c for c, names in COMPONENTS.items()
                      if key in {label_key(n).replace("的", "") for n in (c, *names)}), None)
    if component is None:
        return None
    candidates = _index(facts).get(component, [])
    if not candidates:
        return None
    if not periods:
        latest = max(candidates, key=lambda f: (f.period[:4], len(f.period) == 4, f.period))
        periods = [latest.period]
    return _pick(candidates, periods)


@dataclass
class Input:
    """One fact a derived figure was computed from, with its base-unit amount."""

    component: str
    fact: Fact
    amount: Decimal
    role: str = ""  # "end", "start" (averages) or ""


@dataclass
class Derived:
    """A derived figure: value, unit, formula and the cited facts it came from."""

    measure: Measure
    period: str
    value: Decimal
    unit: str
    inputs: list[Input] = field(default_factory=list)
    #: The printed fact when the measure was taken as printed (then ``computed`` is False).
    printed: Fact | None = None
    #: Notes: "期末余额（上期末未列示，未取平均）".
    notes: list[str] = field(default_factory=list)

    @property
    def computed(self) -> bool:
        return self.printed is None

    def value_text(self, language: str = "zh") -> str:
        """"23.15%", "1.52倍", "3.40次", "45.6天", "0.35元/股" — in English "1.52 times", "45.6 days"."""
        if self.printed is not None:
            return self.printed.value_text.strip() + ("" if self.printed.unit in self.printed.value_text else
                                                      self.printed.unit)
        places = 1 if self.unit == "天" else 2
        value = self.value.quantize(Decimal(1).scaleb(-places))
        unit = self.unit if language == "zh" else _ENGLISH_UNITS.get(self.unit, self.unit)
        return f"{value:,.{places}f}{unit}"

    def to_json(self) -> dict:
        return {"measure": self.measure.zh, "measure_en": self.measure.en, "period": self.period,
                "value": str(self.value), "unit": self.unit, "value_text": self.value_text(),
                "computed": self.computed, "formula": self.measure.formula("zh"),
                "formula_en": self.measure.formula("en"),
                "inputs": [{"component": i.component, "role": i.role, "row_label": i.fact.row_label,
                            "value_text": i.fact.value_text, "unit": i.fact.unit, "period": i.fact.period,
                            "page": i.fact.page, "doc_id": i.fact.doc_id} for i in self.inputs],
                "printed": self.printed.to_json() if self.printed is not None else None, "notes": self.notes}


def amount_of(fact: Fact) -> Decimal | None:
    """The fact's value in base units (yuan, dollars, shares), or None when its unit is not an amount."""
    factor = UNIT_FACTORS.get(fact.unit)
    return fact.value * factor if factor is not None else None


def currency_of(unit: str) -> str:
    return _CURRENCY.get(unit, "")


def _scope_rank(fact: Fact) -> int:
    """0 for the group (合并), 1 unknown, 2 the parent company alone (母公司)."""
    scope = str(getattr(fact, "scope", "") or fact.extra.get("scope", "")).lower()
    if scope in ("consolidated", "合并", "group"):
        return 0
    if scope in ("parent", "母公司", "company"):
        return 2
    where = f"{fact.title} {fact.heading} {fact.column}"
    if re.search(r"母公司(?!股东|所有者)|本行(?!股东)|parent company", where, re.I):
        return 2
    return 0 if re.search(r"合并|consolidated|本集团", where, re.I) else 1


def kind_rank(fact: Fact) -> int:
    """0 for a primary statement, 1 a key-figures summary, 2 anything else (notes, ratio denominators)."""
    kind = str(getattr(fact, "table_kind", "") or fact.extra.get("table_kind", "")).lower()
    if kind in ("statement", "primary", "primary_statement"):
        return 0
    if kind in ("key_figures", "summary", "key"):
        return 1
    if kind:
        return 2
    where = f"{fact.title} {fact.heading}"
    if re.search(r"主要(?:会计|财务)?数据|财务指标|财务摘要|简要|摘要|selected financial data", where, re.I):
        return 1
    if re.search(r"资产负债表|利润表|损益表|现金流量表|balance sheets?|statements? of (?:operations|income|cash flows)", where, re.I):
        return 0
    return 2


def _label_matches(label: str, names: tuple[str, ...]) -> bool:
    from analyst_desk.core.facts.lookup import label_key, same_qualified_figure

    key = label_key(label).replace("：", ":")
    key = re.sub(r"^(?:其中[:：]?|(?:减|加)[:：])", "", key)
    key = re.sub(r"[:：,，]$", "", key)
    # An English statement totals a line it itemises above ("Total cost of revenues"): the line itself.
    bare = re.sub(r"^total\s*", "", key) if re.match(r"total\s*[a-z]", key) else key
    return any(label_key(n) in (key, bare) or same_qualified_figure(label, n) for n in names)


def _index(facts: list[Fact]) -> dict[str, list[Fact]]:
    """Facts by component name (a fact may serve several components)."""
    by: dict[str, list[Fact]] = {}
    for fact in facts:
        if fact.kind != "value" or not fact.period:
            continue
        for component, names in COMPONENTS.items():
            if _label_matches(fact.row_label, names):
                by.setdefault(component, []).append(fact)
    return by


def _same_period(fact_period: str, period: str) -> bool:
    """"FY2022" and "2022" are one fiscal year; otherwise periods must be equal."""
    return fact_period == period or fact_period.upper().removeprefix("FY") == period.upper().removeprefix("FY")


def _year_twins(period: str) -> set[str]:
    if re.fullmatch(r"\d{4}", period):
        return {f"{period}-12-31"}
    return {period[:4]} if re.fullmatch(r"\d{4}-12-31", period) else set()


def fiscal_year_end(candidates: list[Fact], year: str) -> str:
    """The balance date that closes fiscal ``year`` among the candidates' periods (Apple's 2022-09-24,
    Oracle's 2022-05-31): the latest date in that year, or ""."""
    dates = sorted({f.period for f in candidates if re.fullmatch(rf"{year}-\d{{2}}-\d{{2}}", f.period)})
    return dates[-1] if dates else ""


def _pick(candidates: list[Fact], periods: list[str], *, money: bool = True) -> Fact | None:
    """The best fact among ``candidates`` for the first of ``periods`` that has one: group scope, primary
    statement, the value most tables agree on, earliest page. A year whose balance date is not 31 December
    (a fiscal year ending in September) takes the latest balance date printed for that year."""
    periods = list(periods)
    for period in list(periods):
        if re.fullmatch(r"(?:FY)?\d{4}", period, re.I):
            end = fiscal_year_end(candidates, period[-4:])
            if end and end not in periods:
                periods.append(end)
    for period in periods:
        # A year and its closing date name one year's figure: the statement's "2006.12.31" column beside a note's
        # "2006" (an acquired company's 帐面价值) — the statement's own line then wins below.
        here = [f for f in candidates if (_same_period(f.period, period) or f.period in _year_twins(period))
                and (amount_of(f) is not None or not money)]
        if not here:
            continue
        votes: dict[Decimal, int] = {}
        for f in here:
            votes[amount_of(f) or f.value] = votes.get(amount_of(f) or f.value, 0) + 1
        # The cell settled at import as the primary one (the statement's own line) before the value most tables
        # repeat: Oracle's share-based compensation table prints "Research and development 1,633" twice over,
        # the income statement 7,219 once.
        return min(here, key=lambda f: (_scope_rank(f), kind_rank(f), not getattr(f, "primary", False),
                                        -votes[amount_of(f) or f.value], f.page, f.table_no, f.row_no))
    return None


def stock_periods(period: str) -> list[str]:
    """Balance dates aligned with a flow period: "2009" → ["2009-12-31", "2009"]; "2010H1" → ["2010-06-30", …]."""
    year, rest = period[:4], period[4:]
    ends = {"": [f"{year}-12-31", year], "H1": [f"{year}-06-30", f"{year}H1"], "Q1": [f"{year}-03-31", f"{year}Q1"],
            "Q3": [f"{year}-09-30", f"{year}Q3"], "9M": [f"{year}-09-30", f"{year}9M"]}
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period):
        return [period] + ([year] if period.endswith("-12-31") else [])
    return ends.get(rest, [period])


def flow_periods(period: str) -> list[str]:
    """Flow periods aligned with a balance date: "2009-12-31" → ["2009"]; "2010-06-30" → ["2010H1"]."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period):
        year, md = period[:4], period[5:]
        return {"12-31": [year], "06-30": [f"{year}H1"], "03-31": [f"{year}Q1"], "09-30": [f"{year}9M", f"{year}Q3"]}.get(
            md, [])
    return [period]


def prior_end(period: str) -> list[str]:
    """The balance date one period earlier for averages: the previous year-end (both for a year and an
    interim period, as reports average interim turnover over the opening balance)."""
    year = int(period[:4]) - 1
    return [f"{year}-12-31", str(year)]


def _base_period(period: str) -> str:
    """The flow period a question's period names ("2009-12-31" → "2009")."""
    flows = flow_periods(period)
    return flows[0] if flows else period


def candidate_periods(measure: Measure, facts_by: dict[str, list[Fact]], asked: list[str]) -> list[str]:
    """Periods to try, best first: the asked ones, else every period the first input prints, latest first."""
    if asked:
        return list(dict.fromkeys(_base_period(p) for p in asked))
    first = (measure.numerator or measure.denominator)[0].component if (measure.numerator or measure.denominator) else ""
    periods = {(_base_period(f.period.upper().removeprefix("FY"))) for f in facts_by.get(first, [])}
    periods = {p[:4] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", p) and first in STOCKS else p for p in periods}
    return sorted((p for p in periods if p[:4].isdigit()), key=lambda p: (p[:4], len(p) == 4, p), reverse=True)


def _printed(measure: Measure, facts: list[Fact], periods: list[str]) -> Fact | None:
    labels = measure.printed_labels or (measure.zh,)
    candidates = [f for f in facts if f.kind == "value" and f.period and _label_matches(f.row_label, labels)]
    if not candidates:
        # "归属于母公司所有者的每股净资产" for 每股净资产: the measure's name after an attribution phrase.
        from analyst_desk.core.facts.lookup import label_key

        names = [label_key(n) for n in (*labels, measure.zh)]
        candidates = [f for f in facts if f.kind == "value" and f.period and any(
            re.fullmatch(r"归属于[" + HAN + r"]{2,12}?的?" + re.escape(n), label_key(f.row_label)) for n in names)]
    if not candidates:
        # An English statement prints the measure in its own words ("Earnings per common share—diluted" for
        # diluted EPS): the label whose words best cover one of the measure's English names.
        from analyst_desk.core.facts.lookup import english_metrics, label_key

        english = [n for n in measure.names() if n and not re.search(r"[" + HAN + r"]", n) and len(n) > 4]
        labels = sorted({f.row_label for f in facts if f.kind == "value" and f.period
                         and not re.search(r"[" + HAN + r"]", f.row_label)})
        keys = next((found for name in english if (found := english_metrics(name, labels))), [])
        candidates = [f for f in facts if f.kind == "value" and f.period and keys and label_key(f.row_label) == keys[0]]
    # A ratio is never printed as an amount: "Gross profit, USD 22,992 million" is no gross margin.
    candidates = [f for f in candidates if not _an_amount_for_a_ratio(measure, f)]
    wanted = [q for p in periods for q in [p, *stock_periods(p)]] if periods else None
    if not candidates:
        return None
    if wanted is None:
        latest = max(candidates, key=lambda f: (f.period[:4], len(f.period) == 4, f.period.endswith("-12-31")))
        wanted = [latest.period]
    return _pick(candidates, list(dict.fromkeys(wanted)), money=False)


def _an_amount_for_a_ratio(measure: Measure, fact: Fact) -> bool:
    """True when ``fact`` is money (万元, USD million) while the measure is a ratio, a multiple or a count."""
    money = fact.unit in MONEY_UNITS or (fact.unit.startswith("USD") and "share" not in fact.unit)
    return money and measure.unit in ("%", "倍", "次", "天", "人")


def compute(measure: Measure, facts: list[Fact], periods: list[str] | None = None) -> Derived | None:
    """The measure for the first of ``periods`` (else the latest period) its inputs allow, from ``facts`` of one
    document. None when neither the inputs nor a printed figure are there."""
    asked = list(periods or [])
    if measure.printed_first or not measure.numerator:
        printed = _printed(measure, facts, asked)
        if printed is not None:
            return Derived(measure, printed.period, printed.value, printed.unit or measure.unit, printed=printed)
    if measure.numerator:
        by = _index(facts)
        for period in candidate_periods(measure, by, asked):
            derived = _compute_for(measure, by, period)
            if derived is not None:
                return derived
    if not measure.printed_first:
        printed = _printed(measure, facts, asked)
        if printed is not None:
            return Derived(measure, printed.period, printed.value, printed.unit or measure.unit, printed=printed)
    return None


def _term_value(term: Term, by: dict[str, list[Fact]], period: str, notes: list[str]) -> tuple[Decimal, list[Input]] | None:
    candidates = by.get(term.component, [])
    stock = term.component in STOCKS
    money = term.component != "股本" or True
    end = _pick(candidates, stock_periods(period) if stock else [period], money=money)
    if end is None:
        return None
    amount = amount_of(end)
    if amount is None:
        return None
    if term.average:
        start = _pick(candidates, prior_end(period), money=money)
        if start is not None and amount_of(start) is not None:
            return (amount + amount_of(start)) / 2, [Input(term.component, end, amount, "end"),
                                                    Input(term.component, start, amount_of(start), "start")]
        notes.append(f"{term.component}：上期末未列示，按期末余额计算")
    return amount, [Input(term.component, end, amount)]


def _side(terms: tuple[Term, ...], by, period: str, notes: list[str]) -> tuple[Decimal, list[Input]] | None:
    total, inputs = Decimal(0), []
    currencies = set()
    for term in terms:
        found = _term_value(term, by, period, notes)
        if found is None:
            if term.optional:
                continue
            return None
        value, used = found
        total += term.sign * value
        inputs += used
        currencies |= {currency_of(i.fact.unit) for i in used if currency_of(i.fact.unit)}
    if len(currencies) > 1:
        return None  # yuan and dollars: not one scope
    return total, inputs


def _compute_for(measure: Measure, by: dict[str, list[Fact]], period: str) -> Derived | None:
    notes: list[str] = []
    top = _side(measure.numerator, by, period, notes)
    if top is None:
        return None
    bottom = _side(measure.denominator, by, period, notes) if measure.denominator else (Decimal(1), [])
    if bottom is None or bottom[0] == 0:
        return None
    inputs = top[1] + bottom[1]
    if len({i.fact.doc_id for i in inputs}) != 1:
        return None
    if measure.unit == "元/股" and not all(i.fact.unit in _SHARES for i in bottom[1]):
        return None  # share capital printed in yuan is not a share count
    try:
        ratio = top[0] / bottom[0]
    except (InvalidOperation, ZeroDivisionError):
        return None
    if measure.unit == PERCENT:
        value = ratio * 100
    elif measure.unit == "天":
        if ratio == 0:
            return None
        value = Decimal(360) / ratio
    else:
        value = ratio
    scopes = {_scope_rank(i.fact) for i in inputs}
    if 0 in scopes and 2 in scopes:
        return None  # group and parent figures do not mix
    if not _plausible(measure, value):
        return None  # an input read from the wrong table (a per-share "24.58元" as equity): not a result to show
    if measure.key.startswith("roe_weighted"):
        notes.append("报告未列示该指标，按期初期末平均净资产近似计算，与加权平均口径可能不同")
    return Derived(measure, period, value, measure.unit, inputs=inputs, notes=notes)


_ENGLISH_UNITS = {"倍": " times", "次": " times", "天": " days", "元/股": " yuan per share"}
_BOUNDS = {PERCENT: Decimal(1000), "倍": Decimal(1000), "次": Decimal(1000), "天": Decimal(3650), "元/股": Decimal(10000)}


def _plausible(measure: Measure, value: Decimal) -> bool:
    """A computed result within what the measure can be (a margin of 81,672,731% is an input error)."""
    bound = _BOUNDS.get(measure.unit)
    return bound is None or abs(value) <= bound


def growth(metric: str, facts: list[Fact], periods: list[str] | None = None, *, min_score: float = 0.8) -> Derived | None:
    """The change of ``metric`` over the prior year, computed from the two printed values (labelled computed)."""
    from analyst_desk.core.facts.lookup import best_fact

    asked = [q for p in (periods or []) for q in (p, *stock_periods(p))] or None
    current = line_fact(metric, facts, asked)
    if current is None:
        match = best_fact(metric, facts, periods=asked, min_score=min_score)
        current = match.fact if match is not None else None
    if current is None or not current.period[:4].isdigit():
        return None
    prior_period = str(int(current.period[:4]) - 1) + current.period[4:]
    line = line_fact(metric, facts, [prior_period])
    if line is not None and _scope_rank(line) == _scope_rank(current):
        return _growth_of(current, line)
    row = [f for f in facts if f.doc_id == current.doc_id and f.table_no == current.table_no
           and f.row_no == current.row_no and f.kind == "value" and f.period == prior_period]
    if not row:
        same = [f for f in facts if f.kind == "value" and f.doc_id == current.doc_id and f.period == prior_period
                and f.row_label == current.row_label]
        row = sorted(same, key=lambda f: (_scope_rank(f) != _scope_rank(current), f.page))
    if not row:
        return None
    return _growth_of(current, row[0])


def _growth_of(current: Fact, previous: Fact) -> Derived | None:
    a, b = amount_of(current), amount_of(previous)
    if a is None or b is None:
        if current.unit == previous.unit:
            a, b = current.value, previous.value
        else:
            return None
    if b == 0:
        return None
    measure = Measure("growth", f"{shown_label(current.row_label)}增长率", f"{shown_label(current.row_label)} growth", (),
                      (Term(current.row_label),), (Term(current.row_label),))
    value = (a - b) / abs(b) * 100
    return Derived(measure, current.period, value, PERCENT,
                   inputs=[Input(shown_label(current.row_label), current, a, "end"),
                           Input(shown_label(current.row_label), previous, b, "start")])


def growth_formula(derived: Derived, language: str = "zh") -> str:
    name = derived.inputs[0].component if derived.inputs else ""
    if language == "zh":
        return f"(本期{name} − 上期{name}) / |上期{name}| × 100%"
    return f"({name} this period − prior period) / |prior period| × 100%"


_SHARE_ZH = re.compile(r"(?P<part>[" + HAN + r"A-Za-z]{2,20}?)占(?P<whole>[" + HAN + r"A-Za-z]{2,20}?)的?(?:比例|比重|百分比|份额)")
_SHARE_EN = re.compile(r"(?:what )?(?:share|percentage|proportion|portion) of (?:\w+(?:'s|’s) )?(?:(?:FY|fiscal )?\d{4} )?"
                       r"(?P<whole>[a-z][a-z &\-]+?) (?:came|come|comes|was|were) from (?P<part>[A-Za-z][A-Za-z &\-]+)|"
                       r"(?P<part2>[A-Za-z][A-Za-z &\-]+?) as a (?:share|percentage|proportion) of (?P<whole2>[A-Za-z][A-Za-z &\-]+)",
                       re.I)


def share_question(question: str) -> tuple[str, str] | None:
    """(part, whole) when a question asks what share of one line another is ("服务收入占营业收入的比例",
    "What share of net sales came from Services?"), else None."""
    match = _SHARE_ZH.search(question)
    if match:
        return re.sub(r"^(?:年度|年末|年|末|度|的)+", "", match.group("part")), match.group("whole")
    match = _SHARE_EN.search(question)
    if match:
        part = match.group("part") or match.group("part2")
        whole = match.group("whole") or match.group("whole2")
        whole = re.sub(r"\s+(?:in|for|of)\s+(?:fiscal\s+)?(?:FY)?\d{4}.*$", "", whole.strip(), flags=re.I)
        part = re.sub(r"\s+(?:in|for|of)\s+(?:fiscal\s+)?(?:FY)?\d{4}.*$", "", part.strip(" ?."), flags=re.I)
        trailing = r"\s+(?:in|for|of|at|during|the)$"
        return re.sub(trailing, "", part.strip(), flags=re.I), re.sub(trailing, "", whole.strip(), flags=re.I)
    return None


def share(part: str, whole: str, facts: list[Fact], periods: list[str] | None = None) -> Derived | None:
    """``part`` / ``whole`` × 100% from two printed lines of one document and one period."""
    from analyst_desk.core.facts.lookup import best_fact

    asked = [q for p in (periods or []) for q in (p, *stock_periods(p))] or None
    whole_fact = line_fact(whole, facts, asked)
    if whole_fact is None:
        match = best_fact(whole, facts, periods=asked, min_score=0.8)
        whole_fact = match.fact if match is not None else None
    if whole_fact is None:
        return None
    same = [f for f in facts if f.doc_id == whole_fact.doc_id and _same_period(f.period, whole_fact.period)]
    part_fact = None
    # The part as the same table breaks the whole down (Apple's net sales: Products, Services), else anywhere.
    for pool in ([f for f in same if f.table_no == whole_fact.table_no], same):
        part_fact = line_fact(part, pool, [whole_fact.period])
        if part_fact is None:
            match = best_fact(part, pool, periods=[whole_fact.period], min_score=0.8)
            part_fact = match.fact if match is not None else None
        if part_fact is not None and part_fact is not whole_fact:
            break
    if part_fact is None or part_fact is whole_fact:
        return None
    a, b = amount_of(part_fact), amount_of(whole_fact)
    if a is None or b is None or b == 0 or currency_of(part_fact.unit) != currency_of(whole_fact.unit):
        return None
    measure = Measure("share", f"{shown_label(part_fact.row_label)}占{shown_label(whole_fact.row_label)}的比例",
                      f"{shown_label(part_fact.row_label)} as a share of {shown_label(whole_fact.row_label)}", (),
                      (Term(part_fact.row_label),), (Term(whole_fact.row_label),))
    return Derived(measure, whole_fact.period, a / b * 100, PERCENT,
                   inputs=[Input(shown_label(part_fact.row_label), part_fact, a),
                           Input(shown_label(whole_fact.row_label), whole_fact, b)])
