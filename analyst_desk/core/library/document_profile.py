"""Which company a document is about, what kind of report it is and which period it covers — read from
its pages, because file metadata is often wrong (a prospectus whose PDF title names another company,
"Microsoft Word - 1-1 招股意向书.doc").

Rules, each chosen on the team's dev documents and written to hold for reports in general:
- an SEC filing (10-K, 10-Q, 8-K) is read from its cover page, where every filing states the same
  things the same way: the form ("FORM 10-K"), the registrant (the line above "(Exact name of
  registrant as specified in its charter)"), the period ("For the fiscal year ended May 31, 2022",
  "For the quarterly period ended June 30, 2023") and the trading symbol;
- a prospectus's or annual report's labelled fields (发行人名称/公司名称, 英文名称, 证券简称, 证券代码)
  name the issuer when the first pages print them (``library.labelled_fields``);
- otherwise the issuer is the company name that opens lines on the first pages (cover, running head) most often,
  never one introduced as sponsor, underwriter, auditor or lawyer; a research note's issuer is the
  company quoted with its stock code ("高测股份(688556.SH)"), not the broker that wrote it;
- report type: the earliest report-type phrase in the title and first two pages;
- period: a periodic report's own period from its title ("2024 年年度报告" → 2024, even when page 2
  mentions "2024年中期" dividends); a prospectus's latest reporting period from the statement column
  headers it repeats ("2007年1-6月" → 2007H1); otherwise the year of the report's date.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from analyst_desk.core.cjk import HAN

_LEGAL_SUFFIX = re.compile(r"(股份有限公司|有限责任公司|有限公司)$")
_NAME = re.compile(rf"^[\s　]*([{HAN}（）()]{{2,24}}?(?:股份有限公司|有限责任公司|有限公司))")
_COVER_NAME = re.compile(rf"^[\s　]*([{HAN}]{{2,12}}(?:银行|证券|保险|集团))[\s　]*$")
_STOCK_NAME = re.compile(rf"([{HAN}]{{2,8}})\s*[（(]\s*\d{{6}}(?:\.S[HZ])?\s*[）)]")
_SHORT_NAME = re.compile(rf"(?:股票简称|证券简称|A股简称)\s*[:：]\s*([{HAN}A-Z]{{2,8}})")
_ENGLISH_NAME = re.compile(r"([A-Z][A-Za-z&.\-]*(?:\s+[A-Z][A-Za-z&.\-]*){1,7}\s*"
                           r"(?:Co\.,\s*Ltd\.?|Co\.,\s*LTD\.?|Company Limited|Corporation|Limited|Inc\.))")
_NOT_ISSUER_CONTEXT = ("保荐", "承销", "会计师", "律师", "评估", "财务顾问", "审计")
_REPORT_TYPES = [
    ("interim_report", ("半年度报告", "中期报告", "第一季度报告", "第三季度报告", "季度报告", "Interim Report")),
    ("annual_report", ("年度报告", "年报", "Annual Report", "ANNUAL REPORT")),
    ("prospectus", ("招股说明书", "招股意向书", "募集说明书", "Prospectus", "PROSPECTUS")),
    ("research", ("证券研究报告", "研究报告", "公司点评", "公司研究", "行业研究", "投资评级", "Research")),
    ("meeting", ("会议纪要", "Minutes")),
    ("memo", ("备忘录", "Memo")),
    ("policy", ("管理办法", "通知", "办法", "规定", "指引")),
]
#: SEC forms, read from a filing's cover page (they are report types of their own).
SEC_FORMS = ("10-K", "10-Q", "8-K", "20-F", "6-K")
#: Every report type a document can have ("document": none recognised).
REPORT_TYPES = tuple(kind for kind, _ in _REPORT_TYPES) + SEC_FORMS + ("earnings_release", "document",)
_TYPE_PATTERN = re.compile("|".join(re.escape(w) for w in sorted(
    (w for _, words in _REPORT_TYPES for w in words), key=len, reverse=True)))
_TYPE_OF = {w: kind for kind, words in _REPORT_TYPES for w in words}
_YEAR = r"((?:19|20)\d{2})\s*年?\s*"
_TITLE_PERIOD = [
    (re.compile(_YEAR + r"(?:半年度报告|中期报告)"), "H1"), (re.compile(_YEAR + r"第一季度报告"), "Q1"),
    (re.compile(_YEAR + r"第三季度报告"), "Q3"), (re.compile(_YEAR + r"(?:年度报告|年报)"), ""),
    (re.compile(r"(?:Annual Report|ANNUAL REPORT)\s*((?:19|20)\d{2})"), ""),
    (re.compile(r"((?:19|20)\d{2})\s*(?:Annual Report|ANNUAL REPORT)"), ""),
    (re.compile(r"((?:19|20)\d{2})\s*(?:Interim Report|INTERIM REPORT)"), "H1"),
]
# Statement column headers of a prospectus: "2007年1-6月", "2007年6月30日", "2006年12月31日" … A full
# year counts by its balance-sheet date only: "2007年度全年预算净利润" in a later chapter is a plan.
_COLUMN_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年\s*(1\s*[-—–~至]\s*6\s*月|上半年|6\s*月\s*30\s*日|中期|"
                            r"1\s*[-—–~至]\s*3\s*月|第一季度|3\s*月\s*31\s*日|1\s*[-—–~至]\s*9\s*月|9\s*月\s*30\s*日|"
                            r"12\s*月\s*31\s*日)")
_DOTTED_DATE = re.compile(r"((?:19|20)\d{2})[.\-/](0?[369]|12)[.\-/](30|31)(?!\d)")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}")
_REGIONS = ("中国", "北京", "上海", "天津", "重庆", "广东", "广西", "湖南", "湖北", "河南", "河北", "山东", "山西",
            "江苏", "浙江", "安徽", "福建", "江西", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "辽宁", "吉林",
            "黑龙江", "内蒙古", "宁夏", "新疆", "西藏", "海南", "深圳", "青岛", "大连", "厦门", "宁波")
_GENERIC = {"中国", "银行", "电力", "能源", "发展", "股份", "科技", "集团", "控股", "实业", "国际", "投资", "证券",
            "保险", "工业", "民用", "有限", "公司", "信托", "基金", "资本", "产业", "技术"}
_GENERIC_TAIL = ("发展", "能源", "科技", "控股", "实业", "集团", "股份", "国际", "投资", "技术", "产业")


@dataclass
class DocumentProfile:
    """What a document is: its issuer (legal name as printed), report type and period.

    ``period`` is "2024", "2024H1", "2023Q2" … (a 10-K's fiscal year is named by the calendar year
    it ends in: Oracle's year ended May 31, 2022 is "2022"); ``period_end`` the date it ends
    ("2022-05-31"); ``fiscal_year_end`` "MM-DD" when a filing states its fiscal year end.
    ``short_name`` (证券简称, 中国神华) and ``ticker`` (证券代码 600795, ORCL) resolve questions that
    name the company that way; ``form`` is the SEC form ("10-K") for filings, else "".
    """

    issuer: str = ""
    report_type: str = "document"
    period: str = ""
    issuer_en: str = ""
    short_name: str = ""
    ticker: str = ""
    form: str = ""
    period_end: str = ""
    fiscal_year_end: str = ""
    currency: str = ""

    def aliases(self) -> list[str]:
        """Names a question may use for the issuer (full, without suffix, without region, short)."""
        names = issuer_aliases(self.issuer, self.issuer_en)
        for extra in (self.short_name, self.ticker):
            if extra and extra not in names:
                names.append(extra)
        return names


def read_profile(pages: list[str], title: str = "", file_stem: str = "") -> DocumentProfile:
    """Profile from the text of a document's pages (all pages; only the first ones are read for names)."""
    sec = _sec_cover(pages[:3]) or _earnings_release(pages[:1])
    if sec is not None:
        return sec
    head_pages = pages[:10]
    name_text = f"{title}\n{file_stem}"
    report_type = _report_type(name_text + "\n" + "\n".join(pages[:2]))
    fields = _labelled(pages, report_type)
    issuer = _issuer_field(fields) or _issuer(head_pages, report_type)
    issuer_en = _english_field(fields) or _issuer_en("\n".join(head_pages))
    period = _period(pages, name_text, report_type)
    short = fields.get("证券简称")
    code = fields.get("证券代码")
    return DocumentProfile(issuer=issuer, report_type=report_type, period=period, issuer_en=issuer_en,
                           short_name=_short_name(short.value if short else "", pages[:3], issuer),
                           ticker=_code(code.value) if code else "", currency="CNY" if issuer else "")


def document_fields(pages: list[str], *, doc_id: str = "") -> list:
    """The profile fields of a document (``ProfileField`` list, page order): the labelled fields of a
    prospectus or annual report, or an SEC filing's cover (registrant as 发行人/英文名称, trading symbol
    as 证券代码) — what questions about the company's names, parties and offering are answered from."""
    from analyst_desk.core.library.labelled_fields import ProfileField, read_fields

    sec = _sec_cover(pages[:3])
    if sec is None:
        return read_fields(pages, doc_id=doc_id)
    found = [ProfileField(doc_id, "发行人", sec.issuer, 1, "Exact name of registrant as specified in its charter"),
             ProfileField(doc_id, "英文名称", sec.issuer, 1, "Exact name of registrant as specified in its charter")]
    if sec.ticker:
        found.append(ProfileField(doc_id, "证券代码", sec.ticker, 1, "Trading Symbol(s)"))
    from analyst_desk.core.library.sec_cover_fields import cover_fields

    for number, text in enumerate(pages[:3], start=1):
        boxes = cover_fields(text or "", doc_id=doc_id, page=number)
        if boxes:
            found += [b for b in boxes if all(f.name != b.name for f in found)]
            break
    return found


def _labelled(pages: list[str], report_type: str) -> dict:
    """The labelled profile fields of a prospectus or annual report (name → ``ProfileField``)."""
    if report_type not in ("prospectus", "annual_report", "interim_report", "document"):
        return {}
    from analyst_desk.core.library.labelled_fields import read_fields

    return {f.name: f for f in read_fields(pages, max_pages=60)}


def _issuer_field(fields: dict) -> str:
    field = fields.get("发行人")
    value = field.value.strip() if field else ""
    return value if _LEGAL_SUFFIX.search(value) or re.search(r"银行|集团|公司$", value) else ""


def _english_field(fields: dict) -> str:
    field = fields.get("英文名称")
    value = field.value.strip() if field else ""
    return value if re.search(r"[A-Za-z]{3}", value) and not re.search(f"[{HAN}]", value) else ""


def _short_name(printed: str, head: list[str], issuer: str) -> str:
    """证券简称 as printed, else the running head's short form ("七星电子首次公开发行股票招股意向书" → 七星电子)."""
    value = re.split(r"[\s,，；;（(]", printed.strip())[0] if printed else ""
    if 2 <= len(value) <= 8 and re.fullmatch(f"[{HAN}A-Z0-9]+", value):
        return value
    for page in head[1:3]:
        for match in re.finditer(rf"^\s*([{HAN}]{{2,6}}?)(?:首次公开发行|公开发行|招股|非公开发行|\s*\d{{4}}\s*年)", page, re.M):
            short = match.group(1)
            # A running head's short form is made of the issuer's own characters (七星电子 of 北京七星华创电子).
            if issuer and short != issuer and not short.endswith("公司") and all(ch in issuer for ch in short):
                return short
    return ""


def _code(printed: str) -> str:
    match = re.search(r"\b(\d{6})\b", printed)
    return match.group(1) if match else ""


# -- SEC filings: the cover page -----------------------------------------------------------------
_SEC_HEADER = re.compile(r"SECURITIES\s+AND\s+EXCHANGE\s+COMMISSION", re.I)
_SEC_FORM = re.compile(r"^\s*FORM[\s\xa0]*(10-K|10-Q|8-K|20-F|6-K)\b", re.M | re.I)
_REGISTRANT = re.compile(r"\(\s*Exact\s+name\s+of\s+(?:the\s+)?registrant\s+as\s+specified\s+in\s+its\s+charter\s*\)",
                         re.I)
_MONTH = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                          "dec"))}
_DATE_TEXT = r"((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)\s+(\d{1,2}),?\s*((?:19|20)\d{2})"
_FISCAL_YEAR = re.compile(r"for\s+the\s+fiscal\s+year\s+ended:?\s*" + _DATE_TEXT, re.I)
_QUARTER = re.compile(r"for\s+the\s+quarterly\s+period\s+ended:?\s*" + _DATE_TEXT, re.I)
_EVENT = re.compile(r"Date\s+of\s+Report\s*\(Date\s+of\s+earliest\s+event\s+reported\)\s*:?\s*" + _DATE_TEXT, re.I)
_EVENT_BEFORE = re.compile(_DATE_TEXT + r"\s*\n\s*\(?Date\s+of\s+Report", re.I)
_FISCAL_END = re.compile(r"fiscal\s+year\s+(?:end(?:s|ing|ed)?|closes?)\s*(?:on\s+)?((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
                         r"nov|dec)[a-z]*)\s+(\d{1,2})", re.I)


