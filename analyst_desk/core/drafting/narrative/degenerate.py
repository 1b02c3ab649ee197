"""Answers never to show: empty, the question said back, numbered lists without content, repetition.

Small models, given a long section, often write "报告期环境信息包括但不限于：1. 环境监测 2. 3. 4. …",
repeat the question, loop on one phrase, or copy the page's boilerplate — a cross-reference
("参见本招股意向书第四节") or an undertaking ("本人承诺不从事…"). Boilerplate sentences are dropped one by
one (:func:`is_boilerplate`); an answer with any of the whole-answer faults (:func:`degenerate_reasons`)
is replaced by quotes of the section.
"""

from __future__ import annotations

import re
from collections import Counter

from analyst_desk.core.cjk import HAN
from analyst_desk.core.drafting.narrative.text import bigrams, coverage, strip_markers

_CROSS_REFERENCE = re.compile(
    r"参见|详见|请见|见本(?:招股|报告|说明书|意向书|节|章)|参阅|具体(?:内容|情况)?(?:请)?见|"
    r"(?:本|招股)(?:招股)?(?:说明书|意向书)第[一二三四五六七八九十\d]+[节章]|"
    r"\b(?:see|refer to|as described in|discussed (?:in|under))\b.{0,40}\b(?:item|note|part|section|page)s?\b",
    re.IGNORECASE)
_UNDERTAKING = re.compile(
    r"承诺|保证(?:不|将|在)|不(?:会|得)?(?:直接或间接)?(?:从事|参与|经营).{0,12}(?:竞争|相同|相似)|避免同业竞争|"
    r"\bundertak|\bcovenant|\bshall not\b|\bwill not (?:engage|compete)\b",
    re.IGNORECASE)
_LIST_ITEM = re.compile(r"(?:^|\s|[：:；;，,。])(?:\(?\d{1,2}[\.、\)）]|[（(]\d{1,2}[)）]|[①-⑳])")
_LEGAL_FORM = re.compile(r"(?:有限责任公司|股份有限公司|有限公司)|\b(?:Inc|Ltd|LLC|Co|Corporation)\b\.?", re.IGNORECASE)
_WORD = re.compile(f"[{HAN}]|[A-Za-z]{{2,}}")


def is_boilerplate(sentence: str, question: str = "") -> bool:
    """A cross-reference or an undertaking, which answers nothing unless the question asks for one."""
    if _CROSS_REFERENCE.search(sentence) and not _CROSS_REFERENCE.search(question):
        return True
    return bool(_UNDERTAKING.search(sentence)) and not _UNDERTAKING.search(question)


def content_length(text: str) -> int:
    """Chinese characters, plus two for each English word (a word says about what two characters do): what a
    reader would call the text's content — "Americas, EMEA, Asia Pacific" is not empty."""
    return sum(1 if len(w) == 1 else 2 for w in _WORD.findall(strip_markers(text)))


def restates_question(answer: str, question: str) -> bool:
    """Most of the answer's words are the question's own, and it adds almost nothing — no figure of its own
    either ("零售客户数达到1,250万户" answering "零售客户数达到多少万户" says something)."""
    said = bigrams(strip_markers(answer))
    asked = bigrams(question)
    if not said:
        return False
    figures = set(re.findall(r"\d[\d,.]*", strip_markers(answer))) - set(re.findall(r"\d[\d,.]*", question))
    if any(len(f.replace(",", "").replace(".", "")) >= 2 and not re.fullmatch(r"(?:19|20)\d{2}", f) for f in figures):
        return False
    new = said - asked
    return coverage(said, asked) >= 0.7 or len(new) <= 3


def empty_list(answer: str) -> bool:
    """Numbered items with (almost) nothing in them: "1. 环境监测 2. 3. 4. 5."."""
    items = list(_LIST_ITEM.finditer(answer))
    if len(items) < 3:
        return False
    bodies = []
    for item, after in zip(items, items[1:] + [None]):
        body = answer[item.end():after.start() if after else len(answer)]
        bodies.append(content_length(body))
    empty = sum(1 for b in bodies if b < 3)
    return empty >= max(2, len(bodies) // 3)


#: The share of an answer made of 6-character runs said four times or more that makes it a loop.
LOOPED_SHARE = 0.4


def repetitive(answer: str) -> bool:
    """The same sentence twice, or one phrase over and over."""
    body = strip_markers(answer)
    parts = [re.sub(r"\W", "", p) for p in re.split(r"[。！？!?；;\n]|\.\s", body)]
    parts = [p for p in parts if len(p) >= 6]
    if len(parts) != len(set(parts)):
        return True
    # A company's legal form is no phrase said over and over: ten subsidiaries each end in "有限责任公司".
    compact = re.sub(r"\W", "", _LEGAL_FORM.sub("", body))
    if len(compact) < 40:
        return False
    grams = Counter(compact[i:i + 6] for i in range(len(compact) - 5))
    # A loop repeats a phrase until it fills the answer; a summary may name its topic four or five times
    # ("主营业务收入" in a why-answer about it, "transportation" in FedEx's) and is no loop.
    covered = set()
    for i in range(len(compact) - 5):
        if grams[compact[i:i + 6]] >= 4:
            covered.update(range(i, i + 6))
    return len(covered) >= LOOPED_SHARE * len(compact) or len(grams) / max(len(compact) - 5, 1) < 0.55


def degenerate_reasons(answer: str, question: str) -> list[str]:
    """Why an answer must not be shown (empty list when it may be)."""
    reasons: list[str] = []
    if content_length(answer) < 6:
        return ["empty"]
    if restates_question(answer, question):
        reasons.append("restates_question")
    if empty_list(answer):
        reasons.append("empty_list")
    if repetitive(answer):
        reasons.append("repetition")
    return reasons
