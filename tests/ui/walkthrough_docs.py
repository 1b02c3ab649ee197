"""A small prospectus of an industrial company, generated with PyMuPDF for the walk-through test:
a cover, a business chapter, a risk chapter and an income statement and balance sheet drawn as real
ruled tables (three periods), so import, search, Ask, the key-figure table and extraction all have
real content to show."""

from __future__ import annotations

from pathlib import Path

import pymupdf

ISSUER = "江南精密机械股份有限公司"
_INCOME = [("项目", "2010年度", "2009年度", "2008年度"),
           ("一、营业收入", "812,345,678.90", "654,321,098.76", "438,919,222.84"),
           ("减：营业成本", "560,987,654.32", "455,678,901.23", "301,234,567.89"),
           ("二、营业利润", "176,543,210.98", "132,109,876.54", "98,765,432.10"),
           ("三、利润总额", "180,123,456.70", "135,987,654.30", "101,234,567.80"),
           ("四、净利润", "153,104,938.20", "115,589,506.16", "86,049,382.63")]
_BALANCE = [("项目", "2010年12月31日", "2009年12月31日", "2008年12月31日"),
            ("流动资产合计", "612,345,678.00", "580,123,456.00", "498,765,432.00"),
            ("资产总计", "1,234,567,890.12", "1,123,456,789.01", "987,654,321.09"),
            ("流动负债合计", "345,678,901.23", "330,987,654.32", "301,234,567.89"),
            ("负债合计", "456,789,012.34", "432,109,876.54", "398,765,432.10")]


def _table(page, top: float, rows, title: str, unit: str) -> float:
    page.insert_text((60, top), title, fontname="china-s", fontsize=12)
    page.insert_text((60, top + 18), unit, fontname="china-s", fontsize=9)
    widths = [150, 120, 120, 120]
    y = top + 28
    x_edges = [60]
    for w in widths:
        x_edges.append(x_edges[-1] + w)
    height = 22
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            numeric = all(ch.isdigit() or ch in ",.-" for ch in cell)
            page.insert_text((x_edges[c] + 4, y + 15), cell, fontname="helv" if numeric else "china-s",
                             fontsize=9)
        y += height
    for i in range(len(rows) + 1):  # ruled lines: a lattice table
        page.draw_line((x_edges[0], top + 28 + i * height), (x_edges[-1], top + 28 + i * height), width=0.6)
    for x in x_edges:
        page.draw_line((x, top + 28), (x, top + 28 + len(rows) * height), width=0.6)
    return y + 30


#: The same statements in a half-year prospectus: the latest column is 2011年1-6月 (its revenue 438,919,222.84 is the
#: one a brief once called "最新的营业收入" with no period), the balances dated 2011年6月30日.
_INCOME_HALF = [("项目", "2011年1-6月", "2010年度", "2009年度"),
                ("一、营业收入", "438,919,222.84", "812,345,678.90", "654,321,098.76"),
                ("减：营业成本", "301,234,567.89", "560,987,654.32", "455,678,901.23"),
                ("二、营业利润", "98,765,432.10", "176,543,210.98", "132,109,876.54"),
                ("三、利润总额", "101,234,567.80", "180,123,456.70", "135,987,654.30"),
                ("四、净利润", "86,049,382.63", "153,104,938.20", "115,589,506.16")]
_BALANCE_HALF = [("项目", "2011年6月30日", "2010年12月31日", "2009年12月31日"), *_BALANCE[1:]]


def write_prospectus(path: Path, *, half_year: bool = False) -> Path:
    doc = pymupdf.open()
    cover = doc.new_page(width=595, height=842)
    for y, text, size in ((200, ISSUER, 20), (240, "首次公开发行股票招股意向书", 16),
                          (300, "保荐人（主承销商）：华信证券有限责任公司", 11)):
        cover.insert_text((90, y), text, fontname="china-s", fontsize=size)
    pages = [
        ("第六节 业务与技术", ["本公司主营业务为精密数控机床及其关键零部件的研发、生产和销售。",
                         "公司产品主要应用于汽车零部件、工程机械和航空航天等行业。",
                         "报告期内，公司数控机床销量持续增长，市场占有率位居国内前列。"]),
        ("第四节 风险因素", ["一、原材料价格波动风险：钢材、铸件占营业成本的比重较高。",
                         "二、应收账款回收风险：报告期末应收账款余额较大。",
                         "三、市场竞争风险：国外厂商在高端数控机床领域占据优势。"]),
    ]
    for heading, lines in pages:
        page = doc.new_page(width=595, height=842)
        page.insert_text((60, 40), f"{ISSUER} 招股意向书", fontname="china-s", fontsize=8)
        page.insert_text((60, 100), heading, fontname="china-s", fontsize=15)
        y = 140
        for line in lines:
            page.insert_text((60, y), line, fontname="china-s", fontsize=10)
            y += 24
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 40), f"{ISSUER} 招股意向书", fontname="china-s", fontsize=8)
    page.insert_text((60, 100), "第十节 财务会计信息", fontname="china-s", fontsize=15)
    y = _table(page, 130, _INCOME_HALF if half_year else _INCOME, "合并利润表", "单位：元")
    _table(page, y, _BALANCE_HALF if half_year else _BALANCE, "合并资产负债表", "单位：元")
    doc.set_metadata({"title": "Microsoft Word - 1-1 招股意向书.doc"})
    doc.save(path)
    doc.close()
    return path
