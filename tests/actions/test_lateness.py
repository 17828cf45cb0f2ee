"""Lateness kept: an action records whether it finished late, and an action due after the
timescale of a recommendation it answers is flagged."""

from __future__ import annotations

import datetime

import pytest

from actions import rules, services
from inspections import services as inspection_services
from inspections.models import Inspection

D = datetime.date
pytestmark = pytest.mark.django_db


def _complete(action, user, on):
    return services.progress_update_create(
        action=action,
        author=user,
        narrative="Done.",
        status="complete",
        rag="blue",
        evidence_of_impact="Audit of 40 case files.",
        at=datetime.datetime.combine(on, datetime.time(12), tzinfo=datetime.timezone.utc),
    )


def test_an_action_completed_after_its_due_date_records_that_it_finished_late(sutton_plan, make_action, sutton_officer):
    action = make_action(sutton_plan, due_date=D(2012, 10, 31))
    _complete(action, sutton_officer, D(2012, 11, 20))
    action.refresh_from_db()
    assert action.rag_on(D(2012, 12, 1)) == "blue"
    assert action.completed_on == D(2012, 11, 20) and action.finished_late is True


def test_an_action_completed_by_its_agreed_revised_date_did_not_finish_late(sutton_plan, make_action, sutton_officer):
    action = make_action(sutton_plan, due_date=D(2012, 10, 31), revised_due_date=D(2012, 12, 31))
    _complete(action, sutton_officer, D(2012, 11, 20))
    action.refresh_from_db()
    assert action.finished_late is False


def test_an_action_due_after_its_recommendations_timescale_is_flagged(frameworks, sutton, sutton_plan, make_action):
    inspection = Inspection.objects.create(
        council=sutton, framework=frameworks["SLAC"], title="SLAC", published=D(2012, 5, 29)
    )
    within_three = inspection_services.recommendation_create(
        inspection=inspection,
        number=1,
        text="Ensure that all assessments are timely.",
        timescale_as_written="Within three months:",
    )
    late = make_action(sutton_plan, due_date=D(2012, 9, 30))
    on_time = make_action(sutton_plan, due_date=D(2012, 8, 29))
    late.recommendations.add(within_three)
    on_time.recommendations.add(within_three)
    assert late.later_than_timescale and not on_time.later_than_timescale


def test_an_immediately_recommendation_sets_no_date_to_be_late_against():
    assert rules.later_than_timescale(D(2013, 1, 31), [None]) is False
