"""record_ofsted_activity: the one write path for Ofsted visits, meetings and ungraded
inspections, and the action plan deadlines they set."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from inspections.models import Inspection, OfstedActivity, OfstedFinding, PostInspectionPlan
from inspections.ofsted_services import (
    Finding,
    action_plan_deadlines_set,
    action_plan_submission_record,
    record_ofsted_activity,
)

D = datetime.date


@pytest.fixture
def ilacs_inadequate(frameworks, sutton):
    return Inspection.objects.create(
        council=sutton, framework=frameworks["ILACS"], title="ILACS inspection", published=D(2022, 2, 1)
    )


def test_monitoring_visits_are_numbered_in_turn_and_linked_to_the_inspection(sutton, ilacs_inadequate):
    first = record_ofsted_activity(
        council=sutton,
        kind="monitoring_visit",
        follows=ilacs_inadequate,
        started=D(2022, 5, 10),
        ended=D(2022, 5, 11),
        published=D(2022, 6, 8),
        findings=[Finding("progress", "Leaders have made progress in the front door.")],
    )
    second = record_ofsted_activity(
        council=sutton,
        kind="monitoring_visit",
        follows=ilacs_inadequate,
        started=D(2022, 9, 6),
        published=D(2022, 10, 4),
    )
    assert (first.number, second.number) == (1, 2)
    assert list(ilacs_inadequate.follow_ups.order_by("number")) == [first, second]
    assert str(second) == "Second monitoring visit, Sutton, 6 September 2022"
    assert not first.is_graded
    assert first.findings.get().text == "Leaders have made progress in the front door."


def test_a_monitoring_visit_without_the_inspection_it_follows_is_refused(sutton):
    with pytest.raises(ValidationError, match="must name the inspection it follows"):
        record_ofsted_activity(council=sutton, kind="monitoring_visit", started=D(2022, 5, 10))
    assert not OfstedActivity.objects.exists()


def test_a_focused_visit_with_priority_actions_sets_draft_and_final_plan_deadlines(sutton):
    visit = record_ofsted_activity(
        council=sutton,
        kind="focused_visit",
        focus="Children in need and subject to a child protection plan",
        started=D(2023, 11, 7),
        ended=D(2023, 11, 8),
        published=D(2023, 12, 1),
        findings=[
            {"kind": "strength", "text": "Social workers know their children well."},
            {
                "kind": "priority_action",
                "text": "The quality of management oversight.",
                "heading_as_written": "Areas for priority action",
            },
        ],
    )
    plans = {p.stage: p for p in visit.action_plans.all()}
    assert plans["draft"].due == D(2024, 1, 3)  # 20 working days over Christmas and New Year
    assert plans["final"].working_days == 70
    assert [f.kind for f in visit.findings.all()] == ["strength", "priority_action"]


def test_a_focused_visit_without_priority_actions_sets_no_deadline(sutton):
    visit = record_ofsted_activity(
        council=sutton,
        kind="focused_visit",
        published=D(2023, 12, 1),
        findings=[Finding("area_for_improvement", "Return home interviews.")],
    )
    assert not visit.action_plans.exists()


def test_every_kind_of_activity_can_be_recorded_ungraded(sutton, ilacs_inadequate):
    for kind in OfstedActivity.Kind.values:
        record_ofsted_activity(council=sutton, kind=kind, follows=ilacs_inadequate, published=D(2023, 3, 1))
    assert OfstedActivity.objects.filter(judgement_as_written="").count() == len(OfstedActivity.Kind.values)


def test_the_same_activity_twice_is_refused_with_nothing_saved(sutton):
    record_ofsted_activity(
        council=sutton,
        kind="unannounced",
        started=D(2011, 5, 10),
        published=D(2011, 6, 1),
        findings=[Finding("area_for_development", "Management oversight of key decisions.")],
    )
    with pytest.raises(ValidationError, match="already recorded"):
        record_ofsted_activity(
            council=sutton,
            kind="unannounced",
            started=D(2011, 5, 10),
            published=D(2011, 6, 1),
            findings=[Finding("strength", "Another")],
        )
    assert OfstedFinding.objects.count() == 1


def test_a_finding_of_an_unknown_kind_saves_nothing(sutton):
    with pytest.raises(ValidationError, match="not a kind of finding"):
        record_ofsted_activity(
            council=sutton, kind="jtai", published=D(2019, 3, 1), findings=[Finding("concern", "Text")]
        )
    assert not OfstedActivity.objects.exists()


def test_an_ilacs_inspection_owes_its_plan_70_working_days_on_and_records_ofsteds_response(ilacs_inadequate):
    [plan] = action_plan_deadlines_set(inspection=ilacs_inadequate)
    assert plan.due == D(2022, 5, 13)
    action_plan_submission_record(
        plan=plan, submitted=D(2022, 5, 16), ofsted_response="Accepted.", ofsted_response_on=D(2022, 6, 1)
    )
    plan.refresh_from_db()
    assert plan.submitted_late is True
    assert plan.ofsted_response == "Accepted."


def test_a_documents_own_commitment_in_working_days_needs_its_source(ilacs_inadequate):
    with pytest.raises(ValidationError, match="Say where the deadline comes from"):
        action_plan_deadlines_set(inspection=ilacs_inadequate, working_days=60)
    assert not PostInspectionPlan.objects.exists()
