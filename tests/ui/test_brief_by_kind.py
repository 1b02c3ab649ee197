"""A company brief on an industrial company: no bank section, and its financial section is a table the
app builds from the statements — three periods in words, readable units, every cell cited — with the
model (a scripted one here: what is tested is the app around it) writing only the sentence after it.
The drafting pane then shows the checks the writing made."""

from __future__ import annotations

from analyst_desk.core.drafting.drafts import DraftStore
from analyst_desk.core.drafting.templates import company_kind, find_template, kind_for_subject
from analyst_desk.core.drafting.writer import new_draft, write_draft
from analyst_desk.core.library import Library
from analyst_desk.core.library.embedders import UseEmbedder
from tests.support.engines import ScriptedEngine
from tests.ui.walkthrough_docs import ISSUER, write_prospectus


def test_the_kind_of_company_is_read_from_its_name():
    assert company_kind("平安银行股份有限公司") == "bank"
    assert company_kind("中国人寿保险股份有限公司") == "insurer"
    assert company_kind("中信证券股份有限公司") == "securities"
    assert company_kind("青海互助青稞酒股份有限公司") == "industrial"
    assert company_kind("Bank of America Corporation") == "bank"


def test_a_brief_on_an_industrial_company_has_its_own_sections_and_a_cited_figure_table(qapp, tmp_path):
    library = Library(tmp_path / "lib", UseEmbedder(threads=1))
    library.add_paths([write_prospectus(tmp_path / "江南精密.pdf")])
    kind = kind_for_subject(library.documents(), "江南精密机械")
    assert kind == "industrial"
    template = find_template("company_brief")
    draft = new_draft(template, ISSUER, kind=kind)
    titles = [s.title for s in draft.sections]
    assert titles == ["公司概况", "财务表现", "经营风险"]  # no 资产质量与风险 (不良贷款率) for a machine maker
    store = DraftStore(tmp_path / "drafts")
    write_draft(draft, library, ScriptedEngine("报告期内公司收入和利润保持增长，负债水平逐年下降[1]。"), store=store)
    financial = draft.sections[1].text
    lines = financial.splitlines()
    assert lines[0] == "| 指标 | 2010年度 | 2009年度 | 2008年度 |"
    revenue = next(line for line in lines if line.startswith("| 营业收入"))
    assert revenue.startswith("| 营业收入 | 8.12亿元[") and "4.39亿元[" in revenue  # 438,919,222.84 元 → 4.39亿元
    assert any(line.startswith("| 毛利率") and "%*[" in line for line in lines)  # computed, marked and cited
    assert "计算值" in financial and "报告期内公司收入和利润保持增长" in financial
    cited = {s.number for s in draft.section_sources(draft.sections[1])}
    assert cited and all(f"[{n}]" in financial for n in cited if f"[{n}]" in revenue)
    # Sources are named by the company, not by the file's metadata title ("Microsoft Word - 1-1 招股意向书.doc").
    assert draft.sources and all(s.title == f"{ISSUER} · 招股意向书" for s in draft.sources), draft.sources[0].title
    # Exact figures one click away: the cell cites the statement's page.
    table = draft.sections[1].table
    cell = table["rows"][0]["cells"][0]
    assert cell["exact"] == "812,345,678.90元" and cell["pages"] == [4]
    # …and in the drafting editor, hovering the cell shows the figure as printed.
    from analyst_desk.ui import i18n
    from analyst_desk.ui.widgets.draft_editor import DraftEditor

    i18n.set_language("zh")
    editor = DraftEditor(lambda flag: "")
    editor.show_draft(draft)
    shown = editor.toPlainText()
    assert editor.exact_at(shown.index("| 8.12亿元") + 3) == "原文数字：812,345,678.90元（第4页）"
    assert editor.exact_at(shown.index("| 营业收入") + 3) is None  # the metric's name is not a figure
    # Every check the writing made stays on the section while its text stands.
    draft.sections[1].checks.append({"kind": "weak_figure", "text": "4.39亿元", "start": 1, "end": 5,
                                     "message": "", "code": "check.elsewhere", "params": {}})
    assert any(f.code == "check.elsewhere" for f in draft.verify_section(1).flags)
    library.close()


