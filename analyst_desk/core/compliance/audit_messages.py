"""What audit verification tells the user, by code, in English and Chinese.

``VerifyResult.localised(language)`` renders these, so the Audit pane (through ``ui.messages.localise``)
speaks the window's language while the CLI and logs keep English.
"""

from __future__ import annotations

#: code -> (English, Chinese); both use the same str.format fields.
TEXTS: dict[str, tuple[str, str]] = {
    # Notes: worth knowing, not tampering.
    "note.unterminated": ("Line {line} lacks its newline (the app stopped while writing it); it is complete and checks.",
                          "第 {line} 行缺少换行符（应用在写入时停止）；该记录完整，校验通过。"),
    "note.archive_missing": ("The archive {name} with records 1–{seq} is not in the audit folder (moved elsewhere?); "
                             "the anchor that replaces it checks.",
                             "存有第 1–{seq} 条记录的归档文件 {name} 不在审计文件夹中（已移走？）；代替它的锚点记录校验通过。"),
    "note.quarantined": ("An interrupted write was moved aside to {name} ({time}); line {line} records it.",
                         "一次中断的写入已移至 {name}（{time}）；第 {line} 行记录了此事。"),
    "note.after_seal": ("{n} record(s) after the seal (the app stopped before sealing them); their keyed hashes check "
                        "and the next record seals them.",
                        "封印之后还有 {n} 条记录（应用在封存前停止）；其密钥哈希校验通过，下一条记录会将其封存。"),
    "note.torn_last": ("The last line ({line}) is incomplete: the app stopped while writing it. It is moved aside at "
                       "the next record.", "最后一行（第 {line} 行）不完整：应用在写入时停止。写入下一条记录时会将其移出。"),
    "note.checkpoint_archived": ("Record {seq} of the checkpoint is archived; check it against the archive's anchor.",
                                 "检查点的第 {seq} 条记录已归档；请对照归档锚点核对。"),
    "line.malformed": ("Line {line} is not a valid record ({why}): it was edited or damaged.",
                       "第 {line} 行不是有效的记录（{why}）：已被修改或损坏。"),
    "line.downgraded": ("Line {line} is in the old unkeyed format after keyed records: it was inserted or downgraded "
                        "by hand.", "第 {line} 行位于带密钥的记录之后，却是旧的无密钥格式：是手工插入或降级的。"),
    "line.changed": ("Line {line} was changed after it was written.", "第 {line} 行在写入后被修改过。"),
    "line.changed_keyed": ("Line {line} was changed after it was written (its keyed hash does not check).",
                           "第 {line} 行在写入后被修改过（其密钥哈希校验不通过）。"),
    "line.other_key": ("Line {line} was sealed with a different key: it was not written by this data folder's app, "
                       "or the key was replaced.", "第 {line} 行由另一把密钥签署：不是本数据文件夹中的应用写入的，或密钥被替换。"),
    "start.missing": ("Records before line {line} are missing (the log does not start at its first record nor at an "
                      "archive anchor).", "第 {line} 行之前的记录缺失（日志既不从第一条记录开始，也不从归档锚点开始）。"),
    "chain.breaks": ("The chain breaks at line {line}: a record before it was removed, inserted, replayed or "
                     "reordered.", "哈希链在第 {line} 行断开：此前有记录被删除、插入、重放或调换了顺序。"),
    "key.missing": ("The audit key is missing, so the log cannot be checked: restore keys/audit.key (or "
                    "audit.key.enc) from a backup of the data folder.",
                    "审计密钥缺失，无法校验日志：请从数据文件夹的备份中恢复 keys/audit.key（或 audit.key.enc）。"),
    "key.locked": ("The log cannot be checked now: its key is in the encrypted vault. Unlock the data folder with its "
                   "passphrase (in the CLI, set ANALYST_DESK_PASSPHRASE).",
                   "现在无法校验日志：其密钥保存在加密保险库中。请用口令解锁数据文件夹（命令行中设置 ANALYST_DESK_PASSPHRASE）。"),
    "anchor.middle": ("Line {line} is an archive anchor in the middle of the log.", "第 {line} 行是位于日志中间的归档锚点。"),
    "legacy.not_sealed": ("Line {line} follows old-format records without sealing them.",
                          "第 {line} 行紧接旧格式记录，却没有封存它们。"),
    "legacy.changed": ("The old-format records before line {line} were changed, added or removed after they were "
                       "sealed.", "第 {line} 行之前的旧格式记录在封存后被修改、增加或删除。"),
    "legacy.absent": ("Line {line} claims to seal old-format records that are not there.",
                      "第 {line} 行声称封存了并不存在的旧格式记录。"),
    "archive.changed": ("The archive {name} was changed after it was archived.", "归档文件 {name} 在归档后被修改过。"),
    "recovery.lost": ("Line {line} ({time}) records that when it was written, sealed record(s) {first}–{last} were "
                      "missing or damaged; the log went on from record {found}.",
                      "第 {line} 行（{time}）记载：写入时已封存的第 {first}–{last} 条记录缺失或损坏；日志从第 {found} 条继续。"),
    "recovery.seal": ("Line {line} ({time}) records that when it was written the seal did not check ({why}); the log "
                      "went on from record {found}.", "第 {line} 行（{time}）记载：写入时封印校验不通过（{why}）；日志从第 {found} 条继续。"),
    "seal.untrusted": ("The log's seal cannot be trusted: {why}.", "日志封印不可信：{why}。"),
    "seal.missing": ("The log's seal (audit.seal) is missing, so its end cannot be confirmed: it was deleted, and "
                     "records may have been removed from the end.",
                     "日志封印（audit.seal）缺失，无法确认日志结尾：封印被删除，末尾的记录可能已被删去。"),
    "end.emptied": ("The log ends at record {tip} but was sealed at record {sealed_at}: the log was emptied or deleted.",
                    "日志止于第 {tip} 条记录，但封印记到第 {sealed_at} 条：日志被清空或删除。"),
    "end.missing": ("The log ends at record {tip} but was sealed at record {sealed_at}: the last {missing} sealed "
                    "record(s) are missing.", "日志止于第 {tip} 条记录，但封印记到第 {sealed_at} 条：最后 {missing} 条已封存的记录缺失。"),
    "end.damaged": ("The log ends at record {tip} but was sealed at record {sealed_at}: line {line} is damaged and the "
                    "last {missing} sealed record(s) are missing.",
                    "日志止于第 {tip} 条记录，但封印记到第 {sealed_at} 条：第 {line} 行已损坏，最后 {missing} 条已封存的记录缺失。"),
    "end.replaced": ("The last record is not the one that was sealed: it was replaced.",
                     "最后一条记录不是封存时的那条：已被替换。"),
    "seal.differs": ("Record {seq} is not the one that was sealed.", "第 {seq} 条记录不是封存时的那条。"),
    "checkpoint.rollback": ("The log ends at record {tip} but record {seq} was noted at a checkpoint: records were "
                            "removed and the seal replaced, or an older copy of the log was put back.",
                            "日志止于第 {tip} 条记录，但检查点记有第 {seq} 条：有记录被删除且封印被替换，或日志被换回了较早的副本。"),
    "checkpoint.differs": ("Record {seq} is not the one noted at the checkpoint: the log was rewritten with the key.",
                           "第 {seq} 条记录与检查点记下的不同：日志被持有密钥者重写。"),
    "ok.legacy": ("{n} record(s) in the previous, unkeyed format: their links check, but that format cannot show a "
                  "forged or cut-off end. They are sealed with the audit key at the next record.",
                  "{n} 条记录为旧的无密钥格式：链接校验通过，但该格式无法发现伪造或被截断的结尾。写入下一条记录时将用审计密钥封存它们。"),
    "ok.empty": ("The audit log is empty.", "审计日志为空。"),
    "ok.empty_sealed": ("The audit log is empty. Its seal agrees.", "审计日志为空，与封印一致。"),
    "ok.all": ("All {n} records verified; the chain is intact and ends where it was sealed (record {tip}).",
               "全部 {n} 条记录校验通过；哈希链完整，结尾与封印一致（第 {tip} 条）。"),
    "ok.all_legacy": ("All {n} records verified ({legacy} of them in the previous format, unchanged since they were "
                      "sealed); the chain is intact and ends where it was sealed (record {tip}).",
                      "全部 {n} 条记录校验通过（其中 {legacy} 条为旧格式，封存后未被改动）；哈希链完整，结尾与封印一致（第 {tip} 条）。"),
}


def render(code: str, params: dict, language: str = "en") -> str:
    english, chinese = TEXTS[code]
    return (chinese if language == "zh" else english).format(**params)
