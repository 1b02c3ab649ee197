"""What a document is called in the window: its issuer, report type and period, as its pages say.

"青海互助青稞酒股份有限公司 · 招股意向书 · 2011年", "平安银行股份有限公司 · 年度报告 · 2024年度",
"Apple Inc. · 10-K · FY2022". A PDF's metadata title is a poor name: it is often the Word file it was
printed from ("Microsoft Word - 1-1 招股意向书.doc"), a path, an undecoded hex string
(``<4D6963726F736F667420576F7264...>``, GBK bytes), or the title of another company's document the
file was made from. So the metadata title is only a fallback when the pages name no issuer, and only
when it reads as a title; otherwise the file name is.

The profile (issuer, report type, period) is read by ``document_profile``; this module only names.
"""

from __future__ import annotations

import re
from pathlib import Path

from analyst_desk.core.cjk import HAN, HAN_RE
from analyst_desk.core.period_words import period_words, year_words

SEPARATOR = " · "

#: How each report type is named; the specific word the document uses wins when its title or file
#: name prints one (a prospectus is 招股说明书 or 招股意向书).
_TYPE_WORDS = {
    "annual_report": ("年度报告", "Annual report"), "interim_report": ("半年度报告", "Interim report"),
    "prospectus": ("招股说明书", "Prospectus"), "research": ("研究报告", "Research report"),
    "meeting": ("会议纪要", "Minutes"), "memo": ("备忘录", "Memo"), "policy": ("制度文件", "Policy"),
}
_SPECIFIC_WORDS = {
    "prospectus": ("招股意向书", "招股说明书", "募集说明书"),
    "interim_report": ("半年度报告", "第一季度报告", "第三季度报告", "中期报告", "季度报告"),
    "research": ("公司点评", "公司研究", "行业研究", "研究报告"),
}
_QUARTER_TYPE = {"Q1": ("第一季度报告", "Q1 report"), "Q3": ("第三季度报告", "Q3 report"), "Q2": ("季度报告", "Quarterly report")}
_SEC = ("10-K", "10-Q", "8-K", "20-F", "6-K")

_HEX = re.compile(r"^\s*<\s*([0-9A-Fa-f\s]+)>\s*$")
_WORD_FILE = re.compile(r"^\s*(?:Microsoft\s+(?:Word|PowerPoint|Excel)\s*-|WPS\s*(?:文字|演示|表格)?\s*-)"
                        r"|\.(?:docx?|xlsx?|pptx?|wps|pdf|txt|rtf)\s*$", re.I)
_PATH = re.compile(r"^[A-Za-z]:[\\/]|\\|^/|^file:|/[^/\s]+\.[A-Za-z0-9]{2,4}\s*$", re.I)
_COMPANY = re.compile(rf"[{HAN}]{{2,}}(?:股份有限公司|有限责任公司|有限公司|集团)|\b(?:Inc|Corp|Corporation|Ltd|Limited|plc)\b\.?")
_MEANINGLESS = re.compile(r"^(?:untitled|无标题|document\s*\d*|文档\s*\d*|新建.*文档\s*\d*|新規文書\s*\d*|title|标题|"
                          r"股份有限公司|有限公司|公司|powerpoint presentation|slide\s*\d*|[\d\W_]+)$", re.I)


def decode_pdf_string(raw: str) -> str:
    """A PDF text string as text: hex strings (``<FEFF...>`` UTF-16, else UTF-8 or GBK bytes) decoded,
    and GBK bytes a reader mis-took for Latin-1 ("Î¢Èí") recovered. Returns "" for bytes that decode
    to nothing readable."""
    text = (raw or "").strip().replace("\x00", "")
    match = _HEX.match(text)
    if match:
        digits = re.sub(r"\s", "", match.group(1))
        if len(digits) % 2:
            digits += "0"  # the PDF spec pads an odd hex string with a zero
        return _decode_bytes(bytes.fromhex(digits))
    if text and all(ord(ch) < 256 for ch in text) and any(ord(ch) >= 0x80 for ch in text):
        recovered = _decode_bytes(text.encode("latin-1"))
        if recovered and _cjk_share(recovered) > 0.3:
            return recovered
    return text


def _decode_bytes(data: bytes) -> str:
    if data[:2] in (b"\xfe\xff", b"\xff\xfe"):
        try:
            return data.decode("utf-16").strip()
        except UnicodeDecodeError:
            return ""
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding).strip()
        except UnicodeDecodeError:
            continue
    return ""


