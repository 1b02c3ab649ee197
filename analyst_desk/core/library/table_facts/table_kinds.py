"""What kind of table a fact comes from, and whose figures it prints (the group or the parent).

Read from the words printed above the table (its title, "单位" line, section heading) and from its
row labels, never from a document's particular wording:
- a primary statement: 合并资产负债表 / 母公司利润表 / 现金流量表 …, CONSOLIDATED BALANCE SHEETS,
  (CONDENSED) CONSOLIDATED STATEMENTS OF OPERATIONS / INCOME / CASH FLOWS …;
- a key-figures summary: 主要会计数据/财务指标, 简要合并利润表, 财务摘要, Selected Financial Data,
  Financial Highlights;
- a ratio basis: a small table whose rows state one figure as a share of another (研发投入占营业收入
  的比例, "as a percentage of revenue") — it reuses the figures it divides, and is never their source;
- any other table: a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_STATEMENT = re.compile(r"(合并|母公司|公司|本行|本集团)?\s*(资产负债表|利润表|损益表|现金流量表|所有者权益变动表|股东权益变动表|"
                           r"利润及利润分配表)")
_EN_STATEMENT = re.compile(r"\b(consolidated|combined|condensed)?[\s\w]{0,30}?\b(balance\s+sheets?|statements?\s+of\s+"
                           r"(?:financial\s+position|operations|income|earnings|cash\s+flows|comprehensive\s+(?:income|loss)|"
                           r"(?:stockholders|shareholders)['’]?\s+equity))", re.I)
_SUMMARY = re.compile(r"简要|摘要|主要|概要|简明|selected|summary|highlights", re.I)
_KEY_FIGURES = re.compile(r"主要会计数据|主要财务(?:数据|指标)|主要财务信息|财务摘要|关键指标|会计数据和财务指标|"
                          r"selected\s+(?:consolidated\s+)?financial\s+data|financial\s+highlights|key\s+figures", re.I)
_RATIO_ROW = re.compile(r"占.{1,14}(?:比例|比重|%|％)|占比|as\s+a\s+(?:percentage|%)\s+of|%\s+of\s+(?:total\s+)?"
                        r"(?:net\s+)?(?:revenue|sales)", re.I)
_PARENT = re.compile(r"(?<!归属于)(?<!归属)母公司(?!股东|所有者|普通股)|parent\s+company\s+only|registrant\s+only|"
                     r"condensed\s+financial\s+information\s+of\s+(?:the\s+)?registrant", re.I)
_CONSOLIDATED = re.compile(r"合并|本集团|consolidated", re.I)
_NOTE = re.compile(r"项目注释|报表附注|财务报表注释|附注|注释|notes?\s+to\s+(?:the\s+)?(?:condensed\s+)?consolidated", re.I)
_STATEMENT_OF = {"资产负债表": "balance_sheet", "利润表": "income", "损益表": "income", "利润及利润分配表": "income",
                 "现金流量表": "cash_flow", "所有者权益变动表": "equity", "股东权益变动表": "equity"}
#: Row labels only a full statement carries, per statement (a key-figures table has one or two).
_MARKERS = {
    "balance_sheet": ("流动资产合计", "非流动资产合计", "资产总计", "流动负债合计", "负债合计", "负债和所有者权益总计",
                      "负债和股东权益总计", "total current assets", "total assets", "total current liabilities",
                      "total liabilities", "total liabilities and stockholders' equity"),
    "income": ("营业收入", "营业成本", "营业利润", "利润总额", "所得税费用", "净利润", "销售费用", "管理费用", "财务费用",
               "cost of sales", "gross margin", "gross profit", "operating income", "income before", "net income",
               "provision for income taxes"),
    "cash_flow": ("经营活动产生的现金流量净额", "投资活动产生的现金流量净额", "筹资活动产生的现金流量净额",
                  "现金及现金等价物净增加额", "net cash provided by operating activities",
                  "net cash used in investing activities", "cash, cash equivalents"),
}


@dataclass
class TableKind:
    kind: str = "note"  # statement | key_figures | note | ratio_basis
    statement: str = ""
    scope: str = ""  # consolidated | parent | ""


def scope_of(text: str) -> str:
    """"parent" when ``text`` names the company alone (母公司, Parent Company Only), "consolidated"
    when it names the group (合并, 本集团, Consolidated), else ""."""
    if _PARENT.search(text or ""):
        return "parent"
    if _CONSOLIDATED.search(text or ""):
        return "consolidated"
    return ""


def _statement_named(heading: str) -> tuple[str, str] | None:
    """(statement, scope word) of a statement title in ``heading``, or None."""
    match = _CN_STATEMENT.search(heading)
    if match:
        return _STATEMENT_OF[match.group(2)], match.group(1) or ""
    match = _EN_STATEMENT.search(heading)
    if match:
        name = match.group(2).lower()
        statement = ("balance_sheet" if "balance" in name or "financial position" in name else
                     "cash_flow" if "cash" in name else "equity" if "equity" in name else "income")
        return statement, match.group(1) or ""
    return None


def _clean(label: str) -> str:
    return re.sub(r"^[一二三四五六七八九十\d]+[、.．]|^其中[:：]|^加[:：]|^减[:：]|[\s：:（(].*$", "",
                  re.sub(r"\s+", " ", label or "").strip()).lower()


def classify(heading: str, labels: list[str]) -> TableKind:
    """The kind, statement and scope of a table from the lines above it (``heading``) and its row labels."""
    heading = heading or ""
    scope = scope_of(heading)
    ratio_rows = [lab for lab in labels if _RATIO_ROW.search(lab or "")]
    if (ratio_rows and len(labels) <= 8) or (_RATIO_ROW.search(heading) and len(labels) <= 8):
        return TableKind("ratio_basis", "", scope)
    if _KEY_FIGURES.search(heading):
        return TableKind("key_figures", "", scope or "consolidated")
    if _NOTE.search(heading):
        return TableKind("note", "", scope)  # "合并财务报表项目注释": a note about a statement's line
    named = _statement_named(heading)
    if named is not None:
        statement, word = named
        if _SUMMARY.search(heading):
            return TableKind("key_figures", statement, scope or "consolidated")
        return TableKind("statement", statement, scope or scope_of(word) or "consolidated")
    clean = {_clean(lab) for lab in labels}
    for statement, markers in _MARKERS.items():
        hits = sum(1 for m in markers if any(c == m or (len(m) > 12 and c.startswith(m)) for c in clean))
        if hits >= 4 and len(labels) >= 10:
            return TableKind("statement", statement, scope or "consolidated")
    return TableKind("note", "", scope)
