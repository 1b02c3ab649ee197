"""Answers the app builds from facts alone: derived ratios, comparisons (a small cited table) and lists.

Nothing here calls the model. A ratio is computed by :mod:`analyst_desk.core.facts.derived` and
written with its formula and each input with its page, labelled 计算值 / "computed"; a comparison
("A和B谁的X高", "X 2019–2021 的变化", "三家公司的营业收入") is a table of facts, one cited cell per
company × period, returned with the answer so the Ask pane can show it; a list question ("有哪些控股
子公司") is answered with the rows of the table that lists them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from analyst_desk.core.drafting.fact_use import english_amount, hits_for_facts, period_words, row_key
from analyst_desk.core.drafting.sources import Source
from analyst_desk.core.facts.derived import (
    Derived,
    Measure,
    amount_of,
    compute,
    growth,
    growth_formula,
    line_fact,
    share,
    shown_label,
    stock_periods,
)
from analyst_desk.core.facts.lookup import best_fact, label_key
from analyst_desk.core.library.table_facts.model import MONEY_UNITS, Fact, render


@dataclass
class Built:
    """Text the app wrote, the facts it cites (numbered as sources) and what the pane shows beside it."""

    text: str
    sources: list[Source]
    #: Strings the app wrote from facts or computed (exact by construction, for verification).
    written: list[str] = field(default_factory=list)
    derived: list[dict] = field(default_factory=list)
    table: dict | None = None
    facts: list[Fact] = field(default_factory=list)


class _Citer:
    """Numbers the passages of cited facts in order of first use."""

    def __init__(self, records: dict) -> None:
        self.records = records
        self.facts: list[Fact] = []
        self.numbers: dict[str, int] = {}

    def cite(self, fact: Fact) -> str:
        key = row_key(fact)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.facts.append(fact)
        return f"[{self.numbers[key]}]"

    def sources(self) -> list[Source]:
        hits = hits_for_facts(self.facts, self.records)
        return [Source.from_hit(h, self.numbers[h.chunk_id]) for h in hits]


def amount_words(fact: Fact, language: str) -> str:
    """A fact as written in an answer: printed digits and unit in Chinese, RMB millions in English."""
    if language != "zh" and fact.unit in MONEY_UNITS:
        return english_amount(fact)
    return render(fact, language)


def _page(fact: Fact, language: str) -> str:
    return f"（第{fact.page}页）" if language == "zh" else f" (page {fact.page})"


def _when(period: str, language: str) -> str:
    return period_words(period, language) if period else ""


def derived_sentence(derived: Derived, issuer: str, citer: _Citer, language: str, written: list[str]) -> str:
    """One derived figure: value, formula and each input with its page (computed), or the printed figure."""
    measure = derived.measure
    value = derived.value_text(language)
    written.append(value)
    when = _when(derived.period, language)
    name = measure.zh if language == "zh" else measure.en
    if derived.printed is not None:
        fact = derived.printed
        cite = citer.cite(fact)
        if language == "zh":
            return f"{issuer}{when}的{name}为{value}{_page(fact, language)}{cite}（报告所列）。"
        return f"{issuer + ' ' if issuer else ''}{name}, {when}: {value}{_page(fact, language)} {cite} (as printed)."
    formula = growth_formula(derived, language) if measure.key == "growth" else measure.formula(language)
    parts, seen = [], set()
    for item in derived.inputs:
        if row_key(item.fact) + item.fact.period in seen:
            continue
        seen.add(row_key(item.fact) + item.fact.period)
        amount = amount_words(item.fact, language)
        written.append(amount)
        label = shown_label(item.fact.row_label)
        parts.append(f"{label}（{_when(item.fact.period, language)}）{amount}{_page(item.fact, language)}{citer.cite(item.fact)}"
                     if language == "zh" else
                     f"{label} ({_when(item.fact.period, language)}) {amount}{_page(item.fact, language)} "
                     f"{citer.cite(item.fact)}")
    written.append(formula)
    notes = "".join(f"（{n}）" for n in derived.notes) if language == "zh" else ""
    if language == "zh":
        return (f"{issuer}{when}的{name}为{value}（计算值），计算公式：{name} = {formula}，所用数据：" + "，".join(parts)
                + notes + "。")
    return (f"{issuer + ' ' if issuer else ''}{name}, {when}: {value} (computed), formula: {name} = {formula}, inputs: "
            + ", ".join(parts) + ".")


def derived_answer(measure: Measure | None, growth_of: str | tuple[str, str], pools: dict[str, list[Fact]], names: dict[str, str],
                   periods: list[str], records: dict, language: str) -> tuple[Built | None, list[str]]:
    """The measure (or the growth of ``growth_of``, or its (part, whole) share) for every document in ``pools``;
    (None, missing names) when nothing could be computed. Several documents or periods also give a table."""
    citer, written, sentences, results = _Citer(records), [], [], []
    asked = _flow_periods(periods)
    missing = []
    for doc_id, facts in pools.items():
        targets = asked or [None]
        for period in targets:
            wanted = [period] if period else []
            if isinstance(growth_of, tuple):
                derived = share(*growth_of, facts, wanted or None)
            else:
                derived = growth(growth_of, facts, wanted or None) if growth_of else compute(measure, facts, wanted)
            if derived is None:
                missing.append(names.get(doc_id, ""))
                continue
            results.append((doc_id, derived))
            sentences.append(derived_sentence(derived, names.get(doc_id, ""), citer, language, written))
    if not results:
        return None, missing
    text = ("" if language == "zh" else " ").join(sentences)
    table = None
    if len(results) > 1:
        table = {"metric": results[0][1].measure.zh if language == "zh" else results[0][1].measure.en, "cells": [
            {"doc_id": d, "issuer": names.get(d, ""), "period": r.period, "value": str(r.value), "unit": r.unit,
             "value_text": r.value_text(), "computed": r.computed,
             "source": int(citer.cite(r.printed or r.inputs[0].fact).strip("[]"))} for d, r in results]}
        text += _comparison(table["cells"], language)
    return Built(text=text, sources=citer.sources(), written=written, derived=[r.to_json() for _, r in results],
                 table=table, facts=citer.facts), missing


def _flow_periods(periods: list[str]) -> list[str]:
    """The years/periods a question asks about, once each ("2009", "2009-12-31" → "2009")."""
    out = []
    for p in periods:
        base = p[:4] if re.fullmatch(r"\d{4}-12-31", p) else p
        if base not in out:
            out.append(base)
    return [p for p in out if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", p)] or out


def comparison_answer(metric: str, pools: dict[str, list[Fact]], names: dict[str, str], periods: list[str],
                      records: dict, language: str, *, own_names: dict[str, str] | None = None) -> Built | None:
    """A cited table of ``metric`` for each document × period; None when no cell is found.

    ``own_names`` gives, per document, the line its own tables print for what was asked, used where ``metric``
    is not printed (Intel's "Net cash provided by operating activities" beside McDonald's "Cash provided by
    operations"). A cell the tables do not print is said to be missing by company and period ("资料中未找到勤上
    光电2009年度的净利润"), beside the cells found — the model is never asked to fill it in."""
    citer, written, cells, facts_used, missing = _Citer(records), [], [], [], []
    years = sorted(_flow_periods(periods))
    for doc_id, facts in pools.items():
        for period in years or [None]:
            wanted = ([period, *stock_periods(period)] if period else None)
            fact = _cell(metric, facts, wanted)
            own = (own_names or {}).get(doc_id, "")
            if fact is None and own and own != metric:
                fact = _cell(own, facts, wanted)
            if fact is None:
                missing.append((names.get(doc_id, ""), period or ""))
                continue
            text = amount_words(fact, language)
            written.append(text)
            facts_used.append(fact)
            amount = amount_of(fact)
            cells.append({"doc_id": doc_id, "issuer": names.get(doc_id, ""), "period": fact.period,
                          "row_label": fact.row_label, "value": str(fact.value), "unit": fact.unit,
                          "amount": str(amount) if amount is not None else None, "value_text": text,
                          "page": fact.page, "source": int(citer.cite(fact).strip("[]")), "computed": False})
    if not cells or (len(cells) < 2 and not missing):
        return None
    lines = []
    for cell, fact in zip(cells, facts_used):
        label = shown_label(fact.row_label)
        who = cell["issuer"]
        when = _when(cell["period"], language)
        if language == "zh":
            lines.append(f"{who}{when}{label}为{cell['value_text']}{_page(fact, language)}[{cell['source']}]")
        else:
            lines.append(f"{who + ' ' if who else ''}{label}, {when}: {cell['value_text']}{_page(fact, language)} "
                         f"[{cell['source']}]")
    text = ("；".join(lines) + "。") if language == "zh" else ("; ".join(lines) + ".")
    # The missing cell named as the found ones print it ("Cash provided by operations"), not by a lookup key.
    extra = _comparison(cells, language) if not missing else _missing_cells(missing, facts_used[0].row_label
                                                                             if facts_used else metric, language)
    written += re.findall(r"[\d,.]+%|(?<=增加|减少)[\d,.]+", extra)
    return Built(text=text + extra, sources=citer.sources(), written=written,
                 table={"metric": metric, "cells": cells}, facts=facts_used)


def _cell(metric: str, facts: list[Fact], wanted: list[str] | None) -> Fact | None:
    fact = line_fact(metric, facts, wanted)
    if fact is None:
        match = best_fact(metric, facts, periods=wanted, min_score=0.8)
        fact = match.fact if match is not None else None
    return fact


def _missing_cells(missing: list[tuple[str, str]], metric: str, language: str) -> str:
    """The cells of a comparison the tables do not print, by company and period (no comparison is drawn)."""
    what = shown_label(metric)
    if language == "zh":
        return "".join(f"资料中未找到{who}{_when(period, 'zh')}的{what}。" for who, period in missing)
    return "".join(f" The documents do not give {what} for {' '.join(p for p in (who, _when(period, language)) if p)}."
                   for who, period in missing)



def _comparison(cells: list[dict], language: str) -> str:
    """Which is higher (several companies), or the change from first to last period (one company)."""
    def amount(cell) -> Decimal | None:
        if cell.get("amount") not in (None, "None"):
            return Decimal(cell["amount"])
        return Decimal(cell["value"]) if cell.get("unit") in ("%", "倍", "次", "天", "元/股", "") else None

    valued = [(c, amount(c)) for c in cells if amount(c) is not None]
    if len(valued) < 2:
        return ""
    cite = "[" + ", ".join(str(n) for n in dict.fromkeys(c["source"] for c, _ in valued)) + "]"
    issuers = {c["issuer"] for c, _ in valued}
    if len(issuers) > 1:
        best = max(valued, key=lambda cv: cv[1])[0]
        who = best["issuer"] or best["doc_id"]
        return f"其中{who}最高{cite}。" if language == "zh" else f" {who} is the highest {cite}."
    ordered = sorted(valued, key=lambda cv: cv[0]["period"])
    (first, a), (last, b) = ordered[0], ordered[-1]
    if a == 0 or first["period"] == last["period"]:
        return ""
    if first.get("unit") == "%":
        delta = (b - a).quantize(Decimal("0.01"))
        return (f"{_when(first['period'], 'zh')}至{_when(last['period'], 'zh')}变动{delta:+.2f}个百分点（计算值）{cite}。"
                if language == "zh" else f" From {first['period']} to {last['period']}: {delta:+.2f} percentage points "
                f"(computed) {cite}.")
    change = ((b - a) / abs(a) * 100).quantize(Decimal("0.01"))
    by = _difference(first, last, language)
    return (f"{_when(first['period'], 'zh')}至{_when(last['period'], 'zh')}{by}变动{change:+.2f}%（计算值）{cite}。"
            if language == "zh" else f" From {first['period']} to {last['period']}: {by}{change:+.2f}% (computed) {cite}.")


def _difference(first: dict, last: dict, language: str) -> str:
    """The change in amount between two cells printed in the same unit, in that unit and to the printed
    decimals ("增加70,945,981.40元，"); "" when the units differ (the percentage alone is then given)."""
    if language != "zh" or first.get("unit") != last.get("unit") or first.get("unit") not in MONEY_UNITS:
        return ""  # English amounts are restated in millions (english_amount): the percentage alone there
    a, b = Decimal(first["value"]), Decimal(last["value"])
    places = max(-a.as_tuple().exponent, -b.as_tuple().exponent, 0)
    delta = (b - a).quantize(Decimal(1).scaleb(-places))
    return f"{'增加' if delta >= 0 else '减少'}{abs(delta):,}{first['unit']}，"


#: The lists a prospectus prints as a table of its own, by the words its title uses. Other lists (products,
#: risks, segments) are prose or headings: the narrative route reads those.
_LIST_SYNONYMS = {"募投项目": ("募集资金投资项目", "募投项目"), "募集资金投资项目": ("募集资金投资项目",),
                  "前五大客户": ("前五名客户", "前五大客户", "前五名销售客户"), "前五名客户": ("前五名客户", "前五大客户"),
                  "前五大供应商": ("前五名供应商", "前五大供应商"), "前五名供应商": ("前五名供应商", "前五大供应商"),
                  "控股子公司": ("控股子公司", "全资子公司", "子公司"), "子公司": ("控股子公司", "全资子公司", "子公司")}
_NOT_ITEM = re.compile(r"^(?:合计|小计|总计|其中|其他|项目|序号|名称|客户名称|供应商名称|公司名称)$|合计|比例|%|/|收入|资产|负债|金额|"
                       r"余额|利润|资金需求|价值")


def list_answer(terms: list[str], pools: dict[str, list[Fact]], names: dict[str, str], records: dict,
                language: str) -> Built | None:
    """The rows of the table that lists what the question asks for ("有哪些控股子公司"), or None."""
    wanted = []
    for term in terms:
        key = re.sub(r"^(?:有哪些|哪些|主要|公司的?|的)", "", term)
        wanted += [*_LIST_SYNONYMS.get(key, ())]
    wanted = [w for w in dict.fromkeys(wanted) if len(w) >= 2]
    if not wanted:
        return None
    best: tuple[int, str, int, list[Fact]] | None = None
    for doc_id, facts in pools.items():
        tables: dict[int, list[Fact]] = {}
        for fact in facts:
            where = f"{fact.title} {fact.heading}"
            if any(w in where for w in wanted):
                tables.setdefault(fact.table_no, []).append(fact)
        for table_no, rows in tables.items():
            labels = {label_key(f.row_label) for f in rows}
            score = max(len(w) for w in wanted if any(w in f"{f.title} {f.heading}" for f in rows))
            if len(labels) >= 2 and (best is None or (score, len(labels)) > (best[0], len(best[3]))):
                best = (score, doc_id, table_no, rows)
    if best is None:
        return None
    _, doc_id, _, rows = best
    citer = _Citer(records)
    items, seen = [], set()
    for fact in sorted(rows, key=lambda f: (f.page, f.row_no)):
        label = re.sub(r"^\s*(?:\d{1,2}[、.．)）]|[（(]\d{1,2}[)）])\s*", "", fact.row_label).strip()
        if not label or _NOT_ITEM.match(label) or label in seen:
            continue
        seen.add(label)
        items.append((label, fact))
    if len(items) < 2 or len(items) < 0.6 * len({label_key(f.row_label) for f in rows}):
        return None  # mostly figures rather than names: not the table that lists them
    who = names.get(doc_id, "")
    parts = [f"{label}{citer.cite(fact)}" for label, fact in items]
    pages = sorted({f.page for _, f in items})
    if language == "zh":
        text = f"{who}所列共{len(items)}项（第{'、'.join(map(str, pages))}页）：" + "、".join(parts) + "。"
    else:
        text = f"{who + ': ' if who else ''}{len(items)} listed (page {', '.join(map(str, pages))}): " + "; ".join(parts) + "."
    return Built(text=text, sources=citer.sources(), written=[], table={"items": [label for label, _ in items],
                                                                        "pages": pages, "doc_id": doc_id},
                 facts=citer.facts)