def test_the_formula_under_the_figure_table_is_not_flagged_as_an_unsupported_figure(tmp_path):
    """The footnote "* 计算值：毛利率 = (营业收入 − 营业成本) / 营业收入 × 100%" names lines and multiplies by
    100%: the pane's check does not call 100% a figure missing from the sources, nor the footnote an
    uncited claim (nor the table's header row), while a figure typed into the section is still checked."""
    library = Library(tmp_path / "lib", UseEmbedder(threads=1))
    library.add_paths([write_prospectus(tmp_path / "江南精密.pdf")])
    draft = new_draft(find_template("company_brief"), ISSUER, kind="industrial")
    write_draft(draft, library, ScriptedEngine("报告期内公司收入和利润保持增长[1]。"), store=DraftStore(tmp_path / "d"))
    section = draft.sections[1]
    footnote = next(line for line in section.text.splitlines() if line.startswith("* 计算值"))
    assert "× 100%" in footnote
    section.checks, section.checked_text = [], ""  # re-checked as the pane does after an edit
    flags = draft.verify_section(1).flags
    assert not flags, [(f.code, f.text) for f in flags]  # nor the table's header row an uncited sentence
    section.text += "\n公司2010年毛利率为45.6%[1]。"  # a typed figure no source prints is still flagged
    assert any(f.code == "check.not_found" and f.text == "45.6%" for f in draft.verify_section(1).flags)
    library.close()


def test_amounts_in_a_drafts_prose_are_written_in_亿元_with_the_printed_figure_on_hover(qapp, tmp_path):
    """A model copies the digits it is given ("营业收入为812,345,678.90元"); the finished section reads 8.12亿元,
    its checks still find the figure on its page, and the editor shows the figure as printed on hover."""
    from analyst_desk.ui import i18n
    from analyst_desk.ui.widgets.draft_editor import DraftEditor

    library = Library(tmp_path / "lib", UseEmbedder(threads=1))
    library.add_paths([write_prospectus(tmp_path / "江南精密.pdf")])
    draft = new_draft(find_template("company_brief"), ISSUER, kind="industrial")
    write_draft(draft, library, ScriptedEngine("公司2010年度营业收入为812,345,678.90元，较上年增长24.15%[1]。"),
                store=DraftStore(tmp_path / "d"))
    section = draft.sections[0]
    assert "营业收入为8.12亿元" in section.text and "812,345,678.90" not in section.text, section.text
    assert section.amounts == [{"text": "8.12亿元", "exact": "812,345,678.90元"}]
    flags = draft.verify_section(0).flags
    assert all(f.code != "check.not_found" or f.text != "8.12亿元" for f in flags), [(f.code, f.text) for f in flags]
    i18n.set_language("zh")
    editor = DraftEditor(lambda flag: "")
    editor.show_draft(draft)
    shown = editor.toPlainText()
    at = shown.index("营业收入为8.12亿元") + len("营业收入为") + 2
    assert editor.exact_at(at) == "原文数字：812,345,678.90元", section.text
    assert editor.exact_at(shown.index("较上年")) is None
    library.close()


def test_the_review_lists_each_cited_source_once_with_the_sections_citing_it(qapp, tmp_path):
    """The figure table's cells cite two passages ("30.94%*[5, 8]"): both are listed, each source once."""
    import re

    from analyst_desk.ui import i18n
    from analyst_desk.ui.widgets.draft_review import DraftReviewPanel, citation_at

    i18n.set_language("zh")
    library = Library(tmp_path / "lib", UseEmbedder(threads=1))
    library.add_paths([write_prospectus(tmp_path / "江南精密.pdf")])
    draft = new_draft(find_template("company_brief"), ISSUER, kind="industrial")
    write_draft(draft, library, ScriptedEngine("报告期内公司收入保持增长[1]。"), store=DraftStore(tmp_path / "d"))
    panel = DraftReviewPanel()
    panel.show_review(draft, [])
    listed = [panel.sources.item(i).data(256) for i in range(panel.sources.count())]
    cited = {int(n) for s in draft.sections for group in re.findall(r"\[([\d, ]+)\]", s.text) for n in group.split(",")}
    assert listed == sorted(cited), (listed, cited)  # once each, in order, the table's second citations too
    # One document throughout: named once above the list, each row its page and the sections citing it.
    assert ISSUER in panel.sources_label.text()
    assert all(ISSUER not in panel.sources.item(i).text() and "第" in panel.sources.item(i).text()
               for i in range(panel.sources.count()))
    row = next(line for line in draft.sections[1].text.splitlines() if "*[" in line)
    second = re.search(r"\[(\d+), (\d+)\]", row)
    assert citation_at(row, second.start(2)) == int(second.group(2))  # a click on the 8 of [5, 8] opens [8]
    library.close()


