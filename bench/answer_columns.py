"""Answer columns of bench/answers.py: each model answers every dev-set question through the app's Ask.

For every model (--models, paths or names) the app answers all questions with ``answer_question`` —
facts first, then passages and the model — and the columns report:

- correct: figure/table questions whose expected value (any unit by exact rule: 146,695 百万元 =
  1,466.95 亿元) is stated; text questions whose expected wording is (mostly) there; answerable only;
- figures exact / computed / flagged / wrong: every figure in every answer (years, dates and section
  numbers excluded). *exact* = printed on a cited page; *computed* = a change the app computed from two
  facts and labelled （计算值）/(computed); *flagged*
  = carries a flag; *wrong* = neither flagged nor found by an independent check on the cited pages'
  raw PDF text (digits printed there, in the unit printed there) — the number the issue wants at 0;
  *wrong unit* = its digits are on the cited page but in another unit, unflagged;
- not-found acc.: unanswerable questions answered "not found" (and answerable ones wrongly so);
- s/answer: wall-clock seconds per answer, model loading excluded.

Baseline in the same run: the first model answering from the passages alone (facts off), which is
how Ask worked before facts.
"""

from __future__ import annotations

import re
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

_MONEY = {"元": Decimal(1), "千元": Decimal(10) ** 3, "万元": Decimal(10) ** 4, "百万元": Decimal(10) ** 6,
          "亿元": Decimal(10) ** 8}
_NOT_FOUND = ("资料中未找到", "not found in your documents", "未找到")


def _digits(text: str) -> str:
    return re.sub(r"[^\d.]", "", text)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def states_value(answer: str, expected: str, unit: str) -> bool:
    """The answer states ``expected`` (as printed, or converted between money units by exact rule)."""
    from analyst_desk.core.drafting.figure_match import find_figures

    want = _decimal(expected)
    if want is None:
        return False
    for figure in find_figures(answer):
        if figure.kind == "date":
            continue
        if unit in _MONEY and figure.kind == "amount":
            if abs(figure.value - want * _MONEY[unit]) <= figure.factor * Decimal(10) ** (-figure.decimals) / 2:
                return True
            continue
        written = figure.value / figure.factor if figure.kind == "amount" else figure.value
        if abs(abs(written) - want) <= Decimal(10) ** (-max(figure.decimals, 0)) / 2 and \
                _digits(figure.text).strip(".").lstrip("0")[:3] == _digits(expected).lstrip("0")[:3]:
            return True
    return False


