"""Charts for the board report, drawn server-side as SVG with pygal.

They are printed, often in black and white: the value is a solid black line with square dots,
the target a dashed grey line, and every label is text (it stays text in the PDF). Each chart
goes with a text summary (``IndicatorProgress.summary``) for readers who cannot see it.
"""

from __future__ import annotations

import pygal
from pygal.style import Style

from .reports import IndicatorProgress, format_value

PRINT_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#b1b4b6",
    colors=("#0b0c0c", "#505a5f"),
    font_family="DejaVu Sans, sans-serif",
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=12,
    title_font_size=13,
    value_font_size=10,
    guide_stroke_color="#d8d8d8",
    guide_stroke_dasharray="1,0",
    major_guide_stroke_color="#b1b4b6",
    major_guide_stroke_dasharray="1,0",
    stroke_width=3,
    stroke_opacity="1",
    opacity="1",
    opacity_hover="1",
    transition="0s",
)


def indicator_trend_svg(progress: IndicatorProgress) -> str:
    """A 12-month line chart of an indicator's values against its target."""
    indicator = progress.indicator
    by_month = {value.month: float(value.value) for value in progress.values}
    chart = pygal.Line(
        style=PRINT_STYLE,
        width=720,
        height=260,
        js=[],
        disable_xml_declaration=True,
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        show_dots=True,
        dots_size=3.5,
        stroke_style={"width": 3},
        x_label_rotation=0,
        truncate_label=-1,
        print_values=False,
        allow_interruptions=True,
        margin=8,
        spacing=12,
        include_x_axis=indicator.unit == "percent",
        range=(0, 100) if indicator.unit == "percent" else None,
        value_formatter=lambda v: format_value(indicator, _dec(v)),
        explicit_size=True,
    )
    chart.x_labels = [f"{m:%b} {m:%y}" for m in progress.months]
    chart.add(
        "Value", [by_month.get(m) for m in progress.months],
        stroke_style={"width": 3, "linecap": "round"}, dots_size=4,
    )
    chart.add(
        f"Target {format_value(indicator, indicator.target)}", [float(indicator.target)] * len(progress.months),
        stroke_style={"width": 2, "dasharray": "9, 6"}, show_dots=False,
    )
    svg = chart.render(is_unicode=True)
    return svg


def _dec(value):
    from decimal import Decimal

    return None if value is None else Decimal(str(round(value, 2)))
