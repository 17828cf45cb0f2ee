"""make run's demo shows today: load_demo_data --today adds illustrative live work dated from
the load day for every persona, and leaves Sutton's published 2012-14 record exactly as it was."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from actions.models import Action, DueDateRevision, IndicatorValue, ProgressUpdate
from improvement_board.models import BoardReport, Meeting, User

pytestmark = pytest.mark.django_db


def published_record() -> str:
    """A checksum of Sutton's published actions, their updates and revised dates."""
    actions = list(
        Action.objects.filter(plan__council__slug="sutton", is_illustrative=False)
        .order_by("pk")
        .values_list(
            "reference",
            "title",
            "due_date",
            "revised_due_date",
            "status",
            "reported_rag",
            "evidence_of_impact",
            "owner_id",
        )
    )
    updates = list(
        ProgressUpdate.objects.filter(action__is_illustrative=False)
        .order_by("pk")
        .values_list("action_id", "created_at", "narrative", "status", "rag")
    )
    revisions = list(
        DueDateRevision.objects.filter(action__is_illustrative=False)
        .order_by("pk")
        .values_list("action_id", "proposed_date", "status", "decided_at")
    )
    return hashlib.sha256(repr((actions, updates, revisions)).encode()).hexdigest()


def test_every_persona_has_live_work_and_the_published_record_is_untouched(client, demo_data, tmp_path):
    before = published_record()
    today = datetime.date.today()
    with override_settings(MEDIA_ROOT=tmp_path):
        call_command("load_demo_data", "--today", verbosity=0)
        call_command("load_demo_data", "--today", verbosity=0)  # a second load adds nothing
    assert published_record() == before
    live = Action.objects.filter(is_illustrative=True)
    assert live.count() == 5 and all(a.title.startswith("Illustrative") for a in live)
    officer = User.objects.get(username="sutton.officer")
    overdue = [a for a in live if a.owner == officer and a.is_overdue(on=today)]
    assert len(overdue) == 2
    assert DueDateRevision.objects.filter(action__is_illustrative=True, status="pending").count() == 1
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    assert IndicatorValue.objects.filter(indicator__name__startswith="Illustrative").latest("month").month == last_month
    assert BoardReport.objects.filter(board__slug="sutton", period=last_month, status="ready").exists()
    client.force_login(officer)
    page = client.get(reverse("actions:waiting")).content.decode()
    assert "Your actions that are overdue (2)" in page
    client.force_login(User.objects.get(username="sutton.chair"))
    page = client.get(reverse("actions:waiting")).content.decode()
    assert "Illustrative: recruit two permanent team managers" in page
    # The board's own papers today: the terms in force, open actions (one overdue), the vacancy
    # risk reviewed, draft minutes to approve, the next meeting's agenda with its paper.
    board_page = client.get(reverse("board_terms", args=["sutton"])).content.decode()
    assert "Version 3, in force" in board_page
    log = client.get(reverse("board_actions", args=["sutton"])).content.decode()
    assert "Confirm the named doctor for safeguarding" in log and "Overdue" in log
    risks = client.get(reverse("board_risks", args=["sutton"])).content.decode()
    assert "Review overdue" in risks  # the 2014 risks were never reviewed again
    agenda = client.get(reverse("board_agenda", args=["sutton"])).content.decode()
    assert "3. Workforce report" in agenda and "Download the paper: Workforce report (illustrative)" in agenda
    meeting = Meeting.objects.get(board__slug="sutton", date=today - datetime.timedelta(weeks=3))
    assert meeting.minutes and meeting.minutes_approved_at is None
    assert Meeting.objects.get(board__slug="sutton", date=datetime.date(2014, 2, 27)).minutes_approved_at == meeting
