"""The board's governance services: its action log, risk register and terms of reference."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from improvement_board.boards import governance_services as governance
from improvement_board.boards import meeting_services
from improvement_board.models import BoardRisk, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(sutton_board):
    return Meeting.objects.create(board=sutton_board, date=datetime.date(2012, 10, 2))


def test_board_actions_are_numbered_per_board_and_overdue_once_past_due(sutton_board, meeting):
    first = governance.board_action_raise(
        board=sutton_board,
        meeting=meeting,
        text="Report on health checks.",
        owner="Epsom and St Helier",
        due=datetime.date(2012, 10, 30),
    )
    second = governance.board_action_raise(
        board=sutton_board, meeting=meeting, text="Share the audit.", owner="Council", due=datetime.date(2012, 11, 30)
    )
    assert (first.number, second.number) == (1, 2)
    assert first.is_overdue(on=datetime.date(2012, 10, 31)) and not first.is_overdue(on=datetime.date(2012, 10, 30))
    later = Meeting.objects.create(board=sutton_board, date=datetime.date(2012, 11, 6))
    governance.board_action_close(action=first, meeting=later)
    assert not first.is_overdue(on=datetime.date(2012, 12, 1)) and first.closed_at == later


def test_a_board_action_needs_its_text_and_a_due_date_after_the_meeting(sutton_board, meeting):
    with pytest.raises(ValidationError, match="Enter what the board asked for"):
        governance.board_action_raise(
            board=sutton_board, meeting=meeting, text="  ", owner="x", due=datetime.date(2012, 10, 30)
        )
    with pytest.raises(ValidationError, match="on or after the meeting"):
        governance.board_action_raise(
            board=sutton_board, meeting=meeting, text="t", owner="x", due=datetime.date(2012, 9, 30)
        )


def test_a_risk_scores_likelihood_times_impact_and_refuses_six(sutton_board):
    risk = governance.board_risk_record(
        board=sutton_board,
        title="Vacancies",
        cause="c",
        likelihood=4,
        impact=5,
        owner="DCS",
        mitigations="m",
        review_date=datetime.date(2012, 12, 1),
    )
    assert risk.score == 20
    with pytest.raises(ValidationError, match="Impact must be a whole number from 1 to 5"):
        governance.board_risk_record(
            board=sutton_board,
            title="Other",
            cause="c",
            likelihood=1,
            impact=6,
            owner="o",
            mitigations="m",
            review_date=datetime.date(2012, 12, 1),
        )
    assert BoardRisk.objects.count() == 1


def test_quorum_is_checked_against_the_terms_in_force(sutton_board):
    governance.terms_of_reference_agree(
        board=sutton_board,
        agreed_on=datetime.date(2012, 6, 1),
        remit="r",
        quorum=4,
        membership="m",
        escalation="e",
        review_date=datetime.date(2013, 6, 1),
    )
    assert governance.quorum_check(sutton_board, datetime.date(2012, 10, 2), 4) == ""
    assert "not quorate: 3 members present" in governance.quorum_check(sutton_board, datetime.date(2012, 10, 2), 3)
    assert governance.quorum_check(sutton_board, datetime.date(2012, 5, 1), 1) == ""  # no terms agreed yet


def test_minutes_are_approved_at_a_later_meeting(sutton_board, meeting):
    later = Meeting.objects.create(board=sutton_board, date=datetime.date(2012, 11, 6))
    meeting_services.minutes_draft(meeting=meeting, text="The board received the report.")
    with pytest.raises(ValidationError):
        meeting_services.minutes_approve(meeting=later, at_meeting=meeting)
    assert meeting_services.minutes_approve(meeting=meeting, at_meeting=later).minutes_approved_at == later
