"""Export a draft to DOCX (python-docx) or Markdown, with a numbered references list.

Citation numbers are renumbered 1..n in order of first use, and only cited passages are
listed, so a reader sees [1], [2], [3] — never gaps left by regenerated sections.
"""

from __future__ import annotations

import re
from pathlib import Path

from analyst_desk.core.drafting.drafts import Draft
from analyst_desk.core.drafting.sources import Source
from analyst_desk.core.drafting.verification import _MARKER, cited_numbers
from analyst_desk.core.errors import AppError
from analyst_desk.core.fileio import atomic_write_bytes


def renumbered(draft: Draft) -> tuple[list[tuple[str, str]], list[Source]]:
    """(section title, text) pairs with citations renumbered by first use, and the cited sources in order."""
    order: list[int] = []
    for section in draft.sections:
        for n in cited_numbers(section.text):
            if n not in order and any(s.number == n for s in draft.sources):
                order.append(n)
    mapping = {old: new for new, old in enumerate(order, start=1)}

    def rewrite(match: re.Match) -> str:
        numbers = [int(p) for p in re.split(r"[,，、]", match.group(1))]
        return "".join(f"[{mapping[n]}]" if n in mapping else f"[?{n}]" for n in numbers)

    sections = [(s.title, _MARKER.sub(rewrite, s.text.strip())) for s in draft.sections]
    by_number = {s.number: s for s in draft.sources}
    return sections, [by_number[n] for n in order]


def reference_line(number: int, source: Source, language: str) -> str:
    page = f"第 {source.page} 页" if language == "zh" else f"p. {source.page}"
    return f"[{number}] {source.title}, {page}"


def export_markdown(draft: Draft, path: Path) -> Path:
    sections, references = renumbered(draft)
    lines = [f"# {draft.title}", ""]
    for title, text in sections:
        lines += [f"## {title}", "", text, ""]
    lines += ["## " + ("参考资料" if draft.language == "zh" else "References"), ""]
    lines += [reference_line(i, s, draft.language) for i, s in enumerate(references, start=1)]
    _write_atomic(Path(path), ("\n".join(lines) + "\n").encode("utf-8"))
    return Path(path)


def export_docx(draft: Draft, path: Path) -> Path:
    """Headings, body paragraphs, and a numbered references list with document and page."""
    import io

    from docx import Document
    from docx.oxml.ns import qn

    sections, references = renumbered(draft)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")  # Chinese text needs an East Asian font
    document.add_heading(draft.title, level=0)
    for title, text in sections:
        document.add_heading(title, level=1)
        for paragraph in [p.strip() for p in text.split("\n") if p.strip()]:
            document.add_paragraph(paragraph)
    document.add_heading("参考资料" if draft.language == "zh" else "References", level=1)
    for number, source in enumerate(references, start=1):
        document.add_paragraph(reference_line(number, source, draft.language))
    buffer = io.BytesIO()
    document.save(buffer)
    _write_atomic(Path(path), buffer.getvalue())
    return Path(path)


def masked_for_export(draft: Draft, settings) -> Draft:
    """A copy of ``draft`` with personal data masked when the settings ask for it."""
    if settings is None or not getattr(settings, "mask_on_export", False):
        return draft
    from analyst_desk.core.compliance.export_guard import prepare_export

    copy = Draft.from_json(draft.to_json())
    copy.title = prepare_export(copy.title, settings).text
    for section in copy.sections:
        section.text = prepare_export(section.text, settings).text
    return copy


def export_draft(draft: Draft, path: Path, settings=None) -> Path:
    """Export by file extension: .docx or .md (personal data masked when ``settings`` say so)."""
    draft = masked_for_export(draft, settings)
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        return export_docx(draft, path)
    if suffix in {".md", ".markdown"}:
        return export_markdown(draft, path)
    raise AppError(code="export.bad_suffix", params={"name": Path(path).name, "allowed": ".docx / .md"})


_write_atomic = atomic_write_bytes