def test_a_drafts_checks_point_at_the_words_they_are_about_in_the_whole_document(tmp_path):
    """Draft.check gives every section's flags at their place in the editable document the pane shows."""
    library = Library(tmp_path / "lib", UseEmbedder(threads=1))
    library.add_paths([write_prospectus(tmp_path / "江南精密.pdf")])
    draft = new_draft(find_template("company_brief"), ISSUER, kind="industrial")
    write_draft(draft, library, ScriptedEngine("公司毛利率为45.6%[1]。"), store=DraftStore(tmp_path / "d"))
    flags, total, verified = draft.check()
    text = draft.to_text()
    figures = [(start, end, flag) for start, end, flag in flags if flag.kind == "unverified_figure"]
    assert figures and all(text[start:end] == flag.text == "45.6%" for start, end, flag in figures)
    assert total > verified >= 0
    library.close()


def test_a_numbered_item_the_model_left_empty_and_an_unclosed_citation_are_not_in_the_draft(tmp_path):
    library = Library(tmp_path / "lib", UseEmbedder(threads=1))
    library.add_paths([write_prospectus(tmp_path / "江南精密.pdf")])
    draft = new_draft(find_template("company_brief"), ISSUER, kind="industrial")
    write_draft(draft, library, ScriptedEngine("主要产品如下：\n1. 精密数控机床[1]。\n2.\n3.\n4. 关键零部件[1]。\n["),
                store=DraftStore(tmp_path / "d"))
    text = draft.sections[0].text
    assert "1. 精密数控机床" in text and "4. 关键零部件" in text, text
    assert "\n2.\n" not in text + "\n" and "3." not in text and not text.rstrip().endswith("["), text
    library.close()


def test_a_sentence_the_model_says_again_is_in_the_draft_once(tmp_path):
    """The 0.5B model wrote 南岭民爆's 股票市场 risk sentence two and a half times (the last copy cut off at
    '…通货[28]'); the section keeps the first one, its checks on what is left."""
    library = Library(tmp_path / "lib", UseEmbedder(threads=1))
    library.add_paths([write_prospectus(tmp_path / "江南精密.pdf")])
    draft = new_draft(find_template("company_brief"), ISSUER, kind="industrial")
    risk = "股票市场的价格不仅取决于企业的经营状况，同时还会受到利率、汇率、宏观经济和国家有关政策等因素的影响"
    write_draft(draft, library, ScriptedEngine(f"市场竞争风险较大[1]。\n{risk}[1]。\n{risk}[1]。\n{risk[:30]}"),
                store=DraftStore(tmp_path / "d"))
    text = draft.sections[0].text
    assert text.count("股票市场的价格") == 1 and text.startswith("市场竞争风险较大["), text
    assert "风险较低" not in text
    flags = draft.verify_section(0).flags
    assert all(0 <= f.start < f.end <= len(text) for f in draft.sections[0].checks), draft.sections[0].checks
    assert not [f for f in flags if f.code == "check.uncited"], [(f.code, f.text) for f in flags]
    # A short refrain is not a loop: "风险较低。" may well be said of two things.
    short = new_draft(find_template("company_brief"), ISSUER, kind="industrial")
    write_draft(short, library, ScriptedEngine("汇率风险较低[1]。利率风险较低[1]。"), store=DraftStore(tmp_path / "d"))
    assert short.sections[0].text.count("风险较低") == 2
    library.close()


