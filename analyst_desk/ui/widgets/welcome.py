"""The first thing a new user sees: import reports first, the model in use, and what each pane is for."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from analyst_desk.ui.i18n import tr


class WelcomeWidget(QWidget):
    """Three steps and a map of the panes. Emits what the user chose; the main window acts on it."""

    import_requested = Signal()
    settings_requested = Signal()
    pane_requested = Signal(str)
    #: The user is done with the welcome page; ``bool`` is "do not show it again".
    dismissed = Signal(bool)

    def __init__(self, panes: list[tuple[str, str, str]], model_text: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel(tr("<h2>Welcome to Analyst Desk</h2>", "<h2>欢迎使用 Analyst Desk</h2>"))
        intro = QLabel(tr("Everything runs on this computer: your reports and questions never leave it. "
                          "Answers cite the page they come from, and every figure is checked against it.",
                          "所有处理都在本机完成，报告和提问不会离开这台电脑。回答会标注出处页，每个数字都与原文核对。"))
        intro.setWordWrap(True)

        self.import_button = QPushButton(tr("Import reports…", "导入报告…"))
        self.import_button.setDefault(True)
        self.settings_button = QPushButton(tr("Choose a model…", "选择模型…"))
        self.model_label = QLabel(model_text)
        self.model_label.setWordWrap(True)
        steps = QVBoxLayout()
        steps.addWidget(self._step("1", tr("Import your reports first (PDF, Word, Excel or text; Chinese and English). "
                                           "Ask, drafting and key figures all work from them.",
                                           "先导入您的报告（PDF、Word、Excel 或文本，中英文均可）。问答、撰写和指标提取都以它们为依据。"),
                                   self.import_button))
        steps.addWidget(self._step("2", tr("The model that writes answers:", "撰写回答所用的模型："), self.settings_button,
                                   self.model_label))
        steps.addWidget(self._step("3", tr("Then pick what you need:", "然后选择需要的功能："), None))

        pane_list = QVBoxLayout()
        for key, pane_title, purpose in panes:
            link = QLabel(f"<a href='{key}'>{html.escape(pane_title)}</a> — {html.escape(purpose)}")
            link.setWordWrap(True)
            link.setObjectName(f"pane_{key}")
            link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            link.linkActivated.connect(self.pane_requested)
            pane_list.addWidget(link)

        self.dont_show = QCheckBox(tr("Do not show this page again", "不再显示此页"))
        self.dont_show.setChecked(True)
        self.start_button = QPushButton(tr("Start", "开始使用"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.dont_show)
        bottom.addStretch(1)
        bottom.addWidget(self.start_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(12)
        layout.addLayout(steps)
        layout.addLayout(pane_list)
        layout.addStretch(1)
        layout.addLayout(bottom)

        self.import_button.clicked.connect(self.import_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        self.start_button.clicked.connect(lambda: self.dismissed.emit(self.dont_show.isChecked()))

    @staticmethod
    def _step(number: str, text: str, button: QPushButton | None, extra: QWidget | None = None) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(frame)
        badge = QLabel(f"<b style='font-size:14pt;color:#1f3a5f'>{number}</b>")
        label = QLabel(text)
        label.setWordWrap(True)
        row.addWidget(badge)
        row.addWidget(label, 1)
        if extra is not None:
            row.addWidget(extra, 1)
        if button is not None:
            row.addWidget(button)
        return frame
