"""Errors and check results in the UI's language.

The core reports problems as values with a code and parameters (``AppError.code``/``params``,
rendered by :mod:`analyst_desk.core.catalog`). This module is the one place panes turn them into the line
a user reads, in the window's language.
"""

from __future__ import annotations

from analyst_desk.ui import i18n


def localise(problem_or_text) -> str:
    """An error, a result with ``code``/``params``, or plain text, in the UI language."""
    localised = getattr(problem_or_text, "localised", None)
    if callable(localised):
        return localised(i18n.language())
    code = getattr(problem_or_text, "code", None)
    if code:
        from analyst_desk.core.catalog import render

        return render(code, getattr(problem_or_text, "params", None) or {}, i18n.language())
    message = getattr(problem_or_text, "message", None)
    return message if isinstance(message, str) else str(problem_or_text)


def problem(exc: BaseException | str) -> str:
    """The one-line way panes show an error: a warning sign and the localised message."""
    return "⚠ " + localise(exc)


def write_and_report(status, path, write):
    """Run ``write()`` (an export) and say on ``status`` where it went or why it could not be written.

    Core writers raise ``AppError`` (``WriteError`` for the disk); a library that raises a bare
    ``OSError`` is reported the same way, so a file open in Excel never ends in "Something went wrong".
    """
    from analyst_desk.core.errors import AppError, WriteError
    from analyst_desk.ui.i18n import tr

    try:
        write()
    except AppError as exc:
        status.setText(problem(exc))
        return None
    except OSError as exc:
        status.setText(problem(WriteError(path, exc)))
        return None
    status.setText(tr(f"Saved {path}", f"已保存 {path}"))
    return path


#: The file types the window's open and save dialogs offer, in both languages (one place, so no
#: dialog shows a hard-coded English "All files (*)").
FILE_TYPES = {
    "documents": (("Documents", "文档"), "*.pdf *.docx *.xlsx *.txt *.md"),
    "transcripts": (("Transcripts and recordings", "会议记录和录音"),
                    "*.txt *.md *.docx *.srt *.vtt *.wav *.mp3 *.m4a *.ogg *.flac"),
    "spreadsheets": (("Excel workbooks", "Excel 工作簿"), "*.xlsx"),
    "word": (("Word documents", "Word 文档"), "*.docx"),
    "markdown": (("Markdown files", "Markdown 文件"), "*.md"),
    "pdf": (("PDF files", "PDF 文件"), "*.pdf"),
    "json": (("JSON files", "JSON 文件"), "*.json"),
    "certificates": (("Certificates", "证书文件"), "*.pem *.crt *.cer"),
}


def file_filter(*kinds: str, everything: bool = True) -> str:
    """A QFileDialog filter string in the UI language: "文档 (*.pdf …);;所有文件 (*)"."""
    from analyst_desk.ui.i18n import tr

    parts = []
    for kind in kinds:
        (english, chinese), patterns = FILE_TYPES[kind]
        parts.append(f"{tr(english, chinese)} ({patterns})")
    if everything:
        parts.append(tr("All files", "所有文件") + " (*)")
    return ";;".join(parts)
