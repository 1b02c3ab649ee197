"""An RM's answer that the audit log could not take is marked in the Ask pane, and withheld when the
bank's policy requires every output audited."""

from __future__ import annotations

import json

import pytest

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.panes.ask_pane import AskPane
from tests.library_docs import write_english_pdf
from tests.test_audit_gaps import DiskFull


@pytest.fixture
def services(tmp_path):
    services = Services(Settings(context_size=4096, threads=2, max_tokens=60))
    assert services.library().add_paths([write_english_pdf(tmp_path / "northwind.pdf")]).results[0].ok
    yield services
    services.close()


def _ask(qtbot, services, question: str) -> AskPane:
    i18n.set_language("zh")
    pane = AskPane(services)
    qtbot.addWidget(pane)
    pane.question.setText(question)
    pane.ask()
    qtbot.waitUntil(lambda: not pane.busy, timeout=60_000)
    return pane


def test_an_answer_the_audit_log_refused_is_marked_beside_it(qtbot, services, monkeypatch):
    DiskFull(monkeypatch, times=1)
    pane = _ask(qtbot, services, "火星上的天气怎么样？")  # answered by the app, no model needed
    assert pane.result is not None and pane.result.audit_error
    assert pane.flags.count() and pane.flags.item(0).text().startswith("⚠ 未记入审计日志：")
    assert pane.status.text().startswith("未记入审计日志")


def test_under_the_policy_the_answer_is_withheld_with_a_message(qtbot, services, monkeypatch, tmp_path):
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"network": "off", "audit": "required"}), encoding="utf-8")
    monkeypatch.setenv("ANALYST_DESK_POLICY", str(policy))
    DiskFull(monkeypatch, times=1)
    pane = _ask(qtbot, services, "火星上的天气怎么样？")
    assert pane.result is None and pane.answer.toPlainText() == ""
    assert "输出已被扣留" in pane.status.text()


# -- the Drafting and Meeting panes: several records per output, run on the small model -------------

SMALL_MODEL = "SmolLM2-135M-Instruct.Q4_1.gguf"


@pytest.fixture
def small_services(tmp_path):
    services = Services(Settings(context_size=2048, threads=2, model=SMALL_MODEL))
    assert services.library().add_paths([write_english_pdf(tmp_path / "northwind.pdf")]).results[0].ok
    yield services
    services.close()


def _require_audit(tmp_path, monkeypatch) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"network": "off", "audit": "required"}), encoding="utf-8")
    monkeypatch.setenv("ANALYST_DESK_POLICY", str(policy))


def _draft(qtbot, services, seen: list | None = None):
    from analyst_desk.ui.panes.drafting_pane import DraftingPane

    i18n.set_language("zh")
    pane = DraftingPane(services)
    qtbot.addWidget(pane)
    if seen is not None:  # what the editor showed while the model was writing
        pane.editor.textChanged.connect(lambda: pane.busy and seen.append(pane.editor.toPlainText()))
    pane.template_combo.setCurrentIndex(pane.template_combo.findData("weekly_report"))
    pane.language.setCurrentIndex(pane.language.findData("en"))
    pane.length.setCurrentIndex(pane.length.findData("short"))
    pane.subject.setText("Northwind")
    pane.draft_button.click()
    assert pane.busy
    qtbot.waitUntil(lambda: not pane.busy, timeout=240_000)
    return pane


