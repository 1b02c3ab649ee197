"""The join decision on pages that once fooled it: a running header read into the repeated column
header, and a tail page whose grid has a sub-label column the first page lacks."""

from __future__ import annotations

import pymupdf

from analyst_desk.core.extraction.tables import extract_tables
from analyst_desk.core.pdf import new_pdf
from tests.extraction_ruled import _draw_grid

_RUNNING = "招股意向书（封卷稿）"
_ITEMS = ["货币资金", "应收票据", "应收账款", "其他应收款", "预付账款", "存货", "待摊费用", "其他流动资产", "流动资产合计",
          "长期股权投资", "固定资产原价", "减：累计折旧", "固定资产净值", "在建工程", "无形资产", "长期待摊费用"]


def _column(page, rows, top: float) -> float:
    y = top
    for label, amount in rows:
        page.insert_text((90, y), label, fontname="china-s", fontsize=9)
        page.insert_text((500 - pymupdf.get_text_length(amount, fontname="helv", fontsize=9), y), amount,
                         fontname="helv", fontsize=9)
        y += 16
    return y


def test_a_running_header_read_into_the_repeated_header_does_not_stop_the_join(tmp_path):
    rows = [(label, f"{(k + 3) * 1234567:,}.{k:02d}") for k, label in enumerate(_ITEMS * 3)]
    doc = new_pdf()
    first = doc.new_page(width=595, height=842)
    first.insert_text((440, 58), _RUNNING, fontname="china-s", fontsize=9)
    first.insert_text((260, 80), "资产负债表", fontname="china-s", fontsize=12)
    first.insert_text((440, 100), "单位：元", fontname="china-s", fontsize=9)
    first.insert_text((90, 130), "项 目", fontname="china-s", fontsize=9)
    first.insert_text((420, 130), "2006 年 12 月 31 日", fontname="china-s", fontsize=9)
    first.insert_text((280, 142), "资 产", fontname="china-s", fontsize=9)  # a section label read into the header
    _column(first, rows[:40], 160)
    second = doc.new_page(width=595, height=842)
    second.insert_text((440, 58), _RUNNING, fontname="china-s", fontsize=9)  # set low, over the year column
    second.insert_text((90, 74), "项 目", fontname="china-s", fontsize=9)
    second.insert_text((420, 74), "2006 年 12 月 31 日", fontname="china-s", fontsize=9)
    _column(second, rows[40:], 94)
    doc.save(tmp_path / "running.pdf")
    tables = extract_tables(tmp_path / "running.pdf")
    joined = [t for t in tables if t.pages == [1, 2]]
    assert joined, [(t.pages, t.rows[:2]) for t in tables]
    body = [r for r in joined[0].rows[joined[0].header_rows:] if r[0].strip()]
    assert [r[0] for r in body] == [label for label, _ in rows]  # every row once, the header not repeated


def test_a_tail_grid_with_a_sub_label_column_is_joined_with_the_sub_labels_in_its_labels(tmp_path):
    years = ["H1 2011", "FY 2010", "FY 2009", "FY 2008"]
    head = [["Indicator"] + years] + [[f"Ratio {k}"] + [f"{k}.{c}1" for c in range(4)] for k in range(1, 30)]
    tail = [[f"Ratio {k}", ""] + [f"{k}.{c}2" for c in range(4)] for k in range(30, 36)]
    tail += [["Earnings per share", "Basic"] + ["0.27", "0.64", "0.59", "0.57"],
             ["", "Diluted"] + ["0.26", "0.64", "0.57", "0.57"]]
    doc = new_pdf()
    first = doc.new_page(width=595, height=842)
    _draw_grid(first, head, 60, 160, [160, 90, 90, 90, 90], 10.0)
    second = doc.new_page(width=595, height=842)
    _draw_grid(second, tail, 60, 60, [110, 50, 90, 90, 90, 90], 10.0)
    doc.save(tmp_path / "sublabel.pdf")
    tables = extract_tables(tmp_path / "sublabel.pdf")
    assert [t.pages for t in tables] == [[1, 2]]
    rows = tables[0].rows
    assert all(len(r) == 5 for r in rows)
    assert rows[-2:] == [["Earnings per share Basic", "0.27", "0.64", "0.59", "0.57"],
                         ["Diluted", "0.26", "0.64", "0.57", "0.57"]]
