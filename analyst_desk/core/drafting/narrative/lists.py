"""Lists answered whole: every item of the table, numbered run, sub-headings or sentence that holds them, each cited.

"有哪些控股子公司？" → the rows of the table listing the subsidiaries (continued over the next pages when
the table is), or the numbered paragraphs of the section about them ("1、香港勤上实业 … 10、北京勤上"), or
the sentence that enumerates them. Every list the passages near the question print is a candidate
(:mod:`list_items` finds them); the one whose introducing words — heading, caption, header, lead-in line,
the words before the enumeration — say most of the question's topic is the answer, when they say at
least half of it. The app writes the list itself; a small model given six names writes one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyst_desk.core.cjk import has_cjk
from analyst_desk.core.drafting.narrative.list_items import (
    _LEAD_IN,
    Candidate,
    bullet_runs,
    clean_item,
    inline_lists,
    numbered_runs,
    parse_table,
    table_groups,
    table_items,
    table_rows,
)
from analyst_desk.core.drafting.narrative.section_search import (
    _ordinal,
    candidate_documents,
    find_sections,
    topic_grams,
)
from analyst_desk.core.drafting.narrative.text import bigrams, coverage

__all__ = ["ListAnswer", "find_list", "from_sections", "parse_table", "table_items"]

_LEADING_NUMBER = re.compile(r"^\s*(?:\d{1,2}[、.．]|[（(]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*")
_ENUMERATED = re.compile(r"^\s*(?:\d{1,2}[、.．]|[（(]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*"
                         r"(?P<item>[^：:，,。；;]{2,40})")
_ENTITY_TOPIC = re.compile(r"公司|企业|银行|机构|股东|客户|供应商|竞争对手|subsidiar|compan|customer|supplier|competitor", re.IGNORECASE)
_ENTITY = re.compile(r"(?:公司|有限|集团|银行|厂|中心|合伙|研究院|协会|Ltd\.?|Inc\.?|LLC|Corporation|Company|N\.A\.)\)?$")
#: Row labels that name a measure rather than a thing.
_MEASURE = re.compile(r"率|额|价|收入|成本|利润|毛利|资产|负债|费用|费$|比例|比重|变动|占比|产量|销量|产能|贡献|"
                      r"\b(?:revenues?|income|expenses?|assets|liabilities|margin|costs?|cash|equity|earnings)\b",
                      re.IGNORECASE)
#: The words introducing a list must say at least this share of the topic (measured on the dev list questions).
MIN_LIST_SCORE = 0.5
#: Passages read around each search hit: the lead-in line before a table, the rows after a page break.
BEFORE, AFTER = 1, 3
#: Passages of a matching section read for its lists (a chapter can run to hundreds).
SECTION_PASSAGES = 120
#: What a list printed at (or just after) one of the five passages search ranks highest adds to its score.
NEAR_HIT = 0.15
#: More items than this is a chapter's numbered paragraphs, not a list a question asks for.
MAX_ITEMS = 30


@dataclass
class ListAnswer:
    """Every item found, each with the passage it is printed in."""

    items: list[tuple[str, object]] = field(default_factory=list)
    #: "table", "group", "numbered", "bullets", "named lines", "inline" or "subsections"
    source: str = ""
    score: float = 0.0
    #: For a table: each item's row of cells, and the header (what "分别投资多少" reads).
    rows: dict = field(default_factory=dict)
    header: list = field(default_factory=list)


def _heading(passage) -> str:
    return (getattr(passage, "heading_path", "") or "").split(" > ")[-1]


def _last_line(passage) -> str:
    lines = [x.strip() for x in (passage.text if passage is not None else "").split("\n") if x.strip()]
    return lines[-1] if lines else ""


class _Pool:
    """The passages near the question, per document in reading order, with their neighbours."""

    def __init__(self, library, hits: list, topic: str, doc_ids: list[str] | None) -> None:
        self.docs = candidate_documents(library, hits, doc_ids)[:2]
        self.ordered: dict[str, list] = {d: sorted(library.chunks(d), key=_ordinal) for d in self.docs}
        self.index = {d: {_ordinal(c): i for i, c in enumerate(chunks)} for d, chunks in self.ordered.items()}
        wanted: dict[str, set[int]] = {d: set() for d in self.docs}
        for hit in hits:
            if hit.doc_id in wanted and _ordinal(hit) in self.index[hit.doc_id]:
                i = self.index[hit.doc_id][_ordinal(hit)]
                wanted[hit.doc_id].update(range(max(0, i - BEFORE), i + AFTER + 1))
        self.sections = find_sections(library, topic, hits=hits, doc_ids=self.docs, limit=3) if topic else []
        for match in self.sections:
            if match.doc_id in wanted:
                wanted[match.doc_id].update(self.index[match.doc_id][_ordinal(p)]
                                            for p in match.passages[:SECTION_PASSAGES] if _ordinal(p) in self.index[match.doc_id])
        self.blocks: list[list] = []
        for doc_id, positions in wanted.items():
            chunks = self.ordered[doc_id]
            block: list = []
            for i in sorted(p for p in positions if p < len(chunks)):
                if block and _ordinal(chunks[i]) != _ordinal(block[-1]) + 1:
                    self.blocks.append(block)
                    block = []
                block.append(chunks[i])
            if block:
                self.blocks.append(block)

    def previous(self, passage):
        i = self.index.get(passage.doc_id, {}).get(_ordinal(passage))
        return self.ordered[passage.doc_id][i - 1] if i else None

    def following(self, passage, count: int) -> list:
        i = self.index.get(passage.doc_id, {}).get(_ordinal(passage))
        return [] if i is None else self.ordered[passage.doc_id][i + 1:i + 1 + count]


def _table_candidates(pool: _Pool, passage) -> list[Candidate]:
    caption, rows = parse_table(passage.text)
    before = _last_line(pool.previous(passage))
    lead = before if _LEAD_IN.search(before) else ""
    out = []
    items, header = table_rows(passage.text)
    if items:
        found = [(i, passage) for i, _ in items]
        cells = {i: row for i, row in items}
        # The table goes on in the next passages (split by length, or over a page break).
        for more in pool.following(passage, 6):
            _, more_rows = parse_table(more.text) if getattr(more, "kind", "text") == "table" else ("", [])
            if not more_rows or len(more_rows[0]) != len(header):
                break
            more_items, _ = table_rows(more.text, header=header)
            found += [(i, more) for i, _ in more_items]
            cells.update({i: row for i, row in more_items if i not in cells})
        out.append(Candidate(found, f"{_heading(passage)} {lead} {caption} {' '.join(header)}", "table", bool(lead),
                             extra={"rows": cells, "header": header, "caption": caption}))
    by_label = {clean_item(row[0]): row for row in rows[1:] if row}
    for label, group in table_groups(passage.text):
        out.append(Candidate([(i, passage) for i in group], f"{label} {lead or caption} {_heading(passage)}", "group",
                             bool(lead or caption), extra={"rows": {i: by_label[i] for i in group if i in by_label},
                                                           "header": rows[0] if rows else [], "caption": caption}))
    return out


def _text_candidates(block: list) -> list[Candidate]:
    lines = [(line.strip(), p) for p in block if getattr(p, "kind", "text") != "table"
             for line in p.text.split("\n") if line.strip()]
    out = []
    for lead, items, style in numbered_runs(lines):
        out.append(Candidate(items, f"{lead} {_heading(items[0][1])}", "numbered", bool(_LEAD_IN.search(lead)),
                             extra={"style": style}))
    for lead, items, kind in bullet_runs(lines):
        out.append(Candidate(items, f"{lead} {_heading(items[0][1])}", kind, bool(_LEAD_IN.search(lead))))
    for passage in block:
        if getattr(passage, "kind", "text") == "table":
            continue
        for head, items in inline_lists(passage):
            out.append(Candidate([(i, passage) for i in items], f"{head} {_heading(passage)}", "inline"))
    return out


def _subsection_candidates(library, pool: _Pool, topic: str) -> list[Candidate]:
    from analyst_desk.core.library.sections import section_map_of

    out = []
    for match in pool.sections:
        section_map = section_map_of(library, match.doc_id)
        children = section_map.children(match.section) if section_map else []
        if len(children) >= 2 and _items_like(children, topic):
            by_ordinal = {_ordinal(p): p for p in match.passages}
            items = [(_LEADING_NUMBER.sub("", c.title).strip(), by_ordinal.get(c.first_chunk, match.passages[0]))
                     for c in children]
            out.append(Candidate(items, match.section.title, "subsections", True))
    return out


def score_candidate(candidate: Candidate, grams: set[str], topic: str) -> float:
    """How surely a candidate is the list asked for: the share of the topic its introducing words say,
    with a little for a lead-in line, for items that end with the topic's head word ("…项目", "…风险") and,
    for a topic of companies, for items that are company names (a table of a subsidiary's figures is not)."""
    names = [name for name, _ in candidate.items]
    said = bigrams(candidate.context)
    score = coverage(grams, said)
    # What the introduction leaves unsaid the items may say ("收购…股权" under "募集资金投资项目").
    score += 0.2 * coverage(grams - said, bigrams(" ".join(names)))
    score += 0.1 if candidate.lead_in else 0.0
    head = _head_of(topic)
    if head and sum(1 for n in names if n.endswith(head)) * 5 >= len(names) * 3:
        score += 0.2  # the items say what they are: "…技术改造项目" for 募投项目
    if head in _CARRIED_HEADS:  # "主要风险有哪些": machines, however well introduced, are no risks
        score -= 0.3 * sum(1 for n in names if head not in n) / len(names)
    # "硝酸铵的主要供应商": a list holding 硝酸铵 lists what is bought, not who sells it.
    score -= 0.5 * sum(1 for n in names if len(n) >= 2 and n in topic) / len(names)
    score += 0.03 * min(len(names), 6)  # of two lists introduced alike, the fuller one (a digest names two)
    # A company's name, or a short one (瑞晨投资) or a person's (谭颂斌): what lists of shareholders hold.
    entities = sum(1 for n in names if _ENTITY.search(n) or (has_cjk(n) and 2 <= len(n) <= 4 and not _MEASURE.search(n))) \
        * 2 >= len(names)
    companies = sum(1 for n in names if _ENTITY.search(n)) * 2 >= len(names)
    # The word naming what the items are may not be the last ("从哪些供应商采购").
    entity_word = next((found.group(0) for w in reversed(topic.split()) for found in [_ENTITY_WORD.search(w)] if found), "")
    if _ENTITY_TOPIC.search(topic):
        if candidate.kind in ("table", "group"):
            score += 0.1 if entities else -0.3
        elif entity_word and not (companies or _ORGANISATION_HEAD.search(entity_word) is None and entities
                                  or _share_a_name(names)):
            # "有哪些控股子公司": a sentence naming policies or products (纸箱、细木粉、塑料袋) lists no companies;
            # a group's companies end in 公司 or share its name ("香港勤上实业", "勤上半导体").
            score -= 0.6
    elif companies:
        score -= 0.3  # companies (a table of customers) answer no question about products or projects
    # Names print few digits; a row of a schedule ("达到折旧标准后第1～5年") or a broken cell ("增强") is no item.
    score -= 0.2 * sum(1 for n in names if re.search(r"\d", n) or len(n) <= 2 and has_cjk(n)) / len(names)
    # The rows of a table of figures (毛利率, 平均售价, Total assets) are measures, not items.
    score -= 0.5 * sum(1 for n in names if _MEASURE.search(n)) / len(names)
    # A title of a part ("…采购情况的说明"), a clause ("基于当前国内外市场环境"), a broken cell ("| 《…") or the
    # topic's own name ("主要竞争对手" among "行业发展趋势、市场需求") is no item of a list.
    whole = head_word(topic)
    score -= 0.3 * sum(1 for n in names if _NOT_AN_ITEM.search(n) or "|" in n
                       or (len(whole) >= 2 and whole[-2:] in n and len(n) <= len(whole) + 2)) / len(names)
    # Titles of laws and notices ("《…的通知", "…管理办法") answer a question about rules, not about mines or products.
    if not _RULES_TOPIC.search(topic):
        score -= 1.0 if sum(1 for n in names if _RULE_TITLE.search(n)) * 2 >= len(names) else 0.0
    # A table's wrapped cell ("宏发炼钢", "有限公司" on the lines after "张家港市") stands alone in its row.
    rows = candidate.extra.get("rows") or {}
    if candidate.kind == "table" and rows:
        lone = sum(1 for n in names if n in rows and not any(c.strip() for c in rows[n][1:]))
        score -= 0.4 * lone / len(names)
    if len(names) > MAX_ITEMS:
        score -= 0.5
    return score


#: A topic whose head word names entities: the items must be names of companies or people.
_ENTITY_HEAD = re.compile(r"(?:公司|企业|银行|机构|股东|客户|供应商|关联方|合伙人|竞争对手|对手|subsidiaries|companies|customers|"
                          r"suppliers|competitors)$", re.IGNORECASE)
_ENTITY_WORD = re.compile(_ENTITY_HEAD.pattern.replace(")$", ")"), re.IGNORECASE)
_ABBREVIATIONS = {"募投": "募集资金投资", "募资": "募集资金"}
_ABBREVIATED = re.compile("|".join(_ABBREVIATIONS))
_RULES_TOPIC = re.compile(r"法规|法律|政策|制度|办法|规定|通知|文件|准则|标准|资质|许可|证书|regulation|law|rule|polic|standard|"
                          r"licen[cs]e|permit", re.IGNORECASE)
_RULE_TITLE = re.compile(r"《|》|(?:通知|办法|规定|条例|意见|方案|决定|细则|规程|规范|法)$")
#: Words that make a list entry a part's title, an assessment or a clause rather than an item.
_NOT_AN_ITEM = re.compile(r"(?:情况|说明|分析|意见|问题)(?:的说明)?$|^(?:基于|争取|关于|对于|根据|通过|为了|由于)")


#: Head words naming organisations only (a shareholder or a customer may be a person: "谭颂斌").
_ORGANISATION_HEAD = re.compile(r"(?:公司|企业|银行|机构|subsidiaries|companies)$", re.IGNORECASE)


def _share_a_name(names: list[str]) -> bool:
    """Most names hold the same two characters: the short names of one group's companies ("勤上科技", "深圳勤上")."""
    counts: dict[str, int] = {}
    for name in names:
        for gram in {name[i:i + 2] for i in range(len(name) - 1) if has_cjk(name[i:i + 2])}:
            counts[gram] = counts.get(gram, 0) + 1
    return bool(counts) and max(counts.values()) * 2 >= len(names) >= 2


#: Words after the head noun that say nothing of the items: "风险因素" lists 风险, "募投项目情况" 项目.
_TRAILING = re.compile(r"(?:因素|情况|方面|事项|内容|等)$")
#: Head nouns every item of their lists carries: a risk is named "…风险", an advantage "…优势".
_CARRIED_HEADS = ("风险", "优势", "劣势")


def _head_of(topic: str) -> str:
    """The last two characters of the topic's head noun ("勤上光电的风险因素" → "风险")."""
    words = [w for w in topic.split() if len(w) >= 2]
    if not words:
        return ""
    last = _TRAILING.sub("", words[-1]) or words[-1]
    return last[-2:]


def head_word(topic: str) -> str:
    """The last word of a topic ("勤上光电 控股子公司" → "控股子公司")."""
    words = topic.split()
    return words[-1] if words else ""


#: Between equal scores: the more structured list (a table states its rows; a sentence may be a digest).
_KIND_ORDER = {"table": 0, "group": 0, "numbered": 1, "subsections": 1, "named lines": 1, "bullets": 2, "inline": 3}


#: A list introduced with the year asked ("2010 年度前五名销售客户") before one of another year, which is no
#: answer ("2009 年度…") however well its words match.
YEAR_NAMED, OTHER_YEAR = 0.15, 0.5
#: A part of what is asked (内销 of all sales, 境外 of all subsidiaries) when the question names no part.
PART_ONLY = 0.8
_YEAR = re.compile(r"(?:19|20)\d{2}")
#: Chinese only: "International" names a whole segment in a 10-K ("International Operated Markets"), and
#: "境内外" is both parts.
_PART = re.compile(r"内销|外销|境内(?!外)|境外|国内(?!外)|国外|海外|出口|进口")


def _asked_frame(candidate: Candidate, question: str) -> float:
    """What the question's year and scope say of a candidate: the year it is introduced with, the part of the
    whole (内销, 境外) it is limited to."""
    adjust = 0.0
    years = set(_YEAR.findall(question))
    said = set(_YEAR.findall(candidate.context))
    if years and said:
        adjust += YEAR_NAMED if said & years else -OTHER_YEAR
    parts = set(_PART.findall(candidate.context))
    if parts and not parts & set(_PART.findall(question)):
        adjust -= PART_ONLY
    return adjust


def _without_header_cells(items: list, topic: str) -> list:
    """A table's wrapped header ("收入确 / 认金额", "余额") read as its first rows: no entity of a list of them."""
    if not _ENTITY_TOPIC.search(topic):
        return items
    while len(items) > 2 and _MEASURE.search(items[0][0]) and not _ENTITY.search(items[0][0]):
        items = items[1:]
    return items


def candidates(library, hits: list, topic: str, doc_ids: list[str] | None = None,
               question: str = "") -> list[Candidate]:
    """Every list printed near the question, scored, best first (``question``: its year and scope count)."""
    pool = _Pool(library, hits, topic, doc_ids)
    grams = topic_grams(library, topic, pool.docs)
    if not grams:
        return []
    found: list[Candidate] = []
    for block in pool.blocks:
        for passage in block:
            if getattr(passage, "kind", "text") == "table":
                found += _table_candidates(pool, passage)
        found += _text_candidates(block)
    found += _subsection_candidates(library, pool, topic)
    near = {(h.doc_id, _ordinal(h) + d) for h in hits[:5] for d in range(-BEFORE, AFTER + 1)}
    for candidate in found:
        candidate.items = _unique(candidate.items)
        if candidate.kind == "table":
            candidate.items = _without_header_cells(candidate.items, topic)
        candidate.score = score_candidate(candidate, grams, topic) if len(candidate.items) >= 2 else 0.0
        adjust = _asked_frame(candidate, question) if question and candidate.score else 0.0
        # The year asked ranks the lists that are answers; it makes no list of figures one (MIN_LIST_SCORE).
        candidate.score += adjust if adjust < 0 or candidate.score >= MIN_LIST_SCORE else 0.0
        # What search ranks highest for the question is evidence too: a list printed there, or just after.
        if any((hit.doc_id, _ordinal(hit)) in near for _, hit in candidate.items[:3]):
            candidate.score += NEAR_HIT
    found.sort(key=lambda c: (-round(c.score, 3), _KIND_ORDER.get(c.kind, 4), -len(c.items)))
    return found


def from_sections(library, hits: list, topic: str, doc_ids: list[str] | None, *,
                  items_only: bool = False) -> ListAnswer | None:
    """The numbered sub-headings, or else the numbered lines, of the section about the topic.

    ``items_only``: numbered lines too must be items of the topic (most name its head word)."""
    from analyst_desk.core.library.sections import section_map_of

    matches = find_sections(library, topic, hits=hits, doc_ids=doc_ids, limit=1)
    if not matches:
        return None
    match = matches[0]
    section_map = section_map_of(library, match.doc_id)
    children = section_map.children(match.section) if section_map else []
    by_ordinal = {_ordinal(p): p for p in match.passages}
    if len(children) >= 2 and _items_like(children, topic):
        items = [(_LEADING_NUMBER.sub("", c.title).strip(), by_ordinal.get(c.first_chunk, match.passages[0]))
                 for c in children]
        return ListAnswer(_unique(items), "subsections", match.score)
    items = []
    for passage in match.passages:
        for line in passage.text.split("\n"):
            found = _ENUMERATED.match(line)
            if found:
                items.append((found.group("item").strip(), passage))
    if items_only and not _items_like([_Titled(name) for name, _ in items], topic):
        return None
    return ListAnswer(_unique(items), "enumeration", match.score) if len(items) >= 2 else None


@dataclass
class _Titled:
    title: str


def _items_like(children: list, topic: str) -> bool:
    """Sub-headings are the items when most name the topic's head word ("…风险" under 风险因素) or, for a
    topic of companies, are company names — not when they are the parts of a chapter ("募集资金总量及其依据")."""
    head = _head_of(topic)
    titles = [_LEADING_NUMBER.sub("", c.title) for c in children]
    if _ENTITY_TOPIC.search(topic):
        return sum(1 for t in titles if _ENTITY.search(t)) * 5 >= len(titles) * 3
    # An item ends with the head word ("市场竞争风险", "研发中心建设项目"); a part of a chapter only holds it
    # ("募投项目的背景", "募投项目的必要性").
    return bool(head) and sum(1 for t in titles if t.rstrip("。；;").endswith(head)) * 5 >= len(titles) * 3


def find_list(library, hits: list, topic: str, doc_ids: list[str] | None = None,
              question: str = "") -> ListAnswer | None:
    """The list the question asks for: the best-introduced list near it, when its introduction says at
    least half of the topic; None otherwise (the question then goes the ordinary way).

    Two items found in running text are too few to be sure of ("阻燃料、耐候料" of five product families, a
    sentence's "政策扶持" for subsidiaries): the question goes the ordinary way, where the model reads the passages."""
    topic = _COUNT_IN_TOPIC.sub("", topic)  # "三个募投项目": the count is the question's premise, not words to find
    ranked = [c for c in candidates(library, hits, topic, doc_ids, question) if c.score >= MIN_LIST_SCORE]
    whole = _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group(0)], topic)
    if whole != topic:
        # What users shorten the report prints whole ("募投项目" is its "募集资金投资项目"): the better introduced
        # of the lists found for either wording.
        other = [c for c in candidates(library, hits, whole, doc_ids, question) if c.score >= MIN_LIST_SCORE]
        if other and (not ranked or other[0].score > ranked[0].score):
            ranked = other
    if not ranked or (len(ranked[0].items) <= 2 and ranked[0].kind in ("inline", "numbered")):
        return None
    best = ranked[0]
    return ListAnswer(best.items, best.kind, best.score, rows=best.extra.get("rows") or {},
                      header=best.extra.get("header") or [])