def _sec_cover(head: list[str]) -> DocumentProfile | None:
    """Profile of an SEC filing from its cover page, or None when ``head`` holds no SEC cover."""
    text = "\n".join(head)
    if not _SEC_HEADER.search(text):
        return None
    form_match = _SEC_FORM.search(text)
    registrant = _registrant(text)
    if form_match is None or not registrant:
        return None
    form = form_match.group(1).upper()
    period, period_end, fiscal_end = "", "", ""
    year_match = _FISCAL_YEAR.search(text)
    quarter_match = _QUARTER.search(text)
    if form in ("10-K", "20-F") and year_match:
        month, day, year = _date(year_match)
        period_end = f"{year}-{month:02d}-{day:02d}"
        fiscal_end = f"{month:02d}-{day:02d}"
        period = str(_fiscal_year(month, day, year, text))
    elif form == "10-Q" and quarter_match:
        month, day, year = _date(quarter_match)
        period_end = f"{year}-{month:02d}-{day:02d}"
        stated = _FISCAL_END.search(text)
        fiscal_end = f"{_MONTH[stated.group(1)[:3].lower()]:02d}-{int(stated.group(2)):02d}" if stated else ""
        period = _quarter(month, day, year, fiscal_end)
    else:
        event = _EVENT.search(text) or _EVENT_BEFORE.search(text)
        if event:
            month, day, year = _date(event)
            period_end, period = f"{year}-{month:02d}-{day:02d}", str(year)
    return DocumentProfile(issuer=registrant, report_type=form, period=period, issuer_en=registrant,
                           ticker=_ticker(text), form=form, period_end=period_end,
                           fiscal_year_end="" if fiscal_end == "12-31" else fiscal_end, currency="USD")


