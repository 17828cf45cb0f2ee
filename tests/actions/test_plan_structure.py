"""Building and keeping a plan in the browser: objectives, actions, milestones and indicators,
added, edited, reordered, closed and reassigned; the council's setting; history in words."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from actions import structure
from actions.models import Action, ImprovementPlan, Milestone, Objective, PerformanceIndicator, PlanChange

pytestmark = pytest.mark.django_db
SUTTON = "E09000029"


def url(name, **kwargs):
    query = kwargs.pop("query", None)
    return reverse(f"actions:{name}", kwargs=kwargs or None) + (f"?council={SUTTON}" if query is None else query)


def date_fields(name, value: datetime.date) -> dict:
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


def test_an_administrator_builds_a_plan_from_nothing(client, administrator, sutton, sutton_officer):
    client.force_login(administrator)
    page = client.get(url("structure")).content.decode()
    assert "No improvement plan yet" in page and "Start a plan" in page
    response = client.post(
        url("plan_start"), {"title": "Sutton plan 2026", **date_fields("agreed_on", datetime.date(2026, 11, 2))}
    )
    assert response.status_code == 302
    plan = ImprovementPlan.objects.get(council=sutton, is_active=True)
    client.post(
        url("objective_add"),
        {
            "reference": "1",
            "title": "Children are safe at the front door",
            "outcome": "Children get help the day they need it",
        },
    )
    objective = Objective.objects.get(plan=plan)
    response = client.post(
        url("action_add"),
        {
            "objective": objective.pk,
            "reference": "1.1",
            "title": "Audit all contacts",
            "owner": sutton_officer.pk,
            "success_measure": "90% of contacts decided within 24 hours",
            **date_fields("start_date", datetime.date(2026, 11, 2)),
            **date_fields("due_date", datetime.date(2026, 11, 30)),
        },
    )
    assert response.status_code == 302, response.content.decode()
    action = Action.objects.get(plan=plan)
    assert action.objective == objective and action.owner == sutton_officer
    client.post(
        url("milestone_add"), {"title": "All contacts audited", **date_fields("due_date", datetime.date(2027, 1, 31))}
    )
    client.post(
        url("indicator_add"),
        {
            "name": "Contacts decided within 24 hours",
            "definition": "Share of contacts decided within a day.",
            "unit": "percent",
            "polarity": "higher",
            "target": "90",
            **date_fields("target_date", datetime.date(2027, 6, 30)),
            "trajectory": "January 2027: 70\n2027-03: 80",
        },
    )
    indicator = PerformanceIndicator.objects.get(plan=plan)
    assert [p.value for p in indicator.trajectory.all()] == [70, 80]
    assert Milestone.objects.filter(plan=plan).count() == 1
    page = client.get(url("structure")).content.decode()
    assert "Objective 1: Children are safe at the front door" in page and "Audit all contacts" in page
    assert "Trajectory: Jan 2027 70%; Mar 2027 80%" in page


def test_changes_read_as_words_with_the_real_author_and_time(
    client, administrator, sutton_plan, make_action, sutton_officer, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.timezone.utc))
    administrator.first_name, administrator.last_name = "Louise", "Greaves"
    administrator.save()
    action = make_action(sutton_plan, start_date=datetime.date(2026, 9, 1), due_date=datetime.date(2026, 11, 30))
    client.force_login(administrator)
    form = {
        "reference": action.reference,
        "title": action.title,
        "version": action.version,
        **date_fields("start_date", action.start_date),
        **date_fields("due_date", datetime.date(2027, 1, 31)),
    }
    assert client.post(url("action_edit", pk=action.pk, query=""), form).status_code == 302
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Due date changed from 30 November 2026 to 31 January 2027 by Louise Greaves, 2 December 2026" in page
    assert "Progress update" not in page.split('id="history"')[1]


def test_reorder_close_and_reassign(client, administrator, sutton_plan, make_action, sutton_officer, make_user, sutton):
    first, second = make_action(sutton_plan, reference="1"), make_action(sutton_plan, reference="2")
    client.force_login(administrator)
    client.post(url("move", kind="action", pk=second.pk, query=""), {"direction": "up"})
    assert list(sutton_plan.actions.order_by("order").values_list("reference", flat=True)) == ["2", "1"]
    other = make_user("sam.jones", "officer", council=sutton)
    response = client.post(url("action_reassign", pk=first.pk, query=""), {"owner": other.pk, "version": first.version})
    assert response.status_code == 302 and Action.objects.get(pk=first.pk).owner == other
    response = client.post(url("action_close", pk=first.pk, query=""), {"evidence_of_impact": ""})
    assert "Enter the evidence of impact against the success measure" in response.content.decode()
    client.post(url("action_close", pk=first.pk, query=""), {"evidence_of_impact": "Audit of 40 cases: all good."})
    closed = Action.objects.get(pk=first.pk)
    assert closed.status == "complete" and closed.rag_on() == "blue"


def test_officers_change_the_structure_only_where_the_council_allows_it(
    client, sutton_officer, administrator, sutton_plan, sutton_chair
):
    client.force_login(sutton_officer)
    data = {"reference": "1", "title": "Safe at the front door"}
    assert client.post(url("objective_add"), data).status_code == 403
    client.force_login(sutton_chair)
    assert client.post(url("plan_settings"), {"officers_may_edit": "yes"}).status_code == 403
    client.force_login(administrator)
    assert client.post(url("plan_settings"), {"officers_may_edit": "yes"}).status_code == 302
    client.force_login(sutton_officer)
    assert client.post(url("objective_add"), data).status_code == 302
    assert PlanChange.objects.filter(text="Officers may now change the plan's structure").exists()
    assert client.post(url("plan_settings"), {"officers_may_edit": "no"}).status_code == 403


def test_an_objective_with_open_actions_cannot_be_closed(administrator, sutton_plan, make_action):
    objective = structure.objective_create(plan=sutton_plan, by=administrator, reference="1", title="Safe")
    make_action(sutton_plan, objective=objective)
    with pytest.raises(Exception, match="still has 1 action not complete"):
        structure.objective_close(objective=objective, by=administrator, on=datetime.date(2026, 12, 1))
