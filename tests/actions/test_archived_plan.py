"""An archived (inactive) plan is read-only everywhere: every service that writes to a plan
refuses, the pages answer 403 and offer no change, and the admin shows it read-only
(issue 16, item 14)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions import services, structure
from actions.models import (
    Action,
    DueDateRevision,
    ImprovementPlan,
    IndicatorValue,
    Milestone,
    PerformanceIndicator,
    ProgressUpdate,
)

pytestmark = pytest.mark.django_db

ARCHIVED = "This plan is archived: it can be read but not changed."


@pytest.fixture
def revision(sutton_action, sutton_officer, today):
    return services.revised_date_propose(
        action=sutton_action,
        proposed_by=sutton_officer,
        proposed_date=today + datetime.timedelta(days=90),
        reason="Recruitment",
    )


@pytest.fixture
def archive(sutton_plan):
    def archive():
        ImprovementPlan.objects.filter(pk=sutton_plan.pk).update(is_active=False)
        sutton_plan.refresh_from_db()

    return archive


def _snapshot():
    return (
        list(Action.objects.values_list("pk", "version", "status", "revised_due_date")),
        ProgressUpdate.objects.count(),
        list(DueDateRevision.objects.values_list("pk", "status")),
        list(IndicatorValue.objects.values_list("pk", "value")),
        list(Milestone.objects.values_list("pk")),
        list(Action.objects.values_list("title", flat=True)),
        list(PerformanceIndicator.objects.values_list("pk", "retired_on")),
    )


WRITES = {
    "progress update": lambda a, o, c, r, i, d: services.progress_update_create(
        action=a, author=o, narrative="Audit done.", status="in_progress", rag="green"
    ),
    "revised date proposal": lambda a, o, c, r, i, d: services.revised_date_propose(
        action=a, proposed_by=o, proposed_date=d + datetime.timedelta(days=60), reason="Late"
    ),
    "revised date agreed": lambda a, o, c, r, i, d: services.revised_date_decide(revision=r, decided_by=c, agree=True),
    "revised date rejected": lambda a, o, c, r, i, d: services.revised_date_decide(
        revision=r, decided_by=c, agree=False, reason="No"
    ),
    "indicator value": lambda a, o, c, r, i, d: services.indicator_value_set(
        indicator=i, month=d.replace(day=1), value=50, entered_by=o
    ),
    "indicator values": lambda a, o, c, r, i, d: services.indicator_values_set(
        values=[(i, 50)], month=d.replace(day=1), entered_by=o
    ),
    "structure: milestone": lambda a, o, c, r, i, d: structure.milestone_create(
        plan=a.plan, by=o, title="Audit", due_date=d
    ),
    "structure: action change": lambda a, o, c, r, i, d: structure.action_update(action=a, by=o, title="Changed"),
    "structure: indicator retired": lambda a, o, c, r, i, d: structure.indicator_retire(indicator=i, by=o, on=d),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_service_refuses_a_change_to_an_archived_plan(
    write, archive, sutton_action, sutton_officer, sutton_chair, revision, sutton_indicator, today
):
    archive()
    before = _snapshot()
    with pytest.raises(ValidationError, match="archived"):
        write(sutton_action, sutton_officer, sutton_chair, revision, sutton_indicator, today)
    assert _snapshot() == before


def test_a_board_meeting_cannot_agree_a_revision_of_an_archived_plan(
    archive, sutton_board, sutton_chair, revision, today
):
    from improvement_board.boards import services as board_services

    archive()
    with pytest.raises(ValidationError, match="archived"):
        board_services.meeting_record(
            board=sutton_board, date=today, recorded_by=sutton_chair, agree_revisions=[revision]
        )
    assert DueDateRevision.objects.get(pk=revision.pk).status == "pending"


@pytest.mark.parametrize(
    "name, persona",
    [
        ("actions:progress", "sutton_officer"),
        ("actions:revision_propose", "sutton_officer"),
        ("actions:progress", "administrator"),
    ],
)
def test_the_officers_change_pages_answer_403_for_an_archived_plan(
    client, request, archive, sutton_action, name, persona
):
    client.force_login(request.getfixturevalue(persona))
    archive()
    before = _snapshot()
    url = reverse(name, args=[sutton_action.pk])
    for response in (
        client.get(url),
        client.post(url, {"version": sutton_action.version, "narrative": "x", "status": "in_progress", "rag": "green"}),
    ):
        assert response.status_code == 403
        assert ARCHIVED in response.content.decode()
    assert _snapshot() == before


def test_indicator_values_cannot_be_entered_for_an_archived_plan(
    client, archive, sutton_officer, sutton_indicator, today
):
    client.force_login(sutton_officer)
    archive()
    url = reverse("actions:indicator_value", args=[sutton_indicator.pk])
    response = client.post(url, {"month": today.replace(day=1).isoformat(), "value": "50"})
    assert response.status_code == 403 and not IndicatorValue.objects.exists()
    page = client.get(reverse("actions:indicator", args=[sutton_indicator.pk])).content.decode()
    assert ARCHIVED in page and url not in page


def test_the_chair_cannot_decide_a_revision_of_an_archived_plan(client, archive, sutton_chair, revision):
    client.force_login(sutton_chair)
    archive()
    url = reverse("actions:revision_decide", args=[revision.pk])
    assert client.post(url, {"decision": "agree"}).status_code == 403
    assert DueDateRevision.objects.get(pk=revision.pk).status == "pending"
    assert revision not in client.get(reverse("actions:revisions")).context["revisions"]


def test_the_action_page_says_the_plan_is_archived_and_offers_no_change(
    client, archive, sutton_officer, sutton_action, revision
):
    client.force_login(sutton_officer)
    assert (
        reverse("actions:progress", args=[sutton_action.pk])
        in client.get(sutton_action.get_absolute_url()).content.decode()
    )
    archive()
    page = client.get(sutton_action.get_absolute_url()).content.decode()
    assert ARCHIVED in page
    assert reverse("actions:progress", args=[sutton_action.pk]) not in page
    assert reverse("actions:revision_decide", args=[revision.pk]) not in page


def test_the_admin_shows_an_archived_plans_contents_read_only(
    client, archive, administrator, sutton_action, sutton_plan, sutton_indicator, today
):
    client.force_login(administrator)
    milestone = Milestone.objects.create(plan=sutton_plan, title="Audit", due_date=today)
    archive()
    before = _snapshot()
    for model, obj in (("action", sutton_action), ("milestone", milestone), ("performanceindicator", sutton_indicator)):
        change = reverse(f"admin:actions_{model}_change", args=[obj.pk])
        page = client.get(change)
        assert page.status_code == 200 and b'type="submit" value="Save"' not in page.content
        assert client.post(change, {"title": "Changed", "name": "Changed"}).status_code == 403
        delete = reverse(f"admin:actions_{model}_delete", args=[obj.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
    assert _snapshot() == before
    assert Milestone.objects.get(pk=milestone.pk).title == "Audit"
    added = client.post(
        reverse("admin:actions_milestone_add"), {"plan": sutton_plan.pk, "title": "New", "due_date": today.isoformat()}
    )
    assert added.status_code == 403
    assert not Milestone.objects.filter(title="New").exists()


def test_a_councils_plan_is_its_active_one_and_an_archived_plan_is_only_read(sutton, sutton_plan, archive):
    from actions import selectors

    assert list(ImprovementPlan.objects.active()) == [sutton_plan]
    assert selectors.active_plan(sutton) == sutton_plan
    archive()
    assert not ImprovementPlan.objects.active().exists()
    assert selectors.active_plan(sutton) is None
