"""Lists answered whole: every item of the table, sub-headings or enumeration that holds them, each cited.

"有哪些控股子公司？" → the rows of the table listing the subsidiaries (continued over the next pages when
the table is), or the numbered sub-headings of the section about them, or the numbered lines of that
section. The app writes the list itself; a small model given six names writes one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyst_desk.core.cjk import HAN, has_cjk
from analyst_desk.core.drafting.narrative.section_search import _ordinal, find_sections, topic_grams
from analyst_desk.core.drafting.narrative.text import bigrams, coverage

_RULE = re.compile(r"^\|?\s*:?-{2,}")
_TOTAL = re.compile(r"^(?:合计|小计|总计|共计|其中|total|subtotal)", re.IGNORECASE)
_SEQUENCE = re.compile(r"^(?:序号|编号|No\.?|#)$", re.IGNORECASE)
_NAME_HEADER = re.compile(r"名称|公司|企业|项目|姓名|客户|供应商|产品|单位|股东|子公司|name|entity|subsidiar|project|product",
                          re.IGNORECASE)
_NUMERIC = re.compile(r"^[\d,.\-%()（）\s]+$")
_ENUMERATED = re.compile(r"^\s*(?:\d{1,2}[、.．]|[（(]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*"
                         r"(?P<item>[^：:，,。；;]{2,40})")
_LEADING_NUMBER = re.compile(r"^\s*(?:\d{1,2}[、.．]|[（(]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*")
_ENTITY_TOPIC = re.compile(r"公司|企业|银行|机构|股东|客户|供应商|subsidiar|compan|customer|supplier", re.IGNORECASE)
_ENTITY = re.compile(r"(?:公司|有限|集团|银行|厂|中心|合伙|研究院|协会|Ltd\.?|Inc\.?|LLC|Corporation|Company|N\.A\.)\)?$")
#: A table whose heading, caption and header share at least this much with the topic holds the list.
MIN_TABLE_SCORE = 0.5


@dataclass
class ListAnswer:
    """Every item found, each with the passage it is printed in."""

    items: list[tuple[str, object]] = field(default_factory=list)
    #: "table", "subsections" or "enumeration"
    source: str = ""
    score: float = 0.0


def parse_table(text: str) -> tuple[str, list[list[str]]]:
    """(caption, rows of cells) of a table passage in the chunker's Markdown form."""
    caption_lines, rows = [], []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("|"):
            if _RULE.match(line):
                continue
            rows.append([c.strip() for c in line.strip("|").split("|")])
        elif not rows:
            caption_lines.append(line)
    return " ".join(caption_lines), rows


def _name_column(header: list[str], rows: list[list[str]]) -> int:
    """The column holding the names: most non-numeric values in the body (the header's name word breaks ties)."""
    width = max([len(header)] + [len(r) for r in rows])

    def names(i: int) -> int:
        return sum(1 for r in rows if i < len(r) and r[i].strip() and not _NUMERIC.match(r[i])
                   and not _SEQUENCE.match(r[i].strip()))

    def named(i: int) -> bool:
        return i < len(header) and bool(_NAME_HEADER.search(header[i])) and not _SEQUENCE.match(header[i])

    return max(range(width), key=lambda i: (names(i), named(i), -i)) if width else 0


def table_items(text: str, *, header: list[str] | None = None) -> tuple[list[str], list[str]]:
    """(items, header) of a table passage: the names in its name column, without totals and blanks."""
    _, rows = parse_table(text)
    if not rows:
        return [], header or []
    if header is None or (rows and rows[0] == header):
        header, body = rows[0], rows[1:]
    else:
        body = rows
    column = _name_column(header, body)
    items = []
    for row in body:
        if column >= len(row):
            continue
        value = re.sub(r"\s+", "", row[column]) if has_cjk(row[column]) else row[column].strip()
        value = re.sub(rf"^\d{{1,3}}[、.．]?\s*(?=[{HAN}])", "", value)  # a row number run into the name
        if not value or _NUMERIC.match(value) or _TOTAL.match(value) or (column < len(header) and value == header[column]):
            continue
        items.append(value)
    return items, header


def _table_score(hit, topic_grams: set[str]) -> float:
    caption, rows = parse_table(hit.text)
    header = " ".join(rows[0]) if rows else ""
    return coverage(topic_grams, bigrams(f"{getattr(hit, 'heading_path', '')} {caption} {header}"))


