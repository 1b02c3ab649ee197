"""Words for keyword ranking: jieba for Chinese runs, lower-cased words for Latin text, numbers whole.

Mixed text is cut into runs first ("APP注册用户数17,403.96万户" → "app", jieba words of 注册用户数,
"17403.96", jieba words of 万户) so jieba only ever sees Chinese. Search mode (``cut_for_search``)
emits a long dictionary word and the shorter words inside it (不良贷款率 → 不良, 贷款, 不良贷款,
贷款率 …), so a question that says 不良率 and a page that says 不良贷款率 still share words. jieba's
dictionary ships inside its package; it is loaded once per process, from the package folder (which
also works inside the PyInstaller bundle, where the spec collects it).
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from pathlib import Path

from analyst_desk.core.cjk import HAN
from analyst_desk.core.library.glossary import TERMS

_RUNS = re.compile(rf"(?P<num>\d[\d,，]*(?:\.\d+)?%?)|(?P<cjk>[{HAN}]+)|(?P<word>[A-Za-z][A-Za-z\-]*)")
# Function words that carry no topic in either language (IDF would make them cheap anyway; dropping
# them keeps the index small and stops them from matching by chance).
_STOP = set("""的 了 和 与 及 或 是 在 为 对 由 从 将 把 被 其 之 等 也 而 并 且 则 以 于 至 中 上 下 有 无 这 那
个 各 该 本 此 年 月 日 多少 什么 哪些 哪个 哪家 如何 怎么 是否 吗 呢 请问 其中 以及 a an and are as at be
by did do does for from had has have how in is it its of on or than that the their this to was were what
when where which who why will with""".split())

_lock = threading.Lock()
_tokenizer = None


def _jieba():
    """One jieba tokenizer per process, with the glossary's finance terms added as words."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer(dictionary=str(Path(jieba.__file__).parent / "dict.txt"))
            tokenizer.initialize()
            for _english, chinese in TERMS:
                tokenizer.add_word(chinese)
            _tokenizer = tokenizer
        return _tokenizer


def tokenize(text: str) -> list[str]:
    """Keyword tokens of ``text``: Chinese words (search mode), lower-case English words, numbers.

    Numbers lose their thousands separators and percent sign ("146,695" → "146695") so a figure
    typed either way matches; single Chinese characters and function words are dropped.
    """
    tokens: list[str] = []
    for match in _RUNS.finditer(text):
        kind = match.lastgroup
        value = match.group()
        if kind == "num":
            tokens.append(value.replace(",", "").replace("，", "").rstrip("%"))
        elif kind == "word":
            word = value.lower().strip("-")
            if len(word) > 1 and word not in _STOP:
                tokens.append(word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word)
        elif len(value) <= _SHORT_RUN:
            tokens.extend(_short_run_words(value))
        else:
            tokens.extend(_chinese_words(value))
    return tokens


#: Chinese runs up to this length are cut once per process and remembered: reports repeat them
#: (row labels, units, the heading on every passage of a section), while long runs of prose rarely
#: recur and would only fill the memory.
_SHORT_RUN = 24


def _chinese_words(run: str) -> list[str]:
    return [w for w in _jieba().cut_for_search(run, HMM=True) if len(w) > 1 and w not in _STOP]


@lru_cache(maxsize=1 << 16)
def _short_run_words(run: str) -> tuple[str, ...]:
    """:func:`_chinese_words` of a short run, remembered (the dictionary never changes once loaded)."""
    return tuple(_chinese_words(run))
