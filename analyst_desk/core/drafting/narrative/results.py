"""What the narrative route shows: its result type and the answers the app writes itself, each cited —
corrected premises, the two hops of a controller's attribute, lists and a list's largest item, and the
quoted lines (原文摘录 / "Quoted from the report") they and the written answers end with.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from analyst_desk.core.drafting.grounded import GroundedResult
from analyst_desk.core.drafting.narrative import condense as condensing
from analyst_desk.core.drafting.narrative.direction import direction_correction
from analyst_desk.core.drafting.narrative.hops import Hop
from analyst_desk.core.drafting.narrative.intent import read_intent
from analyst_desk.core.drafting.narrative.lists import ListAnswer
from analyst_desk.core.drafting.narrative.premises import Premise, correction
from analyst_desk.core.drafting.narrative.section_search import find_sections
from analyst_desk.core.drafting.narrative.support import SentenceCheck
from analyst_desk.core.drafting.narrative.text import bigrams
from analyst_desk.core.drafting.sources import Source
from analyst_desk.core.drafting.verification import verify

log = logging.getLogger(__name__)


QUOTE_LABEL = {"zh": "原文摘录（模型的回答未通过核对，以下为报告原文）：", "en": "Quoted from the report (the model's answer did not pass the checks):"}


QUOTE_PREFIX = {"zh": "原文摘录：", "en": "Quoted from the report:"}


@dataclass
class NarrativeResult(GroundedResult):
    """An answer of this route: a ``GroundedResult`` (Ask, the CLI and the audit read it the same way) plus
    what the route did: route, section, sentence checks, why quotes replaced the model."""

    #: "premise", "list:<source>", "section", "passages" (no section matched) — with "+quotes" when quoted.
    route: str = ""
    section: str = ""
    pages: list[int] = field(default_factory=list)
    checks: list[SentenceCheck] = field(default_factory=list)
    #: Why the model's answer was replaced by quotes (empty when it was shown).
    degenerate: list[str] = field(default_factory=list)
    quoted: bool = False
    premise: Premise | None = None
    seconds: float = 0.0
    #: The engine that wrote the text (None when the app wrote it), for the audit record.
    engine: object | None = field(default=None, repr=False)

    @property
    def unsupported(self) -> list[SentenceCheck]:
        return [c for c in self.checks if not c.supported]

    def to_json(self) -> dict:
        return {**super().to_json(), "route": self.route, "section": self.section, "section_pages": self.pages,
                "sentence_checks": [c.to_json() for c in self.checks], "degenerate": self.degenerate,
                "quoted": self.quoted, "premise": self.premise.to_json() if self.premise else None,
                "seconds": round(self.seconds, 2)}


def _names(retriever) -> list[str]:
    try:
        return [r.company for r in retriever.documents() if getattr(r, "company", "")]
    except Exception:  # noqa: BLE001 - names only sharpen the topic
        return []


def _numbered(hits: list) -> tuple[list[Source], dict[str, int]]:
    sources, number_of = [], {}
    for hit in hits:
        if hit.chunk_id not in number_of:
            number_of[hit.chunk_id] = len(sources) + 1
            sources.append(Source.from_hit(hit, len(sources) + 1))
    return sources, number_of


def _quote_line(text: str, hit, number: int, language: str) -> str:
    text = text.strip().rstrip("。；;，,.")  # the quote's own full stop would end the sentence before its citation
    if language == "zh":
        return f"· “{text}”（第{hit.page}页）[{number}]"
    return f"· “{text}” (p. {hit.page}) [{number}]"


def premise_result(question: str, premise: Premise, retriever, hits: list, language: str) -> NarrativeResult:
    """What the documents say instead of what the question assumed, quoting the page that says it."""
    evidence = list(premise.evidence)
    if not evidence and premise.kind in ("name", "year") and hits:
        # What the documents say on the topic, without the false part: the section about it, else the hits.
        topic = read_intent(question, _names(retriever)).topic.replace(premise.asked, " ")
        sections = find_sections(retriever, topic, hits=hits, limit=1)
        pool = sections[0].passages if sections else hits[:5]
        wanted = bigrams(topic)
        evidence = [(s.text, s.hit) for s in condensing.best_quotes(pool, question.replace(premise.asked, " "), topic,
                                                                     count=3) if bigrams(s.text) & wanted][:2]
    sources, number_of = _numbered([hit for _, hit in evidence])
    first = f"[{number_of[evidence[0][1].chunk_id]}]" if evidence and (premise.kind in ("venue", "offering", "role")
                                                                    or (premise.kind == "name" and premise.said)) else ""
    lines = [correction(premise, language, first)]
    if evidence:
        lines.append(QUOTE_PREFIX[language])
        lines += [_quote_line(text, hit, number_of[hit.chunk_id], language) for text, hit in evidence]
    text = "\n".join(lines)
    return NarrativeResult(text=text, sources=sources, verification=verify(text, sources), language=language,
                           raw_text=text, route="premise", premise=premise, quoted=bool(evidence))


def direction_result(premise: Premise, written, language: str) -> NarrativeResult:
    """The figure fell where the question says it rose (or the reverse): say so, then the figures as printed."""
    from analyst_desk.core.drafting.fact_use import locate

    text = direction_correction(premise, language) + ("" if language == "zh" else " ") + written.text
    exact = locate(text, [n.written(language) for n in written.facts])
    return NarrativeResult(text=text, sources=written.sources, verification=verify(text, written.sources, exact=exact),
                           language=language, raw_text=text, facts=written.facts, from_facts=True,
                           route="premise", premise=premise)


def hop_result(hop: Hop, language: str) -> NarrativeResult:
    """Who the controller is (cited), then the sentences printing the asked attribute with its name, quoted."""
    evidence = [hop.said] + [e for e in hop.evidence if e[0] != hop.said[0]]
    sources, number_of = _numbered([hit for _, hit in evidence])
    head = (f"{hop.relation}为{hop.name}[{number_of[hop.said[1].chunk_id]}]。" if language == "zh"
            else f"The {hop.relation} is {hop.name} [{number_of[hop.said[1].chunk_id]}].")
    lines = [head, QUOTE_PREFIX[language]] + [_quote_line(text, hit, number_of[hit.chunk_id], language)
                                              for text, hit in evidence[1:] or evidence]
    text = "\n".join(lines)
    return NarrativeResult(text=text, sources=sources, verification=verify(text, sources), language=language,
                           raw_text=text, route="hops", quoted=True)


#: Chinese items shorter than this on average are listed in one sentence.
SHORT_NAMES = 6


_FIGURE_CELL = re.compile(r"^\s*[$￥¥]?\s*\(?-?\d[\d,]*(?:\.\d+)?\)?\s*[%％]?\s*$")
#: A question asking each item's figure: "分别投资多少", "how much does each".
ASKS_FIGURES = re.compile(r"多少|金额|投资额|分别.{0,6}(?:投资|金额|收入)|\bhow much\b|\bamounts?\b", re.IGNORECASE)


def _figures(found: ListAnswer, name: str, language: str) -> str:
    """The figures a table prints in the item's row, with their headers when the row lines up with them."""
    row = found.rows.get(name) or []
    header = found.header if len(found.header) == len(row) else []
    cells = [(header[i] if header else "", c.strip()) for i, c in enumerate(row) if _FIGURE_CELL.match(c or "")]
    if not cells:
        return ""
    joined = ("；" if language == "zh" else "; ").join(f"{h} {v}".strip() for h, v in cells)
    return f"：{joined}" if language == "zh" else f": {joined}"


