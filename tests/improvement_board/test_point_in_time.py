"""The one point-in-time rule: for each kind of record, recorded just before the cut-off it
counts, just after it does not (the cut-off here: the end of Wednesday 14 November 2012)."""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine

from actions import services as action_services
from actions.models import Milestone, PerformanceIndicator
from improvement_board.reports.content import report_content
from improvement_board.reports.point_in_time import RULE, Cutoff, meeting_cutoff

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
CUT = Cutoff(datetime.date(2012, 11, 14))
BEFORE = datetime.datetime(2012, 11, 14, 23, 30, tzinfo=LONDON)
AFTER = datetime.datetime(2012, 11, 15, 0, 10, tzinfo=LONDON)


def _pack(board):
    return report_content(board, datetime.date(2012, 11, 1), cut=CUT)


@pytest.fixture
def action(sutton_plan, make_action, sutton_officer):
    return make_action(sutton_plan, reference="1.1", due_date=datetime.date(2012, 11, 10), owner=sutton_officer)


def _due_later(action):
    action.due_date = datetime.date(2013, 3, 31)
    action.save()


def _update(action, officer, when, status, rag):
    action.refresh_from_db()
    return action_services.progress_update_create(
        action=action, author=officer, narrative=f"{status} {rag}", status=status, rag=rag, at=when
    )


def test_the_default_cut_off_is_five_working_days_before_the_meeting():
    assert meeting_cutoff(datetime.date(2012, 11, 21), 5).day == datetime.date(2012, 11, 14)


def test_bank_holidays_are_not_working_days_for_the_cut_off():
    # Wednesday 2 January 2013: not 1 January, Christmas Day or Boxing Day.
    assert meeting_cutoff(datetime.date(2013, 1, 2), 5).day == datetime.date(2012, 12, 21)


def test_the_cut_off_is_the_end_of_its_day_in_london():
    assert CUT.counts(BEFORE) and not CUT.counts(AFTER)
    assert "14 November 2012" in CUT.key and CUT.key.startswith(RULE.split("{")[0])


def test_an_update_recorded_before_the_cut_off_counts(sutton_board, action, sutton_officer):
    _due_later(action)
    _update(action, sutton_officer, BEFORE, "in_progress", "amber")
    state = _pack(sutton_board).actions[0]
    assert (state.status, state.reported_rag) == ("in_progress", "amber")


def test_an_update_recorded_after_the_cut_off_does_not(sutton_board, action, sutton_officer):
    _due_later(action)
    _update(action, sutton_officer, BEFORE, "in_progress", "green")
    _update(action, sutton_officer, AFTER, "complete", "blue")
    state = _pack(sutton_board).actions[0]
    assert state.status == "in_progress" and state.latest_update.narrative == "in_progress green"


def test_a_rating_changed_after_the_cut_off_keeps_the_earlier_rating(sutton_board, action, sutton_officer):
    _due_later(action)
    _update(action, sutton_officer, BEFORE, "in_progress", "green")
    _update(action, sutton_officer, AFTER, "in_progress", "red")
    assert _pack(sutton_board).actions[0].rag == "green"


def test_a_revision_agreed_before_the_cut_off_moves_the_deadline(sutton_board, action, sutton_officer, sutton_chair):
    revision = action_services.revised_date_propose(
        action=action,
        proposed_by=sutton_officer,
        proposed_date=datetime.date(2013, 2, 28),
        reason="r",
        at=BEFORE - datetime.timedelta(days=3),
    )
    action_services.revised_date_decide(revision=revision, decided_by=sutton_chair, agree=True, at=BEFORE)
    state = _pack(sutton_board).actions[0]
    assert state.agreed_revised_due_date == datetime.date(2013, 2, 28) and not state.overdue


def test_a_revision_agreed_after_the_cut_off_is_still_awaiting_the_board(
    sutton_board, action, sutton_officer, sutton_chair
):
    revision = action_services.revised_date_propose(
        action=action,
        proposed_by=sutton_officer,
        proposed_date=datetime.date(2013, 2, 28),
        reason="r",
        at=BEFORE - datetime.timedelta(days=3),
    )
    action_services.revised_date_decide(revision=revision, decided_by=sutton_chair, agree=True, at=AFTER)
    pack = _pack(sutton_board)
    assert pack.actions[0].overdue and pack.revisions_pending == [revision]


def test_a_revision_proposed_after_the_cut_off_is_not_in_the_pack(sutton_board, action, sutton_officer):
    action_services.revised_date_propose(
        action=action, proposed_by=sutton_officer, proposed_date=datetime.date(2013, 2, 28), reason="r", at=AFTER
    )
    assert _pack(sutton_board).revisions_pending == []


def _milestone(plan, recorded_at):
    with time_machine.travel(BEFORE - datetime.timedelta(days=30), tick=False):
        milestone = Milestone.objects.create(plan=plan, title="Audit complete", due_date=datetime.date(2012, 11, 30))
    with time_machine.travel(recorded_at, tick=False):
        milestone.achieved_on = datetime.date(2012, 11, 12)
        milestone.save()
    return milestone


def test_a_milestone_recorded_as_achieved_before_the_cut_off_counts(sutton_board, sutton_plan, action):
    _milestone(sutton_plan, BEFORE)
    assert [m.achieved_on for m in _pack(sutton_board).milestones] == [datetime.date(2012, 11, 12)]


def test_a_milestone_recorded_as_achieved_after_the_cut_off_does_not(sutton_board, sutton_plan, action):
    _milestone(sutton_plan, AFTER)  # achieved on the 12th, but nobody said so until the 15th
    assert [m.achieved_on for m in _pack(sutton_board).milestones] == [None]


@pytest.fixture
def indicator(sutton_plan):
    return PerformanceIndicator.objects.create(
        plan=sutton_plan,
        name="Visits on time",
        definition="...",
        unit="percent",
        polarity="higher",
        target=Decimal("90"),
        target_date=datetime.date(2013, 3, 31),
    )


def _latest(board):
    progress = _pack(board).indicators[0]
    return progress.latest.value if progress.latest else None


def test_an_indicator_value_entered_before_the_cut_off_counts(sutton_board, indicator, action):
    action_services.indicator_value_set(indicator=indicator, month=datetime.date(2012, 10, 1), value="81", at=BEFORE)
    assert _latest(sutton_board) == Decimal("81")


def test_an_indicator_value_entered_after_the_cut_off_does_not_even_for_an_earlier_month(
    sutton_board, indicator, action
):
    action_services.indicator_value_set(indicator=indicator, month=datetime.date(2012, 9, 1), value="70", at=BEFORE)
    action_services.indicator_value_set(indicator=indicator, month=datetime.date(2012, 10, 1), value="81", at=AFTER)
    assert _latest(sutton_board) == Decimal("70")


def test_an_indicator_value_corrected_after_the_cut_off_shows_as_it_was(sutton_board, indicator, action):
    action_services.indicator_value_set(indicator=indicator, month=datetime.date(2012, 10, 1), value="81", at=BEFORE)
    with time_machine.travel(AFTER, tick=False):
        action_services.indicator_value_set(indicator=indicator, month=datetime.date(2012, 10, 1), value="88", at=AFTER)
    assert _latest(sutton_board) == Decimal("81")
