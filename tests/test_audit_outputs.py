"""Every output the command line hands over — a report draft, meeting minutes, a workbook of key figures
the model read — is marked when the audit log could not take it ("未记入审计日志：原因" on stderr), and is
withheld (nothing printed, no file written, no draft saved) under an administrator's "audit": "required"
policy. A draft or a set of figures is several records: one missed record among written ones counts."""

from __future__ import annotations

import json

import pytest

from analyst_desk.cli import main
from analyst_desk.core.compliance.audit import AuditLog
from analyst_desk.core.config import Settings
from tests.library_docs import write_english_pdf, write_pdf
from tests.meeting_docs import EN_TRANSCRIPT
from tests.test_audit_gaps import DiskFull

# Runs the small chat model through the real commands: the slow tier.
pytestmark = pytest.mark.slow

SMALL_MODEL = "SmolLM2"


@pytest.fixture
def policy_required(tmp_path, monkeypatch):
    def apply() -> None:
        policy = tmp_path / "policy.json"
        policy.write_text(json.dumps({"network": "off", "audit": "required"}), encoding="utf-8")
        monkeypatch.setenv("ANALYST_DESK_POLICY", str(policy))

    return apply


@pytest.fixture
def library(isolated_home, tmp_path):
    from analyst_desk.core.services import Services

    services = Services()
    try:
        assert services.library().add_paths([write_english_pdf(tmp_path / "northwind.pdf")]).results[0].ok
    finally:
        services.close()


def _gaps(pane: str) -> list[dict]:
    return [r for r in AuditLog.open().records() if r["kind"] == "audit_gap" and r["missed_pane"] == pane]


def _draft(path) -> list[str]:
    return ["draft", "--template", "weekly_report", "--subject", "Northwind", "--lang", "en", "-o", str(path),
            "--model", SMALL_MODEL]


def test_a_draft_whose_first_section_the_audit_log_refused_is_marked_on_stderr(library, monkeypatch, tmp_path,
                                                                                capsys):
    Settings(language="zh").save()
    DiskFull(monkeypatch, times=1)  # the first section's record fails; the later sections' are written
    assert main(_draft(tmp_path / "brief.md")) == 0
    out, err = capsys.readouterr()
    assert "未记入审计日志：磁盘空间不足（错误 28）" in err and "未记入审计日志：[Errno" not in err
    assert "## Highlights" in out and (tmp_path / "brief.md").is_file()
    records = AuditLog.open().records()
    assert [r["pane"] for r in records][-1] == "drafting"  # the last record was written: last_error alone says "fine"
    assert len(_gaps("drafting")) == 1 and AuditLog.open().verify().ok
    from analyst_desk.core.drafting.drafts import DraftStore

    saved = DraftStore().latest()  # the saved draft carries the mark: reopened, it does not look audited
    assert saved is not None and "No space left" in saved.unaudited


def test_under_the_policy_a_draft_with_an_unaudited_section_is_not_shown_saved_or_exported(
        library, monkeypatch, tmp_path, capsys, policy_required):
    from analyst_desk.core.drafting.drafts import DraftStore

    Settings(language="en").save()
    policy_required()
    assert main(_draft(tmp_path / "audited.md")) == 0  # audited: shown after its records are written
    out, _err = capsys.readouterr()
    assert "## Highlights" in out and (tmp_path / "audited.md").is_file()
    saved = [d.draft_id for d in DraftStore().drafts()]
    assert len(saved) == 1

    DiskFull(monkeypatch, times=1)
    assert main(_draft(tmp_path / "withheld.md")) == 1
    out, err = capsys.readouterr()
    assert "## " not in out and "withheld" in err and "No space left" in err
    assert not (tmp_path / "withheld.md").exists()
    assert [d.draft_id for d in DraftStore().drafts()] == saved
    assert len(_gaps("drafting")) == 1  # the miss itself is on the record


def _minutes(tmp_path, name: str) -> list[str]:
    return ["meeting", "summarize", str(EN_TRANSCRIPT), "--date", "2026-03-06", "-o", str(tmp_path / f"{name}.md"),
            "--actions", str(tmp_path / f"{name}.xlsx"), "--model", SMALL_MODEL]


