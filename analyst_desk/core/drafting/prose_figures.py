"""A figure the report prints in a sentence, not a table: "2024年末，本行绿色贷款余额1,577.62亿元", "2006 年、2005 年和
2004 年，本公司的煤炭产量分别为136.6 百万吨、121.4 百万吨和101.3 百万吨".

The app reads the sentence the way an analyst does — which measure, of whom, for which period, which of the
values ``分别`` lists, which end of "由2004年末的712万千瓦增长至2006年末的918万千瓦" — so the figure an answer
states is decided here, never typed by the model. What it will not take:

- a measure qualified by a word before it ("神东矿区煤炭产量", "人均年煤炭产量" are not the company's 煤炭产量);
- another party's figure ("我国煤炭产量约为2,380百万吨", "国际竞争公司…的煤炭出口量");
- a value the measure only leads into ("煤炭出口量占总销量的比重…14.0%" is a share, not the volume);
- a value of another period than the one asked, and a value without a unit (a bare number in prose is ambiguous).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from analyst_desk.core.cjk import HAN
from analyst_desk.core.library.query_periods import target_periods

#: A figure with its unit as prose prints it: "1,577.62亿元", "0.70%", "918万千瓦", "5,831小时", "约47GW".
_UNIT = (r"%|个百分点|(?:[万亿千百十]+)?(?:元/股|元/吨|元/kwh|元/千瓦时|美元|港元|元|吨|千瓦时|千瓦|兆瓦|瓦时|户|人|名|家|个|座|台|辆|"
         r"套|倍|公里|平方米|米|亩|小时|次|笔|张|项|股)|(?:GW|MW|GWh|MWh|kWh|km)(?![A-Za-z])")
_VALUE = re.compile(r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<unit>" + _UNIT + ")", re.I)
#: What may stand between a measure and its value: "为", "达到", "约", "分别达到", "：".
_LINK = re.compile(r"(?:分别)?(?:为|是|达到|达|约为|约|近|超过|已达|共计|合计|累计|总计|了|人民币|[:：]|\s)*")
#: "由2004 年末的712 万千瓦增长至2006 年末的918 万千瓦", "从2019 年0.8 元/kwh 降低到2022 年Q1的0.39 元/kwh".
_FROM_TO = re.compile(r"^(?:由|从)(?P<p1>[^，,。；;]{0,16}?)的?(?P<v1>\d[\d,.]*(?:" + _UNIT + r"))"
                      r"(?:增长|增加|提高|提升|上升|下降|减少|降低|降|增|升)(?:至|到)(?P<p2>[^，,。；;]{0,16}?)的?"
                      r"(?P<v2>\d[\d,.]*(?:" + _UNIT + "))", re.I)
_RATIO_TERM = re.compile(r"率|比例|比重|占比|百分比|倍数|收益率|margin|ratio", re.I)
#: Whose figure a clause gives when it is not the company's own.
_OTHER_PARTY = re.compile(r"我国|全国|国内|行业|国际|世界|全球|其他|同行|竞争|可比|前十|十大|同期|省|市场")
#: The company's own figure: "本公司", "本行", or a bare "公司" ("2006年公司…", not "国际竞争公司").
_OWN_ANYWHERE = re.compile(rf"本公司|本行|本集团|发行人|我们|(?:^|[^{HAN}]|[年末底度日月])公司")
_OWN = re.compile(r"(?:本公司|公司|本行|本集团|集团|发行人|我们)(?:系统|整体|合并)?的?$")
_PERIOD = re.compile(r"(?:截至|截止|至)?\s*(?:19|20)\d{2}\s*(?:财年|年度|年)?\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日|末|底)?|"
                     r"1\s*月?\s*[-－—–~～至到]\s*\d{1,2}\s*月|第?[一二三四1-4]\s*季度|Q[1-4]|上半年|下半年|半年度|末|底)?")
#: Words of time that may stand before a measure without qualifying it ("全年平均利用小时", "目前切片代工产能").
_WHEN = re.compile(r"(?:全年|全年度|目前|当前|现有|现|报告期内|报告期末|期末|年末|年底|上半年|当年|已)$")
_RANGE_DASH = re.compile(r"^\s*[-－—–~～至到]\s*$")
_SEPARATOR = re.compile(r"^\s*(?:[、,，和及与]|以及)\s*$")


@dataclass(frozen=True)
class ProseFigure:
    """One value the app read for the asked measure in one sentence."""

    term: str
    value: str
    #: The periods the value is of, in the facts' codes ("2006", "2006-12-31"); () when the sentence names none.
    periods: tuple[str, ...]
    sentence: str
    #: True when the whole asked term was printed (not only its head, "一期总投资额" for "壶关…一期总投资额").
    whole_term: bool
    #: True when the sentence says whose figure it is (本公司, 本行, the issuer's name).
    own: bool


def normal(text: str) -> str:
    """Full-width to ASCII, and no spaces around Chinese characters ("2006 年" → "2006年", "918 万千瓦" → "918万千瓦")."""
    text = "".join(unicodedata.normalize("NFKC", ch) if len(unicodedata.normalize("NFKC", ch)) == 1 else ch
                   for ch in text)
    return re.sub(rf"\s+(?=[{HAN}%])|(?<=[{HAN}])\s+", "", text).replace("\n", "")


def figures_in(sentence: str, terms: list[str], *, issuer: str = "", context: str = "") -> list[ProseFigure]:
    """Every value ``sentence`` states for one of ``terms`` (Chinese measure names, longest first), with its period.

    ``context`` (the passage around the sentence) may name the qualifier a shortened term drops ("壶关" for
    "一期总投资额"); ``issuer`` names the company whose report it is (its name before a measure says it is its own)."""
    text = normal(sentence).split("|")[0]  # a table row's cells are the facts' to read; prose before it is not
    context = normal(context or sentence)
    found: list[ProseFigure] = []
    taken: list[tuple[int, int]] = []
    for term in terms:
        for variant, whole in _variants(term, context):
            for match in re.finditer(re.escape(variant), text):
                if any(a <= match.start() < b for a, b in taken):
                    continue
                pairs, own = _read(text, match.start(), match.end(), issuer)
                pairs = [(value, periods) for value, periods in pairs if _fits(term, value)]
                if pairs:
                    taken.append(match.span())
                    found += [ProseFigure(term, value, periods, sentence.split("|")[0].strip(), whole, own) for value, periods in pairs]
            if any(f.term == term for f in found):
                break
    return found


def _fits(term: str, value: str) -> bool:
    """A ratio is a percentage or a multiple, and a quantity is neither ("煤炭产量和发电量年均复合增长率分别达到16.1%"
    is no production volume)."""
    ratio = bool(_RATIO_TERM.search(term))
    return ratio == bool(re.search(r"(?:%|个百分点|倍)$", value))


def _variants(term: str, context: str) -> list[tuple[str, bool]]:
    """The term, then its heads of four or more characters when the words they drop are printed nearby
    ("壶关金刚线项目一期总投资额" is printed "壶关项目……一期总投资额6.66亿元")."""
    term = normal(term)
    out = [(term, True)]
    if len(term) >= 6:
        for start in range(1, len(term) - 3):
            head, dropped = term[start:], term[:start]
            pairs = {dropped[i:i + 2] for i in range(len(dropped) - 1)} or {dropped}
            if sum(p in context for p in pairs) * 2 >= len(pairs):
                out.append((head, False))
    return out


def _read(text: str, start: int, end: int, issuer: str) -> tuple[list[tuple[str, tuple[str, ...]]], bool]:
    """The (value, periods) pairs the sentence states for the measure at ``text[start:end]``, and whether it says
    the figure is the company's own; ([], …) when it states none the app can be sure of."""
    before = text[:start]
    clause = before[max(before.rfind(c) for c in "，,；;。：:") + 1:]
    own = bool(_OWN_ANYWHERE.search(clause)) or bool(issuer and _names_issuer(clause, issuer))
    if (_OTHER_PARTY.search(clause) and not own) or "其中" in clause or not _stands_alone(before, issuer):
        return [], own
    after = text[end:]
    periods = _periods_before(before)
    # The measure joined to others before one 分别 ("煤炭产量和销售量分别达到…"): the first of them is this one.
    joined = re.match(r"(?:(?:和|及|与|、|以及)[" + HAN + r"A-Za-z]{1,10}?)+(?=分别)", after)
    following = len(re.findall(r"和|及|与|、|以及", joined.group(0))) if joined else 0
    if joined:
        after = after[joined.end():]
    # …or the last ones ("煤炭产量和销售量" asked for 销售量): its place is the number of measures before it.
    place = len(re.split(r"以及|和|及|与|、", clause)) - 1 if re.search(r"(?:和|及|与|、)$", clause) else 0
    count = place + 1 + following
    if place and not after.startswith("分别"):
        return [], own  # "营业收入和净利润为…": one value for two measures
    from_to = _FROM_TO.match(re.sub(r"^(?:分别)?(?:为|是)?", "", after))
    if from_to:
        pairs = [(from_to.group("v1"), tuple(target_periods(from_to.group("p1")))),
                 (from_to.group("v2"), tuple(target_periods(from_to.group("p2"))))]
        return [(v, p) for v, p in pairs if p], own
    value = _VALUE.search(after)
    if value is None or value.start() > 12 or not _LINK.fullmatch(after[:value.start()]):
        return [], own
    if "分别" not in after[:value.start()]:
        if len(periods) > 1:
            return [], own  # several periods, one value: which one it is of is not said
        if not periods:  # "资产负债率为42.12%（以公司2005年12月31日报表计）": the period may follow in its clause
            tail = re.split(r"[，,；;。]", after[value.end():], maxsplit=1)[0]
            later = [codes for m in _PERIOD.finditer(tail) if (codes := target_periods(m.group(0)))]
            if any(c != later[0] for c in later):
                return [], own
            periods = later[:1]
        return [(value.group(0), tuple(periods[0]) if periods else ())], own
    values = [value.group(0)]
    rest = after[value.end():]
    while (nxt := re.match(r"(?:[、,，和及与]|以及)(" + _VALUE.pattern + ")", rest, re.I)):
        values.append(nxt.group(1))
        rest = rest[nxt.end():]
    if count > 1:  # one value per measure joined, in their order
        if len(values) != count or len(periods) > 1:
            return [], own
        return [(values[place], tuple(periods[0]) if periods else ())], own
    if len(periods) != len(values):
        return [], own  # one value per period, or the app cannot tell which is which
    return [(v, tuple(p)) for v, p in zip(values, periods)], own


