"""The one chart module: server-drawn SVG line charts for web pages and board-pack PDFs.

Every chart in the service is drawn here (issue 11, item 6), in the lowest layer so every app can
use it. What it promises, for the screen and for the printed pack:

- **Text stays text**: labels are ``<text>`` elements, so they are selectable and searchable in
  the PDF and read by screen readers; the chart's sentence "in words" is its ``<title>`` and
  ``<desc>`` and its ``aria-label``.
- **CSP-safe**: no ``<script>``, no ``<style>`` element, no ``style=`` attribute: only SVG
  presentation attributes, so a page's content security policy needs nothing for it.
- **Readable in greyscale**: series differ by line style (solid, dashed, dotted, dash-dot) and
  marker shape, not by colour alone; the target is a labelled long-dash line.
- **Axis fitted to the data and the target** (not a fixed 0-100%), so value and target lines do
  not merge; **months spaced by time** with their years; **gaps shown as gaps** (the line breaks
  where a month has no value; a value alone is still a marker); an **interim trajectory** from
  the baseline to the target by its date.
"""

from __future__ import annotations

import datetime
import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape

from .months import next_month

INK, GREY, GUIDE, BACKGROUND = "#0b0c0c", "#505a5f", "#dddddd", "#ffffff"
FONT = "Arial, 'DejaVu Sans', sans-serif"

# Line styles: (dash pattern or None, stroke width, colour). Colour is a help, never the only cue.
LINES = {
    "solid": (None, 3, INK),
    "dashed": ("8 4", 2, "#1d70b8"),
    "dotted": ("2 3", 2.5, "#505a5f"),
    "dashdot": ("10 3 2 3", 2, "#6f2a2a"),
    "target": ("14 6", 2, GREY),
    "trajectory": ("4 4", 1.5, GREY),
}
MARKERS = ("square", "circle", "triangle", "diamond", "none")
# The look of the council's value against England, its region and its neighbours, in that order.
COMPARISON_STYLES = (("solid", "square"), ("dashed", "circle"), ("dotted", "triangle"), ("dashdot", "diamond"))

Number = float | int


@dataclass(frozen=True)
class Series:
    """One line: ``points`` are (date, value) pairs in date order; a value of None is a gap."""

    label: str
    points: Sequence[tuple[datetime.date, Number | None]]
    line: str = "solid"
    marker: str = "square"

    def values(self) -> list[float]:
        return [float(v) for _, v in self.points if v is not None]


@dataclass(frozen=True)
class Target:
    value: Number
    label: str  # "Target 85%"


@dataclass
class Chart:
    """A line chart over time; ``svg()`` draws it."""

    title: str
    in_words: str
    series: list[Series]
    fmt: Callable[[float], str] = field(default=lambda v: f"{v:g}")
    target: Target | None = None
    trajectory: Series | None = None
    axis: str = "month"  # "month": monthly ticks with years; "year": one tick per point, labelled by ``x_labels``
    x_labels: dict[datetime.date, str] = field(default_factory=dict)
    percent: bool = False
    width: int = 720
    height: int = 240

    def svg(self) -> str:
        return _draw(self)


def line_chart(**kwargs) -> str:
    """Shorthand for ``Chart(**kwargs).svg()``."""
    return Chart(**kwargs).svg()


def trajectory(
    *, start: datetime.date, baseline: Number, by: datetime.date, target: Number, label: str = "Trajectory to target"
) -> Series:
    """The straight path from the baseline at ``start`` to the target by ``by``."""
    return Series(label=label, points=[(start, baseline), (by, target)], line="trajectory", marker="none")


# --- Scales ----------------------------------------------------------------------------------------


def nice_ticks(low: float, high: float, *, count: int = 5, percent: bool = False) -> list[float]:
    """Round gridline values covering [low, high] (fitted to them, not to 0-100)."""
    if high < low:
        low, high = high, low
    if math.isclose(low, high):
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    if percent:
        first, last = max(first, 0.0), min(last, 100.0)
    ticks, value = [], first
    while value <= last + step / 1000:
        ticks.append(round(value, 10))
        value += step
    if len(ticks) < 2:
        ticks = [first, first + step]
    return ticks


