"""Page pairs where the second page's first table continues the first page's last table, or does not.

Real pairs come from the dev documents in ../shared/data (never the validation prospectuses), each
labelled by reading the two pages: what the second page's first table is. Generated pairs vary the
ways a statement goes on (repeated header, "(续)", no header at all, a section label first) and the
ways a new table starts (a new statement title, a heading and paragraph between, other columns).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pymupdf

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@dataclass
class JoinPair:
    name: str
    pdf: Path
    page: int  # 1-based: the first page of the pair
    continues: bool
    why: str = ""


_SHENHUA = "cn_prospectus_dev/中国神华能源股份有限公司.PDF"
_GUODIAN = "cn_prospectus_dev/国电电力发展股份有限公司.PDF"
_NANLING = "cn_prospectus_dev/湖南南岭民用爆破器材股份有限公司.PDF"
_PINGAN = "cn_bank_annual_report_pingan_2024/平安银行：2024年年度报告.pdf"
_KINGSUN = "cn_prospectus_dev2/东莞勤上光电股份有限公司.PDF"
_SEVENSTAR = "cn_prospectus_dev2/北京七星华创电子股份有限公司.PDF"
_YINXI = "cn_prospectus_dev2/广东银禧科技股份有限公司.PDF"
_LIYUAN = "cn_prospectus_dev2/武汉力源信息技术股份有限公司.PDF"

#: (document, first page, continues, what the second page holds)
REAL_PAIRS = [
    (_SHENHUA, 214, True, "合并资产负债表（续）"), (_SHENHUA, 217, True, "cash flows go on under a repeated header"),
    (_SHENHUA, 220, True, "资产负债表（续）"), (_SHENHUA, 223, True, "cash flows go on under a repeated header"),
    (_SHENHUA, 20, False, "（四）主要财务指标 after the cash-flow summary"), (_SHENHUA, 215, False, "合并利润表"),
    (_SHENHUA, 216, False, "合并现金流量表"), (_SHENHUA, 218, False, "现金流量表补充资料"),
    (_SHENHUA, 221, False, "利润表"), (_SHENHUA, 307, False, "a paragraph, then a new analysis table"),
    (_GUODIAN, 93, True, "合并资产负债表（续）"), (_GUODIAN, 99, True, "母公司资产负债表（续）"),
    (_GUODIAN, 119, True, "合并现金流量表（续）"), (_GUODIAN, 127, True, "母公司现金流量表（续）"),
    (_GUODIAN, 161, True, "a subsidiary's balance sheet, header repeated"),
    (_GUODIAN, 162, True, "a subsidiary's balance sheet, header repeated"),
    (_GUODIAN, 94, False, "合并利润表"), (_GUODIAN, 95, False, "合并现金流量表"), (_GUODIAN, 100, False, "母公司利润表"),
    (_GUODIAN, 166, False, "a paragraph, then an appraisal table"), (_GUODIAN, 173, False, "an appraisal table"),
    (_NANLING, 108, True, "资产负债表（合并）（续）"), (_NANLING, 112, True, "资产负债表（母公司）（续）"),
    (_NANLING, 109, False, "利润表（合并）"), (_NANLING, 110, False, "现金流量表（合并）"),
    (_NANLING, 127, False, "十四、发行人主要财务指标"), (_NANLING, 129, False, "十五、资产评估情况"),
    (_PINGAN, 126, True, "合并利润表(续)"), (_PINGAN, 134, True, "合并现金流量表(续)"),
    (_PINGAN, 16, True, "key figures go on with no header"), (_PINGAN, 25, True, "average balances go on with no header"),
    (_PINGAN, 123, False, "银行资产负债表"), (_PINGAN, 127, False, "银行利润表"), (_PINGAN, 34, False, "3.2.5 a new analysis"),
    (_KINGSUN, 237, True, "合并资产负债表（续）"), (_KINGSUN, 348, True, "cash-flow summary goes on, no header"),
    (_KINGSUN, 238, False, "合并利润表"), (_KINGSUN, 16, False, "（一）合并资产负债表主要数据 after the share table"),
    (_KINGSUN, 17, True, "financial indicators go on, no header"),
    (_SEVENSTAR, 131, True, "合并资产负债表（续）"), (_SEVENSTAR, 132, False, "合并利润表"),
    (_SEVENSTAR, 153, False, "主要财务指标"), (_SEVENSTAR, 165, False, "a paragraph, then 表10－2"),
    (_YINXI, 205, True, "balance sheet goes on, no header"), (_YINXI, 208, True, "cash flows go on, no header"),
    (_YINXI, 210, True, "parent income statement goes on, no header"), (_YINXI, 212, True, "cash flows go on"),
    (_LIYUAN, 204, True, "合并资产负债表(续)"), (_LIYUAN, 205, False, "合并利润表"), (_LIYUAN, 206, False, "合并现金流量表"),
]


def real_pairs() -> list[JoinPair]:
    return [JoinPair(f"{Path(doc).stem[:6]} p{page}-{page + 1}", SHARED / doc, page, continues, why)
            for doc, page, continues, why in REAL_PAIRS if (SHARED / doc).is_file()]


_ITEMS = ["货币资金", "应收账款", "预付款项", "其他应收款", "存货", "固定资产", "在建工程", "无形资产", "短期借款",
          "应付账款", "预收款项", "应付职工薪酬", "应交税费", "长期借款", "股本", "资本公积", "盈余公积", "未分配利润"]


def _rows(rng: random.Random, n: int, columns: int) -> list[list[str]]:
    return [[rng.choice(_ITEMS)] + [f"{rng.randint(1000, 999999):,}.{rng.randint(10, 99)}" for _ in range(columns - 1)]
            for _ in range(n)]


def _draw(page, rows, top: float, xs: list[float]) -> float:
    y = top
    for row in rows:
        page.insert_text((xs[0], y), row[0], fontname="china-s", fontsize=9)
        for x, cell in zip(xs[1:], row[1:]):
            font = "helv" if cell.isascii() else "china-s"
            width = pymupdf.get_text_length(cell, fontname=font, fontsize=9) if cell.isascii() else len(cell) * 9
            page.insert_text((x - width, y), cell, fontname=font, fontsize=9)
        y += 16
    return y


def generated_pairs(folder: Path, count: int = 24, seed: int = 5) -> list[JoinPair]:
    """Two-page documents: a statement running to the foot of page 1, and page 2 either going on
    (repeated header, "(续)" title, no header, a section label first) or starting something new
    (a new statement title, a heading and a paragraph, a table with other columns)."""
    rng = random.Random(seed)
    kinds = ["repeat_header", "continued_title", "headless", "section_first",
             "new_title", "heading_paragraph", "other_columns", "ends_with_paragraph"]
    pairs = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        columns = rng.choice([3, 4])
        xs = [60] + [300 + 110 * k for k in range(columns - 1)]
        header = ["项目"] + [f"{2024 - k}年12月31日" for k in range(columns - 1)]
        doc = pymupdf.open()
        page = doc.new_page(width=595, height=842)
        page.insert_text((230, 60), "合并资产负债表", fontname="china-s", fontsize=13)
        page.insert_text((420, 84), "单位：元", fontname="china-s", fontsize=9)
        y = _draw(page, [header], 110, xs)
        y = _draw(page, _rows(rng, 40, columns), y + 4, xs)
        if kind == "ends_with_paragraph":
            page.insert_text((60, y + 10), "公司管理层认为，上述资产结构与公司业务发展阶段相适应，资产质量良好。",
                             fontname="china-s", fontsize=9)
        page.insert_text((290, 820), "1-1-1", fontname="helv", fontsize=8)
        page = doc.new_page(width=595, height=842)
        top = 70
        continues = kind in ("repeat_header", "continued_title", "headless", "section_first")
        if kind == "continued_title":
            page.insert_text((220, 60), "合并资产负债表（续）", fontname="china-s", fontsize=13)
            top = 100
        if kind == "new_title":
            page.insert_text((240, 60), "合并利润表", fontname="china-s", fontsize=13)
            top = 100
        if kind == "heading_paragraph":
            page.insert_text((60, 60), "（二）流动负债分析", fontname="china-s", fontsize=11)
            page.insert_text((60, 80), "报告期各期末，公司流动负债构成如下表所示，主要为短期借款和应付账款。",
                             fontname="china-s", fontsize=9)
            top = 110
        body_columns = columns if kind != "other_columns" else columns + 2
        body_xs = xs if kind != "other_columns" else [60] + [220 + 75 * k for k in range(body_columns - 1)]
        if kind in ("repeat_header", "continued_title", "new_title", "heading_paragraph", "ends_with_paragraph"):
            top = _draw(page, [header], top, xs) + 4
        if kind == "other_columns":
            top = _draw(page, [["项目"] + [f"{k}季度" for k in range(1, body_columns)]], top, body_xs) + 4
        if kind == "section_first":
            page.insert_text((60, top), "负债：", fontname="china-s", fontsize=9)
            top += 16
        _draw(page, _rows(rng, 12, body_columns), top, body_xs)
        page.insert_text((290, 820), "1-1-2", fontname="helv", fontsize=8)
        path = folder / f"join_{i:02d}_{kind}.pdf"
        doc.save(path)
        pairs.append(JoinPair(f"{kind} {i}", path, 1, continues, kind))
    return pairs


def join_decision(pair: JoinPair) -> bool:
    """The app's decision: is the second page's first table joined to the first page's last table?"""
    from analyst_desk.core.extraction.tables import extract_tables

    tables = extract_tables(pair.pdf, [pair.page, pair.page + 1])
    return any(pair.page in t.pages and pair.page + 1 in t.pages for t in tables)
