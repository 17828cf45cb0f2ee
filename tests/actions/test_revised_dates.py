"""Revised due dates: an officer proposes, the chair agrees or rejects (who, when, why kept);
only an agreed date changes what counts as overdue."""

import datetime

import pytest
from django.urls import reverse

from actions import services
from actions.models import Action, DueDateRevision

pytestmark = pytest.mark.django_db
D = datetime.timedelta


def _propose(client, action, date, reason="Recruitment round failed; new round closes in March."):
    return client.post(
        reverse("actions:revision_propose", args=[action.pk]),
        {
            "proposed_date_0": date.day if date else "",
            "proposed_date_1": date.month if date else "",
            "proposed_date_2": date.year if date else "",
            "reason": reason,
        },
    )


def test_an_officer_proposes_and_the_action_is_still_due_on_its_date(client, sutton_officer, overdue_action, today):
    client.force_login(sutton_officer)
    response = _propose(client, overdue_action, today + D(60))
    assert response.status_code == 302
    revision = DueDateRevision.objects.get()
    assert revision.status == "pending" and revision.proposed_by == sutton_officer
    action = Action.objects.get(pk=overdue_action.pk)
    assert action.revised_due_date is None and action.is_overdue(on=today)
    assert "awaiting the board" in client.get(action.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "date, reason, message",
    [
        (None, "why", "Enter the proposed revised due date"),
        ("past", "why", "must be in the future"),
        ("far", "why", "must be within 10 years"),
        ("ok", "", "Enter why the due date needs to change"),
    ],
)
def test_bad_proposals_get_a_clear_error_and_change_nothing(
    client, sutton_officer, sutton_action, today, date, reason, message
):
    dates = {None: None, "past": today - D(1), "far": today.replace(year=today.year + 11), "ok": today + D(30)}
    client.force_login(sutton_officer)
    response = _propose(client, sutton_action, dates[date], reason=reason)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert message in response.content.decode()
    assert not DueDateRevision.objects.exists()


def test_an_impossible_date_is_refused(client, sutton_officer, sutton_action):
    client.force_login(sutton_officer)
    response = client.post(
        reverse("actions:revision_propose", args=[sutton_action.pk]),
        {"proposed_date_0": "31", "proposed_date_1": "2", "proposed_date_2": "2030", "reason": "why"},
    )
    assert response.status_code == 200 and not DueDateRevision.objects.exists()
    assert "govuk-error-summary" in response.content.decode()


def test_the_chair_sees_pending_proposals_and_agrees_one(client, sutton_officer, sutton_chair, overdue_action, today):
    revision = services.revised_date_propose(
        action=overdue_action, proposed_by=sutton_officer, proposed_date=today + D(60), reason="Recruitment"
    )
    client.force_login(sutton_chair)
    listing = client.get(reverse("actions:revisions")).content.decode()
    assert overdue_action.title in listing and reverse("actions:revision_decide", args=[revision.pk]) in listing
    response = client.post(reverse("actions:revision_decide", args=[revision.pk]), {"decision": "agree", "reason": ""})
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == "agreed" and revision.decided_by == sutton_chair and revision.decided_at
    action = Action.objects.get(pk=overdue_action.pk)
    assert action.revised_due_date == today + D(60) and not action.is_overdue(on=today)
    history = client.get(action.get_absolute_url()).content.decode()
    assert (
        f"Due date changed from {overdue_action.due_date:%-d %B %Y} to {today + D(60):%-d %B %Y}: revised due date "
        f"agreed by {sutton_chair.get_full_name()}, {today:%-d %B %Y}"
    ) in history


def test_a_rejection_needs_a_reason_and_keeps_the_date(client, sutton_officer, sutton_chair, overdue_action, today):
    revision = services.revised_date_propose(
        action=overdue_action, proposed_by=sutton_officer, proposed_date=today + D(60), reason="Recruitment"
    )
    client.force_login(sutton_chair)
    response = client.post(reverse("actions:revision_decide", args=[revision.pk]), {"decision": "reject"})
    assert "Enter why the board rejects the revised due date" in response.content.decode()
    revision.refresh_from_db()
    assert revision.status == "pending"
    assert (
        client.post(
            reverse("actions:revision_decide", args=[revision.pk]),
            {"decision": "reject", "reason": "Not enough evidence"},
        ).status_code
        == 302
    )
    revision.refresh_from_db()
    assert revision.status == "rejected" and revision.decision_reason == "Not enough evidence"
    assert Action.objects.get(pk=overdue_action.pk).revised_due_date is None


def test_a_decision_needs_a_choice(client, sutton_officer, sutton_chair, sutton_action, today):
    revision = services.revised_date_propose(
        action=sutton_action, proposed_by=sutton_officer, proposed_date=today + D(60), reason="Recruitment"
    )
    client.force_login(sutton_chair)
    response = client.post(reverse("actions:revision_decide", args=[revision.pk]), {})
    assert "Select whether the board agrees the revised due date" in response.content.decode()


@pytest.mark.parametrize(
    "persona, status",
    [("sutton_officer", 403), ("observer", 403), ("southwark_officer", 404), ("southwark_observer", 404)],
)
def test_only_the_chair_may_decide(
    client, request, sutton_officer, sutton_board, sutton_action, today, persona, status
):
    revision = services.revised_date_propose(
        action=sutton_action, proposed_by=sutton_officer, proposed_date=today + D(60), reason="Recruitment"
    )
    client.force_login(request.getfixturevalue(persona))
    assert (
        client.post(reverse("actions:revision_decide", args=[revision.pk]), {"decision": "agree"}).status_code == status
    )
    revision.refresh_from_db()
    assert revision.status == "pending"


def test_a_second_proposal_replaces_the_pending_one_and_keeps_it(client, sutton_officer, sutton_action, today):
    client.force_login(sutton_officer)
    _propose(client, sutton_action, today + D(60))
    page = client.get(reverse("actions:revision_propose", args=[sutton_action.pk])).content.decode()
    assert "Withdraw this proposal" in page and "Replace the proposal" in page
    response = _propose(client, sutton_action, today + D(90))
    assert response.status_code == 302
    statuses = dict(DueDateRevision.objects.values_list("proposed_date", "status"))
    assert statuses == {today + D(60): "replaced", today + D(90): "pending"}


def test_an_impossible_date_gets_the_govuk_real_date_error(client, sutton_officer, sutton_action):
    client.force_login(sutton_officer)
    response = client.post(
        reverse("actions:revision_propose", args=[sutton_action.pk]),
        {"proposed_date_0": "31", "proposed_date_1": "2", "proposed_date_2": "2030", "reason": "why"},
    )
    page = response.content.decode()
    assert '<a href="#id_proposed_date_0">Proposed revised due date must be a real date</a>' in page
    assert "day is out of range" not in page


def test_a_23_digit_year_on_the_revised_date_form_is_refused_with_a_govuk_error(client, sutton_officer, sutton_action):
    """Issue 16 item 10: a 23-digit year raised OverflowError, a server error."""
    client.force_login(sutton_officer)
    response = client.post(
        reverse("actions:revision_propose", args=[sutton_action.pk]),
        {"proposed_date_0": "1", "proposed_date_1": "1", "proposed_date_2": "1" * 23, "reason": "why"},
    )
    assert response.status_code == 200 and not DueDateRevision.objects.exists()
    assert '<a href="#id_proposed_date_2">Year must include 4 numbers</a>' in response.content.decode()