_HEADLINE = re.compile(r"^\s*(?P<name>[A-Z][\w.&,'’ -]{1,60}?)\s+(?:Reports|Announces|Posts|Delivers)\s+(?P<what>[^\n]{0,80}?"
                       r"(?:Quarter|Year)[^\n]{0,60}?)\s+(?:Financial\s+)?(?:Results|Earnings)", re.M)
_QUARTER_WORD = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _earnings_release(head: list[str]) -> DocumentProfile | None:
    """An earnings release from its headline ("Contoso Reports Fourth Quarter and Fiscal 2023
    Results"): the company that reports, and the period it reports on; None for anything else."""
    match = _HEADLINE.search("\n".join(head)[:3000])
    if match is None:
        return None
    what = match.group("what")
    year = re.search(r"(?:19|20)\d{2}", what)
    quarter = re.search(r"\b(first|second|third|fourth)\s+quarter", what, re.I)
    full_year = re.search(r"full[\s-]+year|fiscal\s+(?:year\s+)?(?:19|20)\d{2}\b(?!\s+(?:first|second|third|fourth))|annual",
                          what, re.I)
    period = ""
    if year:
        period = year.group() if full_year or not quarter else f"{year.group()}Q{_QUARTER_WORD[quarter.group(1).lower()]}"
    name = match.group("name").strip(" ,")
    return DocumentProfile(issuer=name, report_type="earnings_release", period=period, issuer_en=name, currency="USD")


