"""The command line says why the audit log refused a record in the user's language, as the window does:
"未记入审计日志：磁盘空间不足（错误 28）" on a Chinese user's stderr, the system's own words in English — and the
record of the miss keeps the system's words, for IT."""

from __future__ import annotations

from analyst_desk.commands.common import audit_gate
from analyst_desk.core.compliance.audit import AuditLog
from analyst_desk.core.compliance.audit_watch import AuditWatch
from analyst_desk.core.config import Settings
from tests.test_audit_gaps import DiskFull


def test_a_chinese_users_stderr_says_the_disk_is_full_in_chinese(isolated_home, monkeypatch, capsys):
    Settings(language="zh").save()
    log = AuditLog.open()
    DiskFull(monkeypatch, times=1)
    log.record(pane="cli", kind="generate", prompt="问", output="未能记入的回答")
    audit_gate(log)
    err = capsys.readouterr().err  # (log lines the test also captures keep the system's words, for IT)
    assert "未记入审计日志：磁盘空间不足（错误 28）" in err.splitlines()
    log.record(pane="cli", kind="generate", output="later")
    gap = [r for r in log.records() if r["kind"] == "audit_gap"][0]
    assert "No space left on device" in gap["reason"]  # the record keeps the system's words


def test_a_job_of_several_records_is_said_in_chinese_too(isolated_home, monkeypatch, capsys):
    Settings(language="zh").save()
    log = AuditLog.open()
    watch = AuditWatch.watch(log, "drafting")
    DiskFull(monkeypatch, times=1)
    log.record(pane="drafting", kind="section", output="第一节")  # refused
    log.record(pane="drafting", kind="section", output="第二节")  # written: the miss is still reported
    audit_gate(log, watch)
    assert "未记入审计日志：磁盘空间不足（错误 28）" in capsys.readouterr().err.splitlines()


def test_an_english_users_stderr_keeps_the_systems_words(isolated_home, monkeypatch, capsys):
    Settings(language="en").save()
    log = AuditLog.open()
    DiskFull(monkeypatch, times=1)
    log.record(pane="cli", kind="generate", output="an unaudited answer")
    audit_gate(log)
    err = capsys.readouterr().err
    assert "Not recorded in the audit log: [Errno 28] No space left on device" in err.splitlines()


def test_pii_check_lists_what_it_found_in_the_users_language(isolated_home, capsys):
    from analyst_desk.cli import main

    Settings(language="zh").save()
    assert main(["pii", "check", "客户：张伟；手机13812345678"]) == 0
    out = capsys.readouterr().out
    assert "姓名：张伟（第 3–5 个字符）" in out and "手机号：13812345678" in out and "共找到 2 处个人信息。" in out
    Settings(language="en").save()
    assert main(["pii", "check", "客户：张伟；手机13812345678"]) == 0
    assert "2 item(s) of personal data found." in capsys.readouterr().out


def test_audit_list_reads_records_as_the_audit_pane_does(isolated_home, monkeypatch, capsys):
    from analyst_desk.cli import main
    from analyst_desk.core.drafting.verification import Flag

    log = AuditLog.open()
    flag = Flag.of("uncited_sentence", "营业收入增长较快。", 0, 9, "check.uncited")
    log.record(pane="ask", kind="answer", prompt="营业收入？", output="营业收入增长较快。", flags=[flag.to_json()])
    DiskFull(monkeypatch, times=1)
    log.record(pane="meeting", kind="transcript", output="refused")
    log.record(pane="cli", kind="generate", output="later")
    Settings(language="zh").save()
    assert main(["audit", "list"]) == 0
    out = capsys.readouterr().out
    assert "文档问答/回答" in out and "标记：这句话没有标注来源。" in out and "{'kind'" not in out
    assert "系统/漏记说明" in out and "未记入审计日志：磁盘空间不足（错误 28）" in out and "An output was not" not in out
    Settings(language="en").save()
    assert main(["audit", "list"]) == 0
    out = capsys.readouterr().out
    assert "ask/answer" in out and "flags: This sentence cites no source." in out and "{'kind'" not in out
