"""Questions that presuppose what the documents contradict, answered with what the documents do say.

Three presuppositions are checked in Python against the full text of the documents the question is
about, before any model is asked:

- a **listing venue**: "…在美国纽约证券交易所的股票代码" when the documents name another exchange for the
  listing and never this one → "文件显示公司申请在深圳证券交易所上市，未提及纽约证券交易所", quoting the page;
- a **year outside the reporting period**: a year later than every document's period, or earlier than
  it and never printed in the documents;
- a **name the documents never print**: a person ("张三先生", "董事长张三"), a quoted name (《…》, “…”) or a
  Latin-letter product/model name that appears nowhere in them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyst_desk.core.cjk import HAN, has_cjk
from analyst_desk.core.drafting.narrative import roles
from analyst_desk.core.drafting.narrative.degenerate import is_boilerplate
from analyst_desk.core.drafting.narrative.text import compact, split_sentences

#: Exchange → the ways documents and questions write it. Boards belong to their exchange.
VENUES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "sse": ("上海证券交易所", "the Shanghai Stock Exchange", ("上海证券交易所", "上交所", "科创板", "Shanghai Stock Exchange")),
    "szse": ("深圳证券交易所", "the Shenzhen Stock Exchange",
             ("深圳证券交易所", "深交所", "创业板", "中小企业板", "中小板", "Shenzhen Stock Exchange")),
    "bse": ("北京证券交易所", "the Beijing Stock Exchange", ("北京证券交易所", "北交所", "Beijing Stock Exchange")),
    "hkex": ("香港联合交易所", "the Hong Kong Stock Exchange",
             ("香港联合交易所", "香港联交所", "联交所", "港交所", "香港交易所", "Hong Kong Stock Exchange", "HKEX", "SEHK")),
    "nyse": ("纽约证券交易所", "the New York Stock Exchange", ("纽约证券交易所", "纽交所", "New York Stock Exchange", "NYSE")),
    "nasdaq": ("纳斯达克", "Nasdaq", ("纳斯达克", "NASDAQ", "Nasdaq")),
    "lse": ("伦敦证券交易所", "the London Stock Exchange", ("伦敦证券交易所", "伦交所", "London Stock Exchange")),
    "sgx": ("新加坡证券交易所", "the Singapore Exchange", ("新加坡证券交易所", "新交所", "Singapore Exchange")),
    "tse": ("东京证券交易所", "the Tokyo Stock Exchange", ("东京证券交易所", "东证所", "Tokyo Stock Exchange")),
}
_LISTING = re.compile(r"上市|挂牌|发行|交易|listed|listing|trade[sd]?|traded|quoted|symbol|ticker", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:年|财年|年度|fiscal|FY)?(?!\d)")
_PERSON = re.compile(r"(?:董事长|总经理|总裁|副总经理|实际控制人|法定代表人|董事会秘书|财务总监|创始人|控股股东|董事|监事)"
                     rf"([{HAN}]{{2,3}}?)(?:先生|女士)"
                     rf"|([{HAN}]{{2,3}}?)(?:先生|女士)")
#: A person's title right before a name, without 先生/女士: "董事长马云持股比例是多少".
_PERSON_TITLE = re.compile(r"(董事长|副董事长|总经理|总裁|副总经理|法定代表人|董事会秘书|财务总监|创始人)(?:为|是)?"
                           rf"([{HAN}]{{2}})")
#: Words after a title that start with a surname character and name no one ("董事长任期", "总经理简历").
_AFTER_TITLE = {"任期", "任职", "任命", "任免", "简历", "简介", "曾任", "于何", "何时", "何人", "毕业", "姓名", "年龄"}
_QUOTED = re.compile(r"[《“「\"]([^》”」\"]{2,30})[》”」\"]")
# Words after the first start with a capital: "Northwind 2024年" names Northwind, not "Northwind 2024".
_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9\-]*(?:\s+[A-Z][A-Za-z0-9\-]*)*|[A-Za-z]+\d+[A-Za-z0-9\-]*)"
                         r"(?![A-Za-z0-9])")
#: Latin words a Chinese question may use that are not names to look for.
_COMMON_LATIN = {"A股", "H股", "B股", "ESG", "GDP", "IPO", "CEO", "CFO", "ROE", "ROA", "EPS", "PE", "PB", "A", "H", "B"}


@dataclass
class Premise:
    """A presupposition the documents contradict, with what they say instead."""

    kind: str  # "venue" | "offering" | "ownership" | "role" | "year" | "name" | "direction"
    asked: str
    #: What the documents say, as (sentence, hit) evidence to quote; may be empty for "name".
    evidence: list = field(default_factory=list)
    said: str = ""
    #: For a venue: the documents name the asked exchange somewhere (not as the company's listing).
    mentioned: bool = False
    #: For a direction: the row label of the figure that moved the other way.
    metric: str = ""

    def to_json(self) -> dict:
        return {"kind": self.kind, "asked": self.asked, "said": self.said,
                "evidence": [{"text": t, "page": h.page, "doc_id": h.doc_id} for t, h in self.evidence]}


class DocumentText:
    """The stored passages of the documents a question is about, read once per question."""

    def __init__(self, library, doc_ids: list[str]) -> None:
        self.library = library
        self.doc_ids = doc_ids
        self._passages: dict[str, list] = {}

    def passages(self, doc_id: str) -> list:
        if doc_id not in self._passages:
            self._passages[doc_id] = self.library.chunks(doc_id)
        return self._passages[doc_id]

    def all_passages(self) -> list:
        return [p for d in self.doc_ids for p in self.passages(d)]

    def joined(self) -> str:
        return compact("\n".join(p.text for p in self.all_passages()))


def _venue_of(text: str) -> list[str]:
    lowered = text.lower()
    return [key for key, (_, _, names) in VENUES.items() if any(n.lower() in lowered for n in names)]


_THIS_OFFER = re.compile(r"本次|拟|申请|上市地|listed on|traded on|trades on|principal market", re.IGNORECASE)


def check_venue(question: str, text: DocumentText) -> Premise | None:
    """The question names an exchange the documents do not list the company on, while they name another.

    Venues are counted in listing sentences of the documents (a sentence about this offering counts
    three times); the question's venue must be far behind the documents' own (at most a fifth of its count).
    """
    asked = _venue_of(question)
    if not asked:
        return None
    evidence = []
    found: dict[str, int] = {}
    for hit in text.all_passages():
        for sentence in split_sentences(hit.text):
            if len(sentence) > 240 or not _LISTING.search(sentence):
                continue
            venues = _venue_of(sentence)
            weight = 3 if _THIS_OFFER.search(sentence) else 1
            for key in venues:
                found[key] = found.get(key, 0) + weight
            if venues:
                evidence.append((sentence, hit))
    if not found:
        return None
    said = max(found, key=found.get)
    if said in asked or any(found.get(key, 0) * 5 > found[said] for key in asked) or found[said] < 3:
        return None
    evidence = [e for e in evidence if said in _venue_of(e[0])]
    evidence.sort(key=lambda e: (not _THIS_OFFER.search(e[0]), len(e[0])))
    premise = Premise("venue", VENUES[asked[0]][0], evidence[:1], VENUES[said][0])
    premise.mentioned = any(any(compact(n) in text.joined() for n in VENUES[key][2]) for key in asked)
    return premise


def _period_years(record) -> set[int]:
    period = str(getattr(record, "period", "") or "")
    match = re.match(r"((?:19|20)\d{2})", period)
    if not match:
        return set()
    year = int(match.group(1))
    kind = str(getattr(record, "doc_type", "") or "")
    # A prospectus reports three years and a part; an annual report its year beside the one before.
    span = 3 if "prospectus" in kind or "招股" in str(getattr(record, "title", "")) else 1
    return set(range(year - span, year + 1))


def check_year(question: str, text: DocumentText) -> Premise | None:
    """A year the question asks about that lies after every document's period, or before it and is never printed."""
    years = [int(y) for y in _YEAR.findall(question)]
    if not years:
        return None
    records = [text.library.find_document(d) for d in text.doc_ids]
    periods = [(r, _period_years(r)) for r in records if r is not None]
    periods = [(r, p) for r, p in periods if p]
    joined = None
    if not periods:  # no period read from the pages: the years the documents print more than once
        joined = text.joined()
        printed = {int(y) for y in re.findall(r"((?:19|20)\d{2})年", joined)}
        printed = {y for y in printed if joined.count(f"{y}年") >= 2}
        if not printed:
            return None
        periods = [(None, printed)]
    covered = set().union(*(p for _, p in periods))
    for year in years:
        if year in covered:
            continue
        latest = max(covered)
        if year > latest:
            return _year_premise(year, periods)
        joined = joined if joined is not None else text.joined()
        if joined.count(f"{year}年") + joined.count(f"{year}") < 3:
            return _year_premise(year, periods)
    return None


