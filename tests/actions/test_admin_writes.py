"""The admin writes only through the services: a revised date decided there moves the action's
deadline and RAG as the chair's decision does; what carries rules (actions, milestones,
indicators and their values) is read there, never saved."""

import datetime

import pytest
from django.urls import reverse

from actions import services
from actions.models import Action, DueDateRevision, IndicatorValue, Milestone, PlanChange
from actions.rules import Rag

pytestmark = pytest.mark.django_db
D = datetime.timedelta


@pytest.fixture
def proposal(overdue_action, sutton_officer, today):
    return services.revised_date_propose(
        action=overdue_action, proposed_by=sutton_officer, proposed_date=today + D(60), reason="Recruitment failed."
    )


def _decide(client, revision, **data):
    return client.post(reverse("admin:actions_duedaterevision_change", args=[revision.pk]), data)


def test_agreeing_in_the_admin_moves_the_deadline_and_the_rating(client, administrator, proposal, today):
    assert proposal.action.rag_on(today) == Rag.RED
    client.force_login(administrator)
    assert _decide(client, proposal, decision="agree").status_code == 302
    action = Action.objects.get(pk=proposal.action_id)
    assert action.revised_due_date == today + D(60)
    assert action.rag_on(today) == Rag.GREEN
    assert DueDateRevision.objects.get(pk=proposal.pk).decided_by == administrator
    assert PlanChange.objects.filter(action=action, text__contains="revised due date agreed").exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"decision": "reject"}, "Enter why the board rejects the revised date."),
        ({"decision": "agree_other"}, "Enter the date the board agreed."),
        ({"decision": "agree_other", "date_agreed": "2000-01-01", "why": "x"}, "on or after the start date"),
    ],
)
def test_a_decision_the_service_would_refuse_is_an_error_and_changes_nothing(
    client, administrator, proposal, data, message
):
    client.force_login(administrator)
    response = _decide(client, proposal, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert DueDateRevision.objects.get(pk=proposal.pk).is_pending
    assert Action.objects.get(pk=proposal.action_id).revised_due_date is None


def test_a_revision_cannot_be_added_or_deleted_in_the_admin(client, administrator, proposal):
    client.force_login(administrator)
    assert client.get(reverse("admin:actions_duedaterevision_add")).status_code == 403
    delete = reverse("admin:actions_duedaterevision_delete", args=[proposal.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


@pytest.mark.parametrize("model", ["action", "milestone", "performanceindicator"])
def test_the_plan_is_read_in_the_admin_and_changed_on_its_pages(
    client, administrator, sutton_action, sutton_plan, sutton_indicator, today, model
):
    milestone = Milestone.objects.create(plan=sutton_plan, title="Audit", due_date=today)
    obj = {"action": sutton_action, "milestone": milestone, "performanceindicator": sutton_indicator}[model]
    client.force_login(administrator)
    change = reverse(f"admin:actions_{model}_change", args=[obj.pk])
    page = client.get(change)
    assert page.status_code == 200 and b'type="submit" value="Save"' not in page.content
    assert client.post(change, {"title": "Changed", "name": "Changed", "status": "complete"}).status_code == 403
    assert client.get(reverse(f"admin:actions_{model}_add")).status_code == 403
    obj.refresh_from_db()
    assert getattr(obj, "title", None) != "Changed" and getattr(obj, "name", None) != "Changed"


def test_indicator_values_are_read_in_the_admin(client, administrator, sutton_indicator, sutton_officer, today):
    services.indicator_value_set(
        indicator=sutton_indicator, month=today.replace(day=1), value=70, entered_by=sutton_officer
    )
    client.force_login(administrator)
    page = client.get(reverse("admin:actions_performanceindicator_change", args=[sutton_indicator.pk]))
    assert page.status_code == 200 and "70" in page.content.decode()
    assert IndicatorValue.objects.count() == 1
