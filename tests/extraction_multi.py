"""Generated business-overview pages: three tables side by side over a pie or a bar chart, printed
upright, turned on the page (content drawn at 90°/270°), or upright with a /Rotate entry.

The expected tables are the three tables and nothing else: the chart's slice, tick, value and
category labels are no table's rows.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from analyst_desk.core.pdf import new_pdf

_NAMES = [("Region", ["North", "South", "East", "West", "Central"]),
          ("Segment", ["Retail", "Corporate", "Treasury", "Other", "Leasing"]),
          ("Channel", ["Branch", "Online", "Mobile", "Agents", "Partners"])]


@dataclass
class MultiCase:
    name: str
    pdf: Path
    tables: list[list[list[str]]]


def _tables(rng: random.Random) -> list[list[list[str]]]:
    tables = []
    for head, labels in _NAMES:
        rows = [[head, "2024", "2023"]]
        for label in labels[:rng.randint(3, 5)]:
            rows.append([label, f"{rng.randint(100, 9999):,}", f"{rng.randint(100, 9999):,}"])
        tables.append(rows)
    return tables


def _draw_table(page, rows, left: float, top: float, edges: list[float], size: float = 9.0) -> float:
    y = top
    for row in rows:
        page.insert_text((left, y), row[0], fontname="helv", fontsize=size)
        for edge, text in zip(edges, row[1:]):
            page.insert_text((edge - pymupdf.get_text_length(text, fontname="helv", fontsize=size), y), text,
                             fontname="helv", fontsize=size)
        y += size * 1.7
    return y


def _pie(page, cx: float, cy: float, r: float, parts: list[tuple[str, float]]) -> None:
    """Filled slices with their labels just outside the rim."""
    start = 0.0
    for k, (name, share) in enumerate(parts):
        end = start + share * 2 * math.pi
        points = [(cx, cy)] + [(cx + r * math.cos(start + (end - start) * i / 16),
                                cy + r * math.sin(start + (end - start) * i / 16)) for i in range(17)]
        page.draw_polyline(points + [(cx, cy)], color=(1, 1, 1), fill=(0.2 + 0.2 * k, 0.4, 0.7), closePath=True)
        middle = (start + end) / 2
        page.insert_text((cx + (r + 8) * math.cos(middle) - (40 if math.cos(middle) < 0 else 0),
                          cy + (r + 8) * math.sin(middle) + 3), f"{name} {share * 100:.0f}%", fontname="helv",
                         fontsize=7)
        start = end


def _bars(page, x0: float, base: float, values: list[int], labels: list[str]) -> None:
    """Bars on an axis with tick labels left of it, values above the bars and categories under them."""
    scale = 100 / max(values)
    page.draw_line((x0, base), (x0 + 45 * len(values) + 10, base), width=0.5)
    page.draw_line((x0, base), (x0, base - 110), width=0.5)
    step = max(values) / 3
    for k in range(4):
        tick = f"{round(k * step):,}"
        width = pymupdf.get_text_length(tick, fontname="helv", fontsize=7)
        page.insert_text((x0 - 4 - width, base - k * step * scale + 2.5), tick, fontname="helv", fontsize=7)
    for i, (value, label) in enumerate(zip(values, labels)):
        left = x0 + 10 + 45 * i
        page.draw_rect(pymupdf.Rect(left, base - value * scale, left + 28, base), color=None, fill=(0.2, 0.4, 0.7))
        page.insert_text((left, base - value * scale - 3), f"{value:,}", fontname="helv", fontsize=7)
        page.insert_text((left, base + 10), label, fontname="helv", fontsize=7)


def _amount(text: str) -> int:
    return int(text.replace(",", ""))


def _landscape(tables, chart: str, gap: float) -> object:
    doc = new_pdf()
    page = doc.new_page(width=842, height=595)
    page.insert_text((60, 60), "Business overview", fontname="helv", fontsize=14)
    bottom = 0.0
    for k, rows in enumerate(tables):
        left = 60 + 260 * k
        bottom = max(bottom, _draw_table(page, rows, left, 100, [left + 140, left + 190]))
    top = bottom + gap
    for k, rows in enumerate(tables[1:] if chart == "pie" else tables[:2]):
        body = rows[1:]
        if chart == "pie":
            total = sum(_amount(r[1]) for r in body)
            _pie(page, 200 + 360 * k, top + 60, 55, [(r[0], _amount(r[1]) / total) for r in body])
        else:
            _bars(page, 120 + 360 * k, top + 120, [_amount(r[1]) for r in body], [r[0] for r in body])
    return doc


def multi_cases(folder: Path, seed: int = 3) -> list[MultiCase]:
    """Every chart × every way of printing the page, tables and chart close (a line or two apart)."""
    rng = random.Random(seed)
    cases = []
    for chart in ("pie", "bar"):
        for printed in ("upright", "turned 90", "turned 270", "/Rotate 90"):
            tables = _tables(rng)
            doc = _landscape(tables, chart, rng.choice([14.0, 22.0]))
            path = folder / f"multi_{chart}_{printed.replace(' ', '').replace('/', '')}.pdf"
            if printed.startswith("turned"):
                out = new_pdf()
                page = out.new_page(width=595, height=842)
                page.show_pdf_page(page.rect, doc, 0, rotate=int(printed.split()[1]))
                out.save(path)
            else:
                if printed == "/Rotate 90":
                    doc[0].set_rotation(90)
                doc.save(path)
            cases.append(MultiCase(f"{chart} {printed}", path, tables))
    return cases


_BROKER_TITLES = ["主要财务指标", "利润表(百万元)", "现金流量表(百万元)", "资产负债表(百万元)"]
_BROKER_ITEMS = ["营业总收入", "营业成本", "毛利率%", "营业利润", "利润总额", "所得税", "净利润", "货币资金", "存货",
                 "固定资产", "短期借款", "经营活动现金流", "投资活动现金流", "每股收益", "市盈率", "资产负债率"]


def write_broker_page(path: Path, seed: int = 9) -> list[list[list[str]]]:
    """A broker's note's last page: four forecast tables in a 2×2 layout, each headed by its name and
    the years ("利润表(百万元) | 2021 | 2022E | 2023E | 2024E"), stacked two to a column a line apart.
    Returns the tables, left column first, top to bottom."""
    rng = random.Random(seed)
    years = ["2021", "2022E", "2023E", "2024E"]
    doc = new_pdf()
    page = doc.new_page(width=595, height=842)
    tables: list[list[list[str]]] = []
    for side in range(2):
        left = 36 + 276 * side
        y = 80.0
        for k in range(2):
            rows = [[_BROKER_TITLES[2 * side + k]] + years]
            for label in rng.sample(_BROKER_ITEMS, rng.randint(5, 8)):
                rows.append([label] + [f"{rng.randint(1, 9999):,}" for _ in years])
            for row in rows:
                page.insert_text((left, y), row[0], fontname="china-s", fontsize=8)
                for c, text in enumerate(row[1:]):
                    edge = left + 140 + 36 * c
                    page.insert_text((edge - pymupdf.get_text_length(text, fontname="helv", fontsize=8), y), text,
                                     fontname="helv", fontsize=8)
                y += 12
            y += 4  # a little more than a row apart: no gap a reader would call a break
            tables.append(rows)
    doc.save(path)
    return [tables[0], tables[1], tables[2], tables[3]]
