"""The due date a recommendation's timescale gives, from the report's publication date (how reports
word a timescale: tests/inspections/parsing/test_timescale_rule.py)."""

import datetime

import pytest

from inspections.rules import Timescale, recommendation_due_date

D = datetime.date


def test_immediately_sets_no_calendar_date_so_nothing_is_overdue_on_publication_day():
    assert recommendation_due_date(D(2012, 5, 29), Timescale.IMMEDIATELY) is None


def test_within_three_months_is_due_three_calendar_months_later():
    assert recommendation_due_date(D(2012, 5, 29), Timescale.WITHIN_3_MONTHS) == D(2012, 8, 29)


def test_within_six_months_is_due_six_calendar_months_later():
    assert recommendation_due_date(D(2012, 5, 29), Timescale.WITHIN_6_MONTHS) == D(2012, 11, 29)


@pytest.mark.parametrize(
    ("published", "timescale", "due"),
    [
        (D(2012, 5, 31), Timescale.WITHIN_3_MONTHS, D(2012, 8, 31)),
        (D(2012, 11, 30), Timescale.WITHIN_3_MONTHS, D(2013, 2, 28)),  # no 30 February: month end
        (D(2011, 11, 30), Timescale.WITHIN_3_MONTHS, D(2012, 2, 29)),  # leap year
        (D(2012, 8, 31), Timescale.WITHIN_6_MONTHS, D(2013, 2, 28)),
        (D(2005, 12, 15), Timescale.WITHIN_6_MONTHS, D(2006, 6, 15)),  # across a year end
    ],
)
def test_month_ends_and_year_ends(published, timescale, due):
    assert recommendation_due_date(published, timescale) == due


def test_other_timescales_have_no_derived_date():
    assert recommendation_due_date(D(2012, 5, 29), Timescale.OTHER) is None
