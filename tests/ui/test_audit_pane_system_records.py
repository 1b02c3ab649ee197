"""The notes the audit log writes about itself — a record the disk refused, a torn write it set aside — read in
the Chinese window's language in the Audit pane, with the output that was missed named; the stored records
keep their words (they are under the chain's hash) and the chain still verifies."""

from __future__ import annotations

import re
import time

import pytest

from analyst_desk.core.compliance.audit import AuditLog
from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.panes.audit_pane import AuditPane
from tests.test_audit_gaps import DiskFull


def _pane(qtbot) -> tuple[AuditPane, Services]:
    services = Services(Settings(language="zh"))
    pane = AuditPane(services)
    qtbot.addWidget(pane)
    pane.resize(1366, 700)
    pane.show()
    pane.refresh()
    return pane, services


def _system_rows(pane: AuditPane) -> list[int]:
    return [r for r in range(pane.table.rowCount()) if pane.table.item(r, 2).text() == "系统"]


def test_a_missed_record_reads_in_chinese_with_the_output_it_was_about(qtbot, isolated_home, monkeypatch):
    i18n.set_language("zh")
    log = AuditLog.open()
    DiskFull(monkeypatch, times=1)
    log.record(pane="meeting", kind="transcript", prompt="call.wav", output="孙倩：月底前我把流水补上。")
    log.record(pane="ask", kind="answer", prompt="净利润？", output="净利润同比增长。")  # puts the miss on record
    pane, services = _pane(qtbot)
    try:
        [row] = _system_rows(pane)
        cell = pane.table.item(row, 4).text()
        assert cell.startswith("未记入审计日志：磁盘空间不足（错误 28）"), cell
        assert "会议纪要 · 转写稿" in cell and "An output" not in cell and "Errno" not in cell
        pane.show_detail(row)
        detail = pane.detail.toPlainText()
        output = detail.split("\n输出\n", 1)[1].split("\n记录指纹", 1)[0]  # the login and fingerprint aside
        assert "未记录的输出：会议纪要 · 转写稿（" in output and not re.search(r"[A-Za-z]{3,}", output), detail
        stored = [r for r in log.records() if r["kind"] == "audit_gap"][0]
        assert stored["output"].startswith("An output was not recorded: [Errno 28]")  # as hashed
        assert log.verify().ok
    finally:
        services.close()


def test_a_torn_write_the_log_set_aside_is_said_in_chinese(qtbot, isolated_home):
    i18n.set_language("zh")
    log = AuditLog.open()
    log.record(pane="ask", kind="answer", prompt="第一问", output="第一答")
    with open(log.path, "ab") as handle:  # a write cut off by a crash: half a record, no line end
        handle.write(b'{"time": "2026-12-03T01:00:00+00:00", "user": "rm", "pane": "ask", "outp')
    log.record(pane="ask", kind="answer", prompt="第二问", output="第二答")
    assert any(r["kind"] == "recovery" for r in log.records())
    pane, services = _pane(qtbot)
    try:
        [row] = _system_rows(pane)
        cell = pane.table.item(row, 4).text()
        assert cell.startswith("一次中断的写入（") and "已移至" in cell and "日志从第" in cell, cell
        assert "interrupted" not in cell
        assert log.verify().ok
        pane.verify()  # the auditor is told of the torn write, in Chinese, beside the verdict
        said = pane.verify_label.text()
        assert said.startswith("✓ ") and "\n· 一次中断的写入已移至 audit.torn-" in said and "interrupted" not in said
    finally:
        services.close()


def test_in_english_the_notes_keep_the_systems_words(qtbot, isolated_home, monkeypatch):
    i18n.set_language("en")
    log = AuditLog.open()
    DiskFull(monkeypatch, times=1)
    log.record(pane="drafting", kind="section", output="Revenue grew.")
    log.record(pane="ask", kind="answer", output="later")
    services = Services(Settings(language="en"))
    pane = AuditPane(services)
    qtbot.addWidget(pane)
    pane.refresh()
    try:
        [row] = [r for r in range(pane.table.rowCount()) if pane.table.item(r, 2).text() == "System"]
        cell = pane.table.item(row, 4).text()
        assert cell.startswith("Not recorded in the audit log: [Errno 28] No space left on device"), cell
        assert "Report drafting · report section" in cell
    finally:
        services.close()


