"""The question every pane asks before an export that carries unverified figures, personal data or
prohibited wording (the warnings come from ``analyst_desk.core.compliance.export_guard.export_warnings``)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from analyst_desk.ui.i18n import tr


def confirm_export(parent: QWidget, warnings: list[str]) -> bool:
    """True when the user chooses to export anyway; the safe answer (No) is the default."""
    answer = QMessageBox.warning(parent, tr("Check before exporting", "导出前请确认"),
                                 "\n".join(warnings) + "\n\n" + tr("Export anyway?", "仍要导出吗？"),
                                 QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                 QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
