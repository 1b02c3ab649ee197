"""Personal data in outputs and exports: resident ID numbers, bank cards, mobiles, emails, names.

Detection runs on folded text (``pii_text.fold``: full-width digits, odd spaces and dashes made
ASCII, one character for one), so "１１０１０１ １９９００３０７ ４５１４" and "622202－1234567890128" are
found and their original characters masked. A number may be written in groups separated by one
kind of separator (space, dash or dot); a run of groups is split into the longest items that check.

Checks keep precision high: an 18-digit number is an ID only if its ISO 7064 MOD 11-2 check digit
and birth date are valid; a card number only if it passes Luhn and has a card network's leading
digits; a mobile only if its first three digits are an allocated mobile prefix. A number beside an
amount unit (元, 万元, 美元 …) or currency, part of a decimal figure, or a cell in a row of figures is a
figure, not a phone or card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from analyst_desk.core.compliance import pii_documents, pii_latin, pii_names, pii_records, pii_tables
from analyst_desk.core.compliance import pii_forms as forms
from analyst_desk.core.compliance.pii_text import MOBILE, fold, in_table_of_figures, is_amount

_RUN = re.compile(r"(?<![0-9A-Za-z])\+?[0-9]+(?:[ .\-][0-9]+)*[Xx]?(?![0-9A-Za-z])")
_GROUP = re.compile(r"[0-9]+[Xx]?")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
#: How ID numbers and mobiles are written in groups (besides undivided and one digit at a time).
_ID_GROUPS = {(6, 8, 4), (6, 4, 4, 4), (6, 12), (3, 3, 4, 4, 4), (6, 8, 3, 1), (4, 4, 4, 4, 2)}
_MOBILE_GROUPS = {(3, 4, 4), (3, 8), (7, 4), (4, 3, 4), (3, 3, 5)}
_COUNTRY = ("86", "0086")
#: Hong Kong and Macau country codes, and their mobiles' eight digits (Hong Kong's start 5, 6, 7 or 9; Macau's 6):
#: a landline there starts 2 or 3 (a firm's office line "+852 2822 1111" stays).
_HK_MACAU_CODES = {"852": re.compile(r"[5679][0-9]{7}"), "00852": re.compile(r"[5679][0-9]{7}"),
                   "853": re.compile(r"6[0-9]{7}"), "00853": re.compile(r"6[0-9]{7}")}


@dataclass
class PiiMatch:
    kind: str  # "id_number" | "bank_card" | "mobile" | "email" | "name" | "passport" | "travel_permit" | "hk_id" …
    start: int
    end: int
    text: str  # as written in the original text
    #: The folded value: digits (and X) of a number, the address of an email.
    value: str = ""


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


_PROVINCES = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
              "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"}


def _id_shaped(digits: str) -> bool:
    """An 18-digit number laid out like an ID (province code, birth year in place) is an ID number —
    valid or mistyped — and not a card: an ID with a wrong check digit or date is no card number."""
    return len(digits) == 18 and digits[:2] in _PROVINCES and 1900 <= int(digits[6:10]) <= date.today().year


def _number_shaped(groups: list[str], seps: list[str]) -> bool:
    """Digit groups that together are laid out like one card or ID number (whether or not it checks)."""
    if len(set(seps)) > 1:
        return False
    digits = "".join(groups).upper().rstrip("X")
    lengths = tuple(len(g) for g in groups)
    if len(digits) + ("X" in "".join(groups).upper()) == 18 and (lengths in _ID_GROUPS or len(lengths) == 1):
        return True
    return digits.isdigit() and 13 <= len(digits) <= 19 and _card_grouping(lengths)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_network(digits: str) -> bool:
    """Leading digits of a payment network: UnionPay 62/60/9x, Visa 4, Mastercard 51–55/2221–2720,
    Amex/JCB/Diners 3x, Discover 65."""
    return digits[0] in "3456" or digits[:2] in ("94", "95") or 2221 <= int(digits[:4]) <= 2720


def _card_grouping(lengths: tuple[int, ...]) -> bool:
    if len(lengths) == 1 or set(lengths) == {1}:
        return True
    if lengths[0] == 6 or (lengths[0] == 4 and lengths[1] == 6):  # 6+13, 6+12, 6-6-7; Amex 4-6-5
        return all(n >= 3 for n in lengths[1:])
    # 4-4-4-4, 4-4-4-4-3, 4-4-4-3 …: groups of four, the last one shorter or longer by a few.
    return len(lengths) >= 3 and all(n == 4 for n in lengths[:-1]) and 1 <= lengths[-1] <= 7


def _classify(groups: list[str], seps: list[str], plus: bool) -> tuple[str, str] | None:
    """``(kind, value)`` if these digit groups, joined by ``seps``, are one personal number."""
    if len(set(seps)) > 1 and not (groups[0] in _COUNTRY and len(set(seps[1:])) <= 1):
        return None  # mixed separators: a date range or a figure, not a number someone wrote down
    digits = "".join(groups).upper()
    lengths = tuple(len(g) for g in groups)
    if len(digits) == 18 and not plus and (len(lengths) == 1 or lengths in _ID_GROUPS or set(lengths) == {1}) \
            and valid_id_number(digits):
        return "id_number", digits
    if "X" in digits:
        return None
    if len(groups) > 1 and groups[0] in _HK_MACAU_CODES and (plus or groups[0].startswith("00")) and \
            lengths[1:] in ((4, 4), (8,)) and _HK_MACAU_CODES[groups[0]].fullmatch(digits[len(groups[0]):]):
        return "mobile", digits[len(groups[0]):]
    national, national_lengths = digits, lengths
    if len(groups) > 1 and groups[0] in _COUNTRY:
        national, national_lengths = digits[len(groups[0]):], lengths[1:]
    elif len(groups) == 1 and len(digits) in (13, 15) and digits.startswith(_COUNTRY[len(digits) == 15]):
        national, national_lengths = digits[len(digits) - 11:], (11,)
    elif plus:
        return None  # "+" introduces a country code; only China's is handled
    if MOBILE.fullmatch(national) and (len(national_lengths) == 1 or national_lengths in _MOBILE_GROUPS
                                       or set(national_lengths) == {1}):
        return "mobile", national
    if not plus and 13 <= len(digits) <= 19 and _card_grouping(lengths) and _card_network(digits) \
            and not _id_shaped(digits) and luhn_ok(digits):
        return "bank_card", digits
    return None


def _inside_larger_number(groups: list[str], seps: list[str], i: int, j: int) -> bool:
    """Groups ``i:j`` are only a piece of a longer number written the same way (that failed its checks):
    "622700 5164873965528" is one mistyped card, not a card number after six stray digits."""
    for a in range(max(0, i - 4), i + 1):
        for b in range(j, min(len(groups), j + 4) + 1):
            if (a, b) != (i, j) and _number_shaped(groups[a:b], seps[a:b - 1]):
                return True
    return False


def _numbers(folded: str) -> list[tuple[str, int, int, str]]:
    """``(kind, start, end, value)`` of every personal number in the folded text."""
    found = []
    for run in _RUN.finditer(folded):
        plus = run.group(0).startswith("+")
        base = run.start() + plus
        spans = [(m.start() + base, m.end() + base) for m in _GROUP.finditer(run.group(0)[plus:])]
        groups = [folded[s:e] for s, e in spans]
        seps = [folded[spans[i][1]] for i in range(len(spans) - 1)]
        i = 0
        while i < len(groups):
            # The longest run of groups from i that is one number; numbers of up to 19 digits.
            for j in range(min(len(groups), i + 19), i, -1):
                hit = _classify(groups[i:j], seps[i:j - 1], plus and i == 0)
                if hit is None:
                    continue
                kind, value = hit
                if _inside_larger_number(groups, seps, i, j):
                    continue
                start, end = (run.start() if plus and i == 0 else spans[i][0]), spans[j - 1][1]
                cell = pii_tables.cell_at(folded, start, end)
                if kind != "id_number" and is_amount(folded, start, end, delimited=cell is not None
                                                     and cell.delimiter == ","):
                    continue
                if kind == "mobile" and not _phone_in_table(folded, start, end):
                    continue
                found.append((kind, start, end, value))
                i = j - 1
                break
            i += 1
    return found


_WRAPPED = re.compile(r"(?<![0-9A-Za-z])[0-9][0-9 ]*[0-9]\r?\n[ \t]*[0-9][0-9 ]*[0-9Xx](?![0-9A-Za-z])")


def _wrapped_numbers(folded: str) -> list[tuple[str, int, int, str]]:
    """ID and card numbers a line wrap split ("430104\n197306030716", "6225 8878 1267\n9971"): only those whose
    check digit holds, the one thing that tells a wrapped number from two lines of figures."""
    found = []
    for m in _WRAPPED.finditer(folded):
        digits = re.sub(r"[^0-9Xx]", "", m.group(0)).upper()
        if len(digits) == 18 and valid_id_number(digits):
            found.append(("id_number", m.start(), m.end(), digits))
        elif digits.isdigit() and 13 <= len(digits) <= 19 and _card_network(digits) and not _id_shaped(digits) \
                and luhn_ok(digits):
            found.append(("bank_card", m.start(), m.end(), digits))
        elif MOBILE.fullmatch(digits) and tuple(len(g) for g in re.findall(r"[0-9]+", m.group(0))) in _MOBILE_GROUPS \
                and forms.PHONE_HEADER.search(folded[max(0, m.start() - 8):m.start()]):
            # A mobile has no check digit: split by a wrap, it is one only when the words just before call it a phone.
            found.append(("mobile", m.start(), m.end(), digits))
    return found


def _phone_in_table(folded: str, start: int, end: int) -> bool:
    """Whether a valid mobile inside a table is a phone: its column's header says so (手机/电话), or its row
    is a customer's (a person's name in it); a column headed by a period or an amount, a row of figures, or
    a row where a like-sized number is not a mobile (营业收入 | 13812345678 | 12912345678) is figures."""
    cell = pii_tables.cell_at(folded, start, end)
    header = None if cell is None else cell.header
    if header:
        if forms.PHONE_HEADER.search(header):
            return True
        if _FIGURE_HEADER.search(header):
            return False
    if cell is not None:
        cells = [c.strip() for c in cell.row if c.strip()]
        if any(forms.is_person_name(c) for c in cells):
            return True
        others = [re.sub(r"[\s,]", "", c) for c in cells if c != folded[start:end].strip()]
        if any(re.fullmatch(r"\d{9,13}", c) and not MOBILE.fullmatch(c) for c in others):
            return False
        if any(_FIGURE_HEADER.search(c) for c in cells):
            return False
    return not in_table_of_figures(folded, start, end)


#: Headers and row labels of figures: periods, amounts, financial lines.
_FIGURE_HEADER = re.compile(r"(?:19|20)\d{2}|年|月|期|金额|余额|收入|利润|资产|负债|成本|费用|合计|总额|现金|"
                            r"万元|亿元|元|amount|revenue|total|balance", re.I)


def find_pii(text: str, names: list[str] | None = None) -> list[PiiMatch]:
    """All personal data found in ``text``, in order, without overlaps; offsets are ``text``'s."""
    folded = fold(text)
    numbers = [*_numbers(folded), *_wrapped_numbers(folded)]
    found = [PiiMatch(kind, s, e, text[s:e], value) for kind, s, e, value in numbers]
    for m in _EMAIL.finditer(folded):
        found.append(PiiMatch("email", m.start(), m.end(), text[m.start():m.end()], m.group(0)))
    found += [PiiMatch("id_number", s, e, text[s:e], folded[s:e]) for s, e in forms.old_ids_in(folded)]
    for kind, s, e in [*forms.documents_in(folded), *pii_documents.documents_in(folded)]:
        found.append(PiiMatch(kind, s, e, text[s:e], folded[s:e]))
    people = forms.names_in(folded) + pii_latin.latin_names_in(folded) + pii_records.names_in_records(folded)
    people += pii_names.names_beside_phones(folded, [(s, e) for kind, s, e, _ in numbers if kind == "mobile"])
    people += pii_names.names_in_rows(folded, [(s, e) for _, s, e, _ in numbers])
    people += pii_names.names_in_context(folded, people)
    for kind, spans in (("landline", forms.landlines_in(folded)), ("address", forms.addresses_in(folded) + pii_latin.english_addresses_in(folded)),
                        ("plate", forms.plates_in(folded)), ("name", people)):
        found += [PiiMatch(kind, s, e, text[s:e], folded[s:e]) for s, e in spans]
    for name in names or []:
        if name:
            for m in re.finditer(re.escape(name), text):
                found.append(PiiMatch("name", m.start(), m.end(), name, name))
    # Of two readings of one span, an ID wins: a 15-digit number an ID label introduces may also pass Luhn.
    found.sort(key=lambda p: (p.start, -(p.end - p.start), p.kind != "id_number"))
    result: list[PiiMatch] = []
    for match in found:
        if result and match.start < result[-1].end:
            continue
        result.append(match)
    return result


