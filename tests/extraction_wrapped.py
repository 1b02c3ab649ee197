"""Generated tables whose cells wrap, with the cells they hold: the wrapped-cell and EU-number suites.

Each page is drawn line by line with PyMuPDF (as a typesetter would: words wrapped at the column
width, a blank gap between rows), so the expected grid is known exactly: one row per logical row,
the header as one row, bullets inside their cell, the note under the table outside it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

_TERMS = ["Liquidity risk", "Credit exposure", "Operating margin", "Net interest income", "Tier 1 capital",
          "Cost of funds", "Collateral", "Provision coverage", "Deposit base", "Fee income", "Market risk",
          "Stage 2 loans", "Leverage ratio", "Duration gap", "Write-offs"]
_WORDS = ("the bank measures this figure against the approved limit and reports any breach to the risk "
          "committee within two working days while the treasury team adjusts funding and hedges where "
          "needed so that the position stays inside the appetite agreed by the board for the year").split()
_CN_TERMS = ["流动性风险", "信用风险敞口", "营业利润率", "利息净收入", "核心一级资本", "资金成本", "抵押品", "拨备覆盖率"]
_CN_TEXT = "本行按照董事会批准的限额计量该指标，如有超限须在两个工作日内向风险管理委员会报告，由资产负债部调整融资安排。"


def _wrap(text: str, width: float, size: float, cjk: bool) -> list[str]:
    """Lines of ``text`` that fit ``width`` points (words for Latin script, characters for CJK)."""
    if cjk:
        per_line = max(1, int(width // size))
        return [text[i:i + per_line] for i in range(0, len(text), per_line)]
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and pymupdf.get_text_length(candidate, fontname="helv", fontsize=size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return lines + ([current] if current else [])


@dataclass
class WrappedCase:
    """One generated page and the grid an analyst expects from it."""

    name: str
    pdf: Path
    expected: list[list[str]]
    note: str = ""
    ruled: bool = False
    columns_x: list[float] = field(default_factory=list)


def _draw_table(page, rows: list[list[str]], xs: list[float], widths: list[float], *, top: float, size: float,
                cjk: bool, gap: float, header_lines: int = 0, ruled: bool = False, bold_header: bool = True,
                right_align: set[int] = frozenset()) -> float:
    """Draw ``rows`` wrapped into their columns; returns the y below the table."""
    leading = size * 1.25
    y = top
    font = "china-s" if cjk else "helv"
    left, right = xs[0] - 4, xs[-1] + widths[-1] + 4
    if ruled:
        page.draw_line((left, y - size - 2), (right, y - size - 2), width=0.6)
    for r, row in enumerate(rows):
        wrapped = []
        for c, text in enumerate(row):
            if "\n" in text:  # bullets: one bullet item per line, each may wrap
                parts = []
                for item in text.split("\n"):
                    lines = _wrap(item[2:], widths[c] - 10, size, cjk)
                    parts.extend([("• ", lines[0])] + [("  ", ln) for ln in lines[1:]])
                wrapped.append(parts)
            else:
                wrapped.append([("", ln) for ln in _wrap(text, widths[c], size, cjk)])
        height = max(len(w) for w in wrapped)
        for c, parts in enumerate(wrapped):
            for k, (bullet, line) in enumerate(parts):
                fontname = "hebo" if (r == 0 and bold_header and not cjk) else font
                x = xs[c]
                if bullet.strip():
                    page.insert_text((x, y + k * leading), "•", fontname="china-s", fontsize=size)
                if bullet:
                    x += 10
                if c in right_align and r > 0:
                    x = xs[c] + widths[c] - pymupdf.get_text_length(line, fontname="helv", fontsize=size)
                page.insert_text((x, y + k * leading), line, fontname=fontname if line.isascii() else "china-s",
                                 fontsize=size)
        y += height * leading + gap
        if ruled:
            page.draw_line((left, y - size - 2 - gap / 2), (right, y - size - 2 - gap / 2), width=0.6)
    if ruled:
        for x in [left] + [xs[c] + widths[c] + (xs[c + 1] - xs[c] - widths[c]) / 2 for c in range(len(xs) - 1)] + [right]:
            page.draw_line((x, top - size - 2), (x, y - size - 2 - gap / 2), width=0.6)
    return y


def _bullet_as_read() -> str:
    """The bullet as the PDF's text layer gives it back (the base fonts map "•" to a middle dot)."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((50, 50), "•", fontname="china-s", fontsize=10)
    return page.get_text().strip() or "•"


def _sentence(rng: random.Random, words: int) -> str:
    start = rng.randrange(0, len(_WORDS) - words)
    text = " ".join(_WORDS[start:start + words])
    return text[0].upper() + text[1:] + "."