def _stands_alone(before: str, issuer: str) -> bool:
    """The measure is not qualified by a word before it: it follows punctuation, a period, the company, or 的."""
    if not before or not re.search(rf"[{HAN}A-Za-z]$", before):
        return True
    when = _WHEN.search(before)
    if when:  # "公司全年…" stands alone, "火电全年…" does not
        return _stands_alone(before[:when.start()], issuer)
    if _OWN.search(before) or before.endswith(("的", "其", "和", "及", "、", "与")):
        return True
    if re.search(r"(?:19|20)\d{2}\s*(?:年度|年|财年)(?:\d{1,2}月\d{1,2}日|\d{1,2}月|上半年|下半年|末|底)?$", before):
        return True
    if re.search(r"\d{1,2}\s*月\s*\d{1,2}\s*日$|(?:Q[1-4]|季度)$", before):
        return True
    return bool(issuer and _names_issuer(before[-8:], issuer, at_end=True))


def _names_issuer(text: str, issuer: str, *, at_end: bool = False) -> bool:
    """The issuer's name, or its first two or more characters ("平安" of 平安银行), in ``text`` (at its end)."""
    for size in range(len(issuer), 1, -1):
        stem = issuer[:size]
        if (text.endswith(stem) if at_end else stem in text):
            return True
    return False


def _periods_before(before: str) -> list[list[str]]:
    """The periods a sentence names before its measure, in order, a range spelled out ("2004年度－2006年度" is three
    years)."""
    mentions: list[tuple[int, int, list[str]]] = []
    for match in _PERIOD.finditer(before):
        codes = target_periods(match.group(0))
        if codes:
            mentions.append((match.start(), match.end(), codes))
    periods: list[list[str]] = []
    for i, (start, end, codes) in enumerate(mentions):
        if i and _RANGE_DASH.match(before[mentions[i - 1][1]:start]) and periods:
            first = int(periods[-1][0][:4])
            last = int(codes[0][:4])
            for year in range(first + 1, last):
                periods.append([str(year), f"{year}-12-31"])
        elif i and not _SEPARATOR.match(before[mentions[i - 1][1]:start]):
            periods = []  # an earlier, unrelated period ("2006年…，2007年…"): the list starts again
        periods.append(codes)
    return periods