def states_text(answer: str, expected: str) -> bool:
    parts = [p for p in re.split(r"[、，,；;]", expected) if p.strip()]
    hits = 0
    for part in parts:
        grams = {part[i:i + 2] for i in range(len(part) - 1)} or {part}
        hits += sum(1 for g in grams if g in answer) / len(grams) >= 0.6
    return hits >= max(1, len(parts) // 2)


class PageText:
    """Raw PDF text of cited pages (whitespace removed), for the independent figure check."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, int], str] = {}

    def get(self, path: str, page: int) -> str:
        key = (path, page)
        if key not in self._cache:
            import pymupdf

            try:
                with pymupdf.open(path) as doc:
                    self._cache[key] = re.sub(r"\s+", "", doc[page - 1].get_text()) if 0 < page <= doc.page_count else ""
            except (RuntimeError, ValueError, OSError):  # not a PDF, or gone: nothing to check against
                self._cache[key] = ""
        return self._cache[key]


def figure_on_pages(figure, pages: list[str]) -> tuple[bool, bool]:
    """(printed, printed in another unit): the figure's digits on a page, and whether its unit is too."""
    digits = re.sub(r"[^\d.,]", "", figure.text.split("%")[0]).strip(".,")
    if not digits:
        return True, False
    bare = digits.replace(",", "")
    for page in pages:
        flat = page.replace(",", "")
        if bare and bare in flat:
            if figure.kind == "amount":
                unit = next((u for u in sorted(_MONEY, key=len, reverse=True) if figure.text.endswith(u)), "")
                if unit and unit not in page and not any(u in page for u in _MONEY if u != unit and len(u) >= 2):
                    return True, False  # page names no money unit: cannot tell
                if unit and unit not in page:
                    return True, True
            return True, False
        if figure.kind == "amount":
            # A conversion by rule: 1,466.95亿元 against 146,695 on a page in 百万元.
            for unit, factor in _MONEY.items():
                if unit in page and factor != figure.factor:
                    converted = figure.value / factor
                    text = f"{converted:f}".rstrip("0").rstrip(".")
                    if text and text.replace(".", "") and text in flat:
                        return True, False
    return False, False


def run_model(context, model: str, *, use_facts: bool) -> dict:
    from analyst_desk.core.drafting.answering import answer_question
    from analyst_desk.core.engine.base import LoadOptions
    from analyst_desk.core.engine.llama_engine import LlamaEngine
    from analyst_desk.core.engine.models import find_model
    from analyst_desk.core.facts import FactBook
    from analyst_desk.core.facts.indexing import build_missing

    library = context.library
    if use_facts and not context.extras.get("facts_built"):
        started = time.perf_counter()
        counts = build_missing(library)
        print(f"facts built for {len(counts)} documents in {time.perf_counter() - started:.1f} s")
        context.extras["facts_built"] = True
    book = FactBook.of(library) if use_facts else None
    engine = LlamaEngine(find_model(model), LoadOptions(context_size=4096, threads=2)).load()
    pages = context.extras.setdefault("page_text", PageText())
    tally = {"correct": 0, "answerable": 0, "exact": 0, "flagged": 0, "wrong": 0, "wrong_unit": 0, "nf_right": 0,
             "nf_total": 0, "nf_false": 0, "seconds": 0.0, "n": 0, "from_facts": 0, "rows": []}
    try:
        for question in context.questions:
            started = time.perf_counter()
            result = answer_question(question["q"], library, engine, k=5, max_tokens=200, facts=book)
            tally["seconds"] += time.perf_counter() - started
            tally["n"] += 1
            tally["from_facts"] += result.from_facts
            answer = result.text
            not_found = result.not_found or any(w in answer.lower() for w in _NOT_FOUND)
            if question["answerable"]:
                tally["answerable"] += 1
                tally["nf_false"] += not_found
                if question["kind"] == "text":
                    ok = states_text(answer, question["answer"])
                else:
                    ok = states_value(answer, question["answer"], question.get("unit") or "")
                tally["correct"] += ok and not not_found
            else:
                tally["nf_total"] += 1
                tally["nf_right"] += not_found
                ok = not_found
            _score_figures(result, pages, tally)
            tally["rows"].append((question["id"], ok, answer.replace("\n", " ")[:160]))
    finally:
        engine.close()
        if book is not None:
            book.close()
    return tally


def _score_figures(result, pages: PageText, tally: dict) -> None:
    from analyst_desk.core.drafting.figure_match import find_figures
    from analyst_desk.core.drafting.verification import is_reference_number, sentences

    text = result.text
    flagged = [(f.start, f.end) for f in result.verification.flags if f.kind in ("unverified_figure", "weak_figure")]
    cited = set(result.verification.citations)
    by_number = {s.number: s for s in result.sources}
    for start, end in sentences(text):
        sentence = text[start:end]
        numbers = [int(n) for n in re.findall(r"\[(\d{1,3})\]", sentence) if int(n) in by_number] or list(cited)
        texts = [pages.get(by_number[n].path, by_number[n].page) for n in numbers if n in by_number]
        for figure in find_figures(sentence):
            if figure.kind == "date" or is_reference_number(sentence, figure):
                continue
            span = (start + figure.start, start + figure.end)
            if any(a < span[1] and span[0] < b for a, b in flagged):
                tally["flagged"] += 1
                continue
            if re.match(r"\s*[（(](?:计算值|computed)", sentence[figure.end:]):
                tally["computed"] = tally.get("computed", 0) + 1  # labelled: the app computed it from two facts
                continue
            printed, other_unit = figure_on_pages(figure, texts)
            if printed and not other_unit:
                tally["exact"] += 1
            else:
                tally["wrong"] += 1
                tally["wrong_unit"] += other_unit
                tally.setdefault("wrong_examples", []).append(f"{figure.text} in: {sentence.strip()[:80]}")


def _columns(tally: dict, label: str) -> dict[str, str]:
    return {f"{label}correct": f"{tally['correct']}/{tally['answerable']}",
            f"{label}figures exact/computed/flagged/wrong (wrong unit)":
                f"{tally['exact']}/{tally.get('computed', 0)}/{tally['flagged']}/{tally['wrong']} ({tally['wrong_unit']})",
            f"{label}not-found acc.": f"{tally['nf_right']}/{tally['nf_total']} (false not-found {tally['nf_false']})",
            f"{label}s/answer": f"{tally['seconds'] / max(tally['n'], 1):.1f}",
            f"{label}from facts": f"{tally['from_facts']}"}


def answers_with_facts(context, model: str) -> dict[str, str]:
    """The app's Ask (facts, then passages + model)."""
    tally = run_model(context, model, use_facts=True)
    _show(context, model, "facts", tally)
    return _columns(tally, "")


def answers_passages_only(context, model: str) -> dict[str, str]:
    """Baseline: the same model answering from passages only (Ask before facts)."""
    # Costly (every question through the model): run for the first model of the run only.
    first = context.extras.setdefault("baseline_model", model)
    if getattr(context.args, "no_baseline", False) or first != model:
        return {}
    tally = run_model(context, model, use_facts=False)
    _show(context, model, "passages", tally)
    return _columns(tally, "baseline ")


def _show(context, model: str, label: str, tally: dict) -> None:
    if not getattr(context.args, "misses", False):
        return
    name = Path(model).name
    for qid, ok, answer in tally["rows"]:
        if not ok:
            print(f"    [{name} {label}] miss {qid}: {answer}")
    for example in tally.get("wrong_examples", [])[:20]:
        print(f"    [{name} {label}] wrong figure: {example}")


COLUMNS = [answers_with_facts, answers_passages_only]
