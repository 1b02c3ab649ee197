"""A new user is shown where to start; the window fits a 1366×768 laptop and a 1920×1080 monitor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.main_window import MainWindow
from tests.library_docs import CN_REPORT_PAGES, write_pdf


def test_a_new_user_starts_on_the_welcome_page_and_it_stays_dismissed(qtbot, monkeypatch):
    i18n.set_language("zh")
    win = MainWindow(Services(Settings(language="zh")))
    qtbot.addWidget(win)
    assert win.stack.currentWidget() is win.welcome
    opened = []
    library = win.panes["library"]
    monkeypatch.setattr(library, "choose_files", lambda: opened.append(True))
    win.welcome.import_button.click()  # "导入报告…" goes to the Library and opens the file dialog
    assert win.stack.currentWidget() is library and opened
    win.show_welcome()
    win.welcome.pane_requested.emit("meeting")
    assert win.stack.currentWidget() is win.panes["meeting"]
    win.show_welcome()
    win.welcome.start_button.click()
    assert win.stack.currentWidget() is library
    again = MainWindow(Services(Settings.load()))
    qtbot.addWidget(again)
    assert again.welcome is None and again.stack.currentWidget() is again.panes["assistant"]


def test_the_shown_window_still_greets_a_new_user_with_the_welcome_page(qtbot):
    """Showing the window gave the pane list focus, which made row 0 (Assistant) current over the welcome page."""
    i18n.set_language("zh")
    win = MainWindow(Services(Settings(language="zh")))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.nav.setFocus()  # focus reaching the pane list (Tab, a click on the empty area) must not pick a pane
    qtbot.wait(50)
    assert win.stack.currentWidget() is win.welcome
    assert win.nav.currentRow() == -1
    assert win.welcome.import_button.text() == "导入报告…"
    # Each pane is explained on the welcome page, in at most two lines at this width.
    for key, _module, _cls, title, purpose in __import__("analyst_desk.ui.main_window", fromlist=["x"]).pane_specs():
        assert purpose in win.welcome.findChild(type(win.welcome.model_label), f"pane_{key}").text()


def test_a_library_with_reports_opens_on_the_panes(qtbot, tmp_path):
    services = Services(Settings())
    services.library().add_paths([write_pdf(tmp_path / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)])
    win = MainWindow(services)
    qtbot.addWidget(win)
    assert win.welcome is None


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_every_pane_fits_the_screen(qtbot, tmp_path, screenshot, size):
    width, height = size
    i18n.set_language("zh")
    services = Services(Settings(language="zh"))
    services.library().add_paths([write_pdf(tmp_path / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)])
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.resize(width, height - 40)  # a taskbar takes the rest
    win.show()
    qtbot.waitExposed(win)
    library = win.show_pane("library")
    library.search_box.setText("净息差")
    library.search()
    qtbot.waitUntil(lambda: bool(library.hits) and not library.viewer.rendering, timeout=60_000)
    # Every column of the documents table is on screen (报告期 and 公司 were cut off at 1366).
    table = library.documents
    last = table.columnCount() - 1
    right_edge = table.columnViewportPosition(last) + table.columnWidth(last)
    assert right_edge <= table.viewport().width() + 1, (right_edge, table.viewport().width())
    # At least two search results are visible without scrolling.
    second = library.results.visualItemRect(library.results.item(1))
    assert second.bottom() <= library.results.viewport().height()
    for key in win.panes:
        pane = win.show_pane(key)
        qtbot.wait(10)
        assert pane.geometry().right() <= win.width() and pane.mapTo(win, QPoint(0, 0)).y() >= 0
        screenshot(win, f"window_{width}x{height}_{key}")
