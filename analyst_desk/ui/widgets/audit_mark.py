"""The mark an output carries when the audit log could not take it (issue 26): "⚠ 未记入审计日志：原因".

A pane puts one above the text it shows and calls ``show_reason`` when a job finishes; the mark stays
until the next run (or until another output is opened) and is repeated at the front of the status line.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


class AuditMarkWidget(QLabel):
    """A red line saying why the output below it is not in the audit log; hidden while it is."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.reason: str | None = None
        self.setStyleSheet("color:#b00020")
        self.setWordWrap(True)
        self.setVisible(False)

    def show_reason(self, reason: str | None, status: QLabel | None = None) -> None:
        """Show the mark for ``reason`` (hide it for ``None``) and put it at the front of ``status``."""
        from analyst_desk.core.catalog import render
        from analyst_desk.core.compliance.audit_reasons import reason_words
        from analyst_desk.ui import i18n

        self.reason = reason
        self.setVisible(bool(reason))
        if not reason:
            return
        language = i18n.language()
        self.setText("⚠ " + render("audit.not_recorded", {"reason": reason_words(reason, language)}, language))
        if status is not None:
            status.setText(self.text() + " · " + status.text())
