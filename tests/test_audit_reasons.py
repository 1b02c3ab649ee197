"""A Chinese window says why the audit log refused a record in Chinese, keeping the error number for IT."""

from __future__ import annotations

from analyst_desk.core.compliance.audit import AuditNotRecorded
from analyst_desk.core.compliance.audit_reasons import reason_words


def test_a_full_disk_is_said_in_chinese_with_its_error_number():
    assert reason_words("[Errno 28] No space left on device", "zh") == "磁盘空间不足（错误 28）"
    assert reason_words("[Errno 13] Permission denied: '/data/audit/audit.log'", "zh") == "没有写入权限（错误 13）"
    assert reason_words("[WinError 112] There is not enough space on the disk", "zh") == \
        "磁盘空间不足（Windows 错误 112）"


def test_english_keeps_the_systems_words_and_unknown_errors_keep_their_number():
    assert reason_words("[Errno 28] No space left on device", "en") == "[Errno 28] No space left on device"
    assert reason_words("[Errno 999] Something odd", "zh") == "系统错误 999"


def test_several_reasons_and_the_apps_own_words_are_each_kept_in_place():
    joined = "[Errno 28] No space left on device; 审计密钥库已锁定"
    assert reason_words(joined, "zh") == "磁盘空间不足（错误 28）; 审计密钥库已锁定"


def test_the_withheld_message_says_the_reason_in_the_windows_language():
    withheld = AuditNotRecorded(code="audit.required_withheld", params={"reason": "[Errno 28] No space left on device"})
    assert "磁盘空间不足（错误 28）" in withheld.localised("zh") and "输出已被扣留" in withheld.localised("zh")
    assert "No space left on device" in withheld.localised("en") and "No space left" in str(withheld)
