"""Core messages in the UI's language.

The headless core writes its user messages in English (the CLI and the log read them too). A
Chinese-speaking analyst should not meet "报告.pdf is password-protected" in a Chinese window, so
the messages users meet most — bad files, exports, models, the vault — are matched here and shown
in Chinese. A message with no match is shown as written rather than guessed at.
"""

from __future__ import annotations

import re

from app.ui import i18n

_N = r"(?P<name>.+?)"
_RULES: list[tuple[re.Pattern, str]] = [(re.compile(p, re.S), zh) for p, zh in [
    (rf"^{_N}: file not found\.$", "找不到文件 {name}。"),
    (rf"^{_N} is empty(?: \(0 bytes\))?\.", "{name} 是空文件。"),
    (rf"^{_N} contains (?:only whitespace|no text(?: to index)?)\.$", "{name} 中没有文字内容。"),
    (rf"^{_N} (?:has no filled cells|has no pages)\.$", "{name} 中没有内容。"),
    (rf"^{_N} is password-protected — remove the password and (?:import|try) again\.$",
     "{name} 有密码保护，请去除密码后重试。"),
    (rf"^{_N} is damaged or not a (?:real )?PDF", "{name} 已损坏，或不是有效的 PDF 文件。"),
    (rf"^{_N} (?:is damaged or not a real Word file|is not a readable Word document)",
     "{name} 不是可读取的 Word 文档（已损坏，或是改了扩展名的其他格式）。"),
    (rf"^{_N} (?:looks like a binary file, not text|does not look like text \(binary content\))\.$",
     "{name} 看起来是二进制文件，不是文本。"),
    (rf"^{_N}: the text encoding is not UTF-8 or GBK/GB18030",
     "{name} 的编码既不是 UTF-8 也不是 GBK/GB18030，请另存为 UTF-8 后重试。"),
    (rf"^{_N} has no text layer and no readable text", "{name} 没有文字层，也未能识别出文字（纯图片页面需要 OCR）。"),
    (rf"^{_N} has (?P<pages>[\d,]+) pages, more than the (?P<limit>[\d,]+)-page limit",
     "{name} 共 {pages} 页，超过 {limit} 页的上限，请先拆分。"),
    (rf"^{_N} is (?P<size>[\d.]+) GiB, larger than the 1 GiB limit", "{name} 大小为 {size} GiB，超过 1 GiB 上限，请先拆分。"),
    (rf"^{_N}: (?P<kind>.+?) is not supported\.", "{name}：不支持 {kind} 格式。"),
    (rf"^{_N}: (?P<kind>.+?) is not a transcript\.", "{name}：{kind} 不是会议记录文件，请使用 .txt、.md、.docx、.srt 或 .vtt。"),
    (rf"^{_N}: (?P<kind>.+?) is not a recording this app can\s+transcribe", "{name}：{kind} 不是可转写的录音格式。"),
    (rf"^{_N} could not be decoded as audio", "{name} 无法作为音频解码（已损坏，或是改了扩展名的其他文件）。"),
    (rf"^{_N} (?:has no sound track to transcribe|contains no sound)", "{name} 中没有声音。"),
    (r"^No speech-recognition model found", "模型文件夹中没有语音识别模型。请运行安装命令（packaging/fetch_models.py --only whisper）。"),
    (r"^No chat model found in (?P<folder>.+?)\. ", "在 {folder} 中找不到对话模型。请运行 README 中的安装命令，或把 GGUF 对话模型复制到该文件夹。"),
    (r"^Cannot write (?P<path>.+?): permission denied", "无法写入 {path}：没有权限（文件是否正在 Word 或 Excel 中打开？）。"),
    (r"^(?:Cannot|Could not) write (?P<path>.+?): (?P<why>.+)$", "无法写入 {path}：{why}"),
    (r"^The data folder is encrypted", "数据文件夹已加密，请先输入口令解锁。"),
    (r"^This file is encrypted", "该文件已加密，请先输入口令解锁数据文件夹。"),
    (r"^The passphrase is wrong", "口令错误，或文件已被改动。"),
    (r"^Enter the passphrase", "请输入保护数据文件夹的口令。"),
]]


def localise(message: str) -> str:
    """``message`` in the UI language: Chinese for the known core messages when the UI is Chinese."""
    if i18n.language() != "zh" or not message:
        return message
    for pattern, chinese in _RULES:
        match = pattern.search(message)
        if match:
            return chinese.format(**match.groupdict())
    return message


def problem(exc: BaseException | str) -> str:
    """The one-line way panes show an error: a warning sign and the localised message."""
    return "⚠ " + localise(str(exc))
