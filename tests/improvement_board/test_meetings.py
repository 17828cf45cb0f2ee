"""The chair records a board meeting: attendance for each member's organisation, decisions,
and the revised due dates the board agreed."""

import datetime

import pytest
from django.urls import reverse

from actions import services as action_services
from actions.models import DueDateRevision
from improvement_board.models import Attendance, BoardMember, Meeting
from inspections.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(sutton_board):
    police = Organisation.objects.create(name="Metropolitan Police", kind="police")
    health = Organisation.objects.create(name="Sutton and Merton PCT", kind="health")
    return [
        BoardMember.objects.create(
            board=sutton_board, name="Det Supt Smith", organisation=police, joined=datetime.date(2012, 6, 1)
        ),
        BoardMember.objects.create(
            board=sutton_board, name="Dr Jones", organisation=health, joined=datetime.date(2012, 6, 1)
        ),
    ]


@pytest.fixture
def pending(sutton_plan, make_action, sutton_officer):
    action = make_action(sutton_plan, reference="1.2", title="Recruit permanent team managers")
    return action_services.revised_date_propose(
        action=action, proposed_by=sutton_officer, proposed_date=datetime.date(2099, 3, 31), reason="Second round"
    )


def test_the_chair_records_attendance_decisions_and_an_agreed_date(
    client, sutton_chair, sutton_board, members, pending
):
    client.force_login(sutton_chair)
    form = client.get(reverse("board_meeting_new", kwargs={"slug": "sutton"}))
    assert form.status_code == 200
    assert b"Det Supt Smith, Metropolitan Police" in form.content and b"Second round" in form.content
    smith, jones = members
    response = client.post(
        reverse("board_meeting_new", kwargs={"slug": "sutton"}),
        {
            "date_0": "30",
            "date_1": "10",
            "date_2": "2012",
            "location": "Civic Offices",
            f"present_{smith.pk}": "on",
            f"substitute_{jones.pk}": "Deputy director of nursing",
            "decisions": "Audit programme agreed.\n\nThe board asked for a workforce report.",
            "agree": [pending.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("board_meeting", kwargs={"slug": "sutton", "pk": meeting.pk})
    assert [d.text for d in meeting.decisions.all()] == [
        "Audit programme agreed.",
        "The board asked for a workforce report.",
        "Agreed a revised due date of 31 March 2099 for action 1.2 (Recruit permanent team managers).",
    ]
    attendance = {a.member.name: (a.present, a.substitute) for a in Attendance.objects.filter(meeting=meeting)}
    assert attendance == {"Det Supt Smith": (True, ""), "Dr Jones": (False, "Deputy director of nursing")}
    pending.refresh_from_db()
    assert pending.status == DueDateRevision.Status.AGREED and pending.decided_in.meeting == meeting
    assert pending.action.__class__.objects.get(pk=pending.action_id).revised_due_date == datetime.date(2099, 3, 31)
    page = client.get(response["Location"]).content.decode()
    assert "Represented by Deputy director of nursing" in page and "Metropolitan Police" in page


def test_a_second_meeting_on_the_same_day_is_refused(client, sutton_chair, sutton_board, members):
    Meeting.objects.create(board=sutton_board, date=datetime.date(2012, 10, 30))
    client.force_login(sutton_chair)
    response = client.post(
        reverse("board_meeting_new", kwargs={"slug": "sutton"}), {"date_0": "30", "date_1": "10", "date_2": "2012"}
    )
    assert response.status_code == 200
    assert b"already has a meeting on 30 October 2012" in response.content
    assert Meeting.objects.count() == 1


def test_a_meeting_needs_a_date(client, sutton_chair, sutton_board):
    client.force_login(sutton_chair)
    response = client.post(reverse("board_meeting_new", kwargs={"slug": "sutton"}), {"location": "x"})
    assert b"There is a problem" in response.content and not Meeting.objects.exists()


def test_the_board_page_shows_the_next_meeting_from_the_cadence(client, sutton_chair, sutton_board):
    import time_machine

    Meeting.objects.create(board=sutton_board, date=datetime.date(2012, 10, 2))
    client.force_login(sutton_chair)
    with time_machine.travel(datetime.datetime(2012, 10, 10, 12, 0), tick=False):
        page = client.get(sutton_board.get_absolute_url()).content.decode()
    assert "Tuesday 30 October 2012" in page


def test_an_impossible_meeting_date_gets_one_govuk_error(client, sutton_chair, sutton_board):
    client.force_login(sutton_chair)
    response = client.post(
        reverse("board_meeting_new", kwargs={"slug": "sutton"}), {"date_0": "31", "date_1": "2", "date_2": "2027"}
    )
    page = response.content.decode()
    assert '<a href="#id_date_0">Date of the meeting must be a real date</a>' in page
    assert page.count("must be a real date") == 2  # the summary and the field, nothing else
    assert "day is out of range" not in page and not Meeting.objects.exists()