def _registrant(text: str) -> str:
    """The line printed above "(Exact name of registrant as specified in its charter)"."""
    match = _REGISTRANT.search(text)
    if not match:
        return ""
    before = [line.strip() for line in text[:match.start()].splitlines() if line.strip()]
    for line in reversed(before[-3:]):
        if re.search(r"[A-Za-z]", line) and not re.search(r"commission\s+file|^\d", line, re.I):
            return re.sub(r"\s+", " ", line).strip(" ,")
    return ""


def _date(match) -> tuple[int, int, int]:
    return _MONTH[match.group(1)[:3].lower()], int(match.group(2)), int(match.group(3))


def _fiscal_year(month: int, day: int, year: int, text: str) -> int:
    """The fiscal year a 10-K covers, named as the filer names it: by the year it ends in, unless a
    year ending in January or early February is called by the year before ("fiscal 2022" ended
    January 28, 2023) — the cover or the filing's first pages say which."""
    if month == 1 and day <= 7:
        year -= 1  # a 52/53-week year ending in the first days of January closes the previous year
    elif month <= 2:
        earlier = len(re.findall(rf"fiscal\s+(?:year\s+)?{year - 1}\b", text, re.I))
        later = len(re.findall(rf"fiscal\s+(?:year\s+)?{year}\b", text, re.I))
        if earlier > later:
            return year - 1
    return year


