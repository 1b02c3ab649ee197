"""In the Meeting pane a relationship manager opens a transcript, gets minutes and checks each task's line."""

from __future__ import annotations

import datetime as dt

import pytest

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.panes.meeting_pane import MeetingPane
from tests.meeting_docs import EN_TRANSCRIPT, ZH_TRANSCRIPT

# Drives the real chat model, Whisper or the app's own processes: the slow tier.
pytestmark = pytest.mark.slow


@pytest.fixture
def services():
    services = Services(Settings(context_size=4096, threads=2))
    yield services
    services.close()


def _summarise(qtbot, pane) -> None:
    pane.summarize_button.click()
    assert pane.stop_button.isEnabled()
    qtbot.waitUntil(lambda: not pane.busy and pane.minutes is not None, timeout=240_000)


def test_chinese_minutes_trace_each_task_to_its_lines(qtbot, services, screenshot):
    i18n.set_language("zh")
    pane = MeetingPane(services)
    pane.resize(1280, 800)
    qtbot.addWidget(pane)
    pane.show()
    pane.open_file(ZH_TRANSCRIPT)
    assert pane.meeting_date() == dt.date(2026, 3, 4) and "取自记录" in pane.date_note.text()
    _summarise(qtbot, pane)
    minutes = pane.minutes
    assert pane.actions.rowCount() == len(minutes.action_items) >= 3
    row = next(r for r in range(pane.actions.rowCount()) if pane.actions.item(r, 1).text() == "王芳"
               and "2026-03-09" in pane.actions.item(r, 2).text())
    assert "下周一" in pane.actions.item(row, 2).text()
    pane.on_action_clicked(row, 0)
    assert pane.editor.highlighted_lines == [10, 11]
    assert "下周一之前把补充担保" in pane.editor.textCursor().block().text()
    assert pane.lists["decisions"].count() >= 1 and "5亿元" in pane.lists["decisions"].item(0).text()
    assert "项待办" in pane.status.text()
    screenshot(pane, "meeting_minutes_zh")

    # An owner typed by hand who was not in the meeting is flagged at once.
    pane.actions.item(row, 1).setText("刘总")
    assert "刘总" in pane.actions.item(row, 4).text()

    # Reopening the pane (or the app) brings the transcript and the minutes back.
    pane.save_session()
    again = MeetingPane(services)
    qtbot.addWidget(again)
    assert again.editor.toPlainText() == pane.editor.toPlainText()
    assert again.minutes is not None and again.actions.rowCount() == pane.actions.rowCount()
    assert again.minutes.action_items[row].owner == "刘总"


def test_english_minutes_export_to_word_and_excel(qtbot, services, tmp_path, screenshot):
    import docx
    import openpyxl

    i18n.set_language("en")
    pane = MeetingPane(services)
    pane.resize(1280, 800)
    qtbot.addWidget(pane)
    pane.show()
    pane.open_file(EN_TRANSCRIPT)
    _summarise(qtbot, pane)
    assert any(i.owner == "Mary Chen" for i in pane.minutes.action_items)
    pane.item_tabs.setCurrentIndex(2)  # open questions
    screenshot(pane, "meeting_minutes_en")
    assert pane.export(tmp_path / "minutes.docx") and pane.export(tmp_path / "actions.xlsx")
    headings = [p.text for p in docx.Document(str(tmp_path / "minutes.docx")).paragraphs
                if p.style.name.startswith("Heading")]
    assert "Action items" in headings and "Decisions" in headings
    rows = list(openpyxl.load_workbook(tmp_path / "actions.xlsx").active.iter_rows(min_row=2, values_only=True))
    assert any(r[2] == "Mary Chen" and r[3].date() == dt.date(2026, 3, 13) for r in rows)


def test_bad_files_are_explained_in_the_status_line(qtbot, services, tmp_path):
    i18n.set_language("en")
    pane = MeetingPane(services)
    qtbot.addWidget(pane)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    pane.open_file(empty)
    assert "empty.txt is empty" in pane.status.text()
    sheet = tmp_path / "budget.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    pane.open_file(sheet)
    assert "not a transcript" in pane.status.text()
    pane.editor.setPlainText("")
    pane.summarize()
    assert "no transcript" in pane.status.text() and not pane.busy


