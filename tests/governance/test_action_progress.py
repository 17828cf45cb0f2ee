"""Progress on an action: its owner (a board member with an account) records it, as can the chair
and the secretary; no one else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from improvement_board.boards import governance_services

pytestmark = pytest.mark.django_db
URL = reverse("board_action_progress", kwargs={"slug": "sutton", "number": 1})


def test_the_member_who_owns_it_records_progress(signed_in, action, sutton_member):
    response = signed_in("sutton_member").post(URL, {"progress": "Pathway drafted; goes to the trust board."})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.progress == "Pathway drafted; goes to the trust board." and action.progress_by == sutton_member
    assert action.status == "open"
    page = signed_in("sutton_officer").get(reverse("board_action", args=["sutton", 1])).content.decode()
    assert "Pathway drafted" in page


def test_a_member_who_does_not_own_it_may_not(signed_in, action, seats, sutton_board):
    action.owner_member = seats["other"]
    action.save()
    assert signed_in("sutton_member").post(URL, {"progress": "x"}).status_code == 403
    assert signed_in("secretary").post(URL, {"progress": "Reported."}).status_code == 302


def test_a_member_who_has_left_may_not(signed_in, action, seats):
    seats["member"].left = seats["member"].joined
    seats["member"].save()
    assert signed_in("sutton_member").get(URL).status_code == 403


def test_empty_progress_and_a_closed_action_are_refused(signed_in, action, meetings):
    page = signed_in("sutton_member").post(URL, {"progress": ""}).content.decode()
    assert "Enter what has been done" in page
    governance_services.board_action_close(action=action, meeting=meetings[1])
    page = signed_in("sutton_member").post(URL, {"progress": "More."}).content.decode()
    assert "it cannot change" in page


def test_others_and_the_wrong_method(signed_in, action):
    assert signed_in("sutton_officer").get(URL).status_code == 403
    assert signed_in("observer").post(URL, {"progress": "x"}).status_code == 403
    assert signed_in("southwark_officer").get(URL).status_code == 404
    assert signed_in("sutton_member").put(URL).status_code == 405
