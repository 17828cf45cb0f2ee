"""A correction to approved minutes is recorded at a later meeting; the minutes stay as approved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from improvement_board.boards import meeting_services
from improvement_board.models import Meeting, MinutesCorrection

pytestmark = pytest.mark.django_db


def test_the_secretary_records_a_correction_at_a_later_meeting(signed_in, meetings, seats, sutton_board):
    meeting_services.minutes_approve(meeting=meetings[0], at_meeting=meetings[1])
    third = Meeting.objects.create(board=sutton_board, date=meetings[1].date.replace(month=11, day=27))
    url = reverse("board_minutes_correct", args=["sutton", meetings[0].pk])
    response = signed_in("secretary").post(url, {"at_meeting": third.pk, "text": "Item 2: the police attended."})
    assert response.status_code == 302
    correction = MinutesCorrection.objects.get()
    assert (correction.recorded_at, correction.text) == (third, "Item 2: the police attended.")
    meetings[0].refresh_from_db()
    assert meetings[0].minutes == "The board received the report."
    page = signed_in("sutton_officer").get(reverse("board_meeting", args=["sutton", meetings[0].pk])).content.decode()
    assert "Correction recorded at the meeting of 27 November 2012" in page and "the police attended" in page


def test_draft_minutes_are_changed_not_corrected(signed_in, meetings):
    url = reverse("board_minutes_correct", args=["sutton", meetings[0].pk])
    response = signed_in("sutton_chair").get(url, follow=True)
    assert "These minutes are still a draft: change the draft instead." in response.content.decode()


def test_bad_input_and_wrong_people(signed_in, meetings, seats):
    meeting_services.minutes_approve(meeting=meetings[0], at_meeting=meetings[1])
    url = reverse("board_minutes_correct", args=["sutton", meetings[0].pk])
    page = signed_in("sutton_chair").post(url, {"at_meeting": meetings[1].pk, "text": ""}).content.decode()
    assert "Enter the correction" in page and not MinutesCorrection.objects.exists()
    assert signed_in("sutton_member").post(url, {}).status_code == 403
    assert signed_in("southwark_officer").get(url).status_code == 404
    assert signed_in("sutton_chair").put(url).status_code == 405