def _month_ticks(start: datetime.date, end: datetime.date, plot_width: float, spacing: int = 56) -> list[datetime.date]:
    """First-of-month dates from ``start`` to ``end``, thinned so that labels ``spacing`` pixels
    wide do not collide (``spacing=1``: every month, for tick marks)."""
    months = []
    day = start.replace(day=1)
    if day < start:
        day = next_month(day)
    while day <= end:
        months.append(day)
        day = next_month(day)
    if not months:
        return [start.replace(day=1)]
    fits = max(int(plot_width // spacing), 1)
    for every in (1, 2, 3, 4, 6, 12, 24, 36, 60):
        if math.ceil(len(months) / every) <= fits:
            break
    if every == 1:
        return months
    # Keep quarter/half-year/year boundaries (January always, when kept).
    return [m for m in months if (m.month - 1) % min(every, 12) == 0] or months[::every]


# --- Drawing ---------------------------------------------------------------------------------------

LEFT, RIGHT, TOP = 64, 96, 12  # right margin leaves room for the target's label
KEY_ROW = 18


def _draw(chart: Chart) -> str:
    lines = [s for s in chart.series if s.values()]
    every = [*chart.series] + ([chart.trajectory] if chart.trajectory else [])
    dates = sorted({d for s in every for d, _ in s.points})
    key_items = [*chart.series, *([chart.trajectory] if chart.trajectory else [])]
    key_rows = math.ceil((len(key_items) + (1 if chart.target else 0)) / 2)
    bottom = 40 + key_rows * KEY_ROW
    width, height = chart.width, chart.height + key_rows * KEY_ROW
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - bottom
    ident = "c" + hashlib.sha1(f"{chart.title}|{chart.in_words}".encode()).hexdigest()[:10]

    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'role="img" aria-labelledby="{ident}-t {ident}-d" font-family="{FONT}" font-size="12" fill="{INK}">'
        ),
        f'<title id="{ident}-t">{escape(chart.title)}</title>',
        f'<desc id="{ident}-d">{escape(chart.in_words)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="{BACKGROUND}"/>',
    ]
    if not dates:
        out.append(f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle">No values yet</text></svg>')
        return "".join(out)

    numbers = [v for s in every for v in s.values()]
    if chart.target is not None:
        numbers.append(float(chart.target.value))
    ticks = nice_ticks(min(numbers), max(numbers), percent=chart.percent)
    low, high = ticks[0], ticks[-1]
    first, last = dates[0], dates[-1]
    span = max((last - first).days, 1)
    single = first == last

    def x(day: datetime.date) -> float:
        if single:
            return LEFT + plot_w / 2
        return LEFT + plot_w * (day - first).days / span

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / ((high - low) or 1))

    base = TOP + plot_h
    # Gridlines, the baseline and the time axis's tick marks are one path each: a printed pack has
    # many charts, and every SVG element is drawn on its own.
    grid = " ".join(f"M{LEFT} {y(tick):.1f}H{LEFT + plot_w}" for tick in ticks)
    out.append(f'<path d="{grid}" stroke="{GUIDE}" stroke-width="1" fill="none"/>')
    for tick in ticks:
        out.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{escape(chart.fmt(tick))}</text>')

    # Time axis: ticks at real dates, each labelled with its month and (on the first and on January) year.
    if chart.axis == "year":
        marks = [(d, chart.x_labels.get(d, str(d.year)), "") for d in dates]
        if len(marks) * 56 > plot_w:
            keep = math.ceil(len(marks) * 56 / plot_w)
            marks = marks[::keep]
        ticked = [day for day, _, _ in marks]
    else:
        ticked = _month_ticks(first, last, plot_w, spacing=1)
        months = _month_ticks(first, last, plot_w)
        marks = [(m, f"{m:%b}", str(m.year) if i == 0 or m.month == 1 else "") for i, m in enumerate(months)]
    axis = " ".join(f"M{x(day):.1f} {base}v4" for day in ticked)
    out.append(f'<path d="M{LEFT} {base}H{LEFT + plot_w} {axis}" stroke="{GREY}" stroke-width="1" fill="none"/>')
    for day, label, year in marks:
        tx = x(day)
        out.append(f'<text x="{tx:.1f}" y="{base + 16}" text-anchor="middle">{escape(label)}</text>')
        if year:
            out.append(f'<text x="{tx:.1f}" y="{base + 30}" text-anchor="middle" font-weight="bold">{year}</text>')

    if chart.target is not None:
        ty = y(float(chart.target.value))
        dash, stroke, colour = LINES["target"]
        out.append(
            f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{LEFT + plot_w}" y2="{ty:.1f}" stroke="{colour}" '
            f'stroke-width="{stroke}" stroke-dasharray="{dash}"/>'
        )
        out.append(f'<text x="{LEFT + plot_w + 6}" y="{ty + 4:.1f}">{escape(_short(chart.target.label, 14))}</text>')

    if chart.trajectory is not None:
        out.extend(_series(chart.trajectory, x, y))
    for series in reversed(lines):  # the first series (the council's own) is drawn last, on top
        out.extend(_series(series, x, y))

    # The key, two columns, below the axis labels.
    items = [(s.line, s.marker, s.label) for s in key_items]
    if chart.target is not None:
        items.append(("target", "none", chart.target.label))
    column_w = (width - LEFT) / 2
    for n, (line, marker, label) in enumerate(items):
        kx = LEFT + (n % 2) * column_w
        ky = base + 40 + (n // 2) * KEY_ROW
        out.append(_line_sample(line, kx, ky))
        out.append(_marker(marker, kx + 15, ky, line))
        out.append(f'<text x="{kx + 38}" y="{ky + 4}">{escape(_short(label, 48))}</text>')
    out.append("</svg>")
    return "".join(out)


def _series(series: Series, x, y) -> list[str]:
    dash, stroke, colour = LINES[series.line]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    out, run = [], []
    runs = []
    for day, value in series.points:
        if value is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append((x(day), y(float(value))))
    if run:
        runs.append(run)
    for points in runs:
        if len(points) > 1:
            joined = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            out.append(
                f'<polyline points="{joined}" fill="none" stroke="{colour}" stroke-width="{stroke}"'
                f'{dash_attr} stroke-linejoin="round"/>'
            )
    for points in runs:
        for px, py in points:
            out.append(_marker(series.marker, px, py, series.line))
    return out


def _line_sample(line: str, kx: float, ky: float) -> str:
    dash, stroke, colour = LINES[line]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{kx:.1f}" y1="{ky:.1f}" x2="{kx + 30:.1f}" y2="{ky:.1f}" stroke="{colour}" '
        f'stroke-width="{stroke}"{dash_attr}/>'
    )


