"""Exporting a draft to Word or Markdown from the window: the user confirms first when figures are
unchecked, personal data is unmasked or prohibited wording is present; the file is written atomically
and the status line says where (or why not)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from analyst_desk.ui.dialogs.export_check import confirm_export
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.messages import file_filter, write_and_report


def choose_export_path(parent, draft, suffix: str) -> Path | None:
    """Ask where to save ``draft`` as ``suffix`` (".docx" or ".md"), named after its title by default."""
    default = re.sub(r"[\\/:*?\"<>|]", "-", draft.title) + suffix
    path, _ = QFileDialog.getSaveFileName(parent, tr("Export draft", "导出草稿"), default,
                                          file_filter("word" if suffix == ".docx" else "markdown", everything=False))
    return Path(path) if path else None


def export_checked(parent, draft, path: Path, *, unchecked: int, settings, status, confirm=None) -> Path | None:
    """Export ``draft`` to ``path`` once ``confirm(warnings)`` (default: a dialog) accepts what a reader must know:
    ``unchecked`` flagged figures or sentences, unmasked personal data, prohibited wording."""
    from analyst_desk.core.compliance.export_guard import export_warnings
    from analyst_desk.core.drafting.export import export_draft
    from analyst_desk.ui import i18n

    warnings = export_warnings(draft.to_text(), settings, i18n.language())
    if unchecked:
        warnings.insert(0, tr(f"{unchecked} figure(s) or sentence(s) are not verified against the sources.",
                              f"有 {unchecked} 处数字或语句未能与来源核实。"))
    if warnings and not (confirm or (lambda w: confirm_export(parent, w)))(warnings):
        status.setText(tr("Export cancelled.", "已取消导出。"))
        return None
    return write_and_report(status, path, lambda: export_draft(draft, path, settings))