def _mask_digits(text: str, keep_first: int, keep_last: int, total: int) -> str:
    """``text`` with its digits from ``keep_first`` to ``total - keep_last`` starred, separators kept."""
    out, index = [], 0
    for ch, folded in zip(text, fold(text)):
        if folded.isdigit() or folded in "Xx":
            out.append("*" if keep_first <= index < total - keep_last else ch)
            index += 1
        else:
            out.append(ch)
    return "".join(out)


def mask(match: PiiMatch) -> str:
    """The masked form of one match: ends kept, middle starred, the writer's grouping kept."""
    text = match.text
    digits = match.value or re.sub(r"[^0-9Xx]", "", fold(text))
    if match.kind == "id_number":
        return _mask_digits(text, 6, 4, len(digits))
    if match.kind == "bank_card":
        if text.isascii() and text.isdigit():  # undivided: shown grouped, as on the card
            middle = len(digits) - 8
            groups = ["*" * 4] * (middle // 4) + (["*" * (middle % 4)] if middle % 4 else [])
            return " ".join([digits[:4], *groups, digits[-4:]])
        return _mask_digits(text, 4, 4, len(digits))
    if match.kind == "mobile":
        written = len(re.sub(r"[^0-9]", "", fold(text)))
        return _mask_digits(text, written - 8, 4, written)  # keeps a country code and the first three
    if match.kind == "email":
        local, _, domain = text.partition("@") if "@" in text else text.partition("＠")
        return (local[:1] + "***@" + domain) if local else text
    if match.kind in ("name", "passport", "travel_permit", "military_id", "hk_id", "landline", "address", "plate"):
        return forms.mask_form(match.kind, text)
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


__all__ = ["PiiMatch", "find_pii", "luhn_ok", "mask", "mask_text", "valid_id_number"]