def wrapped_cases(folder: Path, count: int = 24, seed: int = 7) -> list[WrappedCase]:
    """``count`` generated pages: prose two-column tables (English and Chinese), definition tables,
    numeric tables under a four-line header, bulleted cells, each with a note under it on some."""
    rng = random.Random(seed)
    cases = []
    for i in range(count):
        kind = ["prose", "definitions", "header", "bullets", "cn_prose", "prose_tight"][i % 6]
        doc = pymupdf.open()
        page = doc.new_page(width=595, height=842)
        page.insert_text((60, 60), f"Table {i + 1}. Key terms and figures", fontname="hebo", fontsize=12)
        size = rng.choice([8.5, 9, 10])
        cjk = kind == "cn_prose"
        note = ""
        right_align: set[int] = set()
        if kind in ("prose", "prose_tight", "cn_prose"):
            n = rng.randint(5, 9)
            if cjk:
                header = ["项目", "内容"]
                body = [[rng.choice(_CN_TERMS), _CN_TEXT[:rng.randint(20, len(_CN_TEXT))]] for _ in range(n)]
            else:
                header = ["Item", "Description"]
                body = [[rng.choice(_TERMS), _sentence(rng, rng.randint(8, 30))] for _ in range(n)]
            xs, widths = [60, 200], [120, 320]
        elif kind == "definitions":
            n = rng.randint(5, 8)
            header = ["Term", "Definition", "Basis", "Since"]
            body = [[rng.choice(_TERMS), _sentence(rng, rng.randint(10, 25)), rng.choice(["Basel III", "IFRS 9", "Internal"]),
                     str(rng.randint(2005, 2023))] for _ in range(n)]
            xs, widths = [60, 160, 390, 470], [90, 220, 70, 50]
        elif kind == "header":
            n = rng.randint(4, 8)
            header = ["Segment", "Total operating revenue (USD m)", "Operating expenses before provisions (USD m)",
                      "Share of group revenue (%)", "Employees at year end"]
            body = [[rng.choice(_TERMS), f"{rng.randint(100, 9999):,}", f"{rng.randint(100, 9999):,}",
                     f"{rng.randint(1, 60)}.{rng.randint(0, 9)}", f"{rng.randint(50, 5000):,}"] for _ in range(n)]
            xs, widths = [60, 190, 290, 390, 480], [110, 70, 80, 70, 60]
            right_align = {1, 2, 3, 4}
        else:
            n = rng.randint(3, 5)
            header = ["Area", "Actions taken"]
            body = [[rng.choice(_TERMS), "\n".join("• " + _sentence(rng, rng.randint(5, 16)) for _ in range(rng.randint(2, 3)))]
                    for _ in range(n)]
            xs, widths = [60, 200], [120, 320]
        gap = 0.0 if kind == "prose_tight" else size * rng.choice([0.6, 0.9, 1.2])
        y = _draw_table(page, [header] + body, xs, widths, top=100, size=size, cjk=cjk, gap=gap,
                        right_align=right_align)
        if i % 2 == 0:
            note = "Source: Adapted from the bank's 2024 risk report; figures unaudited." if not cjk else \
                "资料来源：根据本行2024年风险报告整理，未经审计。"
            page.insert_text((60, y + size), note, fontname="china-s" if cjk else "helv", fontsize=size - 1)
        path = folder / f"wrapped_{i:02d}_{kind}.pdf"
        doc.save(path)
        bullet = _bullet_as_read()
        expected = [header] + [[c.replace("\n", " ").replace("•", bullet) for c in row] for row in body]
        cases.append(WrappedCase(f"{kind} {i}", path, expected, note))
    return cases


# -- numbers written the European way ------------------------------------------------------------

@dataclass
class NumberCase:
    """A page of figures in one convention, with the value each cell stands for (None: not a number)."""

    name: str
    pdf: Path
    rows: list[list[str]]
    values: list[list[float | None]]


def _eu(value: float, decimals: int, group: str, point: str) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", point).replace("\x00", group)


def eu_number_cases(folder: Path, count: int = 12, seed: int = 11) -> list[NumberCase]:
    """Tables whose amounts use "." (or "'" or a space) to group thousands and "," for decimals,
    with columns where most amounts are below 1,000 or have exactly three digits after a separator."""
    rng = random.Random(seed)
    cases = []
    styles = [(".", ","), (".", ","), ("'", "."), ("\u00a0", ","), (".", ","), (" ", ",")]
    for i in range(count):
        group, point = styles[i % len(styles)]
        doc = pymupdf.open()
        page = doc.new_page(width=595, height=842)
        page.insert_text((60, 60), f"Tabelle {i + 1}: Kennzahlen", fontname="hebo", fontsize=12)
        # Every fourth page shows no evidence of its convention (no decimals, no amount past 99,999):
        # "3.597" there must stay text, flagged, never become 3.597 or 3,597 by guess.
        bare = i % 4 == 3
        header = ["Position", "2024", "2023"] + ([] if bare else ["Anteil"])
        rows, values = [header], [[None] * len(header)]
        for r in range(rng.randint(5, 9)):
            a = rng.choice([rng.randint(1000, 99999), rng.randint(100, 999)] + ([] if bare else [rng.randint(1000000, 9999999)]))
            b = rng.randint(1000, 20000)
            share = rng.randint(1, 999) / 10
            row = [f"Posten {chr(65 + r)}", _eu(a, 0, group, point), _eu(b, 0, group, point)]
            row += [] if bare else [_eu(share, 1, group, point) + " %"]
            rows.append(row)
            values.append([None, float(a), float(b)] + ([] if bare else [share / 100]))
        total_a = sum(v[1] for v in values[1:])
        total_b = sum(v[2] for v in values[1:])
        rows.append(["Summe", _eu(total_a, 0, group, point), _eu(total_b, 0, group, point)] + ([] if bare else [""]))
        values.append([None, total_a, total_b] + ([] if bare else [None]))
        y = 100
        for row in rows:
            page.insert_text((60, y), row[0], fontname="helv", fontsize=10)
            for c, cell in enumerate(row[1:], start=1):
                width = pymupdf.get_text_length(cell, fontname="helv", fontsize=10)
                page.insert_text((220 + c * 90 - width, y), cell, fontname="helv", fontsize=10)
            y += 16
        path = folder / f"eu_numbers_{i:02d}.pdf"
        doc.save(path)
        cases.append(NumberCase(f"{group!r}/{point!r} {i}", path, rows, values))
    return cases
