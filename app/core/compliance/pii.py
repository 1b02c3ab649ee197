"""Personal data in outputs and exports: resident ID numbers, bank cards, mobiles, emails, names.

Checksums keep precision high: an 18-digit number is an ID only if its ISO 7064 MOD 11-2 check
digit and birth date are valid; a card number only if it passes Luhn. A balance of 6,222,021,234
in a report is not a card number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_ID = re.compile(r"(?<![\dA-Za-z])(\d{6})(\d{4})(\d{2})(\d{2})(\d{3})([\dXx])(?![\dA-Za-z])")
_CARD = re.compile(r"(?<![\d])(\d{4}(?:[ -]?\d{4}){2,3}(?:[ -]?\d{1,3})?)(?![\d])")
_MOBILE = re.compile(r"(?<![\d])(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![\d])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"


@dataclass
class PiiMatch:
    kind: str  # "id_number" | "bank_card" | "mobile" | "email" | "name"
    start: int
    end: int
    text: str


def valid_id_number(number: str) -> bool:
    number = number.upper()
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    if _ID_CHECK[total % 11] != number[17]:
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date.today()


def _id_shaped(digits: str) -> bool:
    """An 18-digit number with a birth date in place is an ID number (valid or mistyped), not a card."""
    if len(digits) != 18:
        return False
    try:
        date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    return 1900 <= int(digits[6:10]) <= date.today().year


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def find_pii(text: str, names: list[str] | None = None) -> list[PiiMatch]:
    """All personal data found in ``text``, in order, without overlaps."""
    found: list[PiiMatch] = []
    for m in _ID.finditer(text):
        if valid_id_number(m.group(0)):
            found.append(PiiMatch("id_number", m.start(), m.end(), m.group(0)))
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if 13 <= len(digits) <= 19 and luhn_ok(digits) and not _id_shaped(digits):
            found.append(PiiMatch("bank_card", m.start(1), m.end(1), m.group(1)))
    for m in _MOBILE.finditer(text):
        found.append(PiiMatch("mobile", m.start(), m.end(), m.group(0)))
    for m in _EMAIL.finditer(text):
        found.append(PiiMatch("email", m.start(), m.end(), m.group(0)))
    for name in names or []:
        if name:
            for m in re.finditer(re.escape(name), text):
                found.append(PiiMatch("name", m.start(), m.end(), name))
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    result: list[PiiMatch] = []
    for match in found:
        if result and match.start < result[-1].end:
            continue
        result.append(match)
    return result


def mask(match: PiiMatch) -> str:
    text = match.text
    if match.kind == "id_number":
        return text[:6] + "*" * 8 + text[-4:]
    if match.kind == "bank_card":
        digits = re.sub(r"\D", "", text)
        middle = len(digits) - 8
        groups = ["*" * 4] * (middle // 4) + (["*" * (middle % 4)] if middle % 4 else [])
        return " ".join([digits[:4], *groups, digits[-4:]])
    if match.kind == "mobile":
        digits = re.sub(r"\D", "", text)[-11:]
        return digits[:3] + "****" + digits[-4:]
    if match.kind == "email":
        local, _, domain = text.partition("@")
        return (local[:1] + "***@" + domain) if local else text
    if match.kind == "name":
        return text[:1] + "*" * (len(text) - 1)
    return "*" * len(text)


def mask_text(text: str, names: list[str] | None = None) -> str:
    """Text with every personal datum masked (6222 **** **** 1234, 110101********1234, 138****5678)."""
    out, last = [], 0
    for match in find_pii(text, names):
        out.append(text[last:match.start])
        out.append(mask(match))
        last = match.end
    out.append(text[last:])
    return "".join(out)
