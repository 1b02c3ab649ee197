"""Correct what a document was read as: its issuer, report type and period (searches narrow by them)."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from analyst_desk.core.library.display_title import display_title
from analyst_desk.core.library.document_profile import REPORT_TYPES
from analyst_desk.core.period_words import period_words
from analyst_desk.ui import i18n
from analyst_desk.ui.i18n import tr

TYPE_LABELS = {
    "annual_report": ("Annual report", "年度报告"), "interim_report": ("Interim or quarterly report", "半年度/季度报告"),
    "prospectus": ("Prospectus", "招股说明书"), "research": ("Research report", "研究报告"),
    "meeting": ("Meeting minutes", "会议纪要"), "memo": ("Memo", "备忘录"), "policy": ("Policy or notice", "制度/通知"),
    "document": ("Other document", "其他文档"),
}


def type_label(report_type: str) -> str:
    english, chinese = TYPE_LABELS.get(report_type, (report_type, report_type))
    return tr(english, chinese)


class DocumentProfileDialog(QDialog):
    """Issuer, report type and period of one document, prefilled with what its pages were read as.

    The name the window shows for the document is made of these three, so editing them edits the
    name; the dialog previews it as it is typed.
    """

    def __init__(self, record, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.setWindowTitle(tr("Document details", "文档信息"))
        self.issuer = QLineEdit(record.company)
        self.issuer.setPlaceholderText(tr("e.g. 平安银行股份有限公司", "例如：平安银行股份有限公司"))
        self.report_type = QComboBox()
        for kind in REPORT_TYPES:
            self.report_type.addItem(type_label(kind), kind)
        self.report_type.setCurrentIndex(max(0, self.report_type.findData(record.doc_type)))
        self.period = QLineEdit(record.period)
        self.period.setPlaceholderText("2024 / 2024H1 / 2024Q1 / 2024Q3")
        self.period.setValidator(QRegularExpressionValidator(QRegularExpression(r"^((19|20)\d{0,2}(H1?|Q[1-4]?)?)?$")))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.period_words = QLabel()
        form = QFormLayout(self)
        form.addRow(tr("Shown as", "显示名称"), self.preview)
        form.addRow(tr("Issuer", "发行人/公司"), self.issuer)
        form.addRow(tr("Report type", "报告类型"), self.report_type)
        form.addRow(tr("Period", "报告期"), self.period)
        form.addRow("", self.period_words)
        path = getattr(record, "path", "") or ""
        file_label = QLabel(tr(f"File: {path}", f"文件：{path}"))
        file_label.setWordWrap(True)
        file_label.setStyleSheet("color: #666;")
        form.addRow(file_label)
        for signal in (self.issuer.textChanged, self.period.textChanged, self.report_type.currentIndexChanged):
            signal.connect(self._update_preview)
        self._update_preview()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Save", "保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel", "取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _update_preview(self, *_args) -> None:
        values = self.values()
        self.preview.setText("<b>" + display_title(issuer=values["issuer"], report_type=values["report_type"],
                                                   period=values["period"], metadata_title=getattr(self.record, "title", ""),
                                                   file_name=getattr(self.record, "path", "") or "", language=i18n.language()) + "</b>")
        words = period_words(values["period"], i18n.language(), report_type=values["report_type"])
        self.period_words.setText(words if words != values["period"] else "")

    def values(self) -> dict[str, str]:
        """Keyword arguments for ``Library.set_profile``."""
        return {"issuer": self.issuer.text().strip(), "report_type": self.report_type.currentData(),
                "period": self.period.text().strip()}
