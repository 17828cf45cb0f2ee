"""Writes for the board's governance: its action log, risk register, terms of reference,
agenda items and papers, and the approval of minutes. Each is one service; pages, the admin and
loaders all come through here."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .governance import AgendaItem, BoardAction, BoardRisk, TermsOfReference
from .models import ImprovementBoard, Meeting


def _plain(text: str, field: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: message})
    return text


@transaction.atomic
def board_action_raise(
    *,
    board: ImprovementBoard,
    meeting: Meeting,
    text: str,
    owner: str,
    due: datetime.date,
    plan_actions=(),
    at: datetime.datetime | None = None,
) -> BoardAction:
    """Log a follow-up the board asked for at ``meeting``; numbered in the board's own series."""
    if meeting.board_id != board.pk:
        raise ValidationError({"meeting": "Choose one of this board's meetings."})
    text = _plain(text, "text", "Enter what the board asked for")
    owner = _plain(owner, "owner", "Enter who is to do it")
    if due < meeting.date:
        raise ValidationError({"due": "The due date must be on or after the meeting that raised it."})
    ImprovementBoard.objects.select_for_update().filter(pk=board.pk).first()
    number = (BoardAction.objects.filter(board=board).aggregate(n=Max("number"))["n"] or 0) + 1
    action = BoardAction(
        board=board, number=number, text=text, owner=owner, due=due, raised_at=meeting, created_at=at or timezone.now()
    )
    action._history_date = action.created_at  # its history says when it was recorded
    action.save()
    for plan_action in plan_actions:
        if plan_action.plan.council_id != board.council_id:
            raise ValidationError({"plan_actions": "Link only actions of this council's plan."})
    action.plan_actions.set(plan_actions)
    return action


@transaction.atomic
def board_action_close(*, action: BoardAction, meeting: Meeting, status: str = BoardAction.Status.DONE) -> BoardAction:
    """Close a board action at the meeting that saw it done (or dropped)."""
    if status == BoardAction.Status.OPEN:
        raise ValidationError({"status": "Choose done or dropped."})
    if meeting.board_id != action.board_id or meeting.date < action.raised_at.date:
        raise ValidationError({"meeting": "Choose a meeting of this board on or after the one that raised it."})
    action.status, action.closed_at = status, meeting
    action.save(update_fields=["status", "closed_at"])
    return action


@transaction.atomic
def board_risk_record(
    *,
    board: ImprovementBoard,
    title: str,
    cause: str,
    likelihood: int,
    impact: int,
    owner: str,
    mitigations: str,
    review_date: datetime.date,
    trend: str = BoardRisk.Trend.STEADY,
    escalated: bool = False,
    risk: BoardRisk | None = None,
    at: datetime.datetime | None = None,
) -> BoardRisk:
    """Add a risk to the register, or update one (``risk``); likelihood and impact are 1 to 5."""
    for name, value in (("likelihood", likelihood), ("impact", impact)):
        if not 1 <= int(value) <= 5:
            raise ValidationError({name: f"{name.capitalize()} must be a whole number from 1 to 5"})
    fields = dict(
        title=_plain(title, "title", "Enter the risk"),
        cause=_plain(cause, "cause", "Enter its cause"),
        likelihood=int(likelihood),
        impact=int(impact),
        owner=_plain(owner, "owner", "Enter its owner"),
        mitigations=_plain(mitigations, "mitigations", "Enter what is being done about it"),
        review_date=review_date,
        trend=trend,
        escalated=escalated,
    )
    if risk is None:
        if BoardRisk.objects.filter(board=board, title=fields["title"]).exists():
            raise ValidationError({"title": "The register already has a risk with this name."})
        risk = BoardRisk(board=board, created_at=at or timezone.now())
    for name, value in fields.items():
        setattr(risk, name, value)
    risk._history_date = at or timezone.now()  # the register's history says when each version was recorded
    risk.save()
    return risk


@transaction.atomic
def terms_of_reference_agree(
    *,
    board: ImprovementBoard,
    agreed_on: datetime.date,
    remit: str,
    quorum: int,
    membership: str,
    escalation: str,
    review_date: datetime.date,
) -> TermsOfReference:
    """A new version of the terms of reference; earlier versions are kept."""
    if quorum < 1:
        raise ValidationError({"quorum": "The quorum must be at least 1"})
    if review_date <= agreed_on:
        raise ValidationError({"review_date": "The review date must be after the date they were agreed"})
    ImprovementBoard.objects.select_for_update().filter(pk=board.pk).first()
    version = (TermsOfReference.objects.filter(board=board).aggregate(v=Max("version"))["v"] or 0) + 1
    return TermsOfReference.objects.create(
        board=board,
        version=version,
        agreed_on=agreed_on,
        remit=_plain(remit, "remit", "Enter the board's remit"),
        quorum=quorum,
        membership=_plain(membership, "membership", "Enter who the members are"),
        escalation=_plain(escalation, "escalation", "Enter how the board escalates"),
        review_date=review_date,
    )


def terms_in_force(board: ImprovementBoard, on: datetime.date) -> TermsOfReference | None:
    return TermsOfReference.objects.filter(board=board, agreed_on__lte=on).order_by("-version").first()


def quorum_check(board: ImprovementBoard, on: datetime.date, present: int) -> str:
    """ "" if the meeting was quorate under the terms in force, else why not (plain English)."""
    terms = terms_in_force(board, on)
    if terms is None or present >= terms.quorum:
        return ""
    return (
        f"The meeting was not quorate: {present} member{'s' if present != 1 else ''} present, and the terms "
        f"of reference (version {terms.version}) need {terms.quorum}."
    )


@transaction.atomic
def agenda_item_add(
    *,
    board: ImprovementBoard,
    meeting_date: datetime.date,
    title: str,
    presenter: str = "",
    paper=None,
    paper_title: str = "",
    added_by=None,
) -> AgendaItem:
    """An agenda item for a meeting, with its paper (a PDF) appended to the meeting's pack."""
    if paper is not None and not (paper.name or "").lower().endswith(".pdf"):
        raise ValidationError({"paper": "The paper must be a PDF"})
    order = (AgendaItem.objects.filter(board=board, meeting_date=meeting_date).aggregate(n=Max("order"))["n"] or 0) + 1
    item = AgendaItem(
        board=board,
        meeting_date=meeting_date,
        order=order,
        title=_plain(title, "title", "Enter the item's title"),
        presenter=presenter.strip(),
        paper_title=paper_title.strip(),
        added_by=added_by,
    )
    if paper is not None:
        item.paper.save(paper.name, paper, save=False)
    item.save()
    return item


@transaction.atomic
def minutes_approve(*, meeting: Meeting, at_meeting: Meeting) -> Meeting:
    """Record that ``meeting``'s minutes were approved at the board's next meeting."""
    if at_meeting.board_id != meeting.board_id or at_meeting.date <= meeting.date:
        raise ValidationError({"at_meeting": "Minutes are approved at a later meeting of the same board."})
    meeting.minutes_approved_at = at_meeting
    meeting.save(update_fields=["minutes_approved_at"])
    return meeting
