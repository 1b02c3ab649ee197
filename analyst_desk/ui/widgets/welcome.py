"""The first thing a new user sees: import reports first, the model in use, and what each pane is for."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from analyst_desk.ui.i18n import tr


def _first_steps() -> dict[str, str]:
    """The second line for each pane: how to start there."""
    return {
        "assistant": tr("Type anything and press Enter; it does not read your documents.",
                        "输入任意问题后回车；助手不读取您的文档。"),
        "library": tr("Click Import files… or drop PDFs here; then search by keyword.",
                      "点击“导入文件…”或把 PDF 拖进来，然后按关键词检索。"),
        "ask": tr("Ask, e.g. ‘What was the 2024 net interest margin?’ — click a [n] to see the page.",
                  "例如问：2024年净息差是多少？点击 [n] 查看原文页。"),
        "meeting": tr("Paste a transcript or open a recording, then Summarise.",
                      "粘贴会议记录或打开录音，然后点击“生成纪要”。"),
        "drafting": tr("Pick a template, type the company, then Draft; figures come as a cited table.",
                       "选择模板、填写公司名称后点击“起草”；财务数据以带出处的表格给出。"),
        "extraction": tr("Choose an imported report, Find tables, then export to Excel.",
                         "选择已导入的报告，点击“查找表格”，再导出到 Excel。"),
        "audit": tr("Every answer and draft is listed here with its sources and model.",
                    "每次回答和起草都记录在此，含来源和所用模型。"),
    }


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
        pane_map = QWidget()
        pane_list = QVBoxLayout(pane_map)
        pane_list.setContentsMargins(28, 0, 0, 0)  # under the step's text, past its number
        pane_list.setSpacing(6)
        steps_of = _first_steps()
        for key, pane_title, purpose in panes:
            start = steps_of.get(key, "")
            link = QLabel(f"<a href='{key}'>{html.escape(pane_title)}</a> — {html.escape(purpose)}"
                          + (f"<br><span style='color:#555'>{html.escape(start)}</span>" if start else ""))
            link.setWordWrap(True)
            link.setObjectName(f"pane_{key}")
            link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            link.linkActivated.connect(self.pane_requested)
            pane_list.addWidget(link)
        # The map of the panes is step 3's own content (it stood under an empty third box).
        steps.addWidget(self._step("3", tr("Then pick what you need:", "然后选择需要的功能："), None, below=pane_map))

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
        layout.addStretch(1)
        layout.addLayout(bottom)

        self.import_button.clicked.connect(self.import_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        self.start_button.clicked.connect(lambda: self.dismissed.emit(self.dont_show.isChecked()))

    @staticmethod
    def _step(number: str, text: str, button: QPushButton | None, extra: QWidget | None = None,
              below: QWidget | None = None) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(frame)
        row = QHBoxLayout()
        column.addLayout(row)
        if below is not None:
            column.addWidget(below)
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
