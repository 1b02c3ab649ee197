"""The periods a question names, read once: the period the question is about (``find_period``: "2024",
"2024H1", "2024Q1") and every period in the facts' own form, most specific first (``target_periods``).

"2006年度第一季度" is 2006Q1, "2010年1-6月" / "2010年1月-6月" / "2010年度1-6月" are H1 2010: the ways reports
write a period are shared with the facts' column headers (``period_words.MONTH_DASH``, ``YEAR_WORD``).
"""

from __future__ import annotations

import re

from analyst_desk.core.period_words import MONTH_DASH, YEAR_WORD, month_span

_Y2 = r"((?:19|20)?\d{2})" + YEAR_WORD


_PERIODS = [
    (re.compile(_Y2 + r"(?:上半年|半年度|中期|" + month_span(1, 6) + r"|6\s*月\s*(?:30\s*日|末))"), "H1"),
    (re.compile(_Y2 + r"(?:第?一季度|" + month_span(1, 3) + r"|Q1|3\s*月\s*(?:31\s*日|末))"), "Q1"),
    (re.compile(_Y2 + r"(?:前三季度|第?三季度|" + month_span(1, 9) + r"|Q3|9\s*月\s*(?:30\s*日|末))"), "Q3"),
    (re.compile(r"(?:H1|first half(?: of)?)\s*((?:19|20)\d{2})", re.IGNORECASE), "H1"),
    (re.compile(r"((?:19|20)\d{2})\s*H1", re.IGNORECASE), "H1"),
    (re.compile(r"Q1\s*((?:19|20)\d{2})", re.IGNORECASE), "Q1"),
    (re.compile(_Y2 + r"(?:第?四季度|" + month_span(10, 12) + r"|Q4)"), "Q4"),
    (re.compile(r"((?:19|20)\d{2})\s*(?:年度|年末|年底|年初|年)?"), ""),
    (re.compile(r"FY\s*((?:19|20)\d{2})", re.IGNORECASE), ""),
]


def find_period(text: str) -> tuple[str, list[int], list[str], str]:
    period = ""
    years = []
    written: list[str] = []
    rest = text
    for match in ENGLISH_DATE.finditer(text):  # "as of September 24, 2022": the date, no metric word
        written.append(match.group(0).strip())
        rest = rest.replace(match.group(0), " " + match.group("y") + " ")
    for pattern, suffix in _PERIODS:
        for match in pattern.finditer(text):
            year = match.group(1)
            if len(year) == 2:
                year = "20" + year
            if not 1990 <= int(year) <= 2100:
                continue
            years.append(int(year))
            if not period:
                period = year + suffix
            if match.group(0).strip() and match.group(0) in rest:
                written.append(match.group(0).strip())
            rest = rest.replace(match.group(0), " ")
    return period, sorted(set(years)), written, rest


_QUARTER = {"一": 1, "1": 1, "二": 2, "2": 2, "三": 3, "3": 3, "四": 4, "4": 4}


_ASKED_PERIOD = re.compile(
    r"((?:19|20)\d{2})\s*(?:财年|年度|年)?\s*(?:(?P<md>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日|末|底)|"
    r"(?P<range>1\s*月?\s*" + MONTH_DASH + r"\s*(?P<to>\d{1,2})\s*月)|第?(?P<q>[一二三四1-4])\s*季度|Q(?P<qe>[1-4])|"
    r"(?P<h1>上半年|半年度|中期|H1)|(?P<ye>末|底))?", re.I)


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH_NAME = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|" \
              r"Nov(?:ember)?|Dec(?:ember)?)\.?"
#: "September 24, 2022", "Jan. 31, 2023", "31 December 2022" — with the words that tie it to the question ("the
#: year ended", "as of"), which name no metric.
ENGLISH_DATE = re.compile(r"(?:\b(?:for\s+)?(?:the\s+)?(?:(?:fiscal\s+)?(?:year|quarter|period)|(?:three|six|nine|twelve)\s+months)"
                          r"\s+ended\s+|\b(?:as\s+of|as\s+at|at|on)\s+)?")
