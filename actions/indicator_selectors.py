"""Reads of a plan's indicators for the pages that show them (the indicators page, an indicator's
page, the council dashboard): where each stands against its target, which way it is going, a
summary in words, and its chart, drawn once per distinct data and kept in the cache."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet

from inspections.months import months_between

from . import charts
from .models import ImprovementPlan, IndicatorValue, PerformanceIndicator

IMPROVING, WORSENING, NO_CHANGE = "improving", "worsening", "no_change"
TREND_LABELS = {IMPROVING: "Improving", WORSENING: "Worsening", NO_CHANGE: "No change"}
CHART_TIMEOUT = 60 * 60 * 24 * 7  # the key is what is drawn: a changed value is a new key


def trend(indicator: PerformanceIndicator, *, latest, previous) -> str:
    """``IMPROVING``, ``WORSENING`` or ``NO_CHANGE`` from ``previous`` to ``latest`` (values), by the
    indicator's polarity: up is better when higher is better, down when lower is; "" without
    both values."""
    if latest is None or previous is None:
        return ""
    if latest == previous:
        return NO_CHANGE
    up = latest > previous
    return IMPROVING if up == (indicator.polarity == PerformanceIndicator.Polarity.HIGHER) else WORSENING


@dataclass
class IndicatorStanding:
    """One indicator with its monthly values (oldest first) and what a reader asks of them."""

    indicator: PerformanceIndicator
    values: list[IndicatorValue] = field(default_factory=list)
    chart_svg: str = ""

    @property
    def latest(self) -> IndicatorValue | None:
        return self.values[-1] if self.values else None

    @property
    def previous(self) -> IndicatorValue | None:
        return self.values[-2] if len(self.values) > 1 else None

    @property
    def on_target(self) -> bool | None:
        """Whether the latest value meets the target (None with no value yet)."""
        return self.indicator.meets_target(self.latest.value) if self.latest else None

    @property
    def trend(self) -> str:
        return trend(
            self.indicator,
            latest=self.latest.value if self.latest else None,
            previous=self.previous.value if self.previous else None,
        )

    @property
    def trend_label(self) -> str:
        return TREND_LABELS.get(self.trend, "")

    @property
    def previous_text(self) -> str:
        """ "From 35% in January 2013": the value the trend is taken from ("" without one)."""
        if not self.previous:
            return ""
        return f"From {self.fmt(self.previous.value)} in {self.previous.month:%B %Y}"

    @property
    def trend_text(self) -> str:
        """ "Improving from 35% in January 2013", or "" with fewer than two values."""
        if not self.trend:
            return ""
        return f"{self.trend_label} from {self.fmt(self.previous.value)} in {self.previous.month:%B %Y}"

    def fmt(self, value) -> str:
        return self.indicator.format(value)

    @property
    def summary(self) -> str:
        """The chart in words: latest against target, the trend, the first value, the polarity."""
        i = self.indicator
        better = "Higher is better." if i.polarity == PerformanceIndicator.Polarity.HIGHER else "Lower is better."
        if not self.latest:
            return f"No values entered yet. Target {self.fmt(i.target)} by {i.target_date:%B %Y}. {better}"
        text = (
            f"{self.fmt(self.latest.value)} in {self.latest.month:%B %Y}, "
            f"{'meeting' if self.on_target else 'not meeting'} the target of {self.fmt(i.target)} "
            f"(by {i.target_date:%B %Y})."
        )
        if self.trend:
            text += f" {self.trend_text}."
        if len(self.values) > 2:
            first = self.values[0]
            text += f" First recorded: {self.fmt(first.value)} in {first.month:%B %Y}."
        return f"{text} {better}"


def chart_svg(standing: IndicatorStanding) -> str:
    """The indicator's chart (:func:`actions.charts.plan_indicator_chart`): monthly values against
    the target and the trajectory to it; "" with no values. Drawn once per distinct data: the
    cache key is a digest of everything drawn."""
    indicator, values = standing.indicator, standing.values
    if not values:
        return ""
    trajectory = list(indicator.trajectory.all())
    drawn = repr(
        (
            indicator.pk,
            indicator.name,
            indicator.target,
            indicator.unit,
            indicator.polarity,
            indicator.baseline,
            indicator.target_date,
            indicator.plan.agreed_on,
            [(v.month, v.value) for v in values],
            [(t.month, t.value) for t in trajectory],
            standing.summary,
        )
    )
    key = f"indicator-chart:{hashlib.sha256(drawn.encode()).hexdigest()}"
    svg = cache.get(key)
    if svg is None:
        svg = charts.plan_indicator_chart(
            indicator,
            values,
            in_words=standing.summary,
            target_label=standing.fmt(indicator.target),
            months=months_between(values[0].month, values[-1].month),
            plan_start=indicator.plan.agreed_on,
            trajectory_points=trajectory,
        )
        cache.set(key, svg, CHART_TIMEOUT)
    return svg


def _with_values(indicators: QuerySet[PerformanceIndicator]) -> QuerySet[PerformanceIndicator]:
    return indicators.select_related("plan").prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("month")), "trajectory"
    )


def plan_standings(plan: ImprovementPlan, *, charts: bool = True) -> list[IndicatorStanding]:
    """Every indicator of ``plan`` in its order, each with its values, standing and (``charts``)
    its chart, in three queries whatever the number of indicators or values."""
    out = []
    for indicator in _with_values(plan.indicators.order_by("order", "name")):
        standing = IndicatorStanding(indicator, list(indicator.values.all()))
        if charts:
            standing.chart_svg = chart_svg(standing)
        out.append(standing)
    return out


def indicator_standing(indicator: PerformanceIndicator) -> IndicatorStanding:
    """One indicator's standing and chart (three queries)."""
    indicator = _with_values(PerformanceIndicator.objects.filter(pk=indicator.pk)).get()
    standing = IndicatorStanding(indicator, list(indicator.values.all()))
    standing.chart_svg = chart_svg(standing)
    return standing
