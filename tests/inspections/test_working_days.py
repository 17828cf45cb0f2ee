"""English working days across Christmas, Easter and a one-off bank holiday (the 2023
coronation), and the action plan deadlines counted in them."""

from __future__ import annotations

import datetime

from inspections import deadlines
from inspections.rules import Timescale, recommendation_due_date, timescale_from_text
from inspections.working_days import (
    add_working_days,
    bank_holiday_name,
    is_working_day,
    working_days_before,
    working_days_between,
)

D = datetime.date


def test_christmas_boxing_day_and_new_year_are_not_working_days():
    # Friday 22 December 2023; 25 and 26 December and 1 January 2024 are bank holidays.
    assert add_working_days(D(2023, 12, 22), 1) == D(2023, 12, 27)
    assert add_working_days(D(2023, 12, 22), 4) == D(2024, 1, 2)


def test_christmas_falling_at_a_weekend_moves_the_holiday_to_the_tuesday():
    # 25 December 2022 was a Sunday: the substitute day is Tuesday 27 December.
    assert not is_working_day(D(2022, 12, 27))
    assert add_working_days(D(2022, 12, 23), 1) == D(2022, 12, 28)


def test_good_friday_and_easter_monday_are_skipped():
    # Easter 2012: Good Friday 6 April, Easter Monday 9 April.
    assert add_working_days(D(2012, 4, 5), 1) == D(2012, 4, 10)
    assert working_days_between(D(2012, 4, 5), D(2012, 4, 10)) == 1


def test_the_coronation_bank_holiday_of_2023_is_skipped():
    assert bank_holiday_name(D(2023, 5, 8)) == "Coronation of Charles III"
    # Friday 5 May 2023, then the coronation Monday: the next working day is Tuesday 9 May.
    assert add_working_days(D(2023, 5, 5), 1) == D(2023, 5, 9)


def test_pre_meeting_reminders_count_back_over_a_bank_holiday():
    # Five working days before Tuesday 11 April 2023, over Easter Monday and Good Friday.
    assert working_days_before(D(2023, 4, 11), 5) == D(2023, 3, 31)


def test_an_ilacs_action_plan_is_due_70_working_days_after_the_report_across_easter():
    # Sutton's ILACS report of 1 February 2022: 61 weekdays to the end of April less Good Friday
    # and Easter Monday (15 and 18 April), then May skipping the bank holiday of 2 May.
    due = deadlines.plan_due(D(2022, 2, 1), 70)
    assert due == D(2022, 5, 13)
    assert working_days_between(D(2022, 2, 1), due) == 70


def test_an_ilacs_action_plan_is_due_70_working_days_after_the_report_across_christmas():
    # Southwark's ILACS report of 11 November 2022: over Christmas (26 and 27 December 2022),
    # New Year (2 January 2023): 33 working days to the end of December, 21 in January, 16 in February.
    due = deadlines.plan_due(D(2022, 11, 11), 70)
    assert due == D(2023, 2, 22)
    assert working_days_between(D(2022, 11, 11), due) == 70


def test_a_focused_visit_plan_draft_spans_christmas():
    # A letter of 1 December 2023: 20 working days skip 25, 26 December and 1 January.
    assert deadlines.plan_due(D(2023, 12, 1), 20) == D(2024, 1, 3)


def test_what_needs_to_improve_items_are_due_on_the_action_plans_date():
    assert timescale_from_text("What needs to improve") == Timescale.WITH_ACTION_PLAN
    assert recommendation_due_date(D(2022, 2, 1), Timescale.WITH_ACTION_PLAN) == deadlines.plan_due(D(2022, 2, 1), 70)
