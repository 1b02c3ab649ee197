"""Identity documents and accounts of the cross-border and elderly customers' papers that ``pii_forms`` does not read:

- a Hong Kong or Macau identity card: one or two letters, six digits and the check character in brackets
  ("Y512839(4)", "K327915(A)") — a shape no contract or report number takes;
- a 港澳居民来往内地通行证 (回乡证): H or M and eight (or ten) digits, when the words before name that pass;
- a foreign passport of nine digits when the word passport/护照 is just before it ("British passport 535718264");
- a passbook's account number (存折 4200 1567 8800 5012 3456), which has no Luhn digit to find it by;
- an account number its label calls a person's ("Personal account with us: 012-875-2-003918-5", 个人账户：…): a
  Hong Kong bank's branch-account-suffix numbering passes no card check either.
"""

from __future__ import annotations

import re

_HKID = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}[0-9]{6}[(（][0-9A][)）]")
_HOME_RETURN = re.compile(r"(?<![A-Za-z0-9])[HM][0-9]{8}(?:[0-9]{2})?(?![A-Za-z0-9])")
_HOME_RETURN_WORD = re.compile(r"来往内地通行证|回乡证|home return permit|mainland travel permit", re.I)
_NINE_DIGIT_PASSPORT = re.compile(r"(?:护照|passport)(?:\s*(?:no\.?|number|号码?))?[\s:：#]{0,4}([A-Z]?[0-9]{9})(?![0-9A-Za-z])",
                                  re.I)
_PASSBOOK = re.compile(r"存折(?:账号|号码|号)?[^0-9\n]{0,4}([0-9]{4}(?:[ \-]?[0-9]{2,4}){3,4})(?![0-9])")

_PERSONAL_ACCOUNT = re.compile(r"(?:personal|savings|private)\s+account(?:\s+(?:number|no\.?))?(?:\s+with\s+us)?\s*[:：]?\s*"
                               r"|个人(?:结算)?(?:账户|账号|帐户|帐号)(?:号码?)?\s*[:：]?\s*", re.I)
_ACCOUNT_NUMBER = re.compile(r"[0-9](?:[0-9 \-]{8,24})[0-9](?![0-9])")


def documents_in(folded: str) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of Hong Kong/Macau ID cards, home-return permits, nine-digit passports and passbooks."""
    found = [("hk_id", m.start(), m.end()) for m in _HKID.finditer(folded)]
    for m in _HOME_RETURN.finditer(folded):
        if _HOME_RETURN_WORD.search(folded[max(0, m.start() - 120):m.start()]):
            found.append(("travel_permit", m.start(), m.end()))
    found += [("passport", m.start(1), m.end(1)) for m in _NINE_DIGIT_PASSPORT.finditer(folded)]
    for m in _PASSBOOK.finditer(folded):
        if 16 <= len(re.sub(r"[^0-9]", "", m.group(1))) <= 20:
            found.append(("bank_card", m.start(1), m.end(1)))
    for label in _PERSONAL_ACCOUNT.finditer(folded):
        m = _ACCOUNT_NUMBER.match(folded, label.end())
        if m and 10 <= len(re.sub(r"[^0-9]", "", m.group(0))) <= 20:
            found.append(("bank_card", m.start(), m.end()))
    return found
