"""Calendar months, counted one way (inspections.months): a day moved by whole months stays in
the month it lands in."""

import datetime

import pytest

from inspections import months

D = datetime.date


@pytest.mark.parametrize(
    "day, n, moved",
    [
        (D(2012, 5, 18), 3, D(2012, 8, 18)),
        (D(2012, 3, 31), -1, D(2012, 2, 29)),  # a month before, in a leap year
        (D(2013, 3, 31), -1, D(2013, 2, 28)),
        (D(2012, 8, 31), 6, D(2013, 2, 28)),  # six months after, shorter month
        (D(2012, 12, 15), 1, D(2013, 1, 15)),  # over the year end
        (D(2013, 1, 15), -1, D(2012, 12, 15)),
    ],
)
def test_adding_months_keeps_the_day_or_takes_the_months_last(day, n, moved):
    assert months.add_months(day, n) == moved


@pytest.mark.parametrize(
    "day, start, end, following",
    [
        (D(2012, 2, 10), D(2012, 2, 1), D(2012, 2, 29), D(2012, 3, 1)),
        (D(2012, 12, 31), D(2012, 12, 1), D(2012, 12, 31), D(2013, 1, 1)),
    ],
)
def test_a_months_first_and_last_days_and_the_next(day, start, end, following):
    assert (months.month_start(day), months.month_end(day), months.next_month(day)) == (start, end, following)


def test_months_between_and_back_list_every_first_of_month():
    assert months.months_between(D(2012, 11, 20), D(2013, 2, 1)) == [
        D(2012, 11, 1),
        D(2012, 12, 1),
        D(2013, 1, 1),
        D(2013, 2, 1),
    ]
    assert months.months_back(D(2013, 1, 9), 2) == [D(2013, 1, 1), D(2012, 12, 1), D(2012, 11, 1)]
