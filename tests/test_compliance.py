"""Compliance: exports are masked, prohibited advice is caught, data at rest is encrypted.

The audit log has its own file (test_audit_log.py), and so does personal-data detection (test_pii.py).
"""

from __future__ import annotations


import pytest

from analyst_desk.core.compliance.audit import AuditLog
from analyst_desk.core.compliance.content_guard import check_text
from analyst_desk.core.compliance.crypto import Vault, WrongPassphraseError
from analyst_desk.core.compliance.export_guard import prepare_export
from analyst_desk.core.config import Settings


def test_exports_are_masked_by_setting_and_warn_when_not():
    text = "客户身份证110101199003074514"
    on = prepare_export(text, Settings(mask_on_export=True))
    assert on.masked and "110101********4514" in on.text and not on.needs_warning
    off = prepare_export(text, Settings(mask_on_export=False))
    assert off.text == text and off.needs_warning


def test_prohibited_advice_is_flagged():
    flags = check_text("本产品保本保收益，稳赚不赔。This fund offers guaranteed returns.")
    assert [f.text for f in flags] == ["保本保收益", "稳赚不赔", "guaranteed returns"]
    assert check_text("本行净息差为1.87%。") == []


def test_encryption_round_trip_and_wrong_passphrase(tmp_path):
    vault = Vault(tmp_path, "correct horse")
    path = tmp_path / "draft.enc"
    vault.write(path, "授信调查报告草稿")
    assert "授信".encode() not in path.read_bytes()
    assert Vault(tmp_path, "correct horse").read(path) == "授信调查报告草稿"
    with pytest.raises(WrongPassphraseError, match="passphrase is wrong"):
        Vault(tmp_path, "wrong").read(path)


def test_encryption_at_rest_protects_drafts_minutes_and_audit_texts(monkeypatch, isolated_home):
    """A lost laptop: with encryption on, the data folder shows no client text, yet the audit chain verifies."""
    import datetime as dt

    from analyst_desk.core.compliance import crypto
    from analyst_desk.core.config import Settings
    from analyst_desk.core.drafting.drafts import Draft, DraftStore, SectionDraft
    from analyst_desk.core.meeting.minutes import Minutes
    from analyst_desk.core.meeting.sessions import MeetingSession, load_session, save_session

    settings = Settings(encrypt_at_rest=True)
    settings.save()
    crypto.lock()
    monkeypatch.delenv(crypto.PASSPHRASE_ENV, raising=False)
    with pytest.raises(crypto.LockedError):
        DraftStore().save(Draft(template="company_brief", title="恒远机械简报", subject="恒远机械"))
    crypto.unlock("correct horse battery")
    try:
        store = DraftStore()
        draft = Draft(template="company_brief", title="恒远机械简报", subject="恒远机械",
                      sections=[SectionDraft(title="概况", instruction="", queries=[], text="营业收入12.8亿元")])
        path = store.save(draft)
        save_session(MeetingSession(transcript="张经理：王芳，你下周一前把方案发给风险部。", date=dt.date(2026, 3, 4),
                                    minutes=Minutes(title="授信复盘会", date=dt.date(2026, 3, 4), language="zh")))
        log = AuditLog.open(settings=settings)
        log.record(pane="meeting", kind="minutes", prompt="客户身份证110101199003071234", output="纪要：恒远机械")
        for file in [path, crypto.keys_folder().parent / "meetings" / "current.json", log.path]:
            raw = file.read_bytes().decode("utf-8", "replace")
            assert "恒远" not in raw and "王芳" not in raw and "110101" not in raw, file
        assert store.load(draft.draft_id).sections[0].text == "营业收入12.8亿元"
        assert load_session().transcript.startswith("张经理")
        assert log.records()[0]["output"] == "纪要：恒远机械"
        crypto.lock()
        # The audit key is in the vault too: without the passphrase nobody can check — or forge — the log.
        locked = log.verify()
        assert not locked.ok and "passphrase" in locked.message
        assert log.records()[0]["output"] == "[encrypted]"
        assert not (crypto.keys_folder() / "audit.key").exists() and (crypto.keys_folder() / "audit.key.enc").exists()
        with pytest.raises(crypto.WrongPassphraseError):
            crypto.unlock("wrong guess")
        monkeypatch.setenv(crypto.PASSPHRASE_ENV, "correct horse battery")  # the CLI's way in
        assert DraftStore().load(draft.draft_id).title == "恒远机械简报"
        assert log.verify().ok, log.verify().message
    finally:
        crypto.lock()


def test_personal_data_can_be_masked_before_the_model_sees_it(tiny_engine):
    """With the option on, an ID number in the prompt never reaches the model, so it cannot be repeated."""
    from analyst_desk.core.engine.base import ChatMessage, LoadOptions
    from analyst_desk.core.engine.llama_engine import LlamaEngine

    prompt = [ChatMessage("user", "Repeat exactly: 110101199003071233 and 13812345678")]
    masked = LlamaEngine(tiny_engine.info, LoadOptions(context_size=512, threads=2, mask_pii=True))
    try:
        text = masked.complete(prompt, max_tokens=40, temperature=0.0)
    finally:
        masked.close()
    assert "110101199003071233" not in text and "13812345678" not in text
    plain = tiny_engine.complete(prompt, max_tokens=40, temperature=0.0)
    assert "1101011990" in plain.replace(" ", "") or "13812345678" in plain.replace(" ", "")  # it would repeat it


def test_a_draft_the_audit_log_missed_is_still_marked_when_it_is_opened_again(isolated_home):
    from analyst_desk.core.drafting.drafts import Draft, DraftStore, SectionDraft, mark_draft

    draft = Draft(template="weekly_report", title="周报", subject="平安银行",
                  sections=[SectionDraft("经营概况", "概述"), SectionDraft("风险", "风险")])
    assert mark_draft(draft, "No space left on device", whole=True)
    DraftStore().save(draft)
    reopened = DraftStore().load(draft.draft_id)
    assert reopened.unaudited == "No space left on device"
    # Rewriting one section with its record written does not clear the mark: the other section is still unaudited.
    assert not mark_draft(reopened, None, whole=False) and reopened.unaudited
    # A second miss is added to the first, once; a fully audited rewrite of every section clears it.
    mark_draft(reopened, "vault locked", whole=False)
    mark_draft(reopened, "vault locked", whole=False)
    assert reopened.unaudited == "No space left on device; vault locked"
    assert mark_draft(reopened, None, whole=True) and reopened.unaudited == ""


def test_minutes_the_audit_log_missed_are_still_marked_when_the_meeting_is_opened_again(isolated_home):
    import datetime as dt

    from analyst_desk.core.meeting.minutes import Minutes
    from analyst_desk.core.meeting.sessions import MeetingSession, load_session, save_session

    save_session(MeetingSession(transcript="张伟：周五前提交授信材料。", date=dt.date(2026, 3, 6),
                                minutes=Minutes("周会", dt.date(2026, 3, 6), "zh"), unaudited="No space left on device"))
    session = load_session()
    assert session is not None and session.unaudited == "No space left on device"
    save_session(MeetingSession(transcript="张伟：好的。", minutes=Minutes("周会", None, "zh")))
    assert load_session().unaudited == ""
