"""Whether an indicator meets its target: PerformanceIndicator.meets_target, and its SQL half
(the overview's count of indicators off target) agreeing on every case."""

import datetime
import itertools
from decimal import Decimal

import pytest

from actions.models import IndicatorValue, PerformanceIndicator

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "polarity, value, meets",
    [("higher", 85, True), ("higher", Decimal("84.99"), False), ("lower", 85, True), ("lower", 86, False)],
)
def test_the_target_is_met_on_the_better_side_or_exactly(polarity, value, meets):
    assert PerformanceIndicator(polarity=polarity, target=Decimal("85")).meets_target(value) is meets


def test_the_database_finds_the_indicators_off_target_as_the_rule_does(sutton_plan):
    for n, (polarity, value) in enumerate(itertools.product(["higher", "lower"], [None, 80, 85, 90])):
        indicator = PerformanceIndicator.objects.create(
            plan=sutton_plan,
            name=f"Indicator {n}",
            definition="A measure.",
            unit="percent",
            polarity=polarity,
            target=85,
            target_date=datetime.date(2014, 1, 31),
        )
        if value is not None:
            IndicatorValue.objects.create(indicator=indicator, month=datetime.date(2012, 9, 1), value=value - 5)
            IndicatorValue.objects.create(indicator=indicator, month=datetime.date(2012, 10, 1), value=value)
    annotated = PerformanceIndicator.objects.filter(plan=sutton_plan).with_latest_value()
    expected = {i.pk for i in annotated if i.latest is not None and not i.meets_target(i.latest)}
    assert {i.pk for i in annotated.off_target()} == expected
    assert len(expected) == 2