def test_exporting_unmasked_personal_data_asks_first(qtbot, services, tmp_path):
    from analyst_desk.core.meeting.minutes import ActionItem, Minutes

    i18n.set_language("en")
    services.settings.mask_on_export = False
    pane = MeetingPane(services)
    qtbot.addWidget(pane)
    pane.show_minutes(Minutes(title="KYC call", date=dt.date(2026, 3, 6), language="en", attendees=["Mary Chen"],
                              summary="Client ID 110101199003071233 confirmed; guaranteed returns of 8%.",
                              action_items=[ActionItem(task="Call 13812345678", owner="Mary Chen")]))
    asked = []
    assert pane.export(tmp_path / "m.md", confirm=lambda w: asked.extend(w) or False) is None
    assert not (tmp_path / "m.md").exists() and "cancelled" in pane.status.text()
    assert any("ID numbers" in w and "mobile" in w for w in asked) and any("guaranteed returns" in w for w in asked)
    services.settings.mask_on_export = True
    assert pane.export(tmp_path / "m.md", confirm=lambda w: True)
    text = (tmp_path / "m.md").read_text(encoding="utf-8")
    assert "110101199003071233" not in text and "13812345678" not in text


def test_a_recording_is_transcribed_into_the_editor_and_stop_keeps_what_was_heard(qtbot, services, tmp_path):
    from tests.test_meeting_audio import synthesise

    i18n.set_language("en")
    pane = MeetingPane(services)
    qtbot.addWidget(pane)
    clip = synthesise(tmp_path / "call.wav", "Mary will send the credit memo to the risk team by next Friday.")
    pane.open_file(clip)
    assert pane.busy
    qtbot.waitUntil(lambda: not pane.busy, timeout=120_000)
    assert "friday" in pane.editor.toPlainText().lower() and "Transcribed" in pane.status.text()
    assert "not in the transcript" in pane.date_note.text()  # a recording has no date: the user is asked

    # About two minutes of speech: four of Whisper's 30-second windows, so Stop after the first words
    # always lands before the end (a window cannot be interrupted; the next segment sees the Stop).
    # The sentences differ: twenty-four near-identical ones compress so well that Whisper decodes the window
    # again at higher temperatures and returns the rest of the clip as one segment in one pull.
    clients = ["Harbor Foods", "Lotus Textiles", "Granite Mining", "Bluewave Shipping", "Maple Dairy", "Orchid Hotels",
               "Summit Cement", "Cedar Logistics", "Falcon Airways", "Jade Pharma", "Willow Paper", "Ember Energy"]
    actions = ["agreed the renewal", "asked for collateral", "raised the limit", "deferred the review",
               "cut the tenor", "requested audited accounts"]
    long_clip = synthesise(tmp_path / "long.wav", " ".join(
        f"Item {n}: the committee reviewed {clients[n % 12]}, client number {n}, and {actions[n % 6]}."
        for n in range(24)))
    before = pane.editor.toPlainText()
    pane.open_file(long_clip)
    qtbot.waitUntil(lambda: pane.progress.value() > 0, timeout=120_000)  # the first words were heard
    assert pane.busy
    pane.stop()
    qtbot.waitUntil(lambda: not pane.busy, timeout=60_000)
    assert "in the editor" in pane.status.text()  # what was heard so far replaces the old transcript
    heard = pane.editor.toPlainText()
    assert heard.strip() and heard != before and heard.startswith("[00:")
    assert "number 23" not in heard  # stopped: the end of the recording was never transcribed


def test_a_pasted_transcript_dates_its_tasks_from_its_own_header_unless_the_user_chose_a_date(qtbot, services):
    i18n.set_language("zh")
    pane = MeetingPane(services)
    qtbot.addWidget(pane)
    pasted = ("会议主题：授信续作沟通会\n时间：2024年3月12日 下午\n参会：张伟（客户经理）、王强（财务总监）\n\n"
              "张伟：审计报告什么时候能给？\n王强：下周五前发给张伟。\n")
    pane.editor.setPlainText(pasted)  # pasted, not opened: the date box still says today
    _summarise(qtbot, pane)
    assert pane.meeting_date() == dt.date(2024, 3, 12) and "取自记录" in pane.date_note.text()
    assert [i.due.date for i in pane.minutes.action_items if i.due] == [dt.date(2024, 3, 22)]

    chosen = MeetingPane(services)
    qtbot.addWidget(chosen)
    chosen.date_edit.setDate(dt.date(2024, 3, 13))  # the user's own choice wins over the header
    chosen.editor.setPlainText(pasted)
    _summarise(qtbot, chosen)
    assert chosen.meeting_date() == dt.date(2024, 3, 13)
