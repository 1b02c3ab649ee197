"""The labelled boxes of an SEC filing's cover page — state of incorporation, I.R.S. employer number,
address of principal executive offices, telephone, and the exchange each class is registered on — read as
``ProfileField`` s — and the period the filing covers ("For the fiscal year ended December 26, 2020") — so "In which state is X incorporated?" or "Which exchange is X listed on?" are answered
from what the cover prints, with its page, like a prospectus's labelled fields.

On the cover every value stands *above* its caption in parentheses ("Delaware" over "(State or other
jurisdiction of incorporation or organization)"); PyMuPDF gives the values of one row first, then their
captions ("California", "94-2404110", "(State or other …)", "(I.R.S. Employer Identification No.)"). So
the values of a row are the lines between the previous caption block and this one, in column order.
"""

from __future__ import annotations

import re

from analyst_desk.core.library.labelled_fields import ProfileField

_CAPTION = re.compile(r"^\s*\(")
_STATE_CAPTION = re.compile(r"\(State or other\s+jurisdiction", re.I)
_EIN = re.compile(r"^\s*(\d{2}-\d{7})\s*$")
_ADDRESS_CAPTION = re.compile(r"\(Address(?:es)?,?\s+(?:including zip code,?\s+)?of\s+principal\s+executive\s+offices", re.I)
_ZIP = re.compile(r"^\s*(\d{5}(?:-\d{4})?)\s*$")
_PHONE = re.compile(r"\(\d{3}\)\s*\d{3}[-\s]\d{4}")
_EXCHANGE_HEAD = re.compile(r"Name of each exchange on which registered", re.I)
_EXCHANGE = re.compile(r"^\s*((?:The\s+)?(?:New York Stock Exchange|NYSE(?:\s+\w+)?|Nasdaq[\w\s]*?(?:Market|LLC)[\w\s]*|"
                       r"NASDAQ[\w\s]*|Chicago Stock Exchange|Cboe[\w\s]*))\s*$", re.I)
_PERIOD_END = re.compile(r"For\s*the\s*(?P<what>fiscal\s*year|quarterly\s*period|transition\s*period)\s*ended\s*"
                         r"(?P<date>(?:January|February|March|April|May|June|July|August|September|October|November|"
                         r"December)\s*\d{1,2}\s*,\s*\d{4})", re.I)
_END_OF_COVER = re.compile(r"Securities registered pursuant to Section 12\(g\)|Indicate by check mark", re.I)


def cover_fields(text: str, *, doc_id: str = "", page: int = 1) -> list[ProfileField]:
    """The cover's labelled boxes on one page's text ([] when the page is no SEC cover)."""
    lines = [line.strip() for line in text.splitlines()]
    found: list[ProfileField] = []

    def add(name: str, value: str, label: str, source: str) -> None:
        value = re.sub(r"\s+", " ", value).strip(" ,")
        if value and all(f.name != name for f in found):
            found.append(ProfileField(doc_id, name, value, page, label, source))

    state_at = next((i for i, line in enumerate(lines) if _STATE_CAPTION.search(line)), None)
    if state_at is None:
        return []
    values = _values_above(lines, state_at)
    ein = next((v for v in values if _EIN.match(v)), "")
    state = next((v for v in values if v != ein and re.fullmatch(r"[A-Z][A-Za-z .]{2,30}", v)), "")
    if state:
        add("注册成立地", state, "State or other jurisdiction of incorporation or organization",
            f"{state}\n(State or other jurisdiction of incorporation or organization)")
    if ein:
        add("雇主识别号", ein, "I.R.S. Employer Identification No.", f"{ein}\n(I.R.S. Employer Identification No.)")
    address_at = next((i for i, line in enumerate(lines) if _ADDRESS_CAPTION.search(line)), None)
    if address_at is not None:
        above = [v for v in _values_above(lines, address_at) if not _EIN.match(v)]
        after = lines[address_at + 1:address_at + 4]
        zip_code = next((v for v in above + after if _ZIP.match(v)), "")
        street = [v for v in above if not _ZIP.match(v)]
        if street:
            address = ", ".join(v.rstrip(" ,") for v in street) + (f" {zip_code}" if zip_code else "")
            add("办公地址", address, "Address of principal executive offices",
                "\n".join([*street, "(Address of principal executive offices)"]))
    phone = next((m.group(0) for line in lines if "telephone" in line.lower() or _PHONE.fullmatch(line)
                  for m in [_PHONE.search(line)] if m), "")
    if phone:
        add("联系电话", phone, "Registrant's telephone number, including area code", phone)
    period = _PERIOD_END.search(re.sub(r"\s+", " ", text))
    if period:
        date = re.sub(r"\s*,\s*", ", ", re.sub(r"(?<=[a-z])(?=\d)", " ", period.group("date")))
        add("报告期截止日", date, f"For the {' '.join(period.group('what').split())} ended", period.group(0))
    head = next((i for i, line in enumerate(lines) if _EXCHANGE_HEAD.search(line)), None)
    if head is not None:
        for line in lines[head + 1:head + 40]:
            if _END_OF_COVER.search(line):
                break
            match = _EXCHANGE.match(line)
            if match:
                add("拟上市地", match.group(1), "Name of each exchange on which registered",
                    f"Name of each exchange on which registered\n{match.group(1)}")
                break
    return found


def _values_above(lines: list[str], caption_at: int) -> list[str]:
    """The value lines of the row whose first caption is ``lines[caption_at]``: the non-empty lines above
    it back to the previous caption (a line in parentheses), or at most six."""
    values: list[str] = []
    for line in reversed(lines[max(0, caption_at - 8):caption_at]):
        if not line:
            continue
        if (_CAPTION.match(line) and not _PHONE.match(line)) or (line.endswith(")") and "(" not in line):
            break  # a caption, or the second line of one ("Identification No.)")
        values.append(line)
        if len(values) == 6:
            break
    return list(reversed(values))
