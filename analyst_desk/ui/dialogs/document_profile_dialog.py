"""Correct what a document was read as: its issuer, report type and period (searches narrow by them)."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from analyst_desk.core.library.document_profile import REPORT_TYPES
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
    """Issuer, report type and period of one document, prefilled with what its pages were read as."""

    def __init__(self, record, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{record.title}</b>"))
        form.addRow(tr("Issuer", "发行人/公司"), self.issuer)
        form.addRow(tr("Report type", "报告类型"), self.report_type)
        form.addRow(tr("Period", "报告期"), self.period)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Save", "保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel", "取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        """Keyword arguments for ``Library.set_profile``."""
        return {"issuer": self.issuer.text().strip(), "report_type": self.report_type.currentData(),
                "period": self.period.text().strip()}
