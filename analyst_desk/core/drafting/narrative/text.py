"""Small text tools the answer modules share: sentences of a passage, content terms, overlap."""

from __future__ import annotations

import re

from analyst_desk.core.cjk import HAN

_EN_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(“\"])")
_MARKER = re.compile(r"\s*\[\d{1,3}(?:\s*[,，、]\s*\d{1,3})*\]")
_EN_WORD = re.compile(r"[a-z][a-z\-']{2,}")
_HAN_RUN = re.compile(f"[{HAN}]+")
EN_STOP = set("""a an the of in on at to for from by with and or not is are was were be been being do does did
what which who whom whose when where why how much many that this these those it its as about into than then
there their they them he she his her we our you your i me my please tell show give list describe explain
summarise summarize brief briefly overview discuss analyse analyze main key report company's during period
company bank report year years total according documents document also such other has have had will would
may can could should""".split())
#: Characters that never make a bigram meaningful on their own in a question or an answer.
ZH_FUNCTION = set("的了是吗呢么和与及在对中为有之其该等并或而也都将从向以于这那个些")


def strip_markers(text: str) -> str:
    return _MARKER.sub("", text)


#: A line break inside a Chinese sentence (PDF text wraps lines): not after an end mark, not before a
#: numbered item, a table row or a heading-like line.
_WRAP = re.compile(r"(?<![。！？!?；;：:])\n(?!\s*(?:[（(]?[一二三四五六七八九十\d]+[、.．)）]|[①-⑳]|\||第[一二三四五六七八九十\d]+[章节]))")


_EN_ENDED = re.compile(r"[.!?:;”\"]\s*$")
_EN_NEW_LINE = re.compile(r"^\s*(?:[•|▪●\-–]|\(?\d{1,2}[.)]\s|[A-Z][A-Za-z’'&\-]*(?: (?:[A-Z][A-Za-z’'&\-]*|and|of|the|for|in|on|to))*\s*$)")


def _join_wrapped(text: str) -> str:
    """English lines joined where the PDF wrapped a sentence: not after a line that ends one or is a heading
    ("Human Capital"), not before a bullet, a table row, a numbered item or a heading."""
    lines = text.split("\n")
    out = [lines[0]] if lines else []
    for line in lines[1:]:
        previous = out[-1]
        if previous.strip() and line.strip() and not _EN_ENDED.search(previous) \
                and not _EN_NEW_LINE.match(previous) and not _EN_NEW_LINE.match(line):
            out[-1] = previous.rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage: Chinese ones end at 。！？； (wrapped lines joined); English ones at ". "."""
    out: list[str] = []
    if re.search(f"[{HAN}]", text):
        text = _WRAP.sub("", text)
    else:
        text = _join_wrapped(text)
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if re.search(f"[{HAN}]", line):
            parts = re.findall(r"[^。！？!?；;]+[。！？!?；;]?", line)
        else:
            parts = _EN_SENTENCE.split(line)
        out.extend(p.strip() for p in parts if p.strip())
    return out


#: A rank printed in digits ("向前5 名客户的销售情况") is the same words as one in numerals ("前五名客户").
_RANK_DIGIT = re.compile(r"前\s*(10|[1-9])\s*(?=[名大位家个])")
_NUMERALS = dict(zip("1 2 3 4 5 6 7 8 9 10".split(), "一二三四五六七八九十"))


def rank_in_numerals(text: str) -> str:
    """"前5 名" → "前五名", "前五大客户" → "前五名客户": a rank written any of these ways reads alike."""
    text = _RANK_DIGIT.sub(lambda m: "前" + _NUMERALS[m.group(1)], text)
    return re.sub(r"(前[一二三四五六七八九十])[大位家](?!型|额|于)", r"\1名", text)


def rank_in_digits(text: str) -> str:
    """"前五名" → "前5名", the way many reports print it; the text itself when it names no rank."""
    digits = {v: k for k, v in _NUMERALS.items()}
    return re.sub(r"前([一二三四五六七八九十])(?=[名大位家个])", lambda m: "前" + digits[m.group(1)], text)


def bigrams(text: str) -> set[str]:
    """Chinese character pairs (without function-word-only pairs) and English content words."""
    grams: set[str] = set()
    for run in _HAN_RUN.findall(rank_in_numerals(text)):
        for a, b in zip(run, run[1:]):
            if not (a in ZH_FUNCTION and b in ZH_FUNCTION):
                grams.add(a + b)
        if len(run) == 1 and run not in ZH_FUNCTION:
            grams.add(run)
    grams.update(stem(w) for w in _EN_WORD.findall(text.lower()) if w not in EN_STOP)
    return grams


#: Stems are cut to this many letters: "geographic" and "Geography", "operating" and "operations" match.
STEM_LETTERS = 7


def stem(word: str) -> str:
    """A crude English stem, enough to match "risks" with "risk", "categories" with "category" and
    "geographic" with "Geography"."""
    return _suffixless(word)[:STEM_LETTERS]


def _suffixless(word: str) -> str:
    if word.endswith("ies") and len(word) >= 6:
        return word[:-3] + "y"  # "categories" and "category", "companies" and "company"
    if word.endswith("sses"):
        return word[:-2]  # "businesses" and "business"
    if word.endswith("ss"):
        return word
    for suffix in ("ing", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def coverage(part: set[str], whole: set[str]) -> float:
    """Share of ``part`` found in ``whole`` (0 when ``part`` is empty)."""
    return len(part & whole) / len(part) if part else 0.0


def compact(text: str) -> str:
    """Text without whitespace, lower-cased: for "is this string printed there" checks."""
    return re.sub(r"\s+", "", text).lower()
