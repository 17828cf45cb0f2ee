"""Reminder runs: one email per owner per day, never twice even if run twice; the pre-meeting
reminder goes 5 working days before the board's next meeting."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from actions import selectors, services, tasks
from actions.models import ReminderLog
from improvement_board.boards import services as board_services
from improvement_board.models import Meeting

pytestmark = pytest.mark.django_db
D = datetime.date
MONDAY = D(2012, 11, 12)


@pytest.fixture
def owners(sutton_officer, make_user, sutton):
    sutton_officer.email = "officer@sutton.gov.uk"
    sutton_officer.save()
    other = make_user("sutton.other", "officer", council=sutton, email="other@sutton.gov.uk")
    return sutton_officer, other


def test_each_owner_gets_one_email_with_their_due_and_overdue_actions(owners, sutton_plan, make_action):
    me, other = owners
    make_action(sutton_plan, title="Overdue one", owner=me, due_date=MONDAY - datetime.timedelta(days=3))
    make_action(sutton_plan, title="Due in a week", owner=me, due_date=MONDAY + datetime.timedelta(days=7))
    make_action(sutton_plan, title="Due next month", owner=me, due_date=MONDAY + datetime.timedelta(days=30))
    make_action(sutton_plan, title="Other owner's", owner=other, due_date=MONDAY + datetime.timedelta(days=1))
    assert services.due_reminders_send(on=MONDAY) == 2
    by_person = {m.to[0]: m.body for m in mail.outbox}
    mine = by_person["officer@sutton.gov.uk"]
    assert "Overdue one" in mine and "OVERDUE" in mine and "Due in a week" in mine
    assert "Due next month" not in mine and "Other owner" not in mine


def test_running_twice_in_a_day_sends_nothing_more(owners, sutton_plan, make_action):
    make_action(sutton_plan, owner=owners[0], due_date=MONDAY)
    assert tasks.send_due_reminders(on=MONDAY.isoformat()) == 1
    assert tasks.send_due_reminders(on=MONDAY.isoformat()) == 0
    call_command("send_due_reminders", on=MONDAY)
    assert len(mail.outbox) == 1
    assert ReminderLog.objects.get().actions.count() == 1
    assert services.due_reminders_send(on=MONDAY + datetime.timedelta(days=1)) == 1


def test_a_failed_send_can_be_retried(owners, sutton_plan, make_action, monkeypatch):
    make_action(sutton_plan, owner=owners[0], due_date=MONDAY)

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.send_mail", broken)
    with pytest.raises(OSError):
        services.due_reminders_send(on=MONDAY)
    monkeypatch.undo()
    assert services.due_reminders_send(on=MONDAY) == 1


def test_complete_actions_get_no_reminder(owners, sutton_plan, make_action):
    make_action(sutton_plan, owner=owners[0], due_date=MONDAY, status="complete")
    assert services.due_reminders_send(on=MONDAY) == 0


def test_working_days_skip_weekends():
    assert selectors.working_days_before(D(2012, 11, 19), 5) == D(2012, 11, 12)  # Monday to Monday
    assert selectors.working_days_before(D(2012, 11, 21), 5) == D(2012, 11, 14)


def test_the_next_meeting_is_the_next_recorded_or_the_last_plus_the_cadence(sutton_board):
    Meeting.objects.create(board=sutton_board, date=D(2012, 10, 22))
    assert board_services.next_meeting_date(sutton_board, D(2012, 11, 1)) == D(2012, 11, 19)
    Meeting.objects.create(board=sutton_board, date=D(2012, 11, 26))
    assert board_services.next_meeting_date(sutton_board, D(2012, 11, 1)) == D(2012, 11, 26)


def test_owners_of_stale_actions_are_reminded_five_working_days_before_the_meeting(
    owners, sutton_board, sutton_plan, make_action
):
    me, other = owners
    Meeting.objects.create(board=sutton_board, date=D(2012, 10, 22))
    Meeting.objects.create(board=sutton_board, date=D(2012, 11, 19))
    make_action(sutton_plan, title="Stale action", owner=me, due_date=D(2013, 3, 1))
    fresh = make_action(sutton_plan, title="Fresh action", owner=other, due_date=D(2013, 3, 1))
    with time_machine.travel(datetime.datetime(2012, 11, 1, 10, tzinfo=datetime.UTC)):
        services.progress_update_create(
            action=fresh, author=other, narrative="On it", status="in_progress", rag="green"
        )
    assert services.pre_meeting_reminders_send(on=D(2012, 11, 9)) == 0  # six working days before
    assert services.pre_meeting_reminders_send(on=MONDAY) == 1
    assert services.pre_meeting_reminders_send(on=MONDAY) == 0
    [email] = mail.outbox
    assert email.to == ["officer@sutton.gov.uk"]
    assert "Stale action" in email.body and "19 November 2012" in email.body and "22 October 2012" in email.body


def test_the_pre_meeting_command_calls_the_same_service(owners, sutton_board, sutton_plan, make_action):
    Meeting.objects.create(board=sutton_board, date=D(2012, 11, 19))
    make_action(sutton_plan, owner=owners[0], due_date=D(2013, 3, 1))
    call_command("send_pre_meeting_reminders", on=MONDAY)
    assert tasks.send_pre_meeting_reminders(on=MONDAY.isoformat()) == 0
    assert len(mail.outbox) == 1
