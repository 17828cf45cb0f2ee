"""Charts for the board report: a small hand-built SVG line chart per indicator.

They are printed, often in black and white: the value is a solid black line with square dots,
the target a dashed grey line, and every label is text (it stays text in the PDF). Each chart
goes with a text summary (``IndicatorProgress.summary``) for readers who cannot see it.

Drawn by hand rather than with pygal: a pygal chart is about 180 SVG elements with CSS of its
own, and WeasyPrint spent a third of a 20-indicator report's time drawing them; this one is about
40 plain elements (no CSS, no scripts) and draws in a few milliseconds.
"""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

from .reports import IndicatorProgress, format_value

WIDTH, HEIGHT = 720, 170
LEFT, RIGHT, TOP, BOTTOM = 58, 12, 10, 44  # plot margins: y labels left, month labels and key below
FONT = 'font-family="DejaVu Sans, sans-serif"'
INK, GREY, GUIDE = "#0b0c0c", "#505a5f", "#d8d8d8"


def _scale(indicator, numbers: list[float]) -> tuple[float, float, list[float]]:
    """The y range and its gridlines: 0-100 for percentages, else a padded range round the data."""
    if indicator.unit == "percent":
        return 0.0, 100.0, [0, 25, 50, 75, 100]
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.1
    low, high = low - pad, high + pad
    if min(numbers) >= 0:
        low = max(low, 0.0)
    step = (high - low) / 4
    return low, high, [low + step * n for n in range(5)]


def indicator_trend_svg(progress: IndicatorProgress) -> str:
    """A 12-month line chart of an indicator's values against its target, as an SVG string."""
    indicator = progress.indicator
    months = progress.months
    by_month = {value.month: float(value.value) for value in progress.values}
    target = float(indicator.target)
    low, high, ticks = _scale(indicator, [target, *by_month.values()])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(months), 1)

    def x(i: int) -> float:
        return LEFT + step * (i + 0.5)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - low) / (high - low))

    def label(v: float) -> str:
        return escape(format_value(indicator, Decimal(str(round(v, 1)))))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" {FONT} font-size="11" fill="{INK}">',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    for tick in ticks:  # horizontal guides with their values
        ty = y(tick)
        parts.append(f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" stroke="{GUIDE}" '
                     f'stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end">{label(tick)}</text>')
    base = TOP + plot_h
    parts.append(f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="{GREY}" stroke-width="1"/>')
    for i, month in enumerate(months):
        parts.append(f'<text x="{x(i):.1f}" y="{base + 15}" text-anchor="middle">{month:%b} {month:%y}</text>')

    ty = y(target)
    parts.append(f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" stroke="{GREY}" '
                 f'stroke-width="2" stroke-dasharray="9 6"/>')

    # The value line, broken where a month has no value; a square dot on every value.
    runs, run = [], []
    for i, month in enumerate(months):
        if month in by_month:
            run.append(f"{x(i):.1f},{y(by_month[month]):.1f}")
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    for points in runs:
        if len(points) > 1:
            parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{INK}" stroke-width="3" '
                         f'stroke-linejoin="round" stroke-linecap="round"/>')
    for i, month in enumerate(months):
        if month in by_month:
            parts.append(f'<rect x="{x(i) - 4:.1f}" y="{y(by_month[month]) - 4:.1f}" width="8" height="8" '
                         f'fill="{INK}"/>')

    # The key, below the month labels.
    key_y = HEIGHT - 8
    parts.append(f'<line x1="{LEFT}" y1="{key_y - 4}" x2="{LEFT + 28}" y2="{key_y - 4}" stroke="{INK}" '
                 f'stroke-width="3"/><rect x="{LEFT + 10}" y="{key_y - 8}" width="8" height="8" fill="{INK}"/>')
    parts.append(f'<text x="{LEFT + 34}" y="{key_y}">Value</text>')
    kx = LEFT + 110
    parts.append(f'<line x1="{kx}" y1="{key_y - 4}" x2="{kx + 28}" y2="{key_y - 4}" stroke="{GREY}" '
                 f'stroke-width="2" stroke-dasharray="9 6"/>')
    parts.append(f'<text x="{kx + 34}" y="{key_y}">Target {escape(format_value(indicator, indicator.target))}</text>')
    parts.append("</svg>")
    return "".join(parts)
