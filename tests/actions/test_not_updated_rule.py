"""'Not updated since the last meeting': one rule (actions.rules.not_updated_since) and its SQL
half agreeing on every case, and the plan page and the action page flagging alike."""

import datetime
import itertools
import zoneinfo

import pytest
from django.urls import reverse

from actions import rules
from actions.models import Action
from actions.rules import Status

LONDON = zoneinfo.ZoneInfo("Europe/London")
MET = datetime.date(2012, 10, 2)
UPDATES = {
    "never": None,
    "the evening before": datetime.datetime(2012, 10, 1, 23, 59, tzinfo=LONDON),
    "the morning it met": datetime.datetime(2012, 10, 2, 0, 0, tzinfo=LONDON),
    "a week after": datetime.datetime(2012, 10, 9, 12, 0, tzinfo=LONDON),
}


@pytest.mark.parametrize(
    "status, updated, since, flagged",
    [
        (Status.IN_PROGRESS, "never", MET, True),
        (Status.IN_PROGRESS, "the evening before", MET, True),
        (Status.IN_PROGRESS, "the morning it met", MET, False),
        (Status.NOT_STARTED, "a week after", MET, False),
        (Status.COMPLETE, "never", MET, False),  # a complete action needs no update
        (Status.IN_PROGRESS, "never", None, True),  # before the board first meets: never updated
        (Status.IN_PROGRESS, "the evening before", None, False),
    ],
)
def test_an_action_is_not_updated_when_no_progress_is_logged_since_the_board_met(status, updated, since, flagged):
    assert rules.not_updated_since(status=status, last_updated_at=UPDATES[updated], since=since) == flagged


@pytest.mark.django_db
def test_the_sql_rule_agrees_with_the_python_rule(sutton_plan, make_action):
    cases = list(itertools.product(Status.values, UPDATES.values()))
    for status, updated in cases:
        make_action(sutton_plan, status=status, last_updated_at=updated)
    for since in (MET, None):
        for action in rules.annotate_not_updated(Action.objects.filter(plan=sutton_plan), since=since):
            expected = rules.not_updated_since(
                status=action.status, last_updated_at=action.last_updated_at, since=since
            )
            assert action.not_updated == expected, (action.status, action.last_updated_at, since)


@pytest.mark.django_db
def test_the_plan_page_and_the_action_page_flag_a_never_updated_action_before_the_board_meets(
    client, sutton_officer, sutton_action
):
    client.force_login(sutton_officer)
    plan = client.get(reverse("actions:plan")).content.decode()
    page = client.get(sutton_action.get_absolute_url()).content.decode()
    assert "Not updated yet" in plan.split("The whole plan")[1]
    assert "Not updated yet" in page