_ZH_COUNTS = {w: i for i, w in enumerate("一两三四五六七八九十", start=1)} | {"二": 2}
_EN_COUNTS = {w: i for i, w in enumerate("one two three four five six seven eight nine ten".split(), start=1)}
#: A number of items in a topic; "前五名客户", "top five customers" is a rank the documents choose, no premise.
_COUNT_IN_TOPIC = re.compile(r"(?<![前第])(?:[一两二三四五六七八九十]|\d{1,2})\s*(?:个|家|项|类|种|大|名|位|条)|"
                             r"(?<!top )(?<!first )\b(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b\s*",
                             re.IGNORECASE)


_RANK = re.compile(r"前\s*(?:[一两二三四五六七八九十]|\d{1,2})|\b(?:top|first|largest|biggest)\s+(?:\w+\s+)?"
                   r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b", re.IGNORECASE)


def asked_count(question: str, topic: str) -> int | None:
    """How many items a list question says there are ("勤上光电的三个募投项目" → 3, "McDonald's four reportable
    segments" → 4), read in its topic before the head word; None when it says no number."""
    found = _COUNT_IN_TOPIC.search(topic)
    if not found or _RANK.search(question):
        return None
    number = re.match(r"\s*([一两二三四五六七八九十]|\d{1,2}|[A-Za-z]+)", found.group(0)).group(1).lower()
    count = int(number) if number.isdigit() else _ZH_COUNTS.get(number) or _EN_COUNTS.get(number)
    return count if count and count >= 2 else None


def _unique(items: list[tuple[str, object]]) -> list[tuple[str, object]]:
    seen, out = set(), []
    for name, hit in items:
        key = re.sub(r"\s+", "", name)
        if key and key not in seen:
            seen.add(key)
            out.append((name, hit))
    return out
