"""A meeting's agenda and papers, in order: the next meeting's, or the date asked for."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from improvement_board.boards import meeting_services

pytestmark = pytest.mark.django_db
URL = reverse("board_agenda", kwargs={"slug": "sutton"})


def test_it_lists_the_items_in_order_with_their_papers(signed_in, item, sutton_board):
    meeting_services.agenda_item_add(board=sutton_board, meeting_date=item.meeting_date, title="Any other business")
    page = signed_in("sutton_member").get(URL + "?date=2099-01-08").content.decode()
    assert "Agenda for the meeting of Thursday 8 January 2099" in page
    assert page.index("1. Workforce report") < page.index("2. Any other business")
    assert "Download the paper: workforce-report" in page and "No paper." in page
    assert "Move up" not in page and "Add an agenda item" not in page
    chair = signed_in("sutton_chair").get(URL + "?date=2099-01-08").content.decode()
    assert "Move down" in chair and "Add an agenda item" in chair


def test_without_a_date_it_shows_the_next_meetings(signed_in, sutton_board, meetings):
    page = signed_in("sutton_officer").get(URL).content.decode()
    # The last meeting was 30 October 2012; the next is four-weekly from it, on or after today.
    assert "Agenda for the meeting of" in page and "No agenda items for this meeting yet." in page


def test_a_bad_date_is_not_found_and_others_are_kept_out(signed_in, item):
    assert signed_in("sutton_chair").get(URL + "?date=2099-02-30").status_code == 404
    assert signed_in("southwark_officer").get(URL).status_code == 404
    assert signed_in("observer").post(URL).status_code == 405
    assert signed_in("observer").get(URL + f"?date={datetime.date(2099, 1, 8)}").status_code == 200
