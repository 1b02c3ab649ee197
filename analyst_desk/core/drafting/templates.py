"""Report templates: plain JSON files, built in (resources/templates) or the user's own (data folder)."""

from __future__ import annotations

import json
import logging
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


@dataclass
class SectionTemplate:
    title: dict
    instruction: dict
    queries: list[str] = field(default_factory=list)

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

    def preamble_in(self, language: str, subject: str) -> str:
        return _pick(self.preamble, language).replace("{subject}", subject)

    @classmethod
    def from_file(cls, path: Path, *, user: bool = False) -> "ReportTemplate":
        """Read one template. Raises ``TemplateError`` naming the file and what is wrong."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise TemplateError(f"Template {path.name} cannot be read: {exc}") from exc
        if not isinstance(raw, dict) or not isinstance(raw.get("sections"), list) or not raw["sections"]:
            raise TemplateError(f"Template {path.name} needs a non-empty \"sections\" list.")
        sections = []
        for index, section in enumerate(raw["sections"], start=1):
            if not isinstance(section, dict) or not section.get("title") or not section.get("instruction"):
                raise TemplateError(f"Template {path.name}: section {index} needs a title and an instruction.")
            title, instruction = section["title"], section["instruction"]
            sections.append(SectionTemplate(title if isinstance(title, dict) else {"en": title, "zh": title},
                                            instruction if isinstance(instruction, dict)
                                            else {"en": instruction, "zh": instruction},
                                            [str(q) for q in section.get("queries", [])]))
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
    raise TemplateError(f"No template called \"{name}\". Available: {available}.")
