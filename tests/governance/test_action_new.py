"""Adding an action to the log: the chair or the secretary, from scratch or from a meeting's
free-text decision."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from improvement_board.models import BoardAction, Decision

pytestmark = pytest.mark.django_db
URL = reverse("board_action_new", kwargs={"slug": "sutton"})


def form(meeting, **extra):
    data = {"text": "Report on agency staff.", "raised_at": meeting.pk, "owner": "HR", "due_0": "31", "due_1": "1"}
    data.update({"due_2": "2013"}, **extra)
    return data


def test_the_secretary_adds_an_action_owned_by_a_member(signed_in, meetings, seats):
    response = signed_in("secretary").post(URL, form(meetings[1], owner="", owner_member=seats["member"].pk))
    action = BoardAction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("board_action", kwargs={"slug": "sutton", "number": 1})
    assert (action.owner, action.owner_member, action.raised_at, action.due) == (
        "Diane Carver",
        seats["member"],
        meetings[1],
        datetime.date(2013, 1, 31),
    )


def test_a_free_text_decision_becomes_a_tracked_action(signed_in, meetings, seats):
    decision = Decision.objects.create(
        meeting=meetings[1], number=2, text="Epsom and St Helier to report to the next meeting."
    )
    page = signed_in("sutton_chair").get(URL + f"?decision={decision.pk}").content.decode()
    assert "From decision 2 of the meeting of 30 October 2012" in page
    assert "Epsom and St Helier to report to the next meeting." in page
    response = signed_in("sutton_chair").post(
        URL + f"?decision={decision.pk}",
        form(meetings[1], text=decision.text, owner="Epsom and St Helier University Hospitals NHS Trust"),
    )
    assert response.status_code == 302
    action = BoardAction.objects.get()
    assert action.decision == decision and action.owner_member is None
    meeting_page = signed_in("sutton_chair").get(reverse("board_meeting", args=["sutton", meetings[1].pk]))
    assert "Tracked as" in meeting_page.content.decode()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"text": ""}, "Enter what the board asked for"),
        ({"due_0": "", "due_1": "", "due_2": ""}, "Enter the due date"),
        ({"due_1": "13"}, "Due date must be a real date"),
        ({"due_2": "2012", "due_1": "9", "due_0": "1"}, "The due date must be on or after the meeting that raised it"),
        ({"owner": ""}, "Choose a board member, or enter who owns the action"),
        ({"owner": "HR", "owner_member": "MEMBER"}, "Leave this blank when a board member owns the action"),
    ],
)
def test_bad_input_gets_a_govuk_error(signed_in, meetings, seats, change, message):
    if change.get("owner_member") == "MEMBER":
        change["owner_member"] = seats["member"].pk
    response = signed_in("sutton_chair").post(URL, form(meetings[1], **change))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page and page.count(message) >= 2
    assert not BoardAction.objects.exists()


def test_someone_who_reads_the_board_may_not_add(signed_in, meetings, seats):
    for persona in ("sutton_officer", "sutton_member", "observer", "sutton_council_admin"):
        assert signed_in(persona).post(URL, form(meetings[1])).status_code == 403, persona
    assert signed_in("southwark_officer").get(URL).status_code == 404
    assert not BoardAction.objects.exists()


def test_a_board_with_no_meetings_is_sent_to_record_one_first(signed_in, seats):
    response = signed_in("sutton_chair").get(URL, follow=True)
    assert "Record a meeting first" in response.content.decode()


def test_wrong_method(signed_in, meetings):
    assert signed_in("sutton_chair").put(URL).status_code == 405