def test_minutes_the_audit_log_refused_are_marked_and_withheld_under_the_policy(
        isolated_home, monkeypatch, tmp_path, capsys, policy_required):
    Settings(language="zh").save()
    DiskFull(monkeypatch, times=1)
    assert main(_minutes(tmp_path, "marked")) == 0
    _out, err = capsys.readouterr()
    assert "未记入审计日志：磁盘空间不足（错误 28）" in err and "未记入审计日志：[Errno" not in err
    assert (tmp_path / "marked.md").is_file() and (tmp_path / "marked.xlsx").is_file()

    policy_required()
    DiskFull(monkeypatch, times=1)
    assert main(_minutes(tmp_path, "held")) == 1
    out, err = capsys.readouterr()
    assert out == "" and "输出已被扣留" in err
    assert not (tmp_path / "held.md").exists() and not (tmp_path / "held.xlsx").exists()
    AuditLog.open().record(pane="cli", kind="generate", output="later")  # the next write puts both misses on record
    assert len(_gaps("meeting")) == 2


def _figures_pdf(tmp_path):
    # No table row and no sentence pattern gives 净利润 here: only the model reading the passage does.
    return write_pdf(tmp_path / "report.pdf", [("经营情况", [
        "本行坚持稳健经营。关于净利润，管理层说明：",
        "全年归属于股东的部分合计约为 45,678 百万元，较上年有所增长。",
        "资本充足水平保持稳定，各项监管指标符合要求。"])])


def test_a_workbook_of_figures_the_model_read_is_withheld_when_its_record_was_refused(
        isolated_home, monkeypatch, tmp_path, capsys, policy_required):
    pdf = _figures_pdf(tmp_path)
    Settings(language="en").save()
    disk = DiskFull(monkeypatch, times=1)
    assert main(["extract", "fields", "--fields", "净利润", str(pdf), "-o", str(tmp_path / "marked.xlsx"),
                 "--model", SMALL_MODEL]) == 0
    _out, err = capsys.readouterr()
    assert disk.left == 0, "the model was not asked, so nothing was audited"
    assert "Not recorded in the audit log: " in err and (tmp_path / "marked.xlsx").is_file()

    policy_required()
    DiskFull(monkeypatch, times=1)
    assert main(["extract", "fields", "--fields", "净利润", str(pdf), "-o", str(tmp_path / "held.xlsx"),
                 "--model", SMALL_MODEL]) == 1
    out, err = capsys.readouterr()
    assert "withheld" in err and not (tmp_path / "held.xlsx").exists() and "净利润" not in out


def test_a_transcript_is_audited_marked_when_refused_and_withheld_under_the_policy(
        isolated_home, monkeypatch, tmp_path, capsys, policy_required):
    from tests.test_meeting_audio import synthesise

    clip = synthesise(tmp_path / "call.wav")
    Settings(language="zh").save()
    assert main(["meeting", "transcribe", str(clip), "-o", str(tmp_path / "audited.txt"), "--lang", "en"]) == 0
    record = [r for r in AuditLog.open().records() if r["kind"] == "transcript"][-1]
    assert record["pane"] == "meeting" and record["output"].strip() in (tmp_path / "audited.txt").read_text("utf-8")

    DiskFull(monkeypatch, times=1)
    assert main(["meeting", "transcribe", str(clip), "-o", str(tmp_path / "marked.txt"), "--lang", "en"]) == 0
    _out, err = capsys.readouterr()
    assert "未记入审计日志：磁盘空间不足（错误 28）" in err and "未记入审计日志：[Errno" not in err and (tmp_path / "marked.txt").is_file()

    policy_required()
    DiskFull(monkeypatch, times=1)
    assert main(["meeting", "transcribe", str(clip), "-o", str(tmp_path / "held.txt"), "--lang", "en"]) == 1
    _out, err = capsys.readouterr()
    assert "输出已被扣留" in err and not (tmp_path / "held.txt").exists()
    AuditLog.open().record(pane="cli", kind="generate", output="later")  # the next write records both misses
    assert len(_gaps("meeting")) == 2 and AuditLog.open().verify().ok
