"""People named where a chat export, a core system's dump or a form puts them, with no 客户/姓名 label before them:

- the speaker of a chat line ("郑晓雯 09:12：…", "覃浩 2024-12-02 09:15") and whoever is @-mentioned ("@郑晓雯");
- a key=value record's name fields ("CUST_NAME=MA XIAOLI", "CUST_NAME_CN=马晓丽"), not a branch's or a firm's name.

Each candidate must still pass ``pii_forms.is_person_name`` (a surname, two or three characters, not a word), and a
Latin value must be two or three words whose first is a romanised surname or a capitalised name.
"""

from __future__ import annotations

import re

from analyst_desk.core.cjk import HAN
from analyst_desk.core.compliance.pii_forms import is_person_name
from analyst_desk.core.compliance.pii_words import FIRM_WORD, ROMAN_SURNAMES

#: A chat line opens on its speaker and the time said (a date may come first): "郑晓雯 09:12：", "覃浩 2024-12-02 09:15".
_SPEAKER = re.compile(rf"(?m)^[ \t]*([{HAN}]{{2,4}})[ \t]+(?:(?:19|20)[0-9]{{2}}[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}}[ \t]+)?"
                      r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\b")
_MENTION = re.compile(rf"[@＠]([{HAN}]{{2,4}})")
#: A record's field holding a person's name: CUST_NAME, NAME_CN, ACCT_NAME, HOLDER_NAME …; never one of an
#: organisation (BRANCH_NAME, CORP_NAME, BANK_NAME, PROD_NAME, FILE_NAME, USER_NAME is a login).
_NAME_KEY = re.compile(r"(?im)^[ \t]*([A-Z_]*NAME[A-Z_]*)[ \t]*[=:][ \t]*([^\r\n]*?)[ \t]*\r?$")
_NOT_PERSON_KEY = re.compile(r"BRANCH|CORP|COMP|COMPANY|ORG|BANK|PROD|FILE|USER|LOGIN|HOST|SYS|DEPT|TABLE|FIELD|"
                             r"MERCH|FIRM|ENT", re.I)
_LATIN_VALUE = re.compile(r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){1,2}")


def _mention_name(folded: str, start: int, run: str) -> tuple[int, int] | None:
    """The name an @ opens: the whole run when it is a name, else its first three or two characters."""
    for size in (len(run), 3, 2):
        if size <= len(run) and is_person_name(run[:size]):
            return start, start + size
    return None


def names_in_records(folded: str) -> list[tuple[int, int]]:
    """Spans of names that open chat lines, that an @ mentions, or that a record's name field holds."""
    spans = [m.span(1) for m in _SPEAKER.finditer(folded) if is_person_name(m.group(1))]
    for m in _MENTION.finditer(folded):
        span = _mention_name(folded, m.start(1), m.group(1))
        if span:
            spans.append(span)
    for m in _NAME_KEY.finditer(folded):
        key, value = m.group(1), m.group(2)
        if not value or _NOT_PERSON_KEY.search(key):
            continue
        latin = _LATIN_VALUE.fullmatch(value)
        if is_person_name(value) or (latin and not FIRM_WORD.search(value) and
                                     (value.split()[0].upper() in ROMAN_SURNAMES or not value.isupper())):
            spans.append(m.span(2))
    return spans