def _cjk_share(text: str) -> float:
    return sum(1 for ch in text if HAN_RE.match(ch)) / max(len(text), 1)


def usable_metadata_title(raw: str, issuer: str = "") -> str:
    """The metadata title when it reads as a title of this document, else "".

    Rejected: a Word/Office file name, a path, hex or undecodable bytes, a placeholder ("Untitled",
    "股份有限公司"), and a title naming a company other than ``issuer`` (or any company when the
    issuer is unknown: the pages would have named it).
    """
    title = decode_pdf_string(raw)
    if not title or len(title) < 3 or len(title) > 120:
        return ""
    if _WORD_FILE.search(title) or _PATH.search(title) or _MEANINGLESS.match(title.strip()):
        return ""
    if _HEX.match(raw or "") and not title:
        return ""
    if "\ufffd" in title or re.search(r"[\x00-\x08\x0b-\x1f]", title):
        return ""
    for company in _COMPANY.findall(title):
        if not issuer or company.rstrip(".") not in issuer:
            return ""
    return title


def type_words(report_type: str, language: str = "zh", *, hints: tuple[str, ...] = (), period: str = "") -> str:
    """The report type as the document names it ("招股意向书"), else its usual name; "" for "document"."""
    if report_type in _SEC:
        return report_type
    if report_type == "interim_report" and period[4:] in _QUARTER_TYPE:
        zh, en = _QUARTER_TYPE[period[4:]]
        return zh if language == "zh" else en
    if language == "zh":
        for word in _SPECIFIC_WORDS.get(report_type, ()):
            if any(word in hint for hint in hints):
                return word
    zh, en = _TYPE_WORDS.get(report_type, ("", ""))
    return zh if language == "zh" else en


def title_period(period: str, report_type: str, language: str = "zh") -> str:
    """The period as a title names it: a prospectus by the year of its latest figures ("2011年"), a
    periodic report by its period in words ("2024年度", "2011年1-6月"), a filing by its fiscal year."""
    if not period:
        return ""
    if report_type in ("prospectus", "research", "memo", "meeting", "policy", "document"):
        return year_words(period, language)
    return period_words(period, language, report_type=report_type)


def display_title(*, issuer: str = "", report_type: str = "document", period: str = "",
                  metadata_title: str = "", file_name: str = "", language: str = "zh", first_page: str = "") -> str:
    """The name a document is shown by.

    Args:
        issuer: the company the pages name (``DocumentRecord.company``).
        report_type: ``annual_report``, ``prospectus``, ``10-K`` … (``DocumentRecord.doc_type``).
        period: the stored period code ("2011H1", "2024").
        metadata_title: the title the file's metadata carries (raw: may be a hex string).
        file_name: the file's name or path; the last resort.
        language: "zh" or "en".
        first_page: the first page's text, when the caller has it: its own word for the report type
            (招股意向书 on the cover) wins over the usual name.

    Returns:
        "issuer · type · period" when the pages name the issuer (missing parts left out); else the
        metadata title if it reads as this document's title; else the file name without extension;
        else "未命名文档" — never a refused metadata title.
    """
    stem = Path(file_name).stem if file_name else ""
    decoded = decode_pdf_string(metadata_title)
    if issuer.strip():
        parts = [issuer.strip(), type_words(report_type, language, hints=(first_page[:600], decoded, stem),
                                               period=period),
                 title_period(period, report_type, language)]
        return SEPARATOR.join(p for p in parts if p)
    usable = usable_metadata_title(metadata_title)
    # With no file name either (a source whose document left the library), a refused metadata title is
    # still not shown: "Microsoft Word - 1-1 招股意向书.doc" or hex says nothing about the document.
    return usable or stem or ("未命名文档" if language == "zh" else "Untitled document")


def record_title(record, language: str = "zh") -> str:
    """:func:`display_title` of a ``DocumentRecord`` (or anything with its fields)."""
    return display_title(issuer=getattr(record, "company", "") or "", report_type=getattr(record, "doc_type", "") or
                         "document", period=getattr(record, "period", "") or "",
                         metadata_title=getattr(record, "title", "") or "", file_name=getattr(record, "path", "") or getattr(record, "file_name", "") or "",
                         language=language)


def titles_by_doc(records, language: str = "zh") -> dict[str, str]:
    """``doc_id`` → display title, for naming search hits and sources by the document they come from."""
    return {r.doc_id: record_title(r, language) for r in records}