@pytest.mark.slow
def test_a_draft_with_a_section_the_audit_log_refused_is_marked_above_the_editor(qtbot, small_services,
                                                                                  monkeypatch):
    DiskFull(monkeypatch, times=1)  # the first section's record; the later sections' are written
    pane = _draft(qtbot, small_services)
    assert pane.unaudited and "No space left" in pane.unaudited
    assert not pane.audit_mark.isHidden() and pane.audit_mark.text().startswith("⚠ 未记入审计日志：")
    assert pane.status.text().startswith("⚠ 未记入审计日志")
    assert "## Highlights" in pane.editor.toPlainText()  # the text stays on screen, marked
    from analyst_desk.core.drafting.drafts import Draft, DraftStore
    from analyst_desk.ui.panes.drafting_pane import DraftingPane

    again = DraftingPane(small_services)  # the app opened again: the saved draft comes back marked
    qtbot.addWidget(again)
    assert again.draft is not None and again.draft.draft_id == pane.draft.draft_id
    assert not again.audit_mark.isHidden() and "磁盘空间不足（错误 28）" in again.audit_mark.text()
    assert DraftStore().load(pane.draft.draft_id).unaudited
    again.open_draft(Draft(template="weekly_report", title="Other", subject="Other"))  # an audited draft: no mark
    assert again.audit_mark.isHidden()


@pytest.mark.slow
def test_under_the_policy_a_draft_the_audit_log_refused_is_neither_shown_nor_saved(qtbot, small_services,
                                                                                   monkeypatch, tmp_path):
    from analyst_desk.core.drafting.drafts import DraftStore

    _require_audit(tmp_path, monkeypatch)
    seen: list[str] = []
    DiskFull(monkeypatch, times=1)
    pane = _draft(qtbot, small_services, seen)
    assert seen == []  # nothing streamed into the editor while the records were not yet written
    assert "输出已被扣留" in pane.status.text() and "磁盘空间不足（错误 28）" in pane.status.text()
    assert all(not section.text for section in pane.draft.sections)
    assert DraftStore().drafts() == []


def _summarise(qtbot, services):
    from analyst_desk.ui.panes.meeting_pane import MeetingPane
    from tests.meeting_docs import EN_TRANSCRIPT

    i18n.set_language("zh")
    pane = MeetingPane(services)
    # Closed with the test, as the window closes it: its pending autosave is written now, into this test's
    # data folder, not 800 ms later into the next test's.
    qtbot.addWidget(pane, before_close_func=lambda widget: widget.shutdown())
    pane.open_file(EN_TRANSCRIPT)
    pane.summarize_button.click()
    assert pane.busy
    qtbot.waitUntil(lambda: not pane.busy, timeout=240_000)
    return pane


@pytest.mark.slow
def test_minutes_the_audit_log_refused_are_marked_above_them(qtbot, small_services, monkeypatch):
    DiskFull(monkeypatch, times=1)
    pane = _summarise(qtbot, small_services)
    assert pane.minutes is not None and pane.unaudited and "No space left" in pane.unaudited
    assert not pane.audit_mark.isHidden() and pane.audit_mark.text().startswith("⚠ 未记入审计日志：")
    assert pane.status.text().startswith("⚠ 未记入审计日志")
    from analyst_desk.ui.panes.meeting_pane import MeetingPane

    again = MeetingPane(small_services)  # the app opened again: the minutes come back with their mark
    qtbot.addWidget(again, before_close_func=lambda widget: widget.shutdown())
    assert again.minutes is not None and not again.audit_mark.isHidden()
    assert "磁盘空间不足（错误 28）" in again.audit_mark.text()  # the OS's reason in the window's language


@pytest.mark.slow
def test_under_the_policy_minutes_the_audit_log_refused_are_withheld(qtbot, small_services, monkeypatch, tmp_path):
    from analyst_desk.core.meeting.sessions import load_session

    _require_audit(tmp_path, monkeypatch)
    # The disk stays full for the whole job: a single refusal can be taken by another record written meanwhile
    # (a warm-up or an earlier job's late record), and then the minutes' own record would go through.
    DiskFull(monkeypatch, times=1000)
    pane = _summarise(qtbot, small_services)
    assert pane.minutes is None and pane.summary.toPlainText() == ""
    assert "输出已被扣留" in pane.status.text()
    session = load_session()
    assert session is None or session.minutes is None


