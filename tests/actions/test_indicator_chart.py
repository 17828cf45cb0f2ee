"""A plan indicator's chart: values with gaps, the target, and the trajectory to it."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from actions import charts
from actions.models import IndicatorValue, PerformanceIndicator, TrajectoryPoint
from inspections.months import add_months

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(sutton_plan):
    return PerformanceIndicator.objects.create(
        plan=sutton_plan,
        name="Visits on time",
        definition="...",
        unit="percent",
        polarity="higher",
        target=Decimal("90"),
        target_date=datetime.date(2013, 3, 1),
        baseline=Decimal("70"),
    )


def _months(first, n):
    return [add_months(first, i) for i in range(n)]


def test_without_a_planned_trajectory_it_draws_baseline_to_target(indicator):
    months = _months(datetime.date(2012, 7, 1), 6)
    values = [IndicatorValue(indicator=indicator, month=m, value=Decimal(75 + n)) for n, m in enumerate(months)]
    svg = charts.plan_indicator_chart(
        indicator, values, in_words="w", target_label="90%", months=months, plan_start=datetime.date(2012, 7, 1)
    )
    assert ">Trajectory to target</text>" in svg and ">Target 90%</text>" in svg


def test_the_plans_interim_trajectory_is_drawn_when_it_has_one(indicator):
    months = _months(datetime.date(2012, 7, 1), 6)
    for n, m in enumerate(months):
        TrajectoryPoint.objects.create(indicator=indicator, month=m, value=Decimal(72 + 3 * n))
    values = [IndicatorValue(indicator=indicator, month=months[0], value=Decimal(74))]
    svg = charts.plan_indicator_chart(
        indicator,
        values,
        in_words="w",
        target_label="90%",
        months=months,
        plan_start=datetime.date(2012, 7, 1),
        trajectory_points=indicator.trajectory.all(),
    )
    assert ">Planned trajectory</text>" in svg
    # One value and five empty months: the value is a marker, the months are still on the axis.
    assert len(re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="8"', svg)) == 2  # the value and the key's sample
    assert ">Dec</text>" in svg