def _year_premise(year: int, periods) -> Premise:
    record, span = periods[0]
    return Premise("year", str(year), [], f"{min(span)}–{max(span)}" if len(span) > 1 else str(max(span)))


def names_in(question: str) -> list[str]:
    """Names a question presupposes: people (with a title or 先生/女士), quoted names, Latin-letter names."""
    names = []
    for match in _PERSON.finditer(question):
        names.append(match.group(1) or match.group(2))
    names += [m.group(1).strip() for m in _QUOTED.finditer(question)]
    names += [n for _title, n in titled_names(question)]
    if has_cjk(question):
        names += [m.group(1) for m in _LATIN_NAME.finditer(question) if m.group(1) not in _COMMON_LATIN
                  and not _venue_of(m.group(1)) and len(m.group(1)) >= 2]
    return list(dict.fromkeys(n for n in names if n))


def titled_names(question: str) -> list[tuple[str, str]]:
    """(title, the first two characters of the name after it) for a person named by title alone: the name's
    length is unknown ("马云持股"), but a name the documents never print lacks its first two characters too.
    Only names that start with a common surname, so "董事长任期" or "总经理办公会" name no one."""
    from analyst_desk.core.compliance.pii_words import COMMON_WORDS, SURNAMES

    return [(m.group(1), m.group(2)) for m in _PERSON_TITLE.finditer(question)
            if m.group(2)[0] in SURNAMES and m.group(2) not in COMMON_WORDS | _AFTER_TITLE]