@pytest.fixture
def beijing_time(monkeypatch):
    """The computer's clock in China Standard Time (UTC+8), as a bank's laptops are set."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_rows_carry_the_record_numbers_a_verification_names_and_the_notes_can_be_listed_alone(
        qtbot, isolated_home, monkeypatch):
    i18n.set_language("zh")
    log = AuditLog.open()
    log.record(pane="ask", kind="answer", output="第一答")
    DiskFull(monkeypatch, times=1)
    log.record(pane="drafting", kind="section", output="未能记入的章节")
    log.record(pane="ask", kind="answer", output="第二答")  # after the note of the miss
    pane, services = _pane(qtbot)
    try:
        numbers = [pane.table.verticalHeaderItem(r).text() for r in range(pane.table.rowCount())]
        assert numbers == [str(r["seq"]) for r in reversed(log.records())] == ["3", "2", "1"]  # newest first
        pane.show_detail(1)
        assert pane.detail.toPlainText().startswith("第 2 条记录 · ") and " · 系统 · 漏记说明" in pane.detail.toPlainText()
        pane.pane_filter.setCurrentIndex(pane.pane_filter.findText("系统"))
        assert pane.table.rowCount() == 1 and pane.table.item(0, 4).text().startswith("未记入审计日志")
    finally:
        services.close()


def test_a_chosen_day_is_the_day_on_the_computers_clock_not_utcs(qtbot, isolated_home, beijing_time):
    from datetime import datetime, timezone

    from PySide6.QtCore import QDate

    i18n.set_language("zh")
    log = AuditLog.open()
    log.clock = lambda: datetime(2026, 12, 2, 23, 30, tzinfo=timezone.utc)  # 2026-12-03 07:30 in Beijing
    log.record(pane="ask", kind="answer", output="早上的回答")
    pane, services = _pane(qtbot)
    try:
        for day, rows in ((QDate(2026, 12, 3), 1), (QDate(2026, 12, 2), 0)):
            pane.since.setDate(day)
            pane.until.setDate(day)
            assert pane.table.rowCount() == rows, day
        pane.until.setDate(QDate(2026, 12, 3))  # the list follows the dates as they are chosen, no Refresh
        assert pane.table.rowCount() == 1
        pane.since.setDate(QDate(2026, 12, 3))
        assert pane.table.item(0, 0).text() == "2026-12-03 07:30:00"
    finally:
        services.close()


def test_the_chinese_panes_excel_export_reads_as_the_pane_does_and_keeps_the_records_as_hashed(
        qtbot, isolated_home, tmp_path, monkeypatch):
    import json

    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    from analyst_desk.core.drafting.verification import Flag
    from analyst_desk.core.meeting.minutes import ActionItem, Minutes

    i18n.set_language("zh")
    log = AuditLog.open()
    minutes = Minutes(title="贷后检查会", date=None, language="zh", attendees=["周立"], summary="客户经营稳定。",
                      action_items=[ActionItem(task="月底前补充流水", owner="周立", lines=[4])])
    stored = json.dumps(minutes.to_json(), ensure_ascii=False)
    log.record(pane="meeting", kind="minutes", prompt="…", output=stored)
    flag = Flag.of("uncited_sentence", "净利润同比增长。", 0, 8, "check.uncited")
    log.record(pane="ask", kind="answer", prompt="净利润？", output="净利润同比增长。", flags=[flag.to_json()])
    pane, services = _pane(qtbot)
    out = tmp_path / "审计.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    try:
        pane.choose_export()
        assert pane.verify_label.text().startswith("已导出到")
        rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
        header = rows[0]
        assert header[:4] == ("时间（UTC）", "用户", "功能", "类型") and "输出（原始记录）" in header
        assert not [h for h in header if re.search(r"[A-Za-z]{3,}", (h or "").replace("UTC", ""))], header
        by = {r[header.index("类型")]: dict(zip(header, r)) for r in rows[1:]}
        assert "月底前补充流水" in by["纪要"]["输出"] and "{" not in by["纪要"]["输出"]
        assert by["纪要"]["输出（原始记录）"] == stored and by["纪要"]["功能"] == "会议纪要"
        assert by["回答"]["标记"] and "This sentence" not in by["回答"]["标记"] and "{" not in by["回答"]["标记"]
    finally:
        services.close()