def _quarter(month: int, day: int, year: int, fiscal_end: str) -> str:
    """"2023Q2" for a quarter ending on this date, counted from the fiscal year end when the filing
    states one (Oracle's quarter ended August 31, 2022 is 2023Q1), else calendar quarters."""
    if day <= 7:  # 52/53-week quarters that end in the first days of a month close the month before
        month, year = (month - 1, year) if month > 1 else (12, year - 1)
    end_month = int((fiscal_end or "12-31").split("-")[0])
    quarter = ((month - end_month) % 12 + 2) // 3 or 4
    return f"{year if month <= end_month else year + 1}Q{quarter}"


def _ticker(text: str) -> str:
    """The trading symbol printed under "Trading Symbol(s)" on the cover (first one)."""
    match = re.search(r"Trading\s+Symbol\(?s?\)?", text, re.I)
    if not match:
        return ""
    for line in text[match.end():match.end() + 600].splitlines():
        token = line.strip()
        if re.fullmatch(r"[A-Z]{1,5}(?:\.[A-Z])?", token) and token not in {"NO", "YES", "LLC", "N/A", "NYSE"}:
            return token
    return ""


def _report_type(text: str) -> str:
    match = _TYPE_PATTERN.search(text)
    return _TYPE_OF[match.group()] if match else "document"


def _issuer(pages: list[str], report_type: str) -> str:
    text = "\n".join(pages)
    if report_type == "research":
        quoted = Counter(m.group(1) for m in _STOCK_NAME.finditer(text))
        if quoted:
            return quoted.most_common(1)[0][0]
    scores: Counter[str] = Counter()
    for number, page in enumerate(pages):
        for line in page.splitlines():
            if any(word in line for word in _NOT_ISSUER_CONTEXT):
                continue
            match = _NAME.match(line) or _COVER_NAME.match(line)
            if match:
                name = match.group(1).strip("（）()")
                if report_type in ("prospectus", "research") and "证券" in name:
                    continue  # the broker that wrote or sold it, not the company it is about
                scores[name] += 3 if number == 0 else 1
    if not scores:
        short = _SHORT_NAME.search(text)
        return short.group(1) if short else ""
    best = scores.most_common(1)[0][0]
    # Prefer the legal name when the cover line is its short form ("平安银行" above "平安银行股份有限公司").
    longer = [n for n in scores if n != best and n.startswith(best) and _LEGAL_SUFFIX.search(n)]
    return max(longer, key=lambda n: scores[n]) if longer else best


def _issuer_en(text: str) -> str:
    match = _ENGLISH_NAME.search(text)
    return match.group(1).strip() if match else ""


