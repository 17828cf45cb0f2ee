"""An indicator's value is written one way everywhere: one decimal place at most, rounded half
up, none when whole, with "%" for percentages and " days" for days."""

from decimal import Decimal

import pytest

from actions.models import PerformanceIndicator
from inspections.formatting import indicator_number, indicator_value
from inspections.models import PublishedIndicator


@pytest.mark.parametrize(
    "value, unit, written",
    [
        (Decimal("86.30"), "percent", "86.3%"),
        (Decimal("86.25"), "percent", "86.3%"),  # half up, not to even
        (Decimal("17.00"), "percent", "17%"),
        (Decimal("17.0400"), "percent", "17%"),
        (85.0, "percent", "85%"),  # a chart's gridline
        (12, "days", "12 days"),
        (Decimal("4.45"), "ratio", "4.5"),
        (Decimal("120"), "count", "120"),
        (Decimal("-0.04"), "rate", "0"),
        (None, "percent", "–"),
    ],
)
def test_a_value_is_written_to_one_decimal_place_at_most_with_its_unit(value, unit, written):
    assert indicator_value(value, unit) == written


@pytest.mark.parametrize("unit", ["percent", "count", "rate"])
def test_plan_and_published_indicators_write_a_value_alike(unit):
    value = Decimal("71.0000")
    assert PerformanceIndicator(unit=unit).format(value) == PublishedIndicator(unit=unit).format(value)


def test_a_table_cell_has_the_number_alone_and_none_stays_none():
    assert indicator_number(Decimal("18.3000")) == "18.3"
    assert indicator_number(None, missing=None) is None
