"""Revised due dates awaiting the board: the one rule (pending, on the council's active plan),
as the chair's list, the board page, its meeting form and the council dashboard read it."""

import datetime

import pytest
from django.urls import reverse

from actions import selectors, services
from actions.models import DueDateRevision, ImprovementPlan

pytestmark = pytest.mark.django_db
D = datetime.timedelta


@pytest.fixture
def proposals(sutton_plan, make_action, sutton_officer, sutton_chair, today):
    """One proposal of each kind on Sutton's plan, and one left pending on an archived plan."""

    def propose(plan, title):
        action = make_action(plan, title=title, start_date=today - D(30), due_date=today + D(10))
        return services.revised_date_propose(
            action=action, proposed_by=sutton_officer, proposed_date=today + D(60), reason="Recruitment round failed."
        )

    ImprovementPlan.objects.filter(pk=sutton_plan.pk).update(is_active=False)
    earlier = ImprovementPlan.objects.create(
        council=sutton_plan.council, title="Earlier plan", agreed_on=datetime.date(2010, 1, 1)
    )
    left = propose(earlier, "Archived action")
    ImprovementPlan.objects.filter(pk=earlier.pk).update(is_active=False)
    ImprovementPlan.objects.filter(pk=sutton_plan.pk).update(is_active=True)
    sutton_plan.refresh_from_db()
    waiting = propose(sutton_plan, "Waiting action")
    agreed = propose(sutton_plan, "Agreed action")
    services.revised_date_decide(revision=agreed, decided_by=sutton_chair, agree=True)
    return waiting, left


def test_only_a_pending_proposal_on_the_active_plan_awaits_the_board(proposals, sutton):
    waiting, left = proposals
    assert left.is_pending and waiting.is_pending
    assert list(DueDateRevision.objects.awaiting_board()) == [waiting]
    assert list(selectors.pending_revisions([sutton])) == [waiting]


@pytest.mark.parametrize(
    "who, url",
    [
        ("sutton_chair", lambda board: reverse("board", args=[board.slug])),
        ("sutton_chair", lambda board: reverse("board_meeting_new", args=[board.slug])),
        ("observer", lambda board: reverse("dashboards:council", args=[board.council.ons_code])),
        ("sutton_chair", lambda board: reverse("actions:waiting")),
    ],
)
def test_each_page_lists_what_awaits_the_board_and_nothing_else(client, proposals, sutton_board, request, who, url):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url(sutton_board))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Waiting action" in html
    assert "Archived action" not in html and "Agreed action" not in html
