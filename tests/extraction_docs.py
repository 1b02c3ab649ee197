"""Generated statement PDFs with known cells: unruled Chinese balance sheet across two pages."""

from __future__ import annotations

from pathlib import Path

import pymupdf

BALANCE_SHEET_P1 = [
    ["资产", "", ""],
    ["现金及存放中央银行款项", "268,973", "274,663"],
    ["存放同业款项", "132,090", "93,597"],
    ["衍生金融资产", "65,412", "40,521"],
    ["资产总计", "466,475", "408,781"],
]
BALANCE_SHEET_P2 = [
    ["负债", "", ""],
    ["向中央银行借款", "86,110", "208,783"],
    ["衍生金融负债", "(1,250)", "△980"],
    ["其他负债", "130,000", "11,000"],
    ["负债合计", "214,860", "218,803"],
    ["股东权益", "", ""],
    ["股本", "19,406", "19,406"],
    ["未分配利润", "232,209", "170,572"],
    ["股东权益合计", "251,615", "189,978"],
    ["负债及股东权益总计", "466,475", "408,781"],
]
HEADER = ["项目", "2024年12月31日", "2023年12月31日"]


def _write_rows(page, rows, y):
    for row in rows:
        page.insert_text((60, y), row[0], fontname="china-s", fontsize=10)
        for i, cell in enumerate(row[1:]):
            width = pymupdf.get_text_length(cell, fontname="helv", fontsize=10) if cell.isascii() else len(cell) * 10
            page.insert_text((330 + i * 120 - width, y), cell, fontname="china-s" if not cell.isascii() else "helv",
                             fontsize=10)
        y += 20
    return y


def write_balance_sheet(path: Path, p1=None, p2=None, *, second_title: str = "合并资产负债表(续)",
                        second_unit: bool = True, first_title: str = "合并资产负债表") -> Path:
    """An unruled consolidated balance sheet continuing onto a second page with a repeated header
    (``second_title=""`` and ``second_unit=False``: the second page prints neither title nor unit)."""
    doc = pymupdf.open()
    for number, (title, rows) in enumerate(((first_title, p1 or BALANCE_SHEET_P1),
                                            (second_title, p2 or BALANCE_SHEET_P2)), start=1):
        page = doc.new_page(width=595, height=842)
        if title:
            page.insert_text((230, 60), title, fontname="china-s", fontsize=14)
        if number == 1 or second_unit:
            page.insert_text((180, 84), "(除特别注明外，金额单位均为人民币百万元)", fontname="china-s", fontsize=9)
        page.insert_text((60, 120), HEADER[0], fontname="china-s", fontsize=10)
        page.insert_text((250, 120), HEADER[1], fontname="china-s", fontsize=10)
        page.insert_text((370, 120), HEADER[2], fontname="china-s", fontsize=10)
        _write_rows(page, rows, 150)
        page.insert_text((290, 810), str(number), fontname="helv", fontsize=9)
    doc.save(path)
    return path


INCOME_STATEMENT = [
    ["营业收入", "52,310", "49,876"],
    ["营业成本", "(30,120)", "(28,400)"],
    ["营业利润", "22,190", "21,476"],
    ["所得税费用", "(5,547)", "(5,369)"],
    ["净利润", "16,643", "16,107"],
]


def write_two_statements(path: Path) -> Path:
    """A complete balance sheet on page 1 and an income statement with the same columns on page 2:
    two tables, not one."""
    rows = BALANCE_SHEET_P1[:-1] + [["资产总计", "466,475", "408,781"]]
    return write_balance_sheet(path, p1=rows, p2=INCOME_STATEMENT, second_title="合并利润表")


def write_key_figures_report(path: Path, revenue: str = "52,310", profit: str = "8,765") -> Path:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 60), "华东银行2024年年度报告", fontname="china-s", fontsize=14)
    page.insert_text((72, 100), "主要会计数据和财务指标", fontname="china-s", fontsize=12)
    page.insert_text((72, 124), "（货币单位：人民币百万元）", fontname="china-s", fontsize=9)
    _write_rows(page, [["项目", "2024年", "2023年"], ["营业收入", revenue, "49,876"],
                       ["归属于母公司股东的净利润", profit, "8,101"], ["不良贷款率", "1.12%", "1.18%"]], 150)
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 100), "本行2024年净息差为2.05%，较上年下降16个基点。", fontname="china-s", fontsize=10)
    doc.save(path)
    return path