_ENGLISH_DATE = re.compile(r"\b(?:" + _MONTH_NAME + r"\s+(?P<d1>\d{1,2}),?|(?P<d2>\d{1,2})\s+" +
                           _MONTH_NAME.replace("?P<mon>", "?P<mon2>") + r")\s+(?P<y>(?:19|20)\d{2})\b", re.I)
ENGLISH_DATE = re.compile(ENGLISH_DATE.pattern + _ENGLISH_DATE.pattern, re.I)
_YEAR_SPAN = re.compile(r"(?:\bFY\s*)?((?:19|20)\d{2})\s*(?:年|年度)?\s*(?:[-—–~至到]|\bto\b|\bthrough\b|\bthru\b|\band\b)\s*"
                        r"(?:\bFY\s*|fiscal\s+)?((?:19|20)\d{2})", re.I)


def target_periods(text: str) -> list[str]:
    """Periods a question names, most specific first, in the facts' own period form.

    "2024年末" → ["2024-12-31", "2024"]; "2024年第四季度" → ["2024Q4"]; "2007年6月30日" →
    ["2007-06-30", "2007H1"]; "2007年1-6月" → ["2007H1", "2007-06-30"]; "2024年" → ["2024", "2024-12-31"];
    "2019–2021" → every year of the span.
    """
    found: list[str] = []
    for span in _YEAR_SPAN.finditer(text):
        first, last = int(span.group(1)), int(span.group(2))
        if first < last <= first + 10:
            for year in range(first, last + 1):
                found += [str(year), f"{year}-12-31"]
    dated = []
    for match in _ENGLISH_DATE.finditer(text):
        dated.append(match.span("y"))
        # "as of September 24, 2022" is that balance-sheet date; "the year ended May 31, 2022" is fiscal 2022,
        # which 10-K statements head with the year: the date first, then its year; "three/six months ended"
        # adds the quarter or half it closes.
        month = _MONTHS[(match.group("mon") or match.group("mon2"))[:3].lower()]
        day, year = int(match.group("d1") or match.group("d2")), match.group("y")
        span = re.search(r"(three|six|nine)\s+months\s+ended\s*$", text[max(0, match.start() - 30):match.start()], re.I)
        found += [f"{year}-{month:02d}-{day:02d}"]
        if span and span.group(1).lower() == "three" and month % 3 == 0:
            found += [f"{year}Q{month // 3}"]
        elif span and span.group(1).lower() == "six" and month == 6:
            found += [f"{year}H1"]
        found += [year]
    for match in _ASKED_PERIOD.finditer(text):
        year = match.group(1)
        if any(a <= match.start(1) < b for a, b in dated):
            continue  # the year of an English date, read above
        if match.group("md"):
            month = int(match.group("md"))
            day = int(match.group("d") or {3: 31, 6: 30, 9: 30, 12: 31}.get(month, 30))
            date = f"{year}-{month:02d}-{day:02d}"
            found += [date] + ({6: [f"{year}H1"], 3: [f"{year}Q1"], 9: [f"{year}9M"], 12: [year]}.get(month, []))
        elif match.group("range"):
            to = int(match.group("to"))
            found += {3: [f"{year}Q1"], 6: [f"{year}H1", f"{year}-06-30"], 9: [f"{year}9M", f"{year}-09-30"],
                      12: [year]}.get(to, [year])
        elif match.group("q") or match.group("qe"):
            quarter = _QUARTER[(match.group("q") or match.group("qe"))]
            found += [f"{year}Q{quarter}"] + ([f"{year}-03-31"] if quarter == 1 else [])
        elif match.group("h1"):
            found += [f"{year}H1", f"{year}-06-30"]
        elif match.group("ye"):
            found += [f"{year}-12-31", year]
        else:
            found += [year, f"{year}-12-31"]
    fiscal = re.findall(r"\bFY\s*((?:19|20)\d{2})\b|\bfiscal (?:year )?((?:19|20)\d{2})\b", text, re.I)
    for a, b in fiscal:
        found += [a or b]
    return list(dict.fromkeys(found))