def _holder_of(title: str, text: DocumentText) -> tuple[str, list]:
    """The name the documents give for ``title`` most often ("董事长赵马克", "董事长兼总经理赵马克", "董事长为赵马克"),
    with the shortest sentence saying it; ("", []) when they print none."""
    from collections import Counter

    from analyst_desk.core.compliance.pii_words import SURNAMES

    pattern = re.compile(rf"{title}(?:兼[{HAN}]{{2,5}}?)?(?:为|是|：|:)?([{HAN}]{{2,3}})(?:先生|女士|\(|（|[，,、。承；;]|$)")
    counts: Counter = Counter()
    sentences: dict[str, list] = {}
    for hit in text.all_passages():
        for sentence in split_sentences(hit.text):
            if len(sentence) > 200:
                continue
            for match in pattern.finditer(sentence):
                name = match.group(1)
                if name[0] in SURNAMES:
                    counts[name] += 1
                    sentences.setdefault(name, []).append((sentence, hit))
    if not counts:
        return "", []
    name = counts.most_common(1)[0][0]
    return name, sorted(sentences[name], key=lambda e: (is_boilerplate(e[0]), len(e[0])))[:1]


def check_names(question: str, text: DocumentText) -> Premise | None:
    """A name the question takes for granted that no document prints; a person asked by title ("董事长马云") is
    answered with the name the documents give that title, when they give one."""
    names = names_in(question)
    if not names:
        return None
    from analyst_desk.core.library.glossary import translations

    joined = text.joined()
    titles = {name: title for title, name in titled_names(question)}
    for name in names:
        # A finance term asked in English (EBITDA) is printed in the report's language (息税折旧摊销前利润).
        if compact(name) not in joined and not any(compact(t) in joined for t in translations(name)):
            if name in titles:
                said, evidence = _holder_of(titles[name], text)
                premise = Premise("name", name, evidence, said)
                premise.metric = titles[name] if said else ""
                return premise
            return Premise("name", name)
    return None


