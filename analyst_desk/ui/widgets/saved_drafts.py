"""The saved-drafts box: every draft in the store by title and time, newest first, the full name on hover."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from analyst_desk.ui.local_time import local_time


class SavedDraftsCombo(QComboBox):
    """``activated`` gives the row; :meth:`draft_id` the draft behind it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # The box does not grow with its longest title (at 1366 px that pushed the export buttons off the
        # row); it takes the row's spare width instead, twice the section box's, so "公司简报：<company> ·
        # <time>" is read whole (it was cut to 123 px of the 342 it needs).
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)

    def show_drafts(self, drafts) -> None:
        """List ``drafts`` (``DraftStore.drafts()``, newest first)."""
        self.clear()
        for draft in drafts:
            text = f"{draft.title} · {local_time(draft.updated_at, seconds=False)}"
            self.addItem(text, draft.draft_id)
            self.setItemData(self.count() - 1, text, Qt.ItemDataRole.ToolTipRole)

    def draft_id(self, index: int) -> str | None:
        return self.itemData(index)
