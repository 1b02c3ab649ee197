"""A bilingual finance glossary used to expand queries, so "net interest margin" also finds 净息差.

Cross-lingual embeddings get close, but an exact term pair is what makes an English question reliably
land on the Chinese page that states the figure. Users' own terms can be added in settings (``extra``).
"""

from __future__ import annotations

import re

TERMS: list[tuple[str, str]] = [
    ("net interest margin", "净息差"), ("net interest spread", "净利差"), ("NIM", "净息差"),
    ("operating income", "营业收入"), ("operating revenue", "营业收入"), ("revenue", "营业收入"),
    ("net profit", "净利润"), ("net income", "净利润"),
    ("net profit attributable to shareholders", "归属于母公司股东的净利润"),
    ("non-performing loan ratio", "不良贷款率"), ("NPL ratio", "不良贷款率"), ("non-performing loans", "不良贷款"),
    ("provision coverage ratio", "拨备覆盖率"), ("capital adequacy ratio", "资本充足率"),
    ("core tier 1 capital adequacy ratio", "核心一级资本充足率"), ("tier 1 capital", "一级资本"),
    ("return on assets", "总资产收益率"), ("ROA", "总资产收益率"), ("return on equity", "净资产收益率"),
    ("ROE", "净资产收益率"), ("cost-to-income ratio", "成本收入比"), ("cost income ratio", "成本收入比"),
    ("total assets", "资产总额"), ("total liabilities", "负债总额"), ("shareholders' equity", "股东权益"),
    ("deposits", "吸收存款"), ("loans and advances", "发放贷款和垫款"), ("earnings per share", "每股收益"),
    ("EPS", "每股收益"), ("dividend", "分红"), ("balance sheet", "资产负债表"), ("income statement", "利润表"),
    ("cash flow statement", "现金流量表"), ("net fee and commission income", "手续费及佣金净收入"),
    ("net interest income", "利息净收入"), ("credit impairment losses", "信用减值损失"),
    ("liquidity coverage ratio", "流动性覆盖率"), ("loan-to-deposit ratio", "存贷比"),
    ("wealth management", "财富管理"), ("retail banking", "零售业务"), ("corporate banking", "对公业务"),
    ("risk management", "风险管理"), ("annual report", "年度报告"), ("operating profit", "营业利润"),
    ("total profit", "利润总额"), ("gross margin", "毛利率"), ("credit card", "信用卡"),
    # Offering documents and company reports: what English questions about Chinese filings ask.
    ("employees", "员工"), ("headcount", "员工人数"), ("staff", "员工"), ("issue price", "发行价格"),
    ("offering price", "发行价格"), ("shares issued", "发行股数"), ("proceeds", "募集资金"),
    ("controlling shareholder", "控股股东"), ("major shareholder", "控股股东"), ("installed capacity", "装机容量"),
    ("coal", "煤炭"), ("sales volume", "销售量"), ("sell", "销售量"), ("sold", "销售量"), ("production", "产量"),
    ("output", "产量"), ("forecast", "预测"), ("rating", "评级"), ("target price", "目标价"),
    ("auditor", "会计师事务所"), ("audited", "审计"), ("debt-to-asset ratio", "资产负债率"),
    ("asset-liability ratio", "资产负债率"), ("net assets per share", "每股净资产"),
    ("book value per share", "每股净资产"), ("main business", "主营业务"), ("principal business", "主营业务"),
    ("main business revenue", "主营业务收入"), ("stock exchange", "证券交易所"), ("market capitalisation", "总市值"),
    ("market capitalization", "总市值"), ("market cap", "总市值"), ("utilisation hours", "利用小时"),
    ("utilization hours", "利用小时"), ("operating cash flow", "经营活动产生的现金流量净额"), ("reserves", "储量"),
    ("exports", "出口量"), ("green loans", "绿色贷款"), ("private banking", "私行"), ("registered users", "注册用户"),
    ("risk factors", "风险因素"), ("risks", "风险"), ("net interest income", "利息净收入"),
]


def expand_query(query: str, extra: list[tuple[str, str]] | None = None) -> str:
    """Append the other language's term for every glossary term found in the query."""
    terms = translations(query, extra)
    return query if not terms else f"{query} {' '.join(terms)}"


def translations(query: str, extra: list[tuple[str, str]] | None = None) -> list[str]:
    """The other language's terms for every glossary term found in the query."""
    additions: list[str] = []
    lowered = query.lower()
    for english, chinese in TERMS + list(extra or []):
        if len(english) <= 4 and english.isupper():
            found = re.search(rf"\b{re.escape(english)}\b", query) is not None
        else:  # whole words only: "rating" is not in "operating income"
            found = re.search(rf"\b{re.escape(english.lower())}s?\b", lowered) is not None
        if found and chinese not in query and chinese not in additions:
            additions.append(chinese)
        elif chinese in query and english.lower() not in lowered and len(english) > 4 and english not in additions:
            additions.append(english)
    return additions