#: Kinds of offering → (Chinese name, English name, how questions and covers write it).
OFFERINGS: dict[str, tuple[str, str, re.Pattern]] = {
    "ipo": ("首次公开发行", "an initial public offering", re.compile(r"首次公开发行|首发|\bIPO\b|initial public offering", re.I)),
    "seo": ("公开增发", "an additional share offering", re.compile(r"公开增发|增发|非公开发行|follow-on offering", re.I)),
    "rights": ("配股", "a rights issue", re.compile(r"配股|rights issue", re.I)),
    "convertible": ("可转换公司债券发行", "a convertible bond issue", re.compile(r"可转换公司债券|可转债|convertible bond", re.I)),
}


def check_offering(question: str, text: DocumentText) -> Premise | None:
    """The question calls the offering an IPO (or another kind) while the document's first pages call it otherwise."""
    asked = [k for k, (_, _, pattern) in OFFERINGS.items() if pattern.search(question)]
    if len(asked) != 1:
        return None
    for doc_id in text.doc_ids:
        passages = sorted(text.passages(doc_id), key=lambda p: p.page)
        cover = compact("\n".join(f"{p.heading_path}\n{p.text}" for p in passages if p.page <= 3))
        if OFFERINGS[asked[0]][2].search(cover):
            continue  # the cover names the offering the question does
        early = [p for p in passages if p.page <= 12]  # the cover and the offering summary after it
        joined = compact("\n".join(f"{p.heading_path}\n{p.text}" for p in early))
        counts = {k: len(pattern.findall(joined)) for k, (_, _, pattern) in OFFERINGS.items()}
        said = max(counts, key=counts.get)
        if said == asked[0] or not counts[said]:
            continue
        candidates = [(s, p) for p in early for s in split_sentences(p.text)
                      if OFFERINGS[said][2].search(s) and len(s) <= 160 and "|" not in s]
        candidates.sort(key=lambda e: "本次" not in e[0])
        titled = next((p for p in early if OFFERINGS[said][2].search(p.heading_path)), None)
        evidence = candidates[0] if candidates else (titled.heading_path.split(" > ")[0], titled) if titled else None
        return Premise("offering", OFFERINGS[asked[0]][0], [evidence] if evidence else [], OFFERINGS[said][0])
    return None


#: A question that calls the company state-owned ("作为国有控股企业，国资持股比例是多少").
STATE_CLAIM = re.compile(r"国有控股|国有企业|国有独资|国资控股|国企|央企|中央企业|\bstate[- ]owned\b|\bstate[- ]controlled\b|"
                         r"\bgovernment[- ]controlled\b", re.IGNORECASE)
#: A question that calls it privately held ("作为一家民营企业，实际控制人是哪位自然人").
PRIVATE_CLAIM = re.compile(r"民营|私营|民企|家族企业|家族控股|\bprivately[- ](?:owned|held|controlled)\b|"
                           r"\bfamily[- ](?:owned|controlled)\b", re.IGNORECASE)
OWNERSHIP = re.compile(f"{STATE_CLAIM.pattern}|{PRIVATE_CLAIM.pattern}", re.IGNORECASE)
_CONTROLLER = re.compile(r"实际控制人|控股股东|\bcontrolling (?:shareholder|stockholder)s?\b", re.IGNORECASE)
_STATE = re.compile(r"国有|国资|人民政府|国务院|财政部|\bstate\b|\bgovernment\b|\bSASAC\b", re.IGNORECASE)
_PRIVATE = re.compile(r"自然人|夫妇|先生|女士|个人|\bindividual\b|\bfounder\b", re.IGNORECASE)


