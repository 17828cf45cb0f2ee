"""The statistical neighbours' average: one rule for the council page and the overview."""

from decimal import Decimal

import pytest

from inspections.selectors import neighbours_average


@pytest.mark.parametrize(
    "values, average",
    [
        ([], None),
        ([Decimal("18.3")], Decimal("18.3")),
        ([Decimal("20.2"), Decimal("20.3")], Decimal("20.3")),  # 20.25: half up
        ([Decimal("10"), Decimal("11"), Decimal("11")], Decimal("10.7")),
    ],
)
def test_the_average_is_taken_to_one_decimal_place_half_up(values, average):
    assert neighbours_average(values) == average
