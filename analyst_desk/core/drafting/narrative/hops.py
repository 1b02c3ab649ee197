"""Two-hop questions about the company's controller: "银禧科技控股股东的注册资本是多少？".

Hop one: who the controlling shareholder (or actual controller) is, from the sentences that say so
("瑞晨投资为本公司控股股东"), the name most of them give. Hop two: the sentences that print that name with
the asked attribute ("瑞晨投资…注册资本为1,000万元"). The answer names the controller and quotes those
sentences with their pages — the model, asked the same, gives the issuer's own registered capital.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from analyst_desk.core.cjk import HAN
from analyst_desk.core.drafting.narrative.degenerate import is_boilerplate
from analyst_desk.core.drafting.narrative.text import split_sentences

RELATION = re.compile(r"(控股股东|实际控制人|第一大股东)(?:是谁|是哪(?:国|家|位)|是什么人)?[，,]?(?:的|之|其)?(?:合计|共同|直接)?"
                      r"(注册资本|法定代表人|国籍|成立(?:时间|日期)|住所|注册地|经营范围|主营业务|股东|持股比例|实收资本)")
#: How a page says an attribute without its word: a stake as "合计持有本行58%的股份", a nationality as
#: "中国公民，无境外永久居留权".
_SAID_AS = {"持股比例": re.compile(r"持股比例|持有[^。；]{0,40}?\d+(?:\.\d+)?\s*[%％]|\d+(?:\.\d+)?\s*[%％]的股份"),
            "国籍": re.compile(r"国籍|[" + HAN + r"]{1,4}籍(?![贯])|中国公民|境内自然人|境外永久居留权|永久境外居留权|外籍")}
_NAME = r"([^\s，。；、：:（）()“”\"]{2,24}?)"
#: "赵马克(Mark Zhao)先生…为本公司控股股东及实际控制人": an English name in brackets, the other relation beside it.
_ALIAS = r"(?:[（(][^）)]{1,30}[）)])?"
_BOTH = r"(?:(?:控股股东|实际控制人)[及、和与])?"
_SAYS = [re.compile(_NAME + _ALIAS + r"(?:先生|女士)?(?:直接|间接|合计)?(?:持有[^。；]{0,60}?[，,])?(?:为|是)"
                    r"(?:本公司|公司|发行人|本行)(?:的)?" + _BOTH + r"(?:{rel})"),
         re.compile(r"(?:本公司|公司|发行人|本行)(?:的)?" + _BOTH + r"(?:{rel})(?:为|是)" + _NAME + r"(?=[，。；（(]|先生|女士|$)")]
_LEADING = re.compile(r"^(?:公司|本公司|发行人|其中|目前|截至[^，]*，)")


@dataclass
class Hop:
    relation: str
    attribute: str
    name: str
    #: (sentence, passage) saying who the controller is, then those printing the attribute with the name.
    said: tuple
    evidence: list


def controller_of(passages: list, relation: str) -> tuple[str, tuple] | None:
    """The name most sentences give as the company's ``relation``, with the first such sentence."""
    names: Counter = Counter()
    first: dict[str, tuple] = {}
    patterns = [re.compile(p.pattern.replace("{rel}", relation)) for p in _SAYS]
    for hit in passages:
        for sentence in split_sentences(hit.text):
            if len(sentence) > 200 or relation not in sentence or is_boilerplate(sentence):
                continue
            for pattern in patterns:
                for found in pattern.finditer(sentence):
                    name = _LEADING.sub("", found.group(1)).strip("的")
                    if len(name) >= 2 and not re.search(r"\d{3,}", name):
                        names[name] += 1
                        first.setdefault(name, (sentence, hit))
    if not names:
        return None
    name, _ = names.most_common(1)[0]
    return name, first[name]


def find_hop(question: str, passages: list) -> Hop | None:
    asked = RELATION.search(question)
    if not asked:
        return None
    relation, attribute = asked.group(1), asked.group(2)
    found = controller_of(passages, relation)
    if found is None:
        return None
    name, said = found
    short = name[:4]  # "瑞晨投资" of 瑞晨投资有限公司: documents shorten the name after its first use
    evidence = []
    for hit in passages:
        for sentence in split_sentences(hit.text):
            worded = _SAID_AS[attribute].search(sentence) if attribute in _SAID_AS else None
            if (attribute in sentence or worded) and (name in sentence or short in sentence) and len(sentence) <= 220 \
                    and not is_boilerplate(sentence):
                at = sentence.find(attribute) if attribute in sentence else worded.start()
                gap = at - max(sentence.find(short), 0)
                evidence.append((0 <= gap <= 60, -hit.page, sentence, hit))
    evidence.sort(key=lambda e: (not e[0], -e[1], len(e[2])))
    picked, seen = [], set()
    for _near, _page, sentence, hit in evidence:
        if sentence not in seen:
            seen.add(sentence)
            picked.append((sentence, hit))
        if len(picked) >= 2:
            break
    return Hop(relation, attribute, name, said, picked) if picked else None