#: Lists whose length the answer may hold against a number the question assumed.
_COUNTED_KINDS = ("table", "numbered", "subsections", "named lines")


def list_result(found: ListAnswer, language: str, *, figures: bool = False, asked: int | None = None) -> NarrativeResult:
    """Every item of the list, each citing the passage that prints it: one a line, or — short
    Chinese names of one passage ("阻燃料、耐候料…") — in one sentence, as a report writes them. ``figures``: each item's
    figures as its table row prints them (one a line). ``asked``: the number of items the question assumed
    ("三个募投项目"); when the documents list another number, the answer says so first."""
    sources, number_of = _numbered([hit for _, hit in found.items])
    count = len(found.items)
    head = (f"共{count}项：" if language == "zh" else f"{count} items:")
    # Only a list whose every row is an item says how many there are (a statement's group holds "All other").
    if asked and asked != count and found.source in _COUNTED_KINDS:
        head = (f"文件列出的共{count}项，而非{asked}项：" if language == "zh"
                else f"The documents list {count}, not {asked}:")
    # The page is the citation's (a page printed beside each item reads, to the checks, as a figure said again).
    shown = {name: _figures(found, name, language) if figures else "" for name, _ in found.items}
    cited = [f"{name}{shown[name]}[{number_of[hit.chunk_id]}]" for name, hit in found.items]
    if not any(shown.values()) and language == "zh" and len(sources) == 1 and \
            sum(len(name) for name, _ in found.items) < SHORT_NAMES * len(found.items):
        text = head + "、".join(cited) + "。"
    else:
        text = "\n".join([head] + [f"· {c.replace('[', ' [', 1)}" for c in cited])
    return NarrativeResult(text=text, sources=sources, verification=verify(text, sources), language=language,
                           raw_text=text, route=f"list:{found.source}")


def extreme_result(found, direction: int, language: str) -> NarrativeResult:
    """The item with the largest (smallest) figure of the table listing them, as printed, cited."""
    sources, number_of = _numbered([found.passage])
    cite = f"[{number_of[found.passage.chunk_id]}]"
    if language == "zh":
        text = (f"{'最大' if direction > 0 else '最小'}的是{found.item}，{found.header or '金额'}为{found.value}"
                f"{found.unit}{cite}（表中共{found.of}项）。")
    else:
        unit = f" ({found.unit})" if found.unit else ""
        text = (f"The {'largest' if direction > 0 else 'smallest'} is {found.item}: {found.header or 'amount'} "
                f"{found.value}{unit} {cite} (of {found.of} listed).")
    return NarrativeResult(text=text, sources=sources, verification=verify(text, sources), language=language,
                           raw_text=text, route="list:extreme")
