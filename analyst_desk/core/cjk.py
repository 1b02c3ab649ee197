"""Chinese-character helpers used wherever text is told apart by script."""

from __future__ import annotations

import re

#: One CJK unified ideograph (the basic block, which every Chinese report uses).
HAN = "\u4e00-\u9fff"
HAN_RE = re.compile(f"[{HAN}]")
#: Ideographs with CJK punctuation, kana and full-width forms: text set without spaces between its words.
CJK_WIDE = "\u3000-\u9fff\uff00-\uffef"
#: Every East Asian script block a tokenizer spends about one token a character on (Han, kana, Hangul,
#: compatibility ideographs, full-width forms).
EAST_ASIAN = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"


def has_cjk(text: str) -> bool:
    """True when ``text`` contains at least one Chinese character."""
    return HAN_RE.search(text) is not None


def cjk_count(text: str) -> int:
    return len(HAN_RE.findall(text))


def language_of(text: str) -> str:
    """"zh" when the text contains Chinese, else "en"."""
    return "zh" if has_cjk(text) else "en"