def from_tables(library, hits: list, topic: str) -> ListAnswer | None:
    """The best-matching table among the hits, followed over the passages that continue it."""
    tables = [h for h in hits if getattr(h, "kind", "text") == "table"]
    grams = topic_grams(library, topic, list(dict.fromkeys(h.doc_id for h in tables)))
    if not tables or not grams:
        return None
    best = max(tables, key=lambda h: _table_score(h, grams))
    score = _table_score(best, grams)
    if score < MIN_TABLE_SCORE:
        return None
    items, header = table_items(best.text)
    if _ENTITY_TOPIC.search(topic) and sum(1 for i in items if _ENTITY.search(i)) * 2 < len(items):
        return None  # the topic is companies (子公司, 股东, 客户…) and these rows are not
    answer = ListAnswer([(i, best) for i in items], "table", score)
    # The table goes on in the next passages (split by length, or over a page break).
    following = sorted((c for c in library.chunks(best.doc_id) if _ordinal(c) > _ordinal(best)), key=_ordinal)
    for passage in following[:6]:
        if getattr(passage, "kind", "text") != "table":
            break
        more, _ = table_items(passage.text, header=header)
        _, rows = parse_table(passage.text)
        if not rows or len(rows[0]) != len(header):
            break
        answer.items += [(i, passage) for i in more]
    answer.items = _unique(answer.items)
    return answer if len(answer.items) >= 2 else None


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


_INLINE = re.compile(rf"[{HAN}]{{0,4}}?(?:为|包括|包含|主要有|有|是|：|:)\s*(?P<items>[^。；;：:]{{4,300}}?)(?:等[^、，,。]{{0,8}})?(?:[。；;]|$)")
_AND = re.compile(r"(?:以及|及|和|与)")


def from_inline(hits: list, topic: str, library=None) -> ListAnswer | None:
    """A sentence that names the topic and then enumerates it: "主要产品为铵梯炸药、乳化炸药和工业导火索"."""
    words = [w for w in topic.split() if len(w) >= 2]
    names = topic_grams(library, topic, list(dict.fromkeys(h.doc_id for h in hits))) if library else bigrams(topic)
    words = [w for w in words if bigrams(w) & names] or words
    for hit in hits:
        if getattr(hit, "kind", "text") == "table":
            continue
        text = re.sub(r"\s+", "", hit.text) if has_cjk(hit.text) else hit.text
        for word in words:
            for found in re.finditer(re.escape(word), text):
                match = _INLINE.match(text, found.end(), min(len(text), found.end() + 320))
                if not match:
                    continue
                body = match.group("items")
                parts = [p.strip(" ，,") for p in re.split(r"、" if "、" in body else r"(?<!\d)[，,](?!\d)", body)]
                if parts and len(parts) >= 2:
                    last = _AND.split(parts[-1])
                    parts = parts[:-1] + [x for x in last if x]
                items = [p for p in parts if 2 <= len(p) <= 30 and not p.startswith(("和", "及"))
                         and len(re.findall(r"\d", p)) <= len(p) * 0.3]
                if len(items) >= 3 or (len(items) == 2 and len(parts) == 2):
                    return ListAnswer(_unique([(x, hit) for x in items]), "enumeration", 0.5)
    return None


def _items_like(children: list, topic: str) -> bool:
    """Sub-headings are the items when most name the topic's head word ("…风险" under 风险因素) or, for a
    topic of companies, are company names — not when they are the parts of a chapter ("募集资金总量及其依据")."""
    words = [w for w in topic.split() if len(w) >= 2]
    head = words[-1][-2:] if words else ""
    titles = [_LEADING_NUMBER.sub("", c.title) for c in children]
    if _ENTITY_TOPIC.search(topic):
        return sum(1 for t in titles if _ENTITY.search(t)) * 5 >= len(titles) * 3
    # An item ends with the head word ("市场竞争风险", "研发中心建设项目"); a part of a chapter only holds it
    # ("募投项目的背景", "募投项目的必要性").
    return bool(head) and sum(1 for t in titles if t.rstrip("。；;").endswith(head)) * 5 >= len(titles) * 3


def find_list(library, hits: list, topic: str, doc_ids: list[str] | None = None) -> ListAnswer | None:
    """The list the question asks for: a table, else the section about it, else a sentence enumerating it."""
    return (from_tables(library, hits, topic) or from_sections(library, hits, topic, doc_ids)
            or from_inline(hits, topic, library))


def _unique(items: list[tuple[str, object]]) -> list[tuple[str, object]]:
    seen, out = set(), []
    for name, hit in items:
        key = re.sub(r"\s+", "", name)
        if key and key not in seen:
            seen.add(key)
            out.append((name, hit))
    return out
