"""The decision loop: an officer withdraws or replaces a pending proposal; the chair agrees it,
agrees a different date with a reason, or rejects it; the proposer and owner are emailed and see
it in their "waiting for you" list."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from actions import services
from actions.models import Action, DueDateRevision

pytestmark = pytest.mark.django_db
D = datetime.timedelta


def _date(name, value):
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


@pytest.fixture
def emails(sutton_officer, sutton_chair):
    for user, address in ((sutton_officer, "officer@sutton.gov.uk"), (sutton_chair, "chair@example.org")):
        user.email = address
        user.save()


def test_an_officer_withdraws_a_pending_proposal(client, sutton_officer, overdue_action, today):
    revision = services.revised_date_propose(
        action=overdue_action, proposed_by=sutton_officer, proposed_date=today + D(60), reason="Recruitment"
    )
    client.force_login(sutton_officer)
    response = client.post(reverse("actions:revision_withdraw", args=[revision.pk]))
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == "withdrawn" and revision.decided_by == sutton_officer
    page = client.get(overdue_action.get_absolute_url()).content.decode()
    assert f"Proposed revised due date of {today + D(60):%-d %B %Y} withdrawn by" in page
    assert Action.objects.get(pk=overdue_action.pk).revised_due_date is None


def test_the_chair_agrees_a_different_date_with_a_reason_and_both_are_told(
    client, sutton_officer, sutton_chair, overdue_action, today, emails, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        revision = services.revised_date_propose(
            action=overdue_action, proposed_by=sutton_officer, proposed_date=today + D(60), reason="Recruitment"
        )
    assert [m.to for m in mail.outbox] == [["chair@example.org"]], "the chair hears of the proposal"
    mail.outbox.clear()
    client.force_login(sutton_chair)
    waiting = client.get(reverse("actions:waiting")).content.decode()
    assert "Revised due dates to decide (1)" in waiting
    url = reverse("actions:revision_decide", args=[revision.pk])
    response = client.post(url, {"decision": "different", **_date("agreed_date", today + D(45))})
    page = response.content.decode()
    assert "Enter why the board agrees a different date" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "decision": "different",
                **_date("agreed_date", today + D(45)),
                "reason": "Six weeks is enough with agency staff",
            },
        )
    assert response.status_code == 302
    action = Action.objects.get(pk=overdue_action.pk)
    assert action.revised_due_date == today + D(45)
    assert [m.to for m in mail.outbox] == [["officer@sutton.gov.uk"]], "proposer and owner (the same person) told once"
    assert f"Agreed, with a different date: {today + D(45):%-d %B %Y}" in mail.outbox[0].body
    client.force_login(sutton_officer)
    waiting = client.get(reverse("actions:waiting")).content.decode()
    assert "agreed with a different date" in waiting and "Six weeks is enough with agency staff" in waiting


def test_a_rejection_is_emailed_to_the_proposer_and_the_owner(
    sutton_officer, sutton_chair, make_user, sutton, overdue_action, today, emails, django_capture_on_commit_callbacks
):
    colleague = make_user("sam.jones", "officer", council=sutton, email="sam@sutton.gov.uk")
    revision = services.revised_date_propose(
        action=overdue_action, proposed_by=colleague, proposed_date=today + D(60), reason="Recruitment"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.revised_date_decide(revision=revision, decided_by=sutton_chair, agree=False, reason="Too late")
    assert sorted(m.to[0] for m in mail.outbox) == ["officer@sutton.gov.uk", "sam@sutton.gov.uk"]


def test_the_officers_list_shows_overdue_and_due_soon_actions(
    client, sutton_officer, overdue_action, sutton_action, make_action, sutton_plan, today
):
    make_action(
        sutton_plan, title="Due next week", owner=sutton_officer, start_date=today - D(10), due_date=today + D(7)
    )
    client.force_login(sutton_officer)
    page = client.get(reverse("actions:waiting")).content.decode()
    assert "Your actions that are overdue (1)" in page and overdue_action.title in page
    assert "Your actions due in the next 14 days (1)" in page and "Due next week" in page


def test_a_decided_proposal_cannot_be_withdrawn(client, sutton_officer, sutton_chair, overdue_action, today):
    revision = services.revised_date_propose(
        action=overdue_action, proposed_by=sutton_officer, proposed_date=today + D(60), reason="Recruitment"
    )
    services.revised_date_decide(revision=revision, decided_by=sutton_chair, agree=True)
    client.force_login(sutton_officer)
    client.post(reverse("actions:revision_withdraw", args=[revision.pk]))
    assert DueDateRevision.objects.get(pk=revision.pk).status == "agreed"
