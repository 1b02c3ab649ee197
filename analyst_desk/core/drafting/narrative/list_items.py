"""The lists a passage prints, each with the words that introduce it — for :mod:`lists` to choose from.

A report prints a list in a few ways, and each has words that say what it lists:
- a **table**: its heading, caption, header row and the lead-in line before it ("本次募集资金拟投资以下项目：");
  the items are its name column. An English statement table prints groups inside one table — "Total
  Revenues by Business:" then its rows until "Total revenues" — and each group is a list of its own;
- a **numbered run** ("1、香港勤上实业 … 10、北京勤上", "（1）…（3）…") or a run of bullets after a lead-in; the
  items are the words after each marker up to the first comma or colon (a sub-list's markers are
  another style, so a run is one style counted from 1);
- a lead-in ending in a colon followed by lines "Name - what it is" (a 10-K's segments);
- a **sentence** that enumerates: "主要产品包括阻燃料、耐候料…和环保耐用料", "The Company's reportable segments
  consist of the Americas, Europe, Greater China, Japan and Rest of Asia Pacific."
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyst_desk.core.cjk import HAN, has_cjk

_RULE = re.compile(r"^\|?\s*:?-{2,}")
_TOTAL = re.compile(r"^(?:合计|小计|总计|共计|其中|total\b|subtotal\b)", re.IGNORECASE)
_SEQUENCE = re.compile(r"^(?:序号?|编号|No\.?|#)$", re.IGNORECASE)
_NAME_HEADER = re.compile(r"名称|公司|企业|项目|姓名|客户|供应商|产品|单位|股东|子公司|name|entity|subsidiar|project|product",
                          re.IGNORECASE)
_NUMERIC = re.compile(r"^[\d,.\-%()（）\s$€¥￥—–]+$")
#: An approval's document number ("粤经贸技改[2009]358号", "京发改〔2010〕12号"): a cell beside an item, not one.
_DOCUMENT_NUMBER = re.compile(r"[\[〔【(（]\s*(?:19|20)\d{2}\s*[\]〕】)）]\s*\d+\s*号|备案|核准|批复|文号")
_FOOTNOTE = re.compile(r"\s*(?:\(\d{1,2}\)|（\d{1,2}）|\(注\d*\)|（注\d*）|注\d|\*+)+\s*$")
#: A table cell that is a group's label: "Total Revenues by Business:", "Net revenue:".
_GROUP_LABEL = re.compile(r"[:：]\s*$")
_LEAD_IN = re.compile(r"(?:[：:]|如下|以下|下列|following|as follows)\s*$", re.IGNORECASE)

#: Numbering styles, each with a pattern giving its number; a run is one style counted 1, 2, 3 …
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_STYLES: list[tuple[str, re.Pattern]] = [
    ("arabic、", re.compile(r"^\s*(\d{1,2})\s*[、]\s*(?=\S)")),
    ("arabic.", re.compile(r"^\s*(\d{1,2})\s*[.．](?!\d)\s*(?=\S)")),
    ("(arabic)", re.compile(r"^\s*[（(]\s*(\d{1,2})\s*[)）]\s*(?=\S)")),
    ("arabic)", re.compile(r"^\s*(\d{1,2})\s*[)）]\s*(?=\S)")),
    ("circled", re.compile(r"^\s*([①-⑳])\s*")),
    ("chinese、", re.compile(r"^\s*([一二三四五六七八九十])\s*[、.．]\s*")),
    ("(chinese)", re.compile(r"^\s*[（(]\s*([一二三四五六七八九十])\s*[)）]\s*")),
]
_BULLET = re.compile(r"^\s*(?:[▪•●◆■□·\-–]|\u2022)\s*\|?\s*")
#: Where an item's name ends: the first comma, colon, full stop or semicolon (Chinese), or " - " / ", " (English).
_ZH_ITEM_END = re.compile(r"[：:，,。；;]")
_EN_ITEM_END = re.compile(r"\s+[-–—]\s+|[:;]|\.\s|\.$|,\s")
_DASH_ITEM = re.compile(r"^\s*(?P<name>[A-Z][^-–—:]{1,60}?)\s+[-–—]\s+\S")

_ZH_AND = re.compile(r"(?:以及|及|和|与)")
_EN_AND = re.compile(r",?\s+(?:and|or)\s+", re.IGNORECASE)


@dataclass
class Candidate:
    """One list a passage prints: its items (each with the passage printing it) and the words introducing it."""

    items: list[tuple[str, object]]
    context: str
    #: "table", "group", "numbered", "bullets", "named lines", "inline", "subsections"
    kind: str
    lead_in: bool = False
    score: float = 0.0
    extra: dict = field(default_factory=dict)


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


def clean_item(value: str) -> str:
    """A cell or line as an item: inner spaces of Chinese text dropped, row numbers and footnote marks cut."""
    value = re.sub(r"\s+", "", value) if has_cjk(value) else re.sub(r"\s+", " ", value).strip()
    value = re.sub(rf"^\d{{1,3}}[、.．]?\s*(?=[{HAN}])", "", value)  # a row number run into the name
    value = _FOOTNOTE.sub("", value).strip(" “”\"'‘’「」《》")
    value = re.sub(rf"等(?:[{HAN}]{{0,6}})$", "", value) if len(value) > 3 else value  # "单晶炉等相关产品"
    return value


#: A header cell repeated in a table's body ("项目名称", "总投资", "(万元)"), or a group's label ("Net revenue:").
_HEADER_CELL = re.compile(r"^(?:类别|项目|年度|期间|品种|序号)$|名称$|^(?:计划)?总投资|^投资总额|^金额|^单位|^比例|^占比|万元|[（(]元[)）]|[:：]$")


def is_item(value: str) -> bool:
    """Could this be a list item: a name, not a figure, a total, a header, a document number or a sentence."""
    if not value or _NUMERIC.match(value) or _TOTAL.match(value) or _DOCUMENT_NUMBER.search(value) or \
            _HEADER_CELL.search(value):
        return False
    if value.count("（") + value.count("(") != value.count("）") + value.count(")"):
        return False  # a fragment cut inside brackets ("…含TNT量最少的产品）")
    digits = len(re.findall(r"\d", value))
    if digits > 0.3 * len(value):
        return False
    if has_cjk(value):
        return 2 <= len(value) <= 40
    return 1 <= len(value.split()) <= 6 and len(value) >= 2


def _name_column(header: list[str], rows: list[list[str]]) -> int:
    """The column holding the names: most item-like values in the body (the header's name word breaks ties)."""
    width = max([len(header)] + [len(r) for r in rows])

    def names(i: int) -> int:
        return sum(1 for r in rows if i < len(r) and is_item(clean_item(r[i])) and not _SEQUENCE.match(r[i].strip()))

    def named(i: int) -> bool:
        return i < len(header) and bool(_NAME_HEADER.search(header[i])) and not _SEQUENCE.match(header[i])

    return max(range(width), key=lambda i: (names(i), named(i), -i)) if width else 0


def table_rows(text: str, *, header: list[str] | None = None) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """((item, its row's cells), header) of a table passage: the names in its name column, without totals,
    blanks and codes, each with the cells of its row (what a "which is largest" question reads)."""
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
        value = clean_item(row[column])
        if not is_item(value) or (column < len(header) and value == clean_item(header[column])):
            continue
        if items and _WRAPPED_END.fullmatch(value) and not _ENTITY_END.search(items[-1][0]) and has_cjk(items[-1][0]):
            # A name wrapped in its cell: "国电大渡河流域水电开" and, a row later, "发有限公司" are one company.
            items[-1] = (items[-1][0] + value, items[-1][1])
            continue
        items.append((value, row))
    return items, header


#: The end of a company's name standing alone in a cell: what a narrow column wraps onto its next line.
_WRAPPED_END = re.compile(rf"[{HAN}]{{0,4}}(?:有限责任公司|股份有限公司|有限公司|责任公司|公司)")
_ENTITY_END = re.compile(r"(?:公司|集团|银行|厂|中心|合伙|研究院|协会)$")  # "…有限" alone is cut short


def table_items(text: str, *, header: list[str] | None = None) -> tuple[list[str], list[str]]:
    """(items, header) of a table passage: the names in its name column, without totals, blanks and codes."""
    rows, header = table_rows(text, header=header)
    return [item for item, _ in rows], header


def table_groups(text: str) -> list[tuple[str, list[str]]]:
    """(label, items) of each group a table prints: a label row ending in a colon with no figures ("Total
    Revenues by Business:"), then the first cells of the rows after it up to a total or the next label."""
    _, rows = parse_table(text)
    groups: list[tuple[str, list[str]]] = []
    label, items = "", []
    for row in rows:
        first = row[0].strip() if row else ""
        rest = [c for c in row[1:] if c.strip()]
        if _GROUP_LABEL.search(first) and not rest:
            if label and len(items) >= 2:
                groups.append((label, items))
            label, items = first.rstrip(":： "), []
            continue
        if not label:
            continue
        if _TOTAL.match(first):
            if len(items) >= 2:
                groups.append((label, items))
            label, items = "", []
            continue
        value = clean_item(first)
        if is_item(value) and value not in items:
            items.append(value)
    if label and len(items) >= 2:
        groups.append((label, items))
    return groups


def _number(style: str, marker: str) -> int:
    if style == "circled":
        return ord(marker) - ord("①") + 1
    if style in ("chinese、", "(chinese)"):
        return _CN_DIGITS.get(marker, 0)
    return int(marker)


def _item_name(text: str) -> str:
    text = text.strip().lstrip("|").strip()
    cut = (_ZH_ITEM_END if has_cjk(text) else _EN_ITEM_END).search(text)
    name = text[:cut.start()] if cut else text
    return clean_item(name)


def _lead_of(history: list[str]) -> str:
    """The lead-in of a run: the line before it when it ends like one ("…其基本情况如下：", "…the following:"),
    with the line before that (a lead-in wrapped over two PDF lines); else nothing — a line of some other
    sentence says nothing about the run."""
    if not history or not _LEAD_IN.search(history[-1]):
        return ""
    return " ".join(history[-2:]) if len(history) >= 2 and not re.search(r"[。.;；]\s*$", history[-2]) else history[-1]


def numbered_runs(lines: list[tuple[str, object]]) -> list[tuple[str, list[tuple[str, object]], str]]:
    """(lead-in, items, style) of each run of one numbering style counted from 1 in ``lines`` ((text, passage)
    in reading order); lines between the items (their text, a sub-list of another style) do not break a run."""
    runs = []
    for style, pattern in _STYLES:
        current: list[tuple[str, object]] = []
        lead, expected = "", 1
        history: list[str] = []
        for text, passage in lines:
            found = pattern.match(text)
            if found:
                number = _number(style, found.group(1))
                if number == 1:
                    if len(current) >= 2:
                        runs.append((lead, current, style))
                    current, lead, expected = [], _lead_of(history), 1
                if number == expected:
                    current.append((_item_name(text[found.end():]), passage))
                    expected += 1
            history.append(text)
        if len(current) >= 2:
            runs.append((lead, current, style))
    return [(lead, items, style) for lead, items, style in runs if _mostly_items(items)]


def _mostly_items(items: list[tuple[str, object]]) -> bool:
    """A run is a list when at least two thirds of its entries are names (footnotes and paragraphs are not)."""
    return sum(1 for name, _ in items if is_item(name)) * 3 >= len(items) * 2


#: Lines of description a "Name - what it is" item or a bullet may wrap onto before the next item.
_WRAPPED_LINES = 3


def bullet_runs(lines: list[tuple[str, object]]) -> list[tuple[str, list[tuple[str, object]], str]]:
    """(lead-in, items, kind) of each run of bulleted lines, and of "Name - what it is" lines after a lead-in
    ending in a colon ("…the following global business segments…:" then "U.S. - the Company's largest market")."""
    runs: list[tuple[str, list[tuple[str, object]], str]] = []
    history: list[str] = []
    current: list[tuple[str, object]] = []
    kind, lead, gap = "", "", 0

    def close() -> None:
        if len(current) >= 2 and _mostly_items(current):
            runs.append((lead, list(current), kind))

    for text, passage in lines:
        bullet = _BULLET.match(text)
        dash = None if bullet else _DASH_ITEM.match(text)
        if bullet and text[bullet.end():].strip():
            if kind != "bullets":
                close()
                current, kind, lead = [], "bullets", _lead_of(history)
            current.append((_item_name(text[bullet.end():]), passage))
            gap = 0
            continue
        if dash and (kind == "named lines" or (not current and history and _LEAD_IN.search(history[-1]))):
            if kind != "named lines":
                current, kind, lead = [], "named lines", _lead_of(history)
            current.append((clean_item(dash.group("name")), passage))
            gap = 0
            continue
        if current and gap < _WRAPPED_LINES and not _LEAD_IN.search(text):
            gap += 1  # the item's text wrapped onto this line
            continue
        close()
        current, kind, gap = [], "", 0
        history.append(text)
    close()
    return runs


def _split_items(body: str, english: bool) -> list[str]:
    if english:
        parts = [p.strip() for p in re.split(r",\s*", body)]
        if parts:
            parts = parts[:-1] + [p for p in _EN_AND.split(" " + parts[-1]) if p.strip()]
        parts = [re.sub(r"^(?:and|or|the)\s+", "", p.strip(), flags=re.IGNORECASE) for p in parts]
        return [clean_item(p) for p in parts if p]
    parts = [p.strip(" ，,") for p in re.split(r"、" if "、" in body else r"(?<!\d)[，,](?!\d)", body)]
    if len(parts) >= 2:
        parts = parts[:-1] + [x for x in _ZH_AND.split(parts[-1]) if x]
    else:
        parts = [x for x in _ZH_AND.split(body) if x]
    if parts:  # "拥有四家控股子公司，分别为香港勤上实业、…": the first item starts after the verb of its clause
        parts[0] = _ZH_RESPECTIVELY.sub("", parts[0])
    return [clean_item(p) for p in parts if p and not p.startswith(("和", "及"))]


_ZH_RESPECTIVELY = re.compile(r"^.{0,12}?(?:分别为|分别是|依次为)")


#: The verb before an enumeration; not inside a word ("有限公司", "作为", "但是").
_ZH_VERB = re.compile(r"包括|包含|涵盖|分为|主要有|有(?!限|关|效|利|所)|(?<![作成认行因称])为|(?<![但或就即])是(?!否)|：|:")
_ZH_BODY = re.compile(rf"(?:\s*[{HAN}]{{0,2}}[：:])?\s*(?P<items>[^。；;：:]{{4,300}}?)(?:等[^、，,。；;]{{0,10}})?(?:[。；;]|$)")
_EN_VERB = re.compile(r"\b(?:include|includes|including|consist of|consists of|consisted of|comprise|comprises|comprised of|"
                      r"are|were|is composed of|are composed of)\s+(?:the following:?\s*)?", re.IGNORECASE)
_EN_BODY = re.compile(r"(?P<items>[^.;:]{4,300}?)(?:[.;]|$)")


def _clause_before(text: str, end: int, english: bool) -> str:
    """The words before an enumeration's verb, from its clause's start (the clause before it too when that
    is one or two words: "公司生产的集成电路制造设备，主要包括…")."""
    stops = ("。", "；", ". ", ";", "\n") if english else ("。", "；", ";", "\n")
    start = max(text.rfind(mark, 0, end) for mark in stops) + 1
    commas = [m.end() for m in re.finditer(r"[，,]", text[start:end])]
    if commas:
        clause = start + commas[-1]
        if len(text[clause:end].strip().split() if english else text[clause:end].strip()) >= 3:
            start = clause
        elif len(commas) >= 2:
            start = start + commas[-2]
    return text[start:end].strip(" ，,")


_COUNT_WORDS = {w: i for i, w in enumerate("two three four five six seven eight nine ten".split(), start=2)}
#: "We have three businesses, cloud and license, hardware, and services, and each…", "our three businesses
#: (cloud and license, hardware and services…)", "two reportable segments: A and B": the count says how many.
_EN_COUNTED = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|[2-9])\s+((?:[A-Za-z-]+\s+){0,3}?[A-Za-z-]+s)"
                         r"\s*(?:[:,(—–]|--|\s-\s|,?\s*(?:namely|consisting of|comprising|including)\b)\s*", re.IGNORECASE)


