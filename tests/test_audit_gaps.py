"""An output the audit log could not take is never passed off silently: the user is told where they are
looking, the miss is on the record at the next write, and under an administrator's "audit": "required"
policy the output is withheld."""

from __future__ import annotations

import errno
import json

import pytest

from analyst_desk.core.compliance import audit_file
from analyst_desk.core.compliance.audit import AuditLog, AuditNotRecorded


class DiskFull:
    """audit_file.append failing with ENOSPC for the next ``times`` calls, as a full disk does."""

    def __init__(self, monkeypatch, times: int = 1):
        self.left, self.original = times, audit_file.append
        monkeypatch.setattr(audit_file, "append", self)

    def __call__(self, fd, data):
        if self.left > 0:
            self.left -= 1
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.original(fd, data)


def test_a_record_the_disk_refused_is_on_the_record_at_the_next_write(isolated_home, monkeypatch):
    log = AuditLog.open()
    log.record(pane="ask", kind="answer", prompt="first", output="kept")
    DiskFull(monkeypatch, times=1)
    log.record(pane="ask", kind="answer", prompt="second", output="the unaudited answer")
    assert log.last_error and "No space left" in log.last_error
    log.record(pane="ask", kind="answer", prompt="third", output="after the disk was freed")
    assert log.last_error is None
    kinds = [(r["pane"], r["kind"]) for r in log.records()]
    assert kinds == [("ask", "answer"), ("system", "audit_gap"), ("ask", "answer")]
    gap = log.records()[1]
    assert gap["missed_pane"] == "ask" and gap["missed_kind"] == "answer" and "No space left" in gap["reason"]
    assert log.verify().ok


def test_a_miss_noted_by_one_process_is_recorded_by_the_next(isolated_home, monkeypatch):
    first = AuditLog.open()
    first.record(pane="cli", kind="generate", output="kept")
    disk = DiskFull(monkeypatch, times=1)
    first.record(pane="cli", kind="generate", output="lost")
    assert disk.left == 0 and first.last_error
    second = AuditLog.open()  # a later run: it never saw the failure in memory
    second.record(pane="cli", kind="generate", output="next run")
    assert [r["kind"] for r in second.records()] == ["generate", "audit_gap", "generate"]
    first.record(pane="cli", kind="generate", output="the first process again")
    assert [r["kind"] for r in first.records()].count("audit_gap") == 1  # each miss recorded once


def test_policy_required_withholds_an_output_that_could_not_be_recorded(isolated_home, monkeypatch, tmp_path):
    log = AuditLog.open()
    DiskFull(monkeypatch, times=1)
    log.record(pane="ask", kind="answer", output="x")
    log.check_recorded()  # no policy: the caller marks the output instead
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"network": "off", "audit": "required"}), encoding="utf-8")
    monkeypatch.setenv("ANALYST_DESK_POLICY", str(policy))
    with pytest.raises(AuditNotRecorded) as caught:
        log.check_recorded()
    assert caught.value.code == "audit.required_withheld"
    assert "审计日志" in caught.value.localised("zh") and "No space left" in caught.value.localised("en")


def test_the_generate_command_marks_an_unaudited_output_and_withholds_it_under_the_policy(
        isolated_home, monkeypatch, tmp_path, capsys):
    from analyst_desk.cli import main
    from analyst_desk.core.config import Settings

    Settings(language="en").save()
    DiskFull(monkeypatch, times=1)
    assert main(["generate", "Say hello", "--model", "SmolLM2", "--max-tokens", "6"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() and "Not recorded in the audit log: " in err and "No space left" in err

    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"network": "off", "audit": "required"}), encoding="utf-8")
    monkeypatch.setenv("ANALYST_DESK_POLICY", str(policy))
    DiskFull(monkeypatch, times=1)
    assert main(["generate", "Say hello", "--model", "SmolLM2", "--max-tokens", "6"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "withheld" in err
    # Both misses are on the record once the log can be written again.
    log = AuditLog.open()
    log.record(pane="cli", kind="generate", output="later")
    assert [r["kind"] for r in log.records()].count("audit_gap") == 2
