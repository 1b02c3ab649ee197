"""A compliance officer reviews what was generated, checks the log is intact and exports it."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.main_window import MainWindow
from tests.conftest import TINY_MODEL


def test_a_generation_in_the_app_appears_in_the_audit_pane_and_verifies(qtbot, screenshot):
    i18n.set_language("zh")
    window = MainWindow(Services(Settings(model=TINY_MODEL, max_tokens=40)))
    qtbot.addWidget(window)
    window.show()
    assistant = window.show_pane("assistant")
    for prompt in ("What is 2 + 2? Answer with the number.", "Name a colour."):
        assistant.prompt_edit.setPlainText(prompt)
        qtbot.mouseClick(assistant.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not assistant.busy, timeout=60_000)
    audit = window.show_pane("audit")
    audit.refresh()
    assert audit.table.rowCount() == 2
    assert audit.table.item(0, 2).text() == "助手"  # the pane's name in the UI language (Chinese here)
    assert audit.table.item(0, 3).text() == TINY_MODEL
    assert "Name a colour." in audit.detail.toPlainText()
    audit.verify()
    assert audit.verify_label.text().startswith("✓")
    screenshot(window, "audit_pane_zh")

    # Someone edits the log file: the pane says so.
    path = window.services.audit.path
    lines = path.read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[0])
    entry["output"] = "5"
    lines[0] = json.dumps(entry, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    audit.verify()
    assert audit.verify_label.text().startswith("✗") and "第" not in audit.verify_label.text()[:1]
    out = window.services.audit.folder / "export.xlsx"
    window.services.audit.export_xlsx(out)
    assert out.exists()


def test_minutes_and_checked_answers_read_as_text_in_the_windows_language(qtbot, isolated_home, screenshot):
    """The log keeps minutes as JSON and flags as recorded; the officer reads them as minutes and as
    Chinese check messages, never as raw JSON or Python dicts."""
    from analyst_desk.core.drafting.verification import Flag
    from analyst_desk.core.meeting.minutes import ActionItem, Item, Minutes
    from analyst_desk.ui.panes.audit_pane import AuditPane

    i18n.set_language("zh")
    services = Services(Settings())
    minutes = Minutes(title="授信审批会", date=None, language="zh", attendees=["陈立新", "刘倩"],
                      summary="会议同意对华东制造追加授信。", decisions=[Item(text="同意追加授信8000万元", lines=[3])],
                      action_items=[ActionItem(task="补充抵押物评估报告", owner="刘倩", lines=[5])])
    services.audit.record(pane="meeting", kind="minutes", prompt="…", output=json.dumps(minutes.to_json(),
                                                                                         ensure_ascii=False))
    flag = Flag.of("uncited_sentence", "营业收入增长较快。", 0, 9, "check.uncited")
    services.audit.record(pane="ask", kind="answer", prompt="营业收入？", output="营业收入增长较快。",
                          flags=[flag.to_json()])
    pane = AuditPane(services)
    pane.resize(1366, 700)
    qtbot.addWidget(pane)
    pane.show()
    pane.refresh()
    assert pane.table.rowCount() == 2
    ask_row = next(r for r in range(2) if pane.table.item(r, 2).text() == "文档问答")
    flags_text = pane.table.item(ask_row, 5).text()
    assert flags_text and "{" not in flags_text and "This sentence" not in flags_text
    minutes_row = 1 - ask_row
    pane.show_detail(minutes_row)
    detail = pane.detail.toPlainText()
    assert "补充抵押物评估报告" in detail and "同意追加授信8000万元" in detail
    assert '"action_items"' not in detail and "{" not in pane.table.item(minutes_row, 4).text()
    # A miss the log recorded about itself reads in Chinese too.
    from analyst_desk.ui.audit_text import readable_output

    assert readable_output({"kind": "audit_gap", "output": "An output was not recorded: disk full",
                            "reason": "disk full"}) == "未记入审计日志：disk full"
    total = sum(pane.table.columnWidth(c) for c in range(pane.table.columnCount()))
    assert total <= 1366, total
    screenshot(pane, "audit_pane_records_zh")
    services.close()


def test_the_audit_pane_in_a_1366_by_768_chinese_window_reads_without_english_or_json(qtbot, isolated_home,
                                                                                      screenshot):
    """What a compliance officer sees on a 1366×768 laptop: every kind of record the app writes — an answer with
    its checks, minutes, a draft section, figures the model read, a transcript — as Chinese text."""
    import re

    from analyst_desk.core.drafting.verification import Flag
    from analyst_desk.core.meeting.minutes import ActionItem, Item, Minutes

    i18n.set_language("zh")
    services = Services(Settings(language="zh"))
    minutes = Minutes(title="贷后检查会", date=None, language="zh", attendees=["周立", "孙倩"],
                      summary="客户经营稳定，按期还款。", decisions=[Item(text="维持授信额度", lines=[2])],
                      action_items=[ActionItem(task="月底前补充流水", owner="孙倩", lines=[4])])
    audit = services.audit
    audit.record(pane="meeting", kind="minutes", prompt="…", output=json.dumps(minutes.to_json(), ensure_ascii=False))
    audit.record(pane="meeting", kind="transcript", prompt="call.wav", output="孙倩：月底前我把流水补上。")
    flag = Flag.of("uncited_sentence", "净利润同比增长。", 0, 8, "check.uncited")
    audit.record(pane="ask", kind="answer", prompt="净利润增长多少？", output="净利润同比增长。", flags=[flag.to_json()])
    audit.record(pane="drafting", kind="section", prompt="经营概况", output="本行资产规模稳步增长[1]。")
    audit.record(pane="extraction", kind="key_figure", prompt="净利润", output="45,678 百万元")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    pane = window.show_pane("audit")
    pane.refresh()
    assert pane.table.rowCount() == 5
    shown = [pane.table.item(r, c).text() for r in range(pane.table.rowCount()) for c in range(pane.table.columnCount())
             if pane.table.item(r, c) is not None and c not in (0, 1, 3)]  # time, login and model file aside
    words = [w for w in re.findall(r"[A-Za-z]{3,}", " ".join(shown))]
    assert words == [], words
    assert not [t for t in shown if t.lstrip().startswith(("{", "["))], shown
    path = screenshot(window, "audit_pane_1366x768_zh")
    assert path.stat().st_size > 10_000
    services.close()
