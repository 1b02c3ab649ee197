"""Every pane runs its long work the same way: Stop hands back what was done, stopping is not an
error, a known problem goes to the status line and an unexpected one also opens a details dialog."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QPushButton, QWidget

from analyst_desk.core.errors import AppError
from analyst_desk.core.progress import Progress
from analyst_desk.ui import i18n
from analyst_desk.ui.job_controller import JobController


def _controller(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    status, bar, start, stop = QLabel(parent), QProgressBar(parent), QPushButton(parent), QPushButton(parent)
    return JobController(parent, name="test", status=status, progress_bar=bar, start_widgets=[start],
                         stop_button=stop), status, start, stop


def test_stop_hands_back_the_work_done_so_far_and_is_not_an_error(qtbot):
    controller, status, start, stop = _controller(qtbot)
    kept = []

    def count(ctx):
        done = []
        while not ctx.cancel.cancelled:
            done.append(len(done))
            ctx.progress(Progress(len(done), 0, "counting"))
            time.sleep(0.005)
        return done

    counted = []
    assert controller.start(count, on_cancelled=kept.append, on_progress=lambda p: counted.append(p.done))
    assert controller.busy and not start.isEnabled() and stop.isEnabled()
    assert not controller.start(count)  # one job at a time per controller
    qtbot.waitUntil(lambda: len(counted) >= 2, timeout=5_000)
    stop.click()
    qtbot.waitUntil(lambda: not controller.busy, timeout=5_000)
    assert kept and kept[0] and kept[0] == list(range(len(kept[0])))
    assert status.text() == "Stopped." and "⚠" not in status.text()
    assert start.isEnabled() and not stop.isEnabled()


def test_a_known_problem_goes_to_the_status_line_in_the_ui_language(qtbot):
    controller, status, _start, _stop = _controller(qtbot)
    i18n.set_language("zh")
    try:
        def fail(_ctx):
            raise AppError(code="file.empty", params={"name": "纪要.txt"})

        controller.start(fail)
        qtbot.waitUntil(lambda: not controller.busy, timeout=5_000)
        assert status.text() == "⚠ 纪要.txt 是空文件。"
    finally:
        i18n.set_language("en")


def test_an_unexpected_error_also_opens_a_details_dialog(qtbot):
    controller, status, _start, _stop = _controller(qtbot)

    def crash(_ctx):
        return {}["missing"]

    controller.start(crash)
    qtbot.waitUntil(lambda: not controller.busy, timeout=5_000)
    assert status.text().startswith("⚠")
    dialog = controller.parent().findChild(QMessageBox, "unexpected_error_dialog")
    assert dialog is not None and "KeyError" in dialog.detailedText() and dialog.isVisible()
    dialog.close()


def test_a_cancelled_import_is_reported_as_stopped_not_as_an_error(qtbot, tmp_path):
    from analyst_desk.core.config import Settings
    from analyst_desk.core.services import Services
    from analyst_desk.ui.panes.library_pane import LibraryPane
    from tests.library_docs import write_long_pdf

    pane = LibraryPane(Services(Settings()))
    qtbot.addWidget(pane)
    pane.import_paths([write_long_pdf(tmp_path / f"report-{n}.pdf", 60) for n in range(3)])
    pane.cancel_import()
    qtbot.waitUntil(lambda: not pane.busy, timeout=60_000)
    assert "⚠" not in pane.progress_label.text() and "stopped" in pane.progress_label.text().lower()


def test_streaming_into_the_draft_editor_never_re_renders_the_draft(qtbot, monkeypatch):
    from analyst_desk.core.drafting.drafts import Draft, SectionDraft
    from analyst_desk.ui.widgets.draft_editor import DraftEditor

    draft = Draft(template="company_brief", title="公司简报：华东银行", subject="华东银行", language="zh",
                  length="short", sections=[SectionDraft(title="公司概况", instruction="", queries=[]),
                                            SectionDraft(title="财务表现", instruction="", queries=[])])
    editor = DraftEditor(lambda flag: "")
    qtbot.addWidget(editor)
    editor.show_draft(draft)
    renders = []
    monkeypatch.setattr(editor, "setPlainText", lambda text: renders.append(text))
    for piece in ["华东银行", "是一家", "城市商业银行[1]。"]:
        editor.append_to_section(draft, 0, piece)
    for piece in ["营业收入", "523.10亿元[2]。"]:
        editor.append_to_section(draft, 1, piece)
    assert not renders
    assert editor.toPlainText() == draft.to_text()
    assert editor.section_at(editor.toPlainText().index("营业收入")) == 1


def test_an_export_that_cannot_be_written_says_why_in_the_status_line(qtbot, tmp_path):
    from analyst_desk.ui.messages import write_and_report

    status = QLabel()
    blocker = tmp_path / "exports"
    blocker.write_text("a file where the folder should be")
    target = blocker / "tables.xlsx"

    def write():
        target.write_bytes(b"x")  # a library writing directly, raising a bare OSError

    assert write_and_report(status, target, write) is None
    assert status.text().startswith("⚠ Cannot write") and "tables.xlsx" in status.text()
