"""A Chinese-speaking analyst reads the core's messages about bad files in Chinese, and every
message the core can give exists in both languages with the same fields."""

from __future__ import annotations

import pytest

from analyst_desk.core import catalog
from analyst_desk.core.errors import AppError, WriteError
from analyst_desk.ui import i18n
from analyst_desk.ui.messages import localise, problem


def _error(call) -> AppError:
    with pytest.raises(AppError) as error:
        call()
    return error.value


def test_messages_from_real_failures_are_shown_in_chinese(tmp_path):
    from analyst_desk.core.library.loaders import load_document
    from analyst_desk.core.meeting.transcript import read_transcript_text
    from analyst_desk.core.meeting.transcription import transcribe
    from tests.library_docs import write_encrypted_pdf

    empty = tmp_path / "空白.txt"
    empty.write_bytes(b"")
    broken = tmp_path / "年报.pdf"
    broken.write_bytes(b"%PDF-1.7 nothing else")
    sheet = tmp_path / "预算.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    fake_audio = tmp_path / "录音.wav"
    fake_audio.write_bytes("不是录音".encode("utf-8") * 100)
    errors = [
        _error(lambda: read_transcript_text(empty)),
        _error(lambda: load_document(broken)),
        _error(lambda: load_document(write_encrypted_pdf(tmp_path / "加密.pdf"))),
        _error(lambda: read_transcript_text(sheet)),
        _error(lambda: transcribe(fake_audio)),
    ]
    assert all(e.code for e in errors), [str(e) for e in errors]
    i18n.set_language("zh")
    try:
        shown = [localise(e) for e in errors]
    finally:
        i18n.set_language("en")
    assert shown[0] == "空白.txt 是空文件。"
    assert "年报.pdf" in shown[1] and "PDF" in shown[1] and "已损坏" in shown[1]
    assert shown[2] == "加密.pdf 有密码保护，请去除密码后重新导入。"
    assert "不是会议记录文件" in shown[3]
    assert "无法作为音频解码" in shown[4]
    assert [localise(e) for e in errors] == [str(e) for e in errors]


def test_a_failed_export_says_what_to_do_in_either_language(tmp_path):
    from analyst_desk.core.fileio import atomic_write_bytes

    blocker = tmp_path / "报告"
    blocker.write_text("a file where a folder should be")
    error = _error(lambda: atomic_write_bytes(blocker / "纪要.docx", b"data"))
    assert isinstance(error, WriteError) and error.code == "write.failed"
    assert not list(tmp_path.glob("**/*.tmp"))  # nothing half-written left behind
    # A file open in Excel on Windows (or a read-only folder) is a permission error: the user is told why.
    locked = WriteError(tmp_path / "纪要.xlsx", PermissionError(13, "Permission denied"))
    i18n.set_language("zh")
    try:
        assert "没有权限" in problem(locked) and "Excel" in problem(locked)
        assert problem(error).startswith("⚠ 无法写入")
    finally:
        i18n.set_language("en")
    assert "permission denied" in problem(locked)


def test_every_message_has_both_languages_with_the_same_fields():
    for code, (english, chinese) in catalog.MESSAGES.items():
        assert english and chinese, code
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in english), code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), code
        from string import Formatter

        en_fields = {f for _, f, _, _ in Formatter().parse(english) if f}
        zh_fields = {f for _, f, _, _ in Formatter().parse(chinese) if f}
        assert en_fields == zh_fields, code


def test_an_error_without_a_code_is_shown_as_written():
    i18n.set_language("zh")
    try:
        assert localise(AppError("Something nobody planned for.")) == "Something nobody planned for."
        assert catalog.render("no.such.code") == "no.such.code"
    finally:
        i18n.set_language("en")


def test_no_file_dialog_offers_a_file_type_named_in_english():
    """Every open/save dialog in the window names its file types through messages.file_filter ("PDF 文件
    (*.pdf)" in Chinese); a literal filter may hold patterns only ("*.docx"), never words such as
    "Excel (*.xlsx)" or "All files (*)"."""
    import ast
    import re

    from tests.conftest import ROOT

    offenders = []
    for path in sorted((ROOT / "analyst_desk" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in {"getOpenFileName", "getOpenFileNames", "getSaveFileName"}):
                continue
            chosen = node.args[3] if len(node.args) > 3 else next((k.value for k in node.keywords if k.arg == "filter"), None)
            if isinstance(chosen, ast.Call) and getattr(chosen.func, "id", "") == "file_filter":
                continue
            literal = "".join(v.value for v in ast.walk(chosen) if isinstance(v, ast.Constant) and isinstance(v.value, str)) \
                if chosen is not None else ""
            if chosen is None or re.search(r"[A-Za-z]{2,}", re.sub(r"\*(?:\.\w+)?", "", literal)):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(chosen) if chosen else 'no filter'}")
    assert not offenders, offenders


def test_file_types_read_in_the_window_language():
    from analyst_desk.ui import i18n
    from analyst_desk.ui.messages import file_filter

    i18n.set_language("zh")
    assert file_filter("pdf") == "PDF 文件 (*.pdf);;所有文件 (*)"
    assert file_filter("certificates", everything=False) == "证书文件 (*.pem *.crt *.cer)"
    i18n.set_language("en")
    assert file_filter("spreadsheets", everything=False) == "Excel workbooks (*.xlsx)"
