"""Beside the draft: the sources each section cites, the checks a reader must look at, and the page.

Check reasons are shown in the UI language, rendered from the code and parameters each flag carries.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from analyst_desk.core.page_labels import page_reference
from analyst_desk.ui import i18n
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.messages import localise
from analyst_desk.ui.widgets.page_viewer import PageViewer

_ROLE = 256
CITATION = re.compile(r"\[(\d{1,3})\]")
#: A citation of one passage or several, as the figure table's cells write them ("[5, 8]").
_CITATIONS = re.compile(r"\[(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\]")


def citation_at(line: str, column: int) -> int | None:
    """The passage number a click at ``column`` of ``line`` lands on: "[5, 8]" opens 5 or 8, whichever was clicked."""
    for match in _CITATIONS.finditer(line):
        if match.start() <= column <= match.end():
            numbers = list(re.finditer(r"\d{1,3}", match.group(0)))
            chosen = next((n for n in numbers if match.start() + n.start() <= column <= match.start() + n.end()),
                          numbers[0])
            return int(chosen.group(0))
    return None


def _sources_label(document: str = "") -> str:
    if document:
        return tr(f"Sources: {document} (click to open the page; click a [n] in the text too)",
                  f"来源：{document}（点击打开原文页；也可点击正文中的 [n]）")
    return tr("Sources (click to open the page; click a [n] in the text too)", "来源（点击打开原文页；也可点击正文中的 [n]）")


def check_reason(flag) -> str:
    """A check's reason in the UI language (flags carry a code and parameters; see verification.Flag)."""
    return localise(flag)


class DraftReviewPanel(QWidget):
    """Sources, checks and the cited page for one draft (GUI thread only)."""

    #: The user picked a check: put the cursor at this position of the draft text.
    check_chosen = Signal(int)

    def __init__(self, parent=None, titles=None) -> None:
        super().__init__(parent)
        #: ``doc_id`` → display title (the pane fills it from the library); sources are named by it.
        self.titles: dict[str, str] = titles if titles is not None else {}
        self.sources = QListWidget()
        self.sources.setWordWrap(True)
        self.checks = QListWidget()
        self.checks.setWordWrap(True)
        self.viewer = PageViewer()
        self.viewer.set_placeholder(tr("Click a source or a [n] in the text to see its page.",
                                       "点击来源或正文中的 [n] 查看原文页面。"))
        self.draft = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.sources_label = QLabel(_sources_label())
        self.sources_label.setWordWrap(True)
        layout.addWidget(self.sources_label)
        layout.addWidget(self.sources, 2)
        layout.addWidget(QLabel(tr("Checks", "核查")))
        layout.addWidget(self.checks, 1)
        layout.addWidget(self.viewer, 4)
        self.sources.itemClicked.connect(lambda item: self.open_source(item.data(_ROLE)))
        self.checks.itemClicked.connect(lambda item: self.check_chosen.emit(int(item.data(_ROLE))))

    def clear_checks(self) -> None:
        self.checks.clear()

    def show_review(self, draft, flags: list[tuple[int, int, object]]) -> None:
        """List the checks (with their place in the text) and the sources the text cites."""
        self.draft = draft
        self.checks.clear()
        for start, _end, flag in flags:
            item = QListWidgetItem(f"⚠ {check_reason(flag)}")
            item.setToolTip(f"{flag.text}: {check_reason(flag)}")
            item.setData(_ROLE, start)
            self.checks.addItem(item)
        self.sources.clear()
        # Each source once, in number order, with the sections that cite it ("[1] … — 第2页 · 公司概况、财务表现"):
        # listed once per section, [1] stood twice in a row and pushed the later sources out of the box.
        citing: dict[int, list[str]] = {}
        for section in draft.sections:
            cited = {int(n) for group in _CITATIONS.findall(section.text) for n in re.split(r"[,，、]", group)}
            for source in draft.section_sources(section):
                if source.number in cited:
                    citing.setdefault(source.number, []).append(section.title)
        separator = "、" if i18n.language() == "zh" else ", "
        cited = sorted((s for s in draft.sources if s.number in citing), key=lambda s: s.number)
        # One document cited throughout: its name once above the list, each row its page and sections (the
        # name repeated on every row wrapped each onto two lines and left three sources in view).
        titles = {self.title_of(s) for s in cited}
        one = len(titles) == 1
        self.sources_label.setText(_sources_label(next(iter(titles)) if one else ""))
        for source in cited:
            where = page_reference(source.path, source.page, i18n.language())
            item = QListWidgetItem(f"[{source.number}] " + (where if one else f"{self.title_of(source)} — {where}")
                                   + "  ·  " + separator.join(dict.fromkeys(citing[source.number])))
            item.setToolTip(f"{self.title_of(source)} — {where}")
            item.setData(_ROLE, source.number)
            self.sources.addItem(item)

    def open_source(self, number: int) -> bool:
        source = next((s for s in (self.draft.sources if self.draft else []) if s.number == number), None)
        if source is None:
            return False
        return self.viewer.show_citation(source, title=self.title_of(source))

    def title_of(self, source) -> str:
        return self.titles.get(getattr(source, "doc_id", ""), "") or source.title
