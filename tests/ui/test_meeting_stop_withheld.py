"""A recording stopped half-way in the Meeting pane, under a bank's "audit": "required" policy, with the audit log
refusing the record: what was heard before Stop is not shown (the editor keeps what it held, no mark, a message
saying why), and the miss is on the record at the next write. Real Whisper on a real clip."""

from __future__ import annotations

import json

import pytest

from analyst_desk.core.compliance.audit import AuditLog, text_hash
from analyst_desk.core.config import Settings
from analyst_desk.core.meeting import transcription
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.panes.meeting_pane import MeetingPane
from tests.test_audit_gaps import DiskFull
from tests.test_meeting_audio import synthesise

pytestmark = pytest.mark.slow

CLIENTS = ["Harbor Foods", "Lotus Textiles", "Granite Mining", "Bluewave Shipping", "Maple Dairy", "Orchid Hotels",
           "Summit Cement", "Cedar Logistics", "Falcon Airways", "Jade Pharma", "Willow Paper", "Ember Energy"]
ACTIONS = ["agreed the renewal", "asked for collateral", "raised the limit", "deferred the review", "cut the tenor",
           "requested audited accounts"]


def test_stopping_a_transcription_whose_record_was_refused_shows_nothing_under_the_policy(
        qtbot, tmp_path, monkeypatch):
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"network": "off", "audit": "required"}), encoding="utf-8")
    monkeypatch.setenv("ANALYST_DESK_POLICY", str(policy))
    recorded: list[str] = []  # what the pane handed to the audit log
    original = transcription.record_transcript
    monkeypatch.setattr(transcription, "record_transcript",
                        lambda audit, name, result: (recorded.append(result.text if result else ""),
                                                     original(audit, name, result))[1])
    # About two minutes of varied speech: Stop after the first words lands before the end (see test_meeting_pane).
    clip = synthesise(tmp_path / "committee.wav", " ".join(
        f"Item {n}: the committee reviewed {CLIENTS[n % 12]}, client number {n}, and {ACTIONS[n % 6]}."
        for n in range(24)))

    i18n.set_language("zh")
    services = Services(Settings(threads=2))
    pane = MeetingPane(services)
    qtbot.addWidget(pane, before_close_func=lambda widget: (widget.shutdown(), services.close()))
    earlier = "张伟：上次的会议记录，尚未总结。"
    pane.editor.setPlainText(earlier)
    disk = DiskFull(monkeypatch, times=1000)  # the disk stays full for the whole job
    pane.open_file(clip)
    qtbot.waitUntil(lambda: pane.progress.value() > 0, timeout=120_000)  # the first words were heard
    assert pane.busy
    pane.stop()
    qtbot.waitUntil(lambda: not pane.busy, timeout=60_000)

    assert len(recorded) == 1 and recorded[0].strip(), "what was heard before Stop was not handed to the log"
    assert "number 23" not in recorded[0]  # stopped: the record was of the part heard, not the whole clip
    assert disk.left < 1000  # the log tried to write it, and the disk refused
    assert pane.editor.toPlainText() == earlier  # nothing of the refused transcript is shown
    assert "输出已被扣留" in pane.status.text() and "磁盘空间不足（错误 28）" in pane.status.text()
    assert pane.audit_mark.isHidden()  # no marked output either: there is none
    assert getattr(pane, "source_name", "") != "committee.wav"

    disk.left = 0  # the disk is freed; the next write puts the withheld transcript's miss on record
    log = AuditLog.open()
    log.record(pane="ask", kind="answer", output="later")
    gaps = [r for r in log.records() if r["kind"] == "audit_gap"]
    assert [(g["missed_pane"], g["missed_kind"]) for g in gaps] == [("meeting", "transcript")]
    assert gaps[0]["missed_output_sha256"] == text_hash(recorded[0]) and log.verify().ok
