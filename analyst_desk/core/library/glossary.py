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
    # Prospectus and annual-report fields and statement lines (English questions over Chinese reports).
    ("net profit attributable to owners of the parent", "归属于母公司所有者的净利润"),
    ("net income attributable to owners of the parent", "归属于母公司所有者的净利润"),
    ("net profit attributable to the parent", "归属于母公司所有者的净利润"),
    ("sponsor", "保荐人（主承销商）"), ("lead underwriter", "主承销商"), ("underwriter", "主承销商"),
    ("sponsor institution", "保荐机构"), ("actual controller", "实际控制人"), ("de facto controller", "实际控制人"),
    ("ultimate controller", "实际控制人"), ("legal representative", "法定代表人"), ("registered capital", "注册资本"),
    ("date of establishment", "成立日期"), ("established", "成立日期"), ("registered address", "注册地址"),
    ("domicile", "住所"), ("law firm", "律师事务所"), ("accounting firm", "会计师事务所"),
    ("board secretary", "董事会秘书"), ("secretary of the board", "董事会秘书"), ("email", "电子信箱"),
    ("listing exchange", "拟上市证券交易所"), ("stock code", "证券代码"), ("stock abbreviation", "证券简称"),
    ("number of shares issued", "发行股数"), ("shares offered", "发行股数"), ("par value", "每股面值"),
    ("EBITDA", "息税折旧摊销前利润"), ("total operating revenue", "营业总收入"), ("total operating costs", "营业总成本"), ("cost of sales", "营业成本"), ("cost of revenue", "营业成本"), ("operating costs", "营业成本"),
    ("selling expenses", "销售费用"), ("administrative expenses", "管理费用"), ("financial expenses", "财务费用"),
    ("r&d expenses", "研发费用"), ("research and development", "研发费用"), ("income tax", "所得税费用"),
    ("current assets", "流动资产合计"), ("current liabilities", "流动负债合计"), ("inventories", "存货"),
    ("inventory", "存货"), ("accounts receivable", "应收账款"), ("accounts payable", "应付账款"),
    ("cash and cash equivalents", "现金及现金等价物"), ("monetary funds", "货币资金"), ("fixed assets", "固定资产"),
    ("share capital", "股本"), ("owners' equity", "所有者权益合计"), ("total equity", "所有者权益合计"),
    ("net assets", "净资产"), ("basic earnings per share", "基本每股收益"), ("diluted earnings per share", "稀释每股收益"),
    ("weighted average return on equity", "加权平均净资产收益率"), ("weighted roe", "加权平均净资产收益率"),
    ("non-recurring gains and losses", "非经常性损益"), ("current ratio", "流动比率"), ("quick ratio", "速动比率"),
    ("inventory turnover", "存货周转率"), ("receivables turnover", "应收账款周转率"), ("asset turnover", "总资产周转率"),
    ("net profit margin", "净利率"), ("gross profit", "毛利"), ("capital expenditure", "资本性支出"),
    ("subsidiaries", "控股子公司"), ("subsidiary", "子公司"), ("top five customers", "前五名客户"),
    ("major customers", "主要客户"), ("top five suppliers", "前五名供应商"), ("suppliers", "供应商"),
    ("fundraising projects", "募集资金投资项目"), ("use of proceeds", "募集资金运用"),
    ("investment projects", "募集资金投资项目"), ("shareholders", "股东"), ("directors", "董事"),
    ("employees at year end", "员工人数"), ("main products", "主要产品"), ("core technology", "核心技术"),
    ("patents", "专利"), ("dividend policy", "股利分配政策"), ("related party transactions", "关联交易"),
    ("competitors", "竞争对手"), ("market share", "市场占有率"), ("production capacity", "产能"),
    # Balance-sheet and cash-flow lines as English questions name them.
    ("short-term borrowings", "短期借款"), ("short-term loans", "短期借款"), ("long-term borrowings", "长期借款"),
    ("long-term loans", "长期借款"), ("notes payable", "应付票据"), ("notes receivable", "应收票据"),
    ("prepayments", "预付款项"), ("advances from customers", "预收款项"), ("taxes payable", "应交税费"),
    ("construction in progress", "在建工程"), ("intangible assets", "无形资产"), ("goodwill", "商誉"),
    ("capital reserve", "资本公积"), ("surplus reserve", "盈余公积"), ("undistributed profits", "未分配利润"),
    ("retained earnings", "未分配利润"), ("investment income", "投资收益"), ("non-operating income", "营业外收入"),
    ("non-operating expenses", "营业外支出"), ("asset impairment losses", "资产减值损失"),
    ("net cash from investing activities", "投资活动产生的现金流量净额"),
    ("investing cash flow", "投资活动产生的现金流量净额"),
    ("net cash from financing activities", "筹资活动产生的现金流量净额"),
    ("financing cash flow", "筹资活动产生的现金流量净额"),
]


def translations(query: str, extra: list[tuple[str, str]] | None = None) -> list[str]:
    """The other language's terms for every glossary term found in the query."""
    additions: list[str] = []
    lowered = query.lower()
    covered: list[tuple[int, int]] = []
    # Longest English phrase first: "net profit attributable to owners of the parent" is 归属于母公司所有者的净利润,
    # and the "net profit" inside it adds nothing.
    for english, chinese in sorted(TERMS + list(extra or []), key=lambda t: -len(t[0])):
        if len(english) <= 4 and english.isupper():
            match = re.search(rf"\b{re.escape(english)}\b", query)
        else:  # whole words only: "rating" is not in "operating income"
            match = re.search(rf"\b{re.escape(english.lower())}s?\b", lowered)
        found = match is not None and not any(a <= match.start() and match.end() <= b for a, b in covered)
        if match is not None:
            covered.append(match.span())
        if found and chinese not in query and chinese not in additions:
            additions.append(chinese)
        elif chinese in query and english.lower() not in lowered and len(english) > 4 and english not in additions:
            additions.append(english)
    return additions