def check_ownership(question: str, text: DocumentText) -> Premise | None:
    """The question calls the company state-owned (or privately held) while the sentences naming its controller
    say the other.

    Counted over the sentences that name the 实际控制人 / 控股股东: for a state claim, state bodies (国资委,
    人民政府, 国有…) in none of them and private persons (自然人, 先生, 夫妇…) in some; for a private claim, the
    reverse. The shortest such sentences say who controls the company."""
    state_claim, private_claim = STATE_CLAIM.search(question), PRIVATE_CLAIM.search(question)
    found = state_claim or private_claim
    if not found or (state_claim and private_claim):
        return None
    state, private = [], []
    for hit in text.all_passages():
        for sentence in split_sentences(hit.text):
            if len(sentence) > 200 or not _CONTROLLER.search(sentence) or is_boilerplate(sentence):
                continue  # an undertaking the controller signed says nothing of who it is
            if _STATE.search(sentence):
                state.append((sentence, hit))
            elif _PRIVATE.search(sentence):
                private.append((sentence, hit))
    said, other = (private, state) if state_claim else (state, private)
    if other or not said:
        return None
    said.sort(key=lambda e: (not re.search("实际控制人|controlling", e[0], re.IGNORECASE), e[1].page, len(e[0])))
    return Premise("ownership", found.group(0), said[:2], "")


def check_role(question: str, text: DocumentText) -> Premise | None:
    """The question names a firm for a role (保荐机构, 主承销商, 审计机构, 律师) the document gives another firm."""
    wrong = roles.check_role(question, text)
    if wrong is None:
        return None
    premise = Premise("role", wrong.asked, wrong.evidence, wrong.said)
    premise.metric = wrong.role
    return premise


def check_premises(question: str, text: DocumentText) -> Premise | None:
    """The first presupposition of ``question`` the documents contradict, or None."""
    for check in (check_venue, check_offering, check_ownership, check_role, check_year, check_names):
        premise = check(question, text)
        if premise is not None:
            return premise
    return None


def correction(premise: Premise, language: str, citation: str = "") -> str:
    """The sentence that says what the documents say instead of what the question assumed."""
    if premise.kind == "venue":
        if language == "zh":
            other = f"而非{premise.asked}" if premise.mentioned else f"未提及{premise.asked}"
            return f"文件显示公司申请在{premise.said}上市{citation}，{other}。"
        said = next(v[1] for v in VENUES.values() if v[0] == premise.said)
        asked = next(v[1] for v in VENUES.values() if v[0] == premise.asked)
        other = f"not on {asked}" if premise.mentioned else f"they do not mention {asked}"
        return f"The documents say the company is listed (or applies to list) on {said}{citation}; {other}."
    if premise.kind == "offering":
        if language == "zh":
            return f"文件显示本次发行为{premise.said}{citation}，并非{premise.asked}。"
        said = next(v[1] for v in OFFERINGS.values() if v[0] == premise.said)
        asked = next(v[1] for v in OFFERINGS.values() if v[0] == premise.asked)
        return f"The document describes {said}{citation}, not {asked}."
    if premise.kind == "ownership":
        if language == "zh":
            return f"文件未显示公司为{premise.asked}：其实际控制人、控股股东如下{citation}。"
        return f"The documents do not describe the company as {premise.asked}; they name its controlling holders as follows{citation}."
    if premise.kind == "role":
        return roles.role_correction(premise, language, citation)
    if premise.kind == "year":
        if language == "zh":
            return f"资料中未找到相关内容：文件的报告期为{premise.said}年，未包含{premise.asked}年的信息{citation}。"
        return f"Not found in your documents: they cover {premise.said} and hold nothing about {premise.asked}{citation}."
    if premise.kind == "name" and premise.said and premise.metric:
        if language == "zh":
            return f"文件中没有出现“{premise.asked}”：文件显示{premise.metric}为{premise.said}{citation}。"
        return f"Your documents never mention “{premise.asked}”: they name {premise.said} as {premise.metric}{citation}."
    if language == "zh":
        return f"资料中未找到相关内容：文件中没有出现“{premise.asked}”。"
    return f"Not found in your documents: they never mention “{premise.asked}”."
