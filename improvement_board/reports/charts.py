"""The board pack's charts: each plan indicator over the pack's trend window, and each published
indicator against England, the region and the neighbours, drawn by the one chart module (:mod:`actions.charts` on :mod:`inspections.charts`). Every label is text
(it stays text in the PDF), and each chart carries its sentence in words (``summary``)."""

from __future__ import annotations

import base64

from actions import charts
from inspections import charts as inspection_charts

from .progress import IndicatorProgress


def indicator_trend_svg(progress: IndicatorProgress, *, plan_start=None) -> str:
    """The trend-window line chart of an indicator's values against its target, as an SVG string."""
    indicator = progress.indicator
    return charts.plan_indicator_chart(
        indicator,
        progress.values,
        in_words=progress.summary,
        target_label=indicator.format(indicator.target),
        months=progress.months,
        plan_start=plan_start,
        height=150,
    )


def published_indicator_svg(comparison) -> str:
    """A published indicator over the years: the council's value beside England, its region and
    its statistical neighbours' average, each its own line style and marker."""
    return inspection_charts.indicator_chart(comparison, height=170)


def as_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
