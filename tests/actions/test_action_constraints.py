"""The database refuses action rows that break the plan's rules, and keeps history intact."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from actions import services
from actions.models import DueDateRevision, Evidence, IndicatorValue, PerformanceIndicator, ProgressUpdate

D = datetime.date
pytestmark = pytest.mark.django_db


def test_it_refuses_a_due_date_before_the_start_date(sutton_plan, make_action):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_action(sutton_plan, start_date=D(2012, 9, 1), due_date=D(2012, 8, 31))


def test_due_on_the_start_date_is_allowed(sutton_plan, make_action):
    assert make_action(sutton_plan, start_date=D(2012, 9, 1), due_date=D(2012, 9, 1)).pk


def test_a_progress_update_is_never_edited_in_place(sutton_plan, make_action, sutton_officer):
    action = make_action(sutton_plan)
    update = services.progress_update_create(
        action=action,
        author=sutton_officer,
        narrative="Audit begun.",
        status="in_progress",
        rag="green",
        at=datetime.datetime(2012, 8, 1, 10, tzinfo=datetime.UTC),
    )
    update.narrative = "Rewritten history"
    with pytest.raises(IntegrityError), transaction.atomic():
        update.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.filter(pk=update.pk).update(rag="red")
    assert ProgressUpdate.objects.get(pk=update.pk).narrative == "Audit begun."


def test_a_progress_update_needs_a_narrative(sutton_plan, make_action, sutton_officer):
    action = make_action(sutton_plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.create(
            action=action, author=sutton_officer, narrative="", status="in_progress", rag="green"
        )


def test_evidence_is_a_file_or_a_link_never_both_or_neither(sutton_plan, make_action, sutton_officer):
    action = make_action(sutton_plan)
    update = ProgressUpdate.objects.create(
        action=action, author=sutton_officer, narrative="x", status="in_progress", rag="green"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(update=update, title="Nothing")
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(update=update, title="Both", file="evidence/a.pdf", url="https://example.org/a")
    assert Evidence.objects.create(update=update, title="Audit", url="https://example.org/audit").pk


def test_only_one_revised_date_may_await_the_board_per_action(sutton_plan, make_action, sutton_officer):
    action = make_action(sutton_plan)
    DueDateRevision.objects.create(
        action=action, proposed_date=D(2013, 3, 1), reason="Recruitment", proposed_by=sutton_officer
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        DueDateRevision.objects.create(
            action=action, proposed_date=D(2013, 4, 1), reason="Again", proposed_by=sutton_officer
        )


def test_a_decided_revision_records_who_decided_and_when(sutton_plan, make_action, sutton_officer):
    action = make_action(sutton_plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        DueDateRevision.objects.create(
            action=action,
            proposed_date=D(2013, 3, 1),
            reason="Recruitment",
            proposed_by=sutton_officer,
            status="agreed",
        )


def test_an_indicator_value_is_for_a_whole_month_once(sutton_plan):
    indicator = PerformanceIndicator.objects.create(
        plan=sutton_plan,
        name="Initial assessments within timescale",
        definition="...",
        unit="percent",
        polarity="higher",
        target=85,
        target_date=D(2014, 1, 31),
    )
    IndicatorValue.objects.create(indicator=indicator, month=D(2012, 7, 1), value=61)
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.create(indicator=indicator, month=D(2012, 7, 1), value=62)
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.create(indicator=indicator, month=D(2012, 8, 15), value=62)


def test_a_percentage_target_is_between_0_and_100(sutton_plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        PerformanceIndicator.objects.create(
            plan=sutton_plan,
            name="Bad",
            definition="...",
            unit="percent",
            polarity="higher",
            target=120,
            target_date=D(2014, 1, 31),
        )


def test_a_council_has_one_active_plan(sutton_plan):
    from actions.models import ImprovementPlan

    with pytest.raises(IntegrityError), transaction.atomic():
        ImprovementPlan.objects.create(council=sutton_plan.council, title="Second", agreed_on=D(2013, 1, 1))
    assert ImprovementPlan.objects.create(
        council=sutton_plan.council, title="Old", agreed_on=D(2005, 10, 12), is_active=False
    ).pk
