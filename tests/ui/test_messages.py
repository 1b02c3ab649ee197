"""A Chinese-speaking analyst reads the core's messages about bad files in Chinese."""

from __future__ import annotations

import pytest

from app.core.errors import AppError
from app.ui import i18n
from app.ui.messages import localise


def _message(call) -> str:
    with pytest.raises(AppError) as error:
        call()
    return str(error.value)


def test_messages_from_real_failures_are_shown_in_chinese(tmp_path):
    from app.core.library.loaders import load_document
    from app.core.meeting.transcript import read_transcript_text
    from app.core.meeting.transcription import transcribe
    from tests.library_docs import write_encrypted_pdf

    empty = tmp_path / "空白.txt"
    empty.write_bytes(b"")
    broken = tmp_path / "年报.pdf"
    broken.write_bytes(b"%PDF-1.7 nothing else")
    sheet = tmp_path / "预算.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    fake_audio = tmp_path / "录音.wav"
    fake_audio.write_bytes("不是录音".encode("utf-8") * 100)
    messages = [
        _message(lambda: read_transcript_text(empty)),
        _message(lambda: load_document(broken)),
        _message(lambda: load_document(write_encrypted_pdf(tmp_path / "加密.pdf"))),
        _message(lambda: read_transcript_text(sheet)),
        _message(lambda: transcribe(fake_audio)),
    ]
    i18n.set_language("zh")
    shown = [localise(m) for m in messages]
    assert shown[0] == "空白.txt 是空文件。"
    assert "年报.pdf" in shown[1] and "PDF" in shown[1] and "已损坏" in shown[1]
    assert shown[2] == "加密.pdf 有密码保护，请去除密码后重试。"
    assert "不是会议记录文件" in shown[3]
    assert "无法作为音频解码" in shown[4]
    i18n.set_language("en")
    assert [localise(m) for m in messages] == messages


def test_an_unknown_message_is_shown_as_written():
    i18n.set_language("zh")
    try:
        assert localise("Something nobody planned for.") == "Something nobody planned for."
    finally:
        i18n.set_language("en")
