"""Report templates: plain JSON files, built in (resources/templates) or the user's own (data folder).

A template is written for every kind of company a bank analyst covers — a bank, an insurer, a
securities firm, an industrial or commercial company — and a section may be for some kinds only
(``"kinds": ["bank"]``: 不良贷款率 and 拨备覆盖率 mean nothing for a liquor maker, and a model asked for
them invents them). The kind is read from the document profile of the subject's reports
(:func:`company_kind`). A section marked ``"table": "key_figures"`` gets a table the app builds from
facts — the kind's key figures and ratios (:data:`KEY_FIGURES`) for the latest three periods — and
the model writes only the sentences around it.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from analyst_desk.core import paths
from analyst_desk.core.errors import AppError

log = logging.getLogger(__name__)


class TemplateError(AppError):
    """A template file cannot be used, or no template has the requested name."""

    kind = "template"


def _pick(value, language: str) -> str:
    if isinstance(value, dict):
        return value.get(language) or value.get("en") or value.get("zh") or ""
    return str(value or "")


#: The kinds of company templates are written for.
KINDS = ("bank", "insurer", "securities", "industrial")
KIND_NAMES = {"bank": ("Bank", "银行"), "insurer": ("Insurer", "保险公司"), "securities": ("Securities firm", "证券公司"),
              "industrial": ("Industrial or commercial company", "工商企业")}

#: Each kind's key figures for a financial table: (name as a statement line or a standard measure of
#: ``facts.derived``, kind of entry). "line" entries are printed rows; "measure" entries are
#: ratios computed as the answers define them (or taken as printed, for banks' own ratios).
KEY_FIGURES: dict[str, list[tuple[str, str]]] = {
    "bank": [("营业收入", "line"), ("净利润", "line"), ("资产总计", "line"), ("吸收存款", "line"),
             ("发放贷款和垫款", "line"), ("不良贷款率", "measure"), ("拨备覆盖率", "measure"), ("资本充足率", "measure"),
             ("净息差", "measure"), ("成本收入比", "measure")],
    "insurer": [("营业收入", "line"), ("净利润", "line"), ("资产总计", "line"), ("所有者权益合计", "line"),
                ("加权平均净资产收益率", "measure"), ("资产负债率", "measure")],
    "securities": [("营业收入", "line"), ("净利润", "line"), ("资产总计", "line"), ("所有者权益合计", "line"),
                   ("加权平均净资产收益率", "measure"), ("资产负债率", "measure")],
    "industrial": [("营业收入", "line"), ("净利润", "line"), ("归母净利润", "line"), ("资产总计", "line"),
                   ("经营活动现金流量净额", "line"), ("毛利率", "measure"), ("净利率", "measure"), ("资产负债率", "measure"),
                   ("流动比率", "measure"), ("加权平均净资产收益率", "measure")],
}

_KIND_WORDS = (("bank", ("银行", "农村商业", "农商行", "信用社", " bank", "bank ", "bancorp")),
               ("insurer", ("保险", "人寿", "财险", "再保险", "insurance", "assurance")),
               ("securities", ("证券", "securities", "期货")))


def company_kind(issuer: str) -> str:
    """"bank", "insurer", "securities" or "industrial" from the issuer's name as its pages print it.

    Chinese financial companies name their licence in their legal name (…银行股份有限公司, …保险,
    …证券); an English name says Bank, Insurance or Securities. A group holding an insurer and a bank
    (中国平安保险（集团）) is taken as what its name leads with.
    """
    name = f" {issuer.lower()} "
    found = [(name.find(word), kind) for kind, words in _KIND_WORDS for word in words if word in name]
    return min(found)[1] if found else "industrial"


def kind_for_subject(records, subject: str, doc_ids: list[str] | None = None) -> str:
    """The kind of the company a draft is about: from the chosen documents, else from the documents
    whose issuer the subject names (or that name the subject), else from the subject itself."""
    chosen = [r for r in records if doc_ids and r.doc_id in doc_ids]
    if not chosen:
        wanted = subject.strip()
        chosen = [r for r in records if wanted and r.company and (wanted in r.company or r.company in wanted
                                                                  or _short(r.company) in wanted)]
    issuers = [r.company for r in chosen if r.company]
    return company_kind(issuers[0] if issuers else subject)


def _short(issuer: str) -> str:
    return re.sub(r"(股份有限公司|有限责任公司|有限公司)$", "", issuer) or issuer


@dataclass
class SectionTemplate:
    title: dict
    instruction: dict
    queries: list[str] = field(default_factory=list)
    #: The kinds of company the section is for (empty: all).
    kinds: list[str] = field(default_factory=list)
    #: "key_figures": the app builds the section's table of the kind's key figures from facts.
    table: str = ""

    def for_kind(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def title_in(self, language: str) -> str:
        return _pick(self.title, language)

    def instruction_in(self, language: str, subject: str) -> str:
        return _pick(self.instruction, language).replace("{subject}", subject)

    def queries_for(self, subject: str) -> list[str]:
        return [q.replace("{subject}", subject).strip() for q in self.queries] or [subject]


@dataclass
class ReportTemplate:
    """A named list of sections; ``source`` is the file it came from."""

    name: str
    title: dict
    sections: list[SectionTemplate]
    description: dict = field(default_factory=dict)
    preamble: dict = field(default_factory=dict)
    source: str = ""
    user: bool = False

    def title_in(self, language: str) -> str:
        return _pick(self.title, language) or self.name

    def sections_for(self, kind: str) -> list[SectionTemplate]:
        """The sections written for ``kind`` ("bank", "insurer", "securities", "industrial")."""
        return [s for s in self.sections if s.for_kind(kind)]

    def preamble_in(self, language: str, subject: str) -> str:
        return _pick(self.preamble, language).replace("{subject}", subject)

    @classmethod
    def from_file(cls, path: Path, *, user: bool = False) -> "ReportTemplate":
        """Read one template. Raises ``TemplateError`` naming the file and what is wrong."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise TemplateError(code="template.unreadable", params={"name": path.name, "reason": str(exc)}) from exc
        if not isinstance(raw, dict) or not isinstance(raw.get("sections"), list) or not raw["sections"]:
            raise TemplateError(code="template.no_sections", params={"name": path.name})
        sections = []
        for index, section in enumerate(raw["sections"], start=1):
            if not isinstance(section, dict) or not section.get("title") or not section.get("instruction"):
                raise TemplateError(code="template.bad_section", params={"name": path.name, "index": index})
            title, instruction = section["title"], section["instruction"]
            sections.append(SectionTemplate(title if isinstance(title, dict) else {"en": title, "zh": title},
                                            instruction if isinstance(instruction, dict)
                                            else {"en": instruction, "zh": instruction},
                                            [str(q) for q in section.get("queries", [])],
                                            [str(k) for k in section.get("kinds", []) if str(k) in KINDS],
                                            str(section.get("table") or "")))
        title = raw.get("title") or path.stem
        return cls(name=str(raw.get("name") or path.stem), title=title if isinstance(title, dict) else
                   {"en": title, "zh": title}, sections=sections, description=raw.get("description") or {},
                   preamble=raw.get("preamble") or {}, source=str(path), user=user)


def user_templates_dir() -> Path:
    """Where users put their own templates (same format as the built-in ones)."""
    return paths.data_subdir("templates")


def load_templates() -> tuple[list[ReportTemplate], list[str]]:
    """All templates (user ones replace built-ins of the same name) and a message per bad file."""
    found: dict[str, ReportTemplate] = {}
    problems: list[str] = []
    for folder, user in ((paths.resource("templates"), False), (user_templates_dir(), True)):
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            try:
                template = ReportTemplate.from_file(path, user=user)
            except TemplateError as exc:
                problems.append(str(exc))
                continue
            found[template.name] = template
    return list(found.values()), problems


def find_template(name: str) -> ReportTemplate:
    """The template whose name, file name or title (either language) is ``name``."""
    templates, _ = load_templates()
    wanted = name.strip().lower()
    for template in templates:
        names = {template.name.lower(), Path(template.source).stem.lower(),
                 *(str(t).lower() for t in template.title.values())}
        if wanted in names:
            return template
    available = ", ".join(t.name for t in templates)
    raise TemplateError(code="template.not_found", params={"name": name, "available": available})
