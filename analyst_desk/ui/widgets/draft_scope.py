"""Which documents a draft is written from: the whole library, documents the user ticks, or those a
saved search finds. The drafting pane lays the three widgets out and asks for the chosen scope."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem

from analyst_desk.core.errors import AppError
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.messages import problem
from analyst_desk.ui.widgets.document_names import document_titles

_ROLE = 256


class DraftScope(QObject):
    """The scope box, the saved-search line and the document list; ``status`` hears an unreadable library."""

    def __init__(self, services, status, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self._status = status
        self.scope = QComboBox()
        self.scope.addItem(tr("Whole library", "整个资料库"), "library")
        self.scope.addItem(tr("Chosen documents", "选定文档"), "docs")
        self.scope.addItem(tr("Saved search", "保存的检索"), "search")
        self.saved_search = QLineEdit()
        self.saved_search.setPlaceholderText(tr("documents this search finds", "按此检索找到的文档"))
        self.saved_search.setMinimumWidth(280)
        self.documents = QListWidget()
        self.documents.setMaximumHeight(90)
        self.scope.currentIndexChanged.connect(self.on_scope_changed)

    def on_scope_changed(self, *_args) -> None:
        """Show the line or the list the chosen scope needs; the list is filled once, named as the window names documents."""
        scope = self.scope.currentData()
        self.saved_search.setVisible(scope == "search")
        self.documents.setVisible(scope == "docs")
        if scope == "docs" and self.documents.count() == 0:
            try:
                records = self.services.library().documents()
            except AppError as exc:  # an unreadable index must not break drafting
                self._status.setText(problem(exc))
                return
            titles = document_titles(self.services)
            for record in records:
                item = QListWidgetItem(titles.get(record.doc_id) or record.title)
                item.setData(_ROLE, record.doc_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.documents.addItem(item)

    def chosen_doc_ids(self) -> list[str] | None:
        """The ticked documents (None unless the scope is "chosen documents" and some are ticked)."""
        if self.scope.currentData() != "docs":
            return None
        ids = [self.documents.item(i).data(_ROLE) for i in range(self.documents.count())
               if self.documents.item(i).checkState() == Qt.CheckState.Checked]
        return ids or None

    def search_text(self) -> str:
        """The saved search the draft's documents are found by ("" unless that scope is chosen)."""
        return self.saved_search.text().strip() if self.scope.currentData() == "search" else ""

    def wants_documents(self) -> bool:
        """True when the scope is "chosen documents" and none is ticked."""
        return self.scope.currentData() == "docs" and not self.chosen_doc_ids()
