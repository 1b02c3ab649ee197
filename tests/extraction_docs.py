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
    return cases
