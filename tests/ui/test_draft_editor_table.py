"""The financial table the app writes into a brief reads as a table in the editor — aligned columns,
faint bars, a bold header — while its text stays the Markdown the checks, offsets and export read."""

from __future__ import annotations

from analyst_desk.core.drafting.drafts import Draft, SectionDraft
from analyst_desk.ui.widgets.draft_editor import DraftEditor

TABLE = ("以下为报告期主要财务数据：\n| 指标 | 2010年度 | 2009年度 | 2008年度 |\n"
         "| 营业收入 | 8.12亿元[1] | 6.54亿元[1] | 4.39亿元[1] |\n"
         "| 净利润 | 1.53亿元[1] | 1.16亿元[1] | 8,604.94万元[1] |\n"
         "| 资产负债率 | 37.00%*[2] | 38.46%*[2] | 40.37%*[2] |\n* 计算值：资产负债率 = 负债合计 ÷ 资产总计 × 100%")


def _bars_x(editor: DraftEditor, block) -> list[int]:
    cursor = editor.textCursor()
    xs = []
    for offset, char in enumerate(block.text()):
        if char == "|":
            cursor.setPosition(block.position() + offset)
            xs.append(editor.cursorRect(cursor).x())
    return xs


def test_the_key_figure_table_is_drawn_in_columns_and_its_text_is_unchanged(qtbot):
    draft = Draft(template="company_brief", title="公司简报：江南精密", subject="江南精密",
                  sections=[SectionDraft(title="财务表现", instruction="", text=TABLE)])
    editor = DraftEditor(lambda flag: "")
    qtbot.addWidget(editor)
    editor.resize(800, 400)
    editor.show()
    editor.show_draft(draft)
    assert editor.toPlainText() == draft.to_text()  # nothing added: flags and section offsets still fit
    rows = []
    block = editor.document().begin()
    while block.isValid():
        if block.text().startswith("| "):
            rows.append(block)
        block = block.next()
    assert len(rows) == 4
    columns = [_bars_x(editor, row) for row in rows]
    for xs in columns[1:]:  # every row's bars stand where the header's do (within a pixel)
        assert all(abs(a - b) <= 1 for a, b in zip(xs, columns[0])), columns
    assert len(set(columns[0])) == 5
    head = editor.textCursor()
    head.setPosition(rows[0].position() + 3)
    assert head.charFormat().fontWeight() >= 700  # the header row is bold
