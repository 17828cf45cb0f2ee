"""The board pack's indicator charts: each plan indicator over the pack's trend window, drawn by
the one chart module (:mod:`actions.charts` on :mod:`inspections.charts`). Every label is text
(it stays text in the PDF), and each chart carries its sentence in words (``summary``)."""

from __future__ import annotations

from actions import charts

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
