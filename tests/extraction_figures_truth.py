"""Key figures of the four real reports in ../shared/data, read by hand from their pages.

Each entry: (report, field, period asked or None, expected value or None). None as the value means
the report prints no such figure (a bank ratio in an industrial prospectus): any value written for
it is wrong. A value that is not found or flagged costs recall, never precision.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PINGAN = "cn_bank_annual_report_pingan_2024/平安银行：2024年年度报告.pdf"
SHENHUA = "cn_prospectus_dev/中国神华能源股份有限公司.PDF"
GUODIAN = "cn_prospectus_dev/国电电力发展股份有限公司.PDF"
NANLING = "cn_prospectus_dev/湖南南岭民用爆破器材股份有限公司.PDF"

KEY_FIGURES: list[tuple[str, str, str | None, float | None]] = [
    # 平安银行 2024 annual report (p.16 key figures, p.19 capital, p.127 income statement), 百万元
    (PINGAN, "营业收入", None, 146695), (PINGAN, "净利润", None, 44508),
    (PINGAN, "归属于母公司股东的净利润", None, 44508), (PINGAN, "资产总额", None, 5769270),
    (PINGAN, "每股收益", None, 2.15), (PINGAN, "净息差", None, 0.0187), (PINGAN, "不良贷款率", None, 0.0106),
    (PINGAN, "资本充足率", None, 0.1311), (PINGAN, "营业收入", "2023", 164699), (PINGAN, "净息差", "2023", 0.0238),
    # 中国神华 prospectus (p.20 summary, p.216 income statement, p.75 staff), 百万元; latest period 2007 H1
    (SHENHUA, "营业收入", None, 38331), (SHENHUA, "净利润", None, 11729), (SHENHUA, "资产总额", None, 171928),
    (SHENHUA, "每股收益", None, 0.542), (SHENHUA, "职工人数", None, 47330), (SHENHUA, "营业收入", "2006", 64240),
    (SHENHUA, "净利润", "2006", 19153), (SHENHUA, "净息差", None, None), (SHENHUA, "不良贷款率", None, None),
    # 国电电力 prospectus (p.106-108 statements at 2007-03-31, p.135 indicators for 2007 H1), 元
    (GUODIAN, "营业收入", None, 2982104636.39), (GUODIAN, "净利润", None, 414395954.16),
    (GUODIAN, "归属于母公司股东的净利润", None, 289850309.38), (GUODIAN, "资产总额", None, 43696955655.20),
    (GUODIAN, "每股收益", None, 0.24), (GUODIAN, "资本充足率", None, None),
    # 南岭民爆 prospectus (p.110 consolidated income statement, p.14 summary, p.46 staff), 元
    (NANLING, "净利润", None, 13366582.22), (NANLING, "资产总额", None, 202926550.29), (NANLING, "职工人数", None, 1439),
    (NANLING, "净息差", None, None),
]


@dataclass
class FigureScore:
    written: int = 0
    right: int = 0
    expected: int = 0
    wrong: list | None = None

    @property
    def precision(self) -> float:
        return self.right / self.written if self.written else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 0.0


def score_key_figures(shared: Path, find_figures) -> FigureScore:
    """Run ``find_figures`` over the set, one call per report and period, and score what it wrote."""
    score = FigureScore(wrong=[])
    groups: dict[tuple[str, str | None], list[tuple[str, float | None]]] = {}
    for report, field, period, value in KEY_FIGURES:
        groups.setdefault((report, period), []).append((field, value))
    for (report, period), wanted in groups.items():
        results = find_figures(shared / report, [f for f, _ in wanted], period=period)
        for (field, value), result in zip(wanted, results):
            score.expected += value is not None
            if result.status != "ok":
                continue
            score.written += 1
            if value is not None and result.value is not None and abs(result.value - value) <= 1e-9 * max(1, abs(value)):
                score.right += 1
            else:
                score.wrong.append((Path(report).name, field, period, result.value, value, result.page))
    return score
