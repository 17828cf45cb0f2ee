"""A plan indicator's chart: its monthly values against its target and the trajectory to it.

One builder for the council dashboard and the board pack, drawn by :mod:`inspections.charts`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from inspections import charts

from .models import IndicatorValue, PerformanceIndicator


def axis_label(indicator: PerformanceIndicator, value: float) -> str:
    """A gridline's label, as the indicator's values are written ("85%", "12.5")."""
    return indicator.format(value)


def _on_line(start: datetime.date, baseline: float, end: datetime.date, target: float, day: datetime.date) -> float:
    span = (end - start).days or 1
    return baseline + (target - baseline) * (day - start).days / span


def trajectory_within(
    indicator: PerformanceIndicator, *, start: datetime.date | None, first: datetime.date, last: datetime.date
) -> charts.Series | None:
    """The straight path from the baseline (at ``start``, the plan's agreement) to the target by
    its date, clipped to the months drawn; None without a baseline or when it falls outside them."""
    if indicator.baseline is None or start is None or start >= indicator.target_date:
        return None
    baseline, target = float(indicator.baseline), float(indicator.target)
    begin, end = max(start, first), min(indicator.target_date, last)
    if begin >= end:
        return None
    points = [(day, _on_line(start, baseline, indicator.target_date, target, day)) for day in (begin, end)]
    return charts.Series(label="Trajectory to target", points=points, line="trajectory", marker="none")


def planned_trajectory(points: Iterable, *, first: datetime.date, last: datetime.date) -> charts.Series | None:
    """The plan's own interim trajectory (its :class:`~actions.models.TrajectoryPoint` rows)
    within the months drawn, or None if it has fewer than two there."""
    inside = [(p.month, float(p.value)) for p in points if first <= p.month <= last]
    if len(inside) < 2:
        return None
    return charts.Series(label="Planned trajectory", points=sorted(inside), line="trajectory", marker="none")


def plan_indicator_chart(
    indicator: PerformanceIndicator,
    values: Iterable[IndicatorValue],
    *,
    in_words: str,
    target_label: str,
    months: Sequence[datetime.date] | None = None,
    plan_start: datetime.date | None = None,
    trajectory_points: Iterable = (),
    height: int = 220,
) -> str:
    """The SVG: values (a gap where a month has none), the target line, and the trajectory: the
    plan's interim trajectory where it has one, else the straight path from baseline to target."""
    by_month = {v.month: float(v.value) for v in values}
    months = list(months) if months else sorted(by_month)
    points = [(month, by_month.get(month)) for month in months]
    series = [charts.Series(label=indicator.name, points=points, line="solid", marker="square")]
    path = None
    if months:
        path = planned_trajectory(trajectory_points, first=months[0], last=months[-1]) or trajectory_within(
            indicator, start=plan_start, first=months[0], last=months[-1]
        )
    return charts.line_chart(
        title=f"Line chart: {indicator.name} each month against its target of {target_label}",
        in_words=in_words,
        series=series,
        target=charts.Target(float(indicator.target), f"Target {target_label}"),
        trajectory=path,
        fmt=lambda v: axis_label(indicator, v),
        percent=indicator.unit == "percent",
        height=height,
    )
