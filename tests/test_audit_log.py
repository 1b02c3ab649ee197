"""The audit log as a hostile insider sees it: every way of rewriting it is caught, a crash is not fatal.

The insider can edit any file in the data folder's audit folder but cannot read the audit key
(``keys/audit.key``, or the vault when encryption is on). What someone holding the key can still do
is described in the README's threat model.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from datetime import datetime, timedelta, timezone

import pytest

from analyst_desk.core.compliance.audit import AuditLog
from analyst_desk.core.compliance.audit_format import GENESIS, canonical, keyed_hash, legacy_hash
from analyst_desk.core.compliance.audit_seal import SEAL_FILE
from tests.conftest import MODELS, TINY_MODEL


@pytest.fixture
def audit(tmp_path):
    return AuditLog(tmp_path / "audit")


def fill(audit, n=5, start=0):
    for i in range(start, start + n):
        audit.record(pane="ask", kind="answer", prompt=f"问题{i}", sources=[f"资料{i}"], output=f"答案{i}",
                     flags=["uncited"] if i % 2 else [])
    assert audit.last_error is None


def lines(audit) -> list[str]:
    return audit.path.read_text(encoding="utf-8").splitlines()


def write(audit, rows) -> None:
    audit.path.write_text("".join(r + "\n" for r in rows), encoding="utf-8")


def dump(entry: dict) -> str:
    return json.dumps(entry, ensure_ascii=False)


#: What an insider without the key computes when "fixing up" hashes: the old plain SHA-256, or an
#: HMAC under a key of their own.
ATTACKER_KEY = b"\x01" * 32


def attacker_hash(entry: dict) -> str:
    return keyed_hash(ATTACKER_KEY, entry)


def rechain(entries: list[dict], start_prev: str) -> list[str]:
    """Recompute every link and hash as an attacker would (with their own key)."""
    previous, out = start_prev, []
    for entry in entries:
        entry["prev_hash"] = previous
        entry["hash"] = attacker_hash(entry)
        previous = entry["hash"]
        out.append(dump(entry))
    return out


def assert_tampered(audit, *words, line=None):
    result = audit.verify()
    assert not result.ok, result.message
    text = result.message.lower()
    assert all(w.lower() in text for w in words), result.message
    if line is not None:
        assert result.first_bad_line == line, result
    return result


# -- what an honest log looks like ---------------------------------------------------------------------
def test_every_generation_leaves_a_verifiable_record(audit):
    audit.record(pane="ask", kind="answer", model_path=MODELS / TINY_MODEL, prompt="问题", sources=["资料"],
                 output="答案")
    fill(audit, 4)
    records = audit.records()
    assert len(records) == 5
    first = records[0]
    assert first["pane"] == "ask" and first["model"] == TINY_MODEL
    assert first["model_sha256"] == "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
    assert first["prompt"] == "问题" and first["user"] and first["seq"] == 1 and first["prev_hash"] == GENESIS
    result = audit.verify()
    assert result.ok and result.records == 5 and "sealed (record 5)" in result.message


def test_the_key_lives_outside_the_log_readable_only_by_its_owner(audit, isolated_home):
    fill(audit, 1)
    key_file = isolated_home / "keys" / "audit.key"
    assert key_file.exists() and not (audit.folder / "audit.key").exists()
    if os.name == "posix":
        assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    record = json.loads(lines(audit)[0])
    assert record["hash"] == hmac.new(key_file.read_bytes(), b"analyst-desk audit record v2\n" + canonical(record),
                                      hashlib.sha256).hexdigest()
    assert record["hash"] != legacy_hash(record)  # not a hash anyone can recompute


def test_hashes_only_mode_keeps_no_prompt_text(tmp_path):
    log = AuditLog(tmp_path / "a", store_text=False)
    entry = log.record(pane="drafting", kind="section", prompt="客户身份证号110101199003074514", sources=["x"], output="y")
    assert entry["prompt"] is None and entry["sources"] is None and len(entry["prompt_sha256"]) == 64
    assert "110101199003074514" not in log.path.read_text(encoding="utf-8")
    assert log.verify().ok


def test_audit_exports_to_excel(audit, tmp_path):
    import openpyxl

    fill(audit, 3)
    out = audit.export_xlsx(tmp_path / "audit.xlsx", pane="ask")
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "time" and len(rows) == 4


# -- the tampering kinds, one test each ------------------------------------------------------------------
def test_1_editing_a_record_is_detected_at_its_line(audit):
    fill(audit)
    rows = lines(audit)
    entry = json.loads(rows[2])
    entry["output"] = "改过的答案"
    rows[2] = dump(entry)
    write(audit, rows)
    assert_tampered(audit, "changed", line=3)


def test_2_editing_a_record_and_recomputing_its_plain_sha256_is_detected(audit):
    fill(audit)
    rows = lines(audit)
    entry = json.loads(rows[2])
    entry["output"] = "改过的答案"
    entry["hash"] = legacy_hash(entry)
    rows[2] = dump(entry)
    write(audit, rows)
    assert_tampered(audit, "changed", line=3)


def test_3_deleting_a_record_in_the_middle_is_detected(audit):
    fill(audit)
    rows = lines(audit)
    write(audit, rows[:1] + rows[2:])
    assert_tampered(audit, "chain breaks", line=2)


def test_4_reordering_records_is_detected(audit):
    fill(audit)
    rows = lines(audit)
    write(audit, [rows[0], rows[2], rows[1], *rows[3:]])
    assert_tampered(audit, "chain breaks", line=2)


def test_5_replaying_a_record_is_detected(audit):
    fill(audit)
    rows = lines(audit)
    write(audit, [*rows[:3], rows[1], *rows[3:]])
    assert_tampered(audit, "chain breaks", line=4)


def test_6_inserting_a_forged_record_with_recomputed_hashes_is_detected(audit):
    fill(audit)
    rows = lines(audit)
    entries = [json.loads(r) for r in rows]
    forged = {**entries[1], "seq": 3, "output": "从未生成的答案"}
    for entry in entries[2:]:
        entry["seq"] += 1  # renumbered too: the keyed hash is what gives the forgery away
    write(audit, [*rows[:2], *rechain([forged, *entries[2:]], entries[1]["hash"])])
    assert_tampered(audit, "changed", line=3)


def test_7_deleting_the_first_records_is_detected(audit):
    fill(audit)
    write(audit, lines(audit)[2:])
    assert_tampered(audit, "before line 1 are missing", line=1)


def test_8_deleting_the_last_record_is_detected_even_after_new_records(audit):
    fill(audit)
    write(audit, lines(audit)[:-1])
    assert_tampered(audit, "sealed at record 5", "missing")
    fill(audit, 2, start=10)  # the app goes on writing: the loss stays on record
    assert_tampered(audit, "sealed record(s) 5–5", "missing or damaged")
    assert any(r["kind"] == "recovery" for r in audit.records())


def test_9_emptying_the_log_is_detected_even_after_new_records(audit):
    fill(audit)
    audit.path.write_bytes(b"")
    assert_tampered(audit, "emptied")
    fill(audit, 1, start=10)
    assert_tampered(audit, "sealed record(s) 1–5", "missing or damaged")


def test_10_deleting_the_log_file_is_detected(audit):
    fill(audit)
    audit.path.unlink()
    assert_tampered(audit, "emptied or deleted")


def test_11_appending_a_forged_record_with_a_recomputed_hash_is_detected(audit):
    fill(audit)
    rows = lines(audit)
    last = json.loads(rows[-1])
    forged = {**last, "seq": last["seq"] + 1, "output": "伪造的答案", "prev_hash": last["hash"]}
    for compute in (legacy_hash, attacker_hash):
        forged["hash"] = compute(forged)
        write(audit, [*rows, dump(forged)])
        assert_tampered(audit, "changed", line=6)


def test_12_editing_a_record_and_recomputing_every_following_hash_is_detected(audit):
    fill(audit)
    rows = lines(audit)
    entries = [json.loads(r) for r in rows]
    entries[1]["output"] = "改过的答案"
    write(audit, [rows[0], *rechain(entries[1:], entries[0]["hash"])])
    assert_tampered(audit, "changed", line=2)


def test_13_deleting_the_first_records_and_prepending_a_forged_anchor_is_detected(audit):
    fill(audit)
    rows = lines(audit)
    third = json.loads(rows[2])
    anchor = {"time": third["time"], "kind": "anchor", "pane": "system", "archive": "audit-archive-x.jsonl", "v": 2,
              "seq": 2, "prev_hash": third["prev_hash"], "key_id": third["key_id"], "archived_records": 2}
    for forged in ({**anchor, "hash": attacker_hash(anchor)}, {**anchor, "hash": legacy_hash(anchor)}):
        write(audit, [dump(forged), *rows[2:]])
        assert_tampered(audit, "changed", line=1)
    legacy_anchor = {k: v for k, v in anchor.items() if k not in ("v", "seq", "key_id")}
    write(audit, [dump({**legacy_anchor, "hash": legacy_hash(legacy_anchor)}), *rows[2:]])
    assert not audit.verify().ok  # an old-format anchor cannot stand in front of keyed records either


def test_14_a_duplicate_json_key_smuggled_into_a_record_is_rejected(audit):
    fill(audit)
    rows = lines(audit)
    # The forged value first, the genuine one last: a lenient parser keeps the last, so the hash checks,
    # while a person or a tool reading the first sees the forgery.
    rows[2] = rows[2].replace('{"time"', '{"output": "伪造的答案", "time"', 1)
    write(audit, rows)
    assert_tampered(audit, "appears twice", line=3)


def test_15_rewriting_the_whole_log_in_the_old_unkeyed_format_is_detected(audit):
    fill(audit)
    entries = [{k: v for k, v in json.loads(r).items() if k not in ("v", "seq", "key_id")} for r in lines(audit)]
    previous, rows = GENESIS, []
    for entry in entries:
        entry["output"] += "（改）"
        entry["prev_hash"] = previous
        entry["hash"] = previous = legacy_hash(entry)
        rows.append(dump(entry))
    write(audit, rows)
    assert_tampered(audit, "sealed at record 5")


def test_16_deleting_the_seal_with_the_last_record_is_detected(audit):
    fill(audit)
    write(audit, lines(audit)[:-1])
    (audit.folder / SEAL_FILE).unlink()
    assert_tampered(audit, "seal", "missing")


def test_17_forging_the_seal_is_detected(audit):
    fill(audit)
    write(audit, lines(audit)[:-1])
    seal_path = audit.folder / SEAL_FILE
    seal = json.loads(seal_path.read_text())
    seal.update(seq=4, last_hash=json.loads(lines(audit)[-1])["hash"])
    seal_path.write_text(json.dumps(seal))
    assert_tampered(audit, "seal", "changed")


def test_18_a_record_in_the_old_format_slipped_in_after_keyed_ones_is_detected(audit):
    fill(audit)
    rows = lines(audit)
    last = json.loads(rows[-1])
    old = {"time": last["time"], "user": "x", "pane": "ask", "kind": "answer", "output": "补写", "prev_hash": last["hash"]}
    old["hash"] = legacy_hash(old)
    write(audit, [*rows, dump(old)])
    assert_tampered(audit, "old unkeyed format", line=6)


def test_19_deleting_the_key_makes_verification_fail_not_pass(audit, isolated_home):
    fill(audit)
    (isolated_home / "keys" / "audit.key").unlink()
    assert_tampered(audit, "key is missing")


# -- retention --------------------------------------------------------------------------------------------
def aged_log(audit, old=2, new=2):
    """Records written ``old`` days ago and today, through the real append (the clock is the app's)."""
    now = datetime.now(timezone.utc)
    audit.clock = lambda: now - timedelta(days=800)
    fill(audit, old)
    audit.clock = lambda: now
    fill(audit, new, start=old)


def test_retention_archives_old_records_behind_a_keyed_anchor_and_the_chain_still_verifies(audit):
    aged_log(audit)
    assert audit.apply_retention() == 2
    assert len(audit.records()) == 2
    result = audit.verify()
    assert result.ok and result.records == 2, result.message
    anchor = json.loads(lines(audit)[0])
    assert anchor["kind"] == "anchor" and anchor["seq"] == 2 and anchor["archived_records"] == 2
    archive = audit.folder / anchor["archive"]
    assert hashlib.sha256(archive.read_bytes()).hexdigest() == anchor["archive_sha256"]
    fill(audit, 1, start=9)
    assert audit.verify().ok and audit.verify().records == 3 and lines(audit)[-1].count('"seq": 5')


def test_editing_an_archive_after_retention_is_detected(audit):
    aged_log(audit)
    audit.apply_retention()
    archive = audit.folder / json.loads(lines(audit)[0])["archive"]
    archive.write_text(archive.read_text(encoding="utf-8").replace("答案0", "答案X"), encoding="utf-8")
    assert_tampered(audit, "archive", "changed")


def test_archiving_everything_leaves_an_anchor_the_seal_agrees_with(audit):
    aged_log(audit, old=3, new=0)
    assert audit.apply_retention() == 3
    assert audit.records() == [] and audit.verify().ok
    fill(audit, 1)
    assert audit.verify().ok and json.loads(lines(audit)[-1])["seq"] == 4


def test_opening_the_log_applies_retention(isolated_home):
    from analyst_desk.core.config import Settings

    settings = Settings(audit_retention_days=30)
    aged_log(AuditLog.open(settings=settings), old=2, new=1)
    reopened = AuditLog.open(settings=settings)
    assert len(reopened.records()) == 1 and reopened.verify().ok
    assert list(reopened.folder.glob("audit-archive-*.jsonl"))


def test_a_tampered_log_is_not_archived(audit):
    aged_log(audit)
    write(audit, lines(audit)[:-1])
    assert audit.apply_retention() == 0
    assert not list(audit.folder.glob("audit-archive-*.jsonl"))


# -- logs written by the previous version -----------------------------------------------------------------
def write_legacy_log(audit, n=3):
    """A log as the previous version wrote it: plain SHA-256 chain, no numbers, no key, no seal."""
    audit.folder.mkdir(parents=True, exist_ok=True)
    previous, rows = GENESIS, []
    for i in range(n):
        entry = {"time": f"2026-01-0{i + 1}T09:00:00+00:00", "user": "analyst", "pane": "ask", "kind": "answer",
                 "model": "", "model_sha256": "", "prompt": f"旧问题{i}", "prompt_sha256": "", "sources": [],
                 "sources_sha256": [], "output": f"旧答案{i}", "flags": [], "prev_hash": previous}
        entry["hash"] = previous = legacy_hash(entry)
        rows.append(dump(entry))
    write(audit, rows)


def test_a_previous_version_log_is_verified_and_reported_as_legacy(audit):
    write_legacy_log(audit)
    result = audit.verify()
    assert result.ok and result.legacy_records == 3 and "previous, unkeyed format" in result.message
    rows = lines(audit)
    rows[1] = rows[1].replace("旧答案1", "新答案1")
    write(audit, rows)
    assert_tampered(audit, "changed", line=2)


def test_the_first_new_record_seals_a_previous_version_log_as_it_is(audit):
    write_legacy_log(audit)
    fill(audit, 2)
    result = audit.verify()
    assert result.ok and result.records == 6 and result.legacy_records == 3, result.message
    kinds = [r["kind"] for r in audit.records()]
    assert kinds == ["answer"] * 3 + ["legacy_sealed", "answer", "answer"]
    rows = lines(audit)
    entry = json.loads(rows[2])
    entry["output"] = "改过"
    entry["hash"] = legacy_hash(entry)  # a consistent old-format edit of the last old record
    rows[2] = dump(entry)
    write(audit, rows)
    assert_tampered(audit, "old-format records", "changed", line=4)


# -- crashes ----------------------------------------------------------------------------------------------
def test_a_torn_last_line_is_quarantined_audited_and_the_chain_goes_on(audit, caplog):
    fill(audit, 3)
    torn = lines(audit)[-1].encode("utf-8")[:57]  # the app died in the middle of writing a record
    with audit.path.open("ab") as handle:
        handle.write(torn)
    before = audit.verify()
    assert before.ok and any("incomplete" in n for n in before.notes)
    assert audit.records()[-1]["output"] == "答案2"  # reading does not trip over it
    fill(audit, 1, start=3)
    assert "moved to" in caplog.text
    result = audit.verify()
    assert result.ok and result.records == 5, result.message
    recovery = [r for r in audit.records() if r["kind"] == "recovery"]
    assert len(recovery) == 1 and recovery[0]["recovery"]["records_lost"] == 0
    moved = audit.folder / recovery[0]["recovery"]["quarantined"]
    assert moved.read_bytes() == torn
    assert recovery[0]["recovery"]["quarantined_sha256"] == hashlib.sha256(torn).hexdigest()
    assert [json.loads(r)["seq"] for r in lines(audit)] == [1, 2, 3, 4, 5]


def test_a_record_written_but_not_yet_sealed_when_the_app_died_still_verifies(audit):
    fill(audit, 3)
    seal = (audit.folder / SEAL_FILE).read_bytes()
    fill(audit, 1, start=3)
    (audit.folder / SEAL_FILE).write_bytes(seal)  # the seal update never reached the disk
    result = audit.verify()
    assert result.ok and any("after the seal" in n for n in result.notes), result
    fill(audit, 1, start=4)
    assert audit.verify().ok and not audit.verify().notes


def test_garbling_the_last_sealed_record_is_not_passed_off_as_a_crash(audit):
    fill(audit, 3)
    rows = lines(audit)
    audit.path.write_text("\n".join(rows[:-1]) + "\n" + rows[-1][:40], encoding="utf-8")
    assert_tampered(audit, "damaged")
    fill(audit, 1, start=3)
    assert_tampered(audit, "sealed record(s) 3–3", "missing or damaged")


def test_recording_never_raises_when_the_log_cannot_be_written(tmp_path, caplog):
    blocked = tmp_path / "audit"
    blocked.mkdir()
    (blocked / "audit.jsonl").mkdir()  # cannot be opened as a file
    log = AuditLog(blocked)
    entry = log.record(pane="ask", kind="answer", prompt="问题", output="答案")
    assert entry["output"] == "答案" and log.last_error
    assert "was not written" in caplog.text


def test_recording_with_the_vault_locked_does_not_stop_the_generation(tmp_path, monkeypatch):
    from analyst_desk.core.compliance import crypto

    crypto.lock()
    monkeypatch.delenv(crypto.PASSPHRASE_ENV, raising=False)
    log = AuditLog(tmp_path / "audit", encrypt=True)
    entry = log.record(pane="ask", kind="answer", prompt="问题", output="答案")
    assert entry["output"] == "答案" and "passphrase" in log.last_error
    assert not log.path.exists() or "答案" not in log.path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_torn_last_line_never_stops_generate(isolated_home, capsys):
    """The real path: `analyst-desk generate` after a crash left half a record in the log."""
    from analyst_desk.cli import main

    log = AuditLog.open()
    fill(log, 2)
    with log.path.open("ab") as handle:
        handle.write(b'{"time": "2026-03-04T10:00:00+00:00", "user": "analyst", "pane": "ask", "kin')
    assert main(["generate", "Say hello.", "--model", "SmolLM2", "--max-tokens", "4"]) == 0
    assert capsys.readouterr().out.strip()
    result = AuditLog.open().verify()
    assert result.ok, result.message
    kinds = [(r["pane"], r["kind"]) for r in AuditLog.open().records()]
    assert kinds[-2:] == [("system", "recovery"), ("cli", "generate")]


# -- what the key alone cannot show: a rollback, caught with a checkpoint kept elsewhere ---------------------
def test_putting_back_an_older_copy_of_log_and_seal_is_caught_by_a_checkpoint(audit):
    fill(audit, 3)
    old_log, old_seal = audit.path.read_bytes(), (audit.folder / SEAL_FILE).read_bytes()
    fill(audit, 2, start=3)
    checkpoint = audit.verify()
    assert checkpoint.ok and checkpoint.last_seq == 5
    audit.path.write_bytes(old_log)
    (audit.folder / SEAL_FILE).write_bytes(old_seal)
    assert audit.verify().ok  # log and seal agree with each other: only a note kept outside can tell
    rolled_back = audit.verify((checkpoint.last_seq, checkpoint.last_hash))
    assert not rolled_back.ok and "older copy" in rolled_back.message


def test_audit_verify_command_exits_1_on_tampering_and_prints_a_checkpoint(capsys):
    from analyst_desk.cli import main

    log = AuditLog.open()
    fill(log, 3)
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    checkpoint = re.search(r"checkpoint: (\d+:[0-9a-f]{64})", out).group(1)
    assert out.startswith("✓") and checkpoint.startswith("3:")
    assert main(["audit", "verify", "--checkpoint", checkpoint]) == 0
    capsys.readouterr()
    write(log, lines(log)[:-1])
    assert main(["audit", "verify", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["ok"] is False


def test_verification_speaks_the_windows_language(audit):
    fill(audit, 2)
    result = audit.verify()
    assert result.localised("zh") == "全部 2 条记录校验通过；哈希链完整，结尾与封印一致（第 2 条）。"
    assert result.localised("en") == result.message
    write(audit, lines(audit)[:-1])
    assert audit.verify().localised("zh") == "日志止于第 1 条记录，但封印记到第 2 条：最后 1 条已封存的记录缺失。"