@pytest.mark.slow
def test_a_withheld_summary_does_not_leave_the_last_meetings_minutes_on_screen(qtbot, small_services, monkeypatch,
                                                                              tmp_path):
    pane = _summarise(qtbot, small_services)  # last week's minutes, audited and shown
    assert pane.minutes is not None and pane.export_docx.isEnabled()
    _require_audit(tmp_path, monkeypatch)
    DiskFull(monkeypatch, times=1000)
    pane.summarize_button.click()  # this week's are refused by the audit log, so withheld
    qtbot.waitUntil(lambda: not pane.busy, timeout=240_000)
    assert "输出已被扣留" in pane.status.text()
    assert pane.minutes is None and pane.summary.toPlainText() == "" and pane.actions.rowCount() == 0
    assert not pane.export_docx.isEnabled() and not pane.export_xlsx.isEnabled()


def _key_figures(qtbot, services, pdf):
    from analyst_desk.ui.panes.key_figures_widget import KeyFiguresWidget

    i18n.set_language("zh")
    widget = KeyFiguresWidget(services)
    qtbot.addWidget(widget)
    widget.fields.setText("净利润")
    widget.add_reports([pdf])
    widget.use_model.setChecked(True)
    widget.find()
    qtbot.waitUntil(lambda: not widget.busy, timeout=240_000)
    return widget


@pytest.mark.slow
def test_key_figures_the_model_read_are_marked_and_withheld_under_the_policy_in_the_extraction_pane(
        qtbot, small_services, monkeypatch, tmp_path):
    from tests.test_audit_outputs import _figures_pdf

    pdf = _figures_pdf(tmp_path)
    disk = DiskFull(monkeypatch, times=1)
    widget = _key_figures(qtbot, small_services, pdf)
    assert disk.left == 0, "the model was not asked, so nothing was audited"
    assert widget.table.rowCount() == 1 and not widget.audit_mark.isHidden()
    assert widget.status.text().startswith("⚠ 未记入审计日志")

    _require_audit(tmp_path, monkeypatch)
    DiskFull(monkeypatch, times=1)
    widget = _key_figures(qtbot, small_services, pdf)
    assert widget.table.rowCount() == 0 and widget.results == []
    assert "输出已被扣留" in widget.status.text()


def _transcribe(qtbot, tmp_path, name: str = "call.wav"):
    from analyst_desk.ui.panes.meeting_pane import MeetingPane
    from tests.test_meeting_audio import synthesise

    i18n.set_language("zh")
    services = Services(Settings(threads=2))
    pane = MeetingPane(services)
    qtbot.addWidget(pane, before_close_func=lambda widget: (widget.shutdown(), services.close()))
    pane.open_file(synthesise(tmp_path / name, "Mary will send the credit memo to the risk team by Friday."))
    assert pane.busy
    qtbot.waitUntil(lambda: not pane.busy, timeout=120_000)
    return pane, services


@pytest.mark.slow
def test_a_recording_transcribed_in_the_meeting_pane_is_on_the_audit_record(qtbot, tmp_path):
    pane, services = _transcribe(qtbot, tmp_path)
    assert "friday" in pane.editor.toPlainText().lower() and pane.audit_mark.isHidden()
    records = [r for r in services.audit.records() if (r["pane"], r["kind"]) == ("meeting", "transcript")]
    assert len(records) == 1 and records[0]["output"] == pane.editor.toPlainText()
    assert records[0]["prompt"] == "call.wav"


@pytest.mark.slow
def test_a_transcript_the_audit_log_refused_is_marked_and_withheld_under_the_policy(qtbot, tmp_path, monkeypatch):
    DiskFull(monkeypatch, times=1000)
    pane, _ = _transcribe(qtbot, tmp_path)
    assert "friday" in pane.editor.toPlainText().lower()  # shown, with the mark above it
    assert not pane.audit_mark.isHidden() and pane.status.text().startswith("⚠ 未记入审计日志")

    _require_audit(tmp_path, monkeypatch)
    pane, _ = _transcribe(qtbot, tmp_path, "call-again.wav")
    assert "friday" not in pane.editor.toPlainText().lower() and "输出已被扣留" in pane.status.text()