def test_the_prompts_passage_header_the_model_copies_before_a_line_is_not_in_the_draft(tmp_path):
    """The 0.5B model began lines with the header the prompt puts over each passage ("江南精密机械股份有限公司 ·
    招股意向书,第 2 页:本公司…"): the sentence stays, cited; the header goes."""
    library = Library(tmp_path / "lib", UseEmbedder(threads=1))
    library.add_paths([write_prospectus(tmp_path / "江南精密.pdf")])
    draft = new_draft(find_template("company_brief"), ISSUER, kind="industrial")
    write_draft(draft, library, ScriptedEngine(f"{ISSUER} · 招股意向书,第 2 页:本公司主营业务为精密数控机床的研发和销售[1]。\n"
                                               "采购意向书,第 3 页:原材料价格波动风险较大[1]。\n"
                                               ":公司加强了对应收账款的分类管理[1]。"),
                store=DraftStore(tmp_path / "d"))
    text = draft.sections[0].text
    assert "第 2 页" not in text and "第 3 页" not in text and "意向书," not in text, text
    assert text.startswith("本公司主营业务为精密数控机床的研发和销售[") and "\n原材料价格波动风险较大[" in text, text
    assert "\n公司加强了对应收账款的分类管理[" in text, text  # a bare colon left in front of the line goes too
    library.close()


def test_a_section_the_model_only_repeats_the_instruction_of_says_so(tmp_path):
    """南岭民爆's credit memo read "根据资料评估…的偿债能力：负债结构、经营现金流、银行借款和对外担保。" — the task said
    back. The section says the model wrote nothing and what to do, instead of passing the instruction off as text."""
    library = Library(tmp_path / "lib", UseEmbedder(threads=1))
    library.add_paths([write_prospectus(tmp_path / "江南精密.pdf")])
    draft = new_draft(find_template("company_brief"), ISSUER, kind="industrial")
    echo = draft.sections[0].instruction
    write_draft(draft, library, ScriptedEngine(echo.rstrip("。") + "[1]。"), store=DraftStore(tmp_path / "d"))
    text = draft.sections[0].text
    assert echo.rstrip("。") not in text and "模型只复述了本节的写作要求" in text and "重写本节" in text, text
    assert not draft.verify_section(0).flags
    # A sentence that answers the task in its words is kept.
    kept = new_draft(find_template("company_brief"), ISSUER, kind="industrial")
    write_draft(kept, library, ScriptedEngine(f"{ISSUER}主营精密数控机床，定位国内中高端市场[1]。"),
                store=DraftStore(tmp_path / "d"))
    assert "定位国内中高端市场" in kept.sections[0].text
    library.close()


def test_an_undated_figure_in_a_drafted_sentence_gets_its_period_and_the_checks_stay_on_their_words(tmp_path):
    """The model phrases, the app dates: "营业收入为8.12亿元" of the 2010 column reads "8.12亿元（2010年度）"; a figure no
    source prints is still flagged, its check on that figure in the final text (and in the audit record)."""
    from analyst_desk.core.compliance.audit import AuditLog

    library = Library(tmp_path / "lib", UseEmbedder(threads=1))
    library.add_paths([write_prospectus(tmp_path / "江南精密.pdf")])
    draft = new_draft(find_template("company_brief"), ISSUER, kind="industrial")
    audit = AuditLog.open(tmp_path / "audit")
    write_draft(draft, library, ScriptedEngine("公司营业收入为812,345,678.90元[1]，另有一笔99.99亿元的订单[1]。"),
                store=DraftStore(tmp_path / "d"), audit=audit)
    section = draft.sections[0]
    assert "营业收入为8.12亿元（2010年度）" in section.text, section.text
    wrong = [c for c in section.checks if c["code"] == "check.not_found"]
    assert wrong and all(section.text[c["start"]:c["end"]] == "99.99亿元" for c in wrong), (section.text, section.checks)
    records = audit.records(pane="drafting")
    assert records and "（2010年度）" in str(records[0]), records  # the audit record reads as the pane does
    library.close()
