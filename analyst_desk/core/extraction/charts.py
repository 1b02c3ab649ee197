"""Where a page draws a chart, so that its labels are not read as a table.

A pie's slice labels ("Retail 48%") and a bar chart's tick and value labels line up like table
cells; printed under or beside a table, a stream reader pulls them in as rows. A chart is known by
its marks, not its words: filled shapes that are not boxes round text (pie slices, areas: paths
with curves or three or more sides), runs of filled bars without text in them standing on one
baseline, stroked series of many slanted segments (line charts), and the small legend swatches
beside them. Lines touching those marks (axes, leader
lines, gridlines) belong to the chart too. Text touching the chart's box, or set just right of a
swatch, is the chart's.
"""

from __future__ import annotations

Box = tuple[float, float, float, float]

#: Drawings of more paths than this are a map or an illustration: not looked at (cost stays flat).
_MAX_DRAWINGS = 3000


def _white(fill) -> bool:
    return fill is None or (len(fill) >= 3 and min(fill[:3]) > 0.95)


def _contains(box: Box, points: list[tuple[float, float]]) -> int:
    return sum(1 for x, y in points if box[0] <= x <= box[2] and box[1] <= y <= box[3])


def _near(a: Box, b: Box, gap: float) -> bool:
    return a[0] - gap <= b[2] and b[0] - gap <= a[2] and a[1] - gap <= b[3] and b[1] - gap <= a[3]


def _bars(rects: list[Box], text_centres: list[tuple[float, float]]) -> list[tuple[Box, int]]:
    """Runs of filled boxes standing apart on a common baseline (vertical bars) or edge (horizontal
    bars), three or more, all as thick and not all as long, each run as one box with its count.
    Shaded table cells abut one another; bars leave a gap between them; boxes all alike (a row's
    markers) show no values, the pieces of a table's shading are of every thickness; and no text
    stands in the gaps between bars at their height (it does between the shaded pieces of a row)."""
    runs = []
    # Bottoms or tops level and spaced along x (columns, negative ones hanging down), or left or right
    # edges level and spaced along y (horizontal bars; a turned page's columns).
    for base, start, end in ((3, 0, 2), (1, 0, 2), (0, 1, 3), (2, 1, 3)):
        groups: dict[int, list[Box]] = {}
        for rect in rects:
            groups.setdefault(round(rect[base]), []).append(rect)
        for level in groups.values():
            level.sort(key=lambda r: r[start])
            for members in _runs(level, start, end):
                lengths = [r[3] - r[1] if start == 0 else r[2] - r[0] for r in members]
                widths = [r[end] - r[start] for r in members]
                if len(members) >= 3 and all(b[start] - a[end] > 1.0 for a, b in zip(members, members[1:])) \
                        and max(lengths) > 1.15 * min(lengths) and max(widths) <= 1.1 * min(widths) \
                        and not _text_between(members, start, text_centres):
                    runs.append((_union(members), len(members)))
    return runs


def chart_boxes(page, text_centres: list[tuple[float, float]]) -> tuple[list[Box], list[Box]]:
    """(chart boxes, legend swatches) drawn on ``page``; ``text_centres`` are its text lines' centres
    (a filled box holding text is a cell's or a panel's background, not a bar)."""
    try:
        drawings = page.get_drawings()
    except Exception:  # noqa: BLE001 - a page whose drawings cannot be read just has no chart found
        return [], []
    if len(drawings) > _MAX_DRAWINGS:
        return [], []
    marks: list[Box] = []
    rects: list[Box] = []
    swatches: list[Box] = []
    strokes: list[Box] = []
    for drawing in drawings:
        rect = drawing.get("rect")
        if rect is None:
            continue
        box = (rect.x0, rect.y0, rect.x1, rect.y1)
        items = drawing.get("items", [])
        if _white(drawing.get("fill")) or "f" not in drawing.get("type", ""):
            if "s" in drawing.get("type", ""):
                # A line chart's series: one stroked path of many segments, a good share slanted, round
                # little text (a frame round a table, rounded corners and all, holds the table's text).
                if len(items) >= 20 and max(rect.width, rect.height) >= 40 and _slanted(items) >= 0.2 \
                        and _contains(box, text_centres) < 4:
                    marks.append(box)
                else:
                    strokes.append(box)
            continue
        width, height = rect.width, rect.height
        if min(width, height) <= 2.5 and max(width, height) >= 20 * min(width, height):
            continue  # a rule drawn as a thin filled box (a statement's double underline under a total is 2 pt)
        if width < 2 or height < 2:
            continue
        boxy = all(item[0] in ("re", "qu") for item in items) or (
            len(items) == 4 and all(item[0] == "l" for item in items) and _axis_aligned(items))
        inside = _contains(box, text_centres)
        if not boxy:
            if inside < 4:  # a slice or an area; a rounded panel round a paragraph holds more text
                marks.append(box)
        elif inside == 0:
            (swatches if width <= 14 and height <= 14 else rects).append(box)
    # A small mark alone is an icon or a ▲ drawn beside a figure, not a chart: a chart is at least
    # 40 pt across and made of several marks (slices, bars) unless one shape is large (an area).
    # A region holding more text than a chart's labels is a table with drawn marks in it.
    charts = [c for c, count in _clusters([(m, 1) for m in marks] + _bars(rects, text_centres), 12.0)
              if max(c[2] - c[0], c[3] - c[1]) >= 40 and (count >= 2 or max(c[2] - c[0], c[3] - c[1]) >= 80)
              and _contains(c, text_centres) <= max(6, 2 * count)]
    if not charts:
        return [], []
    # Axes, gridlines and leader lines touching a chart are part of it (once: no chain across the page).
    grown = []
    for chart in charts:
        size = max(chart[2] - chart[0], chart[3] - chart[1])
        touching = [s for s in strokes if _near(s, chart, 2.0) and max(s[2] - s[0], s[3] - s[1]) <= 1.5 * size]
        grown.append(_union([chart, *touching]))
    # Legend swatches count only beside a chart (a square drawn as a bullet in a list is none).
    legend = [s for s in swatches if any(_near(s, chart, 60.0) for chart in grown)]
    return grown, legend if len(legend) >= 2 else []


