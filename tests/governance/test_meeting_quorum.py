"""Recording a meeting checks its quorum under the terms of reference in force: below it, a GOV.UK
warning and a box to confirm (the meeting then records that it was not quorate); where the terms
say an inquorate meeting cannot decide, its decisions are refused with an error."""

from __future__ import annotations

import pytest
from django.urls import reverse

from improvement_board.boards.governance_services import quorum_of
from improvement_board.boards.services import AttendanceEntry
from improvement_board.models import Meeting

pytestmark = pytest.mark.django_db
URL = reverse("board_meeting_new", kwargs={"slug": "sutton"})


def meeting(seats, *present, substitute=None, **extra):
    data = {"date_0": "27", "date_1": "11", "date_2": "2012", "location": "Civic Offices"}
    for name in present:
        data[f"present_{seats[name].pk}"] = "on"
    if substitute:
        data[f"substitute_{seats[substitute].pk}"] = "Deputy"
    return {**data, **extra}


def test_a_quorate_meeting_is_recorded_without_a_word(signed_in, seats, terms):
    response = signed_in("sutton_chair").post(URL, meeting(seats, "chair", "member", "other"))
    assert response.status_code == 302
    assert Meeting.objects.get().quorum_note == ""


def test_below_quorum_warns_then_records_it_as_not_quorate(signed_in, seats, terms):
    client = signed_in("sutton_chair")
    first = client.post(URL, meeting(seats, "chair", "member", "secretary", decisions="Noted the report."))
    page = first.content.decode()
    assert first.status_code == 200 and not Meeting.objects.exists()
    assert "govuk-warning-text" in page and "There is a problem" not in page
    assert "The meeting was not quorate: 2 members present or represented" in page  # the secretary does not count
    assert "need 3" in page and "the meeting may go ahead" in page
    unticked = client.post(URL, meeting(seats, "chair", "member", quorum_warned="on"))
    assert "There is a problem" in unticked.content.decode()
    assert "Confirm that the meeting is to be recorded as not quorate" in unticked.content.decode()
    done = client.post(URL, meeting(seats, "chair", "member", quorum_warned="on", confirm_inquorate="on"))
    assert done.status_code == 302
    recorded = Meeting.objects.get()
    assert recorded.quorum_note.startswith("The meeting was not quorate: 2 members")
    assert "was not quorate" in client.get(done["Location"]).content.decode()


def test_a_named_substitute_counts_when_the_terms_say_so(signed_in, seats, terms):
    response = signed_in("sutton_chair").post(URL, meeting(seats, "chair", "member", substitute="other"))
    assert response.status_code == 302 and Meeting.objects.get().quorum_note == ""
    terms.substitutes_count = False
    terms.save()
    assert not quorum_of(terms.board, terms.agreed_on, [AttendanceEntry(seats["other"], False, "Deputy")]).counted


def test_terms_that_forbid_inquorate_decisions_refuse_them_with_an_error(signed_in, seats, terms):
    terms.inquorate = "refuse"
    terms.save()
    client = signed_in("sutton_chair")
    response = client.post(URL, meeting(seats, "chair", decisions="Agreed the protocol."))
    page = response.content.decode()
    assert "There is a problem" in page and "cannot make decisions or agree revised dates" in page
    assert not Meeting.objects.exists()
    # Without decisions it may be recorded, as not quorate, once confirmed.
    done = client.post(URL, meeting(seats, "chair", quorum_warned="on", confirm_inquorate="on"))
    assert done.status_code == 302 and Meeting.objects.get().quorum_note


def test_without_terms_there_is_no_quorum_check(signed_in, seats):
    assert signed_in("sutton_chair").post(URL, meeting(seats)).status_code == 302