_SPANS = {"years", "months", "quarters", "weeks", "days", "times", "periods", "decades", "hours"}
_CLAUSE_START = re.compile(r"^(?:we|our|it|its|they|their|this|these|there|which|who|he|she|you)\b", re.IGNORECASE)


def counted_lists(text: str) -> list[tuple[str, list[str]]]:
    """(the counted noun with the words before it, items) of each English "N nouns: a, b and c" in ``text``;
    the items are the first N parts, so what follows the list ("…, and each is comprised of…") is left out."""
    out = []
    for found in _EN_COUNTED.finditer(text):
        count = _COUNT_WORDS.get(found.group(1).lower()) or int(found.group(1))
        end = re.search(r"\)|\.(?:\s|$)", text[found.end():])
        body = text[found.end():found.end() + end.start()] if end else text[found.end():]
        parts = [p.strip() for p in re.split(r";" if ";" in body else r",", body)]
        # "cloud and license, hardware and services businesses, described below": the list ends at the counted noun.
        noun = found.group(2).split()[-1]
        ending = next((i for i, part in enumerate(parts) if re.search(rf"\s{re.escape(noun)}$", part)), None)
        if ending is not None:
            parts = parts[:ending] + [re.sub(rf"\s+{re.escape(noun)}$", "", parts[ending])]
        if parts and len(parts) < count:
            parts = parts[:-1] + [p for p in _EN_AND.split(" " + parts[-1]) if p.strip()]
        items = [clean_item(re.sub(r"^(?:and|or|the)\s+", "", p, flags=re.IGNORECASE)) for p in parts[:count]]
        if noun.lower() in _SPANS or any(_CLAUSE_START.match(i) for i in items):
            continue  # "over the next three years, we expect…": a span of time and a clause, not a list
        if len(items) == count and all(is_item(i) for i in items):
            head = text[max(0, found.start() - 60):found.end()]
            out.append((head, items))
    return out