def _runs(level: list[Box], start: int, end: int) -> list[list[Box]]:
    """Boxes on one baseline split where the spacing jumps: two charts side by side share a baseline."""
    if len(level) < 2:
        return [level]
    gaps = [b[start] - a[end] for a, b in zip(level, level[1:])]
    usual = sorted(gaps)[len(gaps) // 2]
    runs = [[level[0]]]
    for gap, box in zip(gaps, level[1:]):
        if gap > 2.5 * max(usual, 1.0):
            runs.append([])
        runs[-1].append(box)
    return runs


def _text_between(members: list[Box], start: int, text_centres: list[tuple[float, float]]) -> bool:
    """Text in the band every bar of the run covers (from the base to the shortest bar's end), outside the bars."""
    if start == 0:  # columns: the band runs across, from the shortest bar's top (or bottom) to the base
        band = (members[0][0], max(r[1] for r in members), members[-1][2], min(r[3] for r in members))
    else:
        band = (max(r[0] for r in members), members[0][1], min(r[2] for r in members), members[-1][3])
    return any(band[0] <= x <= band[2] and band[1] <= y <= band[3]
               and not any(r[0] <= x <= r[2] and r[1] <= y <= r[3] for r in members) for x, y in text_centres)


def _slanted(items) -> float:
    """The share of a path's segments that run neither across nor up the page (curves count as slanted)."""
    slanted = 0
    for item in items:
        if item[0] == "c":
            slanted += 1
        elif item[0] == "l":
            a, b = item[1], item[2]
            slanted += abs(a.x - b.x) > 0.01 and abs(a.y - b.y) > 0.01
    return slanted / max(len(items), 1)


def _axis_aligned(items) -> bool:
    return all(abs(a.x - b.x) < 0.5 or abs(a.y - b.y) < 0.5 for _, a, b in (item[:3] for item in items))


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _clusters(boxes: list[tuple[Box, int]], gap: float) -> list[tuple[Box, int]]:
    """Boxes within ``gap`` of each other merged, until none are; each with how many marks it holds."""
    merged = list(boxes)
    changed = True
    while changed:
        changed = False
        out: list[tuple[Box, int]] = []
        for box, count in merged:
            for k, (other, held) in enumerate(out):
                if _near(box, other, gap):
                    out[k] = (_union([box, other]), count + held)
                    changed = True
                    break
            else:
                out.append((box, count))
        merged = out
    return merged


def is_chart_text(item, charts: list[Box], swatches: list[Box]) -> bool:
    """True when a text item (with x0, x1, y0, y1) is a chart's label or a legend entry."""
    box = (item.x0, item.y0, item.x1, item.y1)
    height = max(item.y1 - item.y0, 1.0)
    for chart in charts:
        size = max(chart[2] - chart[0], chart[3] - chart[1])
        if _near(box, chart, min(max(0.12 * size, 6.0), 20.0)):
            return True
    mid = (item.y0 + item.y1) / 2
    return any(s[1] - 2 <= mid <= s[3] + 2 and 0 <= item.x0 - s[2] <= 2 * height for s in swatches)
