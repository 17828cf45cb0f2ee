"""Closing an action at a meeting: the form shows the action to check, then records which
meeting closed it and whether it was done or dropped."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("board_action_close", kwargs={"slug": "sutton", "number": 1})


def test_the_chair_closes_it_at_the_later_meeting(signed_in, action, meetings):
    page = signed_in("sutton_chair").get(URL).content.decode()
    assert "Check the action" in page and "Epsom and St Helier to report" in page
    response = signed_in("sutton_chair").post(URL, {"meeting": meetings[1].pk, "status": "done"})
    assert response.status_code == 302 and response["Location"] == reverse("board_actions", args=["sutton"])
    action.refresh_from_db()
    assert (action.status, action.closed_at) == ("done", meetings[1])


def test_a_dropped_action_says_so(signed_in, action, meetings):
    signed_in("secretary").post(URL, {"meeting": meetings[0].pk, "status": "dropped"})
    action.refresh_from_db()
    assert action.get_status_display() == "Dropped" and action.closed_at == meetings[0]


def test_bad_input(signed_in, action, meetings, sutton_board):
    from improvement_board.models import Meeting

    earlier = Meeting.objects.create(board=sutton_board, date=meetings[0].date.replace(month=9))
    page = signed_in("sutton_chair").post(URL, {"meeting": meetings[1].pk}).content.decode()
    assert "Choose whether it was done or dropped" in page
    page = signed_in("sutton_chair").post(URL, {"meeting": earlier.pk, "status": "done"}).content.decode()
    assert "Select a valid choice" in page  # a meeting before the one that raised it is not offered
    action.refresh_from_db()
    assert action.status == "open"


def test_only_the_chair_or_secretary(signed_in, action, meetings):
    assert signed_in("sutton_member").post(URL, {"meeting": meetings[1].pk, "status": "done"}).status_code == 403
    assert signed_in("observer").get(URL).status_code == 403
    assert signed_in("southwark_observer").get(URL).status_code == 404
    assert signed_in("sutton_chair").patch(URL).status_code == 405