def inline_lists(hit) -> list[tuple[str, list[str]]]:
    """(what the sentence names before the enumeration, items) for each sentence of ``hit`` that enumerates:
    "公司生产的集成电路制造设备，主要包括氧化/扩散炉、清洗机和单晶炉等" → (公司生产的集成电路制造设备，主要,
    [氧化/扩散炉, 清洗机, 单晶炉])."""
    text = hit.text
    english = not has_cjk(text)
    text = re.sub(r"\s+", " ", text) if english else re.sub(r"\s+", "", text)
    out = []
    for verb in (_EN_VERB if english else _ZH_VERB).finditer(text):
        body = (_EN_BODY if english else _ZH_BODY).match(text, verb.end())
        if not body:
            continue
        head = _clause_before(text, verb.start(), english)
        if len(head.split() if english else head) < 2:
            continue
        enumeration = body.group("items")
        if not english and "、" in enumeration:
            # "阻燃料、耐候料…和环保耐用料五大系列，产品被广泛应用于…": the enumeration is the clause with the 、
            enumeration = next(c for c in re.split(r"[，,]", enumeration) if "、" in c)
        elif not english and verb.group(0) not in "：:":
            enumeration = re.split(r"[，,]", enumeration)[0]  # "A，B，C" lists follow a colon ("风险提示：…")
        items = [p for p in _split_items(enumeration, english) if is_item(p)]
        if not english and "、" not in enumeration and any(len(p) > 16 for p in items):
            continue  # clauses of a sentence, not names
        if english and sum(1 for p in items if p[:1].isupper() or p[:1].isdigit()) < 0.6 * max(len(items), 1):
            continue  # "are managed separately and …": a clause, not names
        if len(items) >= 3 or (len(items) == 2 and ("、" in enumeration or _ZH_AND.search(enumeration) or english)):
            out.append((head[-60:], items))
    if english:
        out += counted_lists(text)
    return out
