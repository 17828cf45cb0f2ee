"""Drafting a meeting's minutes: the chair or the secretary; never once approved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from improvement_board.boards import meeting_services

pytestmark = pytest.mark.django_db


def test_the_secretary_drafts_the_minutes(signed_in, meetings, seats):
    url = reverse("board_minutes", args=["sutton", meetings[1].pk])
    response = signed_in("secretary").post(url, {"minutes": "1. Apologies.\n2. The report was received."})
    assert response.status_code == 302
    meetings[1].refresh_from_db()
    assert meetings[1].minutes == "1. Apologies.\n2. The report was received."
    page = signed_in("sutton_officer").get(reverse("board_meeting", args=["sutton", meetings[1].pk])).content.decode()
    assert "Draft" in page and "2. The report was received." in page and "Write the minutes" not in page


def test_approved_minutes_cannot_be_changed(signed_in, meetings, seats):
    meeting_services.minutes_approve(meeting=meetings[0], at_meeting=meetings[1])
    url = reverse("board_minutes", args=["sutton", meetings[0].pk])
    response = signed_in("sutton_chair").post(url, {"minutes": "Rewritten."}, follow=True)
    assert "These minutes are approved: they cannot change" in response.content.decode()
    meetings[0].refresh_from_db()
    assert meetings[0].minutes == "The board received the report."


def test_bad_input_and_wrong_people(signed_in, meetings, seats):
    url = reverse("board_minutes", args=["sutton", meetings[1].pk])
    assert "Enter the minutes" in signed_in("sutton_chair").post(url, {"minutes": "  "}).content.decode()
    assert signed_in("sutton_member").post(url, {"minutes": "x"}).status_code == 403
    assert signed_in("southwark_officer").get(url).status_code == 404
    assert signed_in("sutton_chair").put(url).status_code == 405
