"""Server-side SVG charts (pygal) for published indicators.

No JavaScript (``js=[]``), no XML declaration (the SVG goes inline in the page). Colour never
carries meaning alone: each series also has its own line style and dot shape, the legend names
them, and every chart sits beside a text summary and a data table with the same numbers.
"""

from __future__ import annotations

import re

import pygal
from pygal.style import Style

# (colour, dash pattern) per series, in the order council, England, region, neighbours.
SERIES_STYLES = (
    ("#1d70b8", None),  # the council: solid, thick
    ("#0b0c0c", "8,4"),  # England: dashed
    ("#d4351c", "2,4"),  # region: dotted
    ("#00703c", "12,4,2,4"),  # neighbours: dash-dot
)

STYLE = Style(
    background="#ffffff", plot_background="#ffffff", foreground="#0b0c0c", foreground_strong="#0b0c0c",
    foreground_subtle="#505a5f", colors=tuple(c for c, _ in SERIES_STYLES), font_family="Arial, sans-serif",
    label_font_size=12, major_label_font_size=12, legend_font_size=13, title_font_size=14, value_font_size=11,
)


def indicator_chart(comparison) -> str:
    """An inline SVG line chart of one indicator's :class:`~inspections.selectors.IndicatorComparison`."""
    chart = pygal.Line(
        js=[], disable_xml_declaration=True, style=STYLE, width=720, height=320, show_legend=True,
        legend_at_bottom=True, legend_at_bottom_columns=2, dots_size=3, allow_interruptions=True,
        x_labels=[str(y) for y in comparison.years], y_title=comparison.unit_label, explicit_size=False,
        print_values=False, show_y_guides=True, truncate_legend=-1, include_x_axis=comparison.unit == "percent",
        title=None,
    )
    for (label, values), (_, dash) in zip(comparison.series, SERIES_STYLES):
        stroke = {"width": 3 if dash is None else 2}
        if dash:
            stroke["dasharray"] = dash
        chart.add(label, [float(v) if v is not None else None for v in values], stroke_style=stroke)
    svg = chart.render(is_unicode=True)
    # pygal embeds its tooltip configuration as an inline <script> even with js=[]: not wanted
    # (no JavaScript in charts, and the page's content security policy would refuse it).
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.S)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_escape(comparison.chart_label)}" ', 1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