def _period(pages: list[str], name_text: str, report_type: str) -> str:
    head = name_text + "\n" + "\n".join(pages[:2])
    if report_type in ("annual_report", "interim_report", "document"):
        found = []
        for pattern, suffix in _TITLE_PERIOD:
            match = pattern.search(head)
            if match:
                found.append((match.start(), match.group(1) + suffix))
        if found:
            return min(found)[1]
    if report_type == "prospectus":
        counts: Counter[tuple[int, int]] = Counter()
        for page in pages:
            for match in _COLUMN_PERIOD.finditer(page):
                counts[(int(match.group(1)), _part_rank(match.group(2)))] += 1
            for match in _DOTTED_DATE.finditer(page):
                counts[(int(match.group(1)), _part_rank(f"{int(match.group(2))}月{int(match.group(3))}日"))] += 1
        top = max(counts.values(), default=0)
        # The latest period the statements repeat; a plan for "2010年12月31日" mentioned a few times is not one.
        common = [key for key, n in counts.items() if n >= max(3, top * 0.12)]
        if common:
            year, rank = max(common)
            return f"{year}{_PART_NAME[rank]}"
    dates = [int(m.group(1)) for m in _DATE.finditer(head)]
    if dates:
        return str(dates[0])
    years = re.findall(r"((?:19|20)\d{2})\s*年", head)
    return years[0] if years else ""


_PART_NAME = {1: "Q1", 2: "H1", 3: "Q3", 4: ""}


def _part_rank(part: str) -> int:
    part = re.sub(r"\s", "", part)
    if part == "12月31日":
        return 4
    if re.match(r"1[-—–~至]9月|9月30日", part):
        return 3
    if re.match(r"1[-—–~至]3月|第一季度|3月31日", part):
        return 1
    return 2


def issuer_aliases(issuer: str, issuer_en: str = "") -> list[str]:
    """Forms of the issuer's name a question may use, longest first.

    平安银行股份有限公司 → 平安银行, 平安; 湖南南岭民用爆破器材股份有限公司 → …, 南岭民用爆破器材, 南岭;
    China Shenhua Energy Company Limited → China Shenhua Energy, Shenhua Energy, Shenhua.
    """
    aliases: list[str] = []

    def add(name: str) -> None:
        name = name.strip()
        if len(name) >= 2 and name not in _GENERIC and name not in aliases:
            aliases.append(name)

    if issuer:
        add(issuer)
        core = _LEGAL_SUFFIX.sub("", issuer)
        add(core)
        local = next((core[len(r):] for r in _REGIONS if core.startswith(r) and len(core) - len(r) >= 2), core)
        add(local)
        trimmed = local
        while len(trimmed) > 4 and trimmed.endswith(_GENERIC_TAIL):
            trimmed = trimmed[:-2]
            add(trimmed)
        if len(local) >= 4 and re.fullmatch(r"[" + HAN + r"]{2}", local[:2]):
            add(local[:2])  # 平安银行 → 平安; never "Ap" for Apple Inc. or "IN" for INTEL (the word "in")
    if issuer_en:
        core_en = re.sub(r"[\s,]*(Co\.,?\s*Ltd\.?|Company Limited|Corporation|Limited|Inc\.)\s*$", "", issuer_en,
                         flags=re.IGNORECASE).strip(" ,.")
        add(core_en)
        words = core_en.split()
        if words and words[0] in ("China", "Hunan", "Beijing", "Shanghai", "Guangdong", "Shenzhen") and len(words) > 1:
            words = words[1:]
            add(" ".join(words))
        if len(words) > 1 and len(words[0]) >= 5:
            add(words[0])
    return sorted(aliases, key=len, reverse=True)


def pinyin_aliases(issuer: str) -> list[list[str]]:
    """Romanised short names as syllables (平安 → ["ping", "an"], 国电 → ["guo", "dian"]): English
    questions name Chinese issuers this way ("Guodian Power", "Gaoce", "Ping An Bank")."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pragma: no cover - a dependency; without it English names simply do not match
        return []
    found = []
    for alias in issuer_aliases(issuer):
        if re.fullmatch(f"[{HAN}]{{2,4}}", alias):
            syllables = lazy_pinyin(alias)
            if syllables not in found:
                found.append(syllables)
    return found