def _marker(kind: str, px: float, py: float, line: str) -> str:
    colour = LINES[line][2]
    if kind == "square":
        return f'<rect x="{px - 4:.1f}" y="{py - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "circle":
        return f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4.5" fill="{BACKGROUND}" stroke="{colour}" stroke-width="2"/>'
    if kind == "triangle":
        return (
            f'<polygon points="{px:.1f},{py - 5:.1f} {px + 5:.1f},{py + 4:.1f} {px - 5:.1f},{py + 4:.1f}" '
            f'fill="{colour}"/>'
        )
    if kind == "diamond":
        return (
            f'<polygon points="{px:.1f},{py - 5:.1f} {px + 5:.1f},{py:.1f} {px:.1f},{py + 5:.1f} '
            f'{px - 5:.1f},{py:.1f}" fill="{BACKGROUND}" stroke="{colour}" stroke-width="2"/>'
        )
    return ""


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- The published-indicator comparison chart ----------------------------------------------------


def indicator_chart(comparison, *, height: int = 240) -> str:
    """A published indicator (an :class:`~inspections.selectors.IndicatorComparison`) for the council
    against England, its region and its statistical neighbours, one point per year (the board
    pack draws them shorter: ``height``)."""
    points_at = [datetime.date(int(year), 1, 1) for year in comparison.years]
    series = [
        Series(
            label=label,
            points=list(zip(points_at, [float(v) if v is not None else None for v in values])),
            line=line,
            marker=marker,
        )
        for (label, values), (line, marker) in zip(comparison.series, COMPARISON_STYLES)
    ]
    return line_chart(
        title=comparison.chart_label,
        in_words=comparison.summary,
        series=series,
        fmt=lambda v: comparison.fmt(Decimal(str(round(v, 2)))),
        axis="year",
        x_labels=dict(zip(points_at, comparison.year_labels)),
        percent=comparison.unit == "percent",
        height=height,
    )


# --- A timeline over labelled rows (inspection judgements over the years) ------------------------


def row_timeline(
    *,
    rows: Sequence[str],
    points: Sequence[tuple[datetime.date, int, str]],
    title: str,
    in_words: str,
    width: int = 760,
    css_class: str = "app-timeline-chart",
) -> str:
    """Points placed by date (x) on one of ``rows`` (y, top first), joined in date order, each
    labelled: position carries the meaning, so no colour is needed."""
    if not points:
        return ""
    left, right, top, row_h = 190, 30, 20, 50
    height = top + row_h * len(rows) + 30
    first = datetime.date(points[0][0].year, 1, 1)
    last = datetime.date(points[-1][0].year + 1, 1, 1)
    span = max((last - first).days, 1)
    ident = "t" + hashlib.sha1(f"{title}|{in_words}".encode()).hexdigest()[:10]

    def x(day: datetime.date) -> float:
        return left + (width - left - right) * (day - first).days / span

    def y(row: int) -> float:
        return top + row_h * row + row_h / 2

    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
            f'class="{escape(css_class)}" aria-labelledby="{ident}-t {ident}-d" font-family="{FONT}" fill="{INK}">'
        ),
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(in_words)}</desc>',
    ]
    for n, label in enumerate(rows):
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(n)}" y2="{y(n)}" stroke="#b1b4b6" stroke-dasharray="2 4"/>'
        )
        out.append(f'<text x="{left - 10}" y="{y(n) + 5}" text-anchor="end" font-size="14">{escape(label)}</text>')
    for year in range(first.year, last.year + 1, 2 if last.year - first.year > 10 else 1):
        xx = x(datetime.date(year, 1, 1))
        out.append(f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{top}" y2="{top + len(rows) * row_h}" stroke="#f3f2f1"/>')
        out.append(
            f'<text x="{xx:.1f}" y="{top + len(rows) * row_h + 20}" text-anchor="middle" font-size="13">{year}</text>'
        )
    placed = [(x(day), y(row), label) for day, row, label in points]
    out.append(
        '<polyline fill="none" stroke="#0b0c0c" stroke-width="2" points="'
        + " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in placed)
        + '"/>'
    )
    for i, (px, py, label) in enumerate(placed):
        out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="6" fill="#1d70b8" stroke="#0b0c0c" stroke-width="1.5"/>')
        dy = -12 if i % 2 == 0 else 22
        out.append(f'<text x="{px:.1f}" y="{py + dy:.1f}" text-anchor="middle" font-size="12">{escape(label)}</text>')
    out.append("</svg>")
    return "".join(out)