def generated_statement_cases(folder: Path) -> list:
    """Generated statement pages with their expected grids, one case per page, for the benchmark."""
    from tests.extraction_peers import SuiteCase

    cases = []
    for i in range(3):
        p1 = [[r[0]] + [f"{int(v.replace(',', '').strip('()△') or 0) + 7 * i:,}" if v else v for v in r[1:]]
              for r in BALANCE_SHEET_P1]
        path = write_balance_sheet(folder / f"balance_sheet_{i}.pdf", p1=p1)
        cases.append(SuiteCase("generated", path, [1], [("balance sheet p1", [HEADER] + p1)]))
        cases.append(SuiteCase("generated", path, [2], [("balance sheet p2", [HEADER] + BALANCE_SHEET_P2)]))
    cases.append(SuiteCase("generated", write_header_ruled_table(folder / "header_ruled.pdf"), [1],
                           [("header-only ruling", COUNTRIES)]))
    cases.append(SuiteCase("generated", write_dot_leader_table(folder / "leaders.pdf"), [1],
                           [("dot leaders", [["", "2024", "2023"]] + LEADER_ROWS)]))
    cases.append(SuiteCase("generated", write_side_by_side_tables(folder / "side_by_side.pdf"), [1],
                           [("left table", SIDE_LEFT), ("right table", SIDE_RIGHT)]))
    return cases


COUNTRIES = [["Country", "Share A", "Share B", "Votes"],
             ["Austria", "86.2", "13.8", "3,375"], ["Belgium", "71.9", "28.1", "5,102"],
             ["Denmark", "64.0", "36.0", "2,980"], ["Finland", "58.4", "41.6", "2,411"],
             ["France", "77.3", "22.7", "31,664"], ["Germany", "69.5", "30.5", "45,208"]]


def write_header_ruled_table(path: Path) -> Path:
    """A frame round the whole table with column rules only in the header row: a line-based finder
    sees header cells and one big body cell holding every body row."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    xs = [60, 200, 300, 400, 500]
    top, header_bottom = 100, 122
    for i, text in enumerate(COUNTRIES[0]):
        page.insert_text((xs[i] + 6, 115), text, fontname="helv", fontsize=10)
    y = 140
    for row in COUNTRIES[1:]:
        page.insert_text((xs[0] + 6, y), row[0], fontname="helv", fontsize=10)
        for i, cell in enumerate(row[1:], start=1):
            width = pymupdf.get_text_length(cell, fontname="helv", fontsize=10)
            page.insert_text((xs[i + 1] - 8 - width, y), cell, fontname="helv", fontsize=10)
        y += 18
    page.draw_rect(pymupdf.Rect(xs[0], top, xs[-1], y - 8), width=0.8)
    page.draw_line((xs[0], header_bottom), (xs[-1], header_bottom), width=0.8)
    for x in xs[1:-1]:
        page.draw_line((x, top), (x, header_bottom), width=0.8)
    doc.save(path)
    return path


LEADER_ROWS = [["Interest income", "12,345", "11,020"], ["Interest expense", "(4,210)", "(3,980)"],
               ["Net interest income", "8,135", "7,040"], ["Fee income", "2,301", "2,118"],
               ["Operating expenses", "(5,002)", "(4,871)"], ["Profit before tax", "5,434", "4,287"]]


def write_dot_leader_table(path: Path) -> Path:
    """A monospaced (Courier) text table whose labels run into dot leaders."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 100), " " * 34 + "    2024      2023", fontname="cour", fontsize=10)
    y = 120
    for label, a, b in LEADER_ROWS:
        line = f"{label} ".ljust(34, ".") + f"{a:>8}  {b:>8}"
        page.insert_text((60, y), line, fontname="cour", fontsize=10)
        y += 14
    doc.save(path)
    return path


SIDE_LEFT = [["Region", "2024", "2023"], ["North", "1,204", "1,150"], ["South", "980", "1,010"],
             ["East", "1,530", "1,488"], ["West", "770", "741"]]
SIDE_RIGHT = [["Segment", "2024", "2023"], ["Retail", "2,310", "2,205"], ["Corporate", "1,874", "1,930"],
              ["Treasury", "300", "254"], ["Other", "0", "0"]]


def write_side_by_side_tables(path: Path) -> Path:
    """Two small tables printed side by side on one page."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for x0, rows in ((50, SIDE_LEFT), (330, SIDE_RIGHT)):
        y = 100
        for row in rows:
            page.insert_text((x0, y), row[0], fontname="helv", fontsize=10)
            for i, cell in enumerate(row[1:]):
                width = pymupdf.get_text_length(cell, fontname="helv", fontsize=10)
                page.insert_text((x0 + 150 + i * 60 - width, y), cell, fontname="helv", fontsize=10)
            y += 16
    doc.save(path)
    return path
