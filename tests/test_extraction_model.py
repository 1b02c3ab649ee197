"""Key figures stated only in prose: the model reads the passage, and only a printed value is written."""

from __future__ import annotations

import pytest

from analyst_desk.core.extraction.fields import find_figures
from analyst_desk.core.extraction.figure_reader import Passage, _checked
from tests.library_docs import write_pdf
from tests.support.engines import ScriptedEngine

# Drives the real chat model, Whisper or the app's own processes: the slow tier.
pytestmark = pytest.mark.slow

PROSE = [
    ("第二节 经营情况讨论与分析", [
        "报告期内，本行资产质量保持稳定，",
        "不良贷款率继续保持在1.06%的较低水平，较上年末下降0.02个百分点。",
        "本行持续加强风险管理，优化信贷结构。",
    ]),
]


def test_a_ratio_said_in_a_sentence_is_read_by_the_model_and_checked_on_the_page(tmp_path, chat_engine):
    from analyst_desk.core.compliance.audit import AuditLog

    pdf = write_pdf(tmp_path / "annual.pdf", PROSE)
    without_model = find_figures(pdf, ["不良贷款率"])[0]
    assert without_model.status == "not found"  # the sentence pattern cannot see past "继续保持在"
    audit = AuditLog.open()
    result = find_figures(pdf, ["npl ratio"], engine=chat_engine, audit=audit)[0]
    assert result.field == "不良贷款率"
    assert result.status == "ok", result.note
    assert abs(result.value - 0.0106) < 1e-9 and result.unit == "%" and result.page == 1
    assert "1.06" in result.source_text
    record = audit.records()[-1]
    assert record["pane"] == "extraction" and record["kind"] == "key_figure"


def test_a_field_the_report_never_mentions_is_not_sent_to_the_model(tmp_path, chat_engine):
    pdf = write_pdf(tmp_path / "annual.pdf", PROSE)
    result = find_figures(pdf, ["资本充足率"], engine=chat_engine)[0]
    assert result.status == "not found" and result.value is None


def test_a_value_the_passages_do_not_print_is_flagged_not_written():
    passages = [Passage(3, "不良贷款率继续保持在1.06%的较低水平")]
    invented = _checked("r.pdf", "不良贷款率", '{"passage": 1, "value": "1.60%"}', passages)
    assert invented.status == "flagged" and invented.value is None and "1.60%" in invented.note
    empty = _checked("r.pdf", "不良贷款率", '{"passage": 1, "value": ""}', passages)
    assert empty.status == "not found"
    printed = _checked("r.pdf", "不良贷款率", '{"passage": 1, "value": "1.06"}', passages)
    assert printed.status == "ok" and abs(printed.value - 0.0106) < 1e-9 and printed.page == 3


STAFF = [("第五节 员工情况", [
    "截至2024年末，母公司在职员工人数为3,120人。",
    "集团员工队伍稳定，员工总数保持在41,250人左右。",
    "本行研发投入占营业收入的比例为3.5%。",
])]


def test_a_model_value_of_the_wrong_kind_or_period_is_flagged_not_written(tmp_path):
    """The model's pick is only a pointer: a ratio is not a headcount, and a value for 2024 is not the
    value asked for 2023."""
    pdf = write_pdf(tmp_path / "staff.pdf", STAFF)
    assert find_figures(pdf, ["职工人数"])[0].status == "not found"  # the parent's 3,120 is not the group's
    group = find_figures(pdf, ["职工人数"], engine=ScriptedEngine('{"passage": 1, "value": "41,250"}'))[0]
    assert (group.status, group.value) == ("ok", 41250.0)
    ratio_as_count = find_figures(pdf, ["职工人数"], engine=ScriptedEngine('{"passage": 2, "value": "3.5%"}'))[0]
    assert ratio_as_count.status == "flagged" and ratio_as_count.value is None
    wrong_period = find_figures(pdf, ["职工人数"], period="2023",
                                engine=ScriptedEngine('{"passage": 1, "value": "41,250"}'))[0]
    assert wrong_period.status == "flagged" and wrong_period.value is None and "2023" in wrong_period.note
