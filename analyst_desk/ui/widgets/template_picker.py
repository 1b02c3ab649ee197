"""What kind of draft to write: the template (built in or the user's own JSON files), its language and
length, and a button that opens the user's templates folder."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QPushButton

from analyst_desk.ui import i18n
from analyst_desk.ui.i18n import tr


class TemplatePicker(QObject):
    """The template, language and length boxes and the "My templates…" button; ``status`` hears problems."""

    def __init__(self, status, parent=None) -> None:
        super().__init__(parent)
        self._status = status
        self.templates: list = []
        self.template_combo = QComboBox()
        self.language = QComboBox()
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.length = QComboBox()
        for key, en, zh in (("short", "Short", "简短"), ("medium", "Medium", "适中"), ("long", "Long", "详细")):
            self.length.addItem(tr(en, zh), key)
        self.templates_button = QPushButton(tr("My templates…", "我的模板…"))
        self.templates_button.clicked.connect(self.open_templates_folder)

    def reload(self) -> None:
        """Read the templates again (a broken user template is named in the status line, the rest still listed)."""
        from analyst_desk.core.drafting.templates import load_templates

        templates, problems = load_templates()
        self.templates = templates
        self.template_combo.clear()
        for template in templates:
            mark = tr(" (mine)", "（自定义）") if template.user else ""
            self.template_combo.addItem(template.title_in(i18n.language()) + mark, template.name)
        if problems:
            self._status.setText("⚠ " + "; ".join(problems))

    def current(self):
        """The chosen ``ReportTemplate``, or None."""
        name = self.template_combo.currentData()
        return next((t for t in self.templates if t.name == name), None)

    def open_templates_folder(self) -> None:
        """Users add templates by dropping JSON files here (copy a built-in one to start)."""
        from analyst_desk.core.drafting.templates import user_templates_dir

        folder = user_templates_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        self.reload()
        self._status.setText(tr(f"Templates folder: {folder}. Add a .json template there; the list reloads.",
                                f"模板文件夹：{folder}。在其中添加 .json 模板后列表会重新加载。"))

    def show_draft(self, draft) -> None:
        """Show the template and language a reopened draft was written with."""
        self.language.setCurrentIndex(max(0, self.language.findData(draft.language)))
        self.template_combo.setCurrentIndex(max(0, self.template_combo.findData(draft.template)))
