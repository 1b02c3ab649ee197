"""With the real 0.5B model, a drafted section on a half-year prospectus dates every statement figure it states with
that figure's own period: the model phrases, the app decides the period. The model once wrote
"2011年1-6月四、净利润:1.53亿元" — 1.53亿元 is 2010's net profit — and a brief "最新的营业收入为…" with no period."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from analyst_desk.core.drafting.drafts import DraftStore
from analyst_desk.core.drafting.figure_match import _rounds_to, find_figures
from analyst_desk.core.drafting.templates import find_template
from analyst_desk.core.drafting.writer import new_draft, write_draft
from analyst_desk.core.library import Library
from analyst_desk.core.library.embedders import UseEmbedder
from tests.ui.walkthrough_docs import _BALANCE_HALF, _INCOME_HALF, ISSUER, write_prospectus

pytestmark = pytest.mark.slow

_COLUMN_WORDS = {"2011年1-6月": "2011年1-6月", "2010年度": "2010年度", "2009年度": "2009年度",
                 "2011年6月30日": "2011年6月30日", "2010年12月31日": "2010年末", "2009年12月31日": "2009年末"}
#: How a sentence may name each period (a balance at the year's end may be called by its year).
_SAYS = {"2011年1-6月": r"2011年1-6月|2011年上半年|2011年6月30日", "2010年度": r"2010年(?!1-|末|12月)|2010年度",
         "2009年度": r"2009年(?!1-|末|12月)|2009年度", "2011年6月30日": r"2011年6月30日|2011年6月末|2011年1-6月",
         "2010年末": r"2010年末|2010年12月31日|2010年(?!1-)", "2009年末": r"2009年末|2009年12月31日|2009年(?!1-)"}
_ANY_PERIOD = re.compile(r"(?:19|20)\d{2}年(?:1-6月|6月30日|12月31日|上半年|6月末|度|末)?")


def _statement_figures() -> list[tuple[Decimal, str]]:
    """(amount in yuan, period in words) of every statement cell of the prospectus."""
    out = []
    for table in (_INCOME_HALF, _BALANCE_HALF):
        header = table[0]
        for row in table[1:]:
            for column, cell in zip(header[1:], row[1:]):
                out.append((Decimal(cell.replace(",", "")), _COLUMN_WORDS[column]))
    return out


def misdated(text: str) -> list[str]:
    """Each statement figure of ``text`` (outside the figure table) whose clause does not name its period: the
    period named last before it (or in brackets right after it) must be the figure's own."""
    wrong = []
    cells = _statement_figures()
    for line in text.splitlines():
        if line.lstrip().startswith(("|", "*")):
            continue  # the app's table: its header names the periods
        for figure in find_figures(line):
            if figure.kind != "amount":
                continue
            periods = {p for value, p in cells if _rounds_to(figure.value / figure.factor, value / figure.factor,
                                                             figure.decimals)}
            if len(periods) != 1:
                continue
            period = periods.pop()
            before = line[:figure.start]
            after = re.match(r"\s*[（(]([^）)]*)[)）]", line[figure.end:])
            named = [m.group(0) for m in _ANY_PERIOD.finditer(before)]
            said = (after.group(1) if after and _ANY_PERIOD.search(after.group(1)) else "") or \
                (named[-1] if named else "")
            if not said or not re.match(_SAYS[period], said):
                wrong.append(f"{figure.text} is {period}, the text says {said or 'no period'}: {line.strip()}")
    return wrong


def test_the_checker_catches_what_the_model_wrote_before():
    assert misdated("2. **营业利润**:2011年1-6月四、净利润:8,604.94万元[4]") == []
    assert misdated("4. **净利润**:2011年1-6月四、净利润:1.53亿元[4]")
    assert misdated("最新的营业收入为438,919,222.84元，净利润为86,049,382.63元。")
    assert misdated("2011年营业收入为4.39亿元。")
    assert misdated("营业收入为4.39亿元（2011年1-6月）[1]，2010年度净利润为1.53亿元。") == []


def test_the_real_model_states_each_figure_of_a_half_year_prospectus_with_its_own_period(tmp_path, chat_engine):
    library = Library(tmp_path / "lib", UseEmbedder(threads=1))
    library.add_paths([write_prospectus(tmp_path / "江南精密.pdf", half_year=True)])
    texts = []
    for name in ("client_visit_report", "company_brief"):
        draft = new_draft(find_template(name), ISSUER, kind="industrial")
        write_draft(draft, library, chat_engine, store=DraftStore(tmp_path / "drafts"))
        texts.append("\n".join(s.text for s in draft.sections))
    library.close()
    text = "\n\n".join(texts)
    prose = re.sub(r"(?m)^\s*[|*].*$", "", text)
    cells = [value for value, _period in _statement_figures()]
    stated = [f for f in find_figures(prose) if f.kind == "amount" and any(
        _rounds_to(f.value / f.factor, v / f.factor, f.decimals) for v in cells)]
    assert stated, text  # the model's sentences state statement figures: there is something to date
    assert not misdated(text), "\n".join(misdated(text)) + "\n\n" + text
