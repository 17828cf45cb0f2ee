"""Changing an open action: the chair or the secretary; a closed one cannot change."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from improvement_board.boards import governance_services

pytestmark = pytest.mark.django_db
URL = reverse("board_action_edit", kwargs={"slug": "sutton", "number": 1})
DATA = {
    "text": "Report on the pathway, with figures.",
    "owner": "The trust",
    "due_0": "14",
    "due_1": "12",
    "due_2": "2012",
}


def test_the_chair_changes_owner_and_due_date_and_the_history_keeps_the_old(signed_in, action):
    response = signed_in("sutton_chair").post(URL, DATA)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.text, action.owner, action.owner_member, action.due) == (
        "Report on the pathway, with figures.",
        "The trust",
        None,
        datetime.date(2012, 12, 14),
    )
    assert action.history.count() == 2 and action.history.earliest().owner == "Diane Carver"


def test_the_form_starts_from_the_action(signed_in, action):
    page = signed_in("secretary").get(URL).content.decode()
    assert "Epsom and St Helier to report" in page and 'value="30"' in page


def test_a_closed_action_cannot_change(signed_in, action, meetings):
    governance_services.board_action_close(action=action, meeting=meetings[1])
    page = signed_in("sutton_chair").post(URL, DATA).content.decode()
    assert "was closed at the meeting of 30 October 2012: it cannot change" in page


def test_bad_input_and_wrong_people(signed_in, action):
    page = signed_in("sutton_chair").post(URL, {**DATA, "text": " "}).content.decode()
    assert "Enter what the board asked for" in page
    assert signed_in("sutton_member").post(URL, DATA).status_code == 403
    assert signed_in("observer").get(URL).status_code == 403
    assert signed_in("southwark_officer").get(URL).status_code == 404
    assert signed_in("sutton_chair").delete(URL).status_code == 405
