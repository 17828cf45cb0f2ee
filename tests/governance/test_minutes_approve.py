"""Approving minutes at a later meeting: the page shows the minutes to check, then records at
which meeting, who and when; approved minutes are then fixed."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_chair_approves_last_meetings_minutes_at_this_one(signed_in, meetings, sutton_chair):
    url = reverse("board_minutes_approve", args=["sutton", meetings[0].pk])
    page = signed_in("sutton_chair").get(url).content.decode()
    assert "Approve the minutes of 2 October 2012" in page and "The board received the report." in page
    assert "Once approved they cannot change" in page
    response = signed_in("sutton_chair").post(url, {"at_meeting": meetings[1].pk})
    assert response.status_code == 302
    meetings[0].refresh_from_db()
    assert (meetings[0].minutes_approved_at, meetings[0].minutes_approved_by) == (meetings[1], sutton_chair)
    assert meetings[0].minutes_approved_on is not None
    shown = signed_in("sutton_member").get(reverse("board_meeting", args=["sutton", meetings[0].pk])).content.decode()
    assert "Approved" in shown and "meeting of 30 October 2012" in shown
    later = signed_in("sutton_member").get(reverse("board_meeting", args=["sutton", meetings[1].pk])).content.decode()
    assert "This meeting approved the minutes of" in later


def test_minutes_already_approved_or_with_no_later_meeting_send_the_chair_back(signed_in, meetings):
    later = reverse("board_minutes_approve", args=["sutton", meetings[1].pk])
    meetings[1].minutes = "Draft."
    meetings[1].save()
    response = signed_in("sutton_chair").get(later, follow=True)
    assert "Record the later meeting first" in response.content.decode()
    first = reverse("board_minutes_approve", args=["sutton", meetings[0].pk])
    signed_in("sutton_chair").post(first, {"at_meeting": meetings[1].pk})
    response = signed_in("sutton_chair").get(first, follow=True)
    assert "These minutes are approved: record a correction instead." in response.content.decode()


def test_no_minutes_to_approve_and_bad_input(signed_in, meetings, sutton_board):
    from improvement_board.models import Meeting

    meetings[0].minutes = ""
    meetings[0].save()
    url = reverse("board_minutes_approve", args=["sutton", meetings[0].pk])
    page = signed_in("sutton_chair").post(url, {"at_meeting": meetings[1].pk}).content.decode()
    assert "There are no minutes to approve" in page
    other = Meeting.objects.create(board=sutton_board, date=meetings[0].date.replace(day=1))
    page = signed_in("sutton_chair").post(url, {"at_meeting": other.pk}).content.decode()
    assert "Select a valid choice" in page


def test_wrong_people_and_method(signed_in, meetings, seats):
    url = reverse("board_minutes_approve", args=["sutton", meetings[0].pk])
    assert signed_in("sutton_member").post(url, {"at_meeting": meetings[1].pk}).status_code == 403
    assert signed_in("observer").get(url).status_code == 403
    assert signed_in("southwark_officer").get(url).status_code == 404
    assert signed_in("secretary").get(url).status_code == 200
    assert signed_in("sutton_chair").put(url).status_code == 405
