"""Reads for the board's governance pages and the pack: the action log, the risk register, a
meeting's agenda and its papers.

For the pack (``improvement_board/reports``): :func:`meeting_papers` gives the papers to append,
in agenda order. Its signature is kept simple on purpose::

    meeting_papers(board, meeting_date) -> list[AgendaItem]

Each item returned has a paper, a PDF checked on upload: ``item.paper.open("rb")`` reads it,
``item.order``, ``item.title`` and ``item.paper_title`` name it.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch

from .governance import AgendaItem, BoardAction, BoardRisk, TermsOfReference
from .models import ImprovementBoard, Meeting


def action_log(board: ImprovementBoard, *, on: datetime.date) -> tuple[list[BoardAction], list[BoardAction]]:
    """The board's actions: the open ones, soonest due first, each with ``overdue`` set; then the
    closed ones, most recently closed first."""
    actions = (
        BoardAction.objects.filter(board=board)
        .select_related("raised_at", "closed_at", "owner_member")
        .prefetch_related(Prefetch("plan_actions", to_attr="linked"))
    )
    open_ = list(actions.filter(status=BoardAction.Status.OPEN).order_by("due", "number"))
    for action in open_:
        action.overdue = action.is_overdue(on=on)
    closed = list(actions.exclude(status=BoardAction.Status.OPEN).order_by("-closed_at__date", "-number"))
    return open_, closed


def risk_register(board: ImprovementBoard, *, on: datetime.date) -> tuple[list[BoardRisk], list[BoardRisk]]:
    """The board's open risks, highest score first (escalated first among equals), each with
    ``review_overdue`` set; then the closed ones."""
    risks = list(BoardRisk.objects.filter(board=board))
    open_ = sorted((r for r in risks if not r.closed), key=lambda r: (-r.score, not r.escalated, r.title))
    for risk in open_:
        risk.review_overdue = risk.is_review_overdue(on=on)
    return open_, sorted((r for r in risks if r.closed), key=lambda r: r.title)


def risk_history(risk: BoardRisk) -> list:
    """Each recorded version of the risk, newest first, with its score."""
    return list(risk.history.order_by("-history_date", "-history_id"))


def current_terms(board: ImprovementBoard, *, on: datetime.date) -> TermsOfReference | None:
    """The version in force on ``on`` (the latest agreed by then)."""
    return TermsOfReference.objects.filter(board=board, agreed_on__lte=on).order_by("-version").first()


def agenda(board: ImprovementBoard, meeting_date: datetime.date) -> list[AgendaItem]:
    return list(AgendaItem.objects.filter(board=board, meeting_date=meeting_date).order_by("order"))


def agenda_dates(board: ImprovementBoard) -> list[datetime.date]:
    """The dates that have an agenda, the latest first."""
    return list(
        AgendaItem.objects.filter(board=board)
        .order_by("-meeting_date")
        .values_list("meeting_date", flat=True)
        .distinct()
    )


def meeting_papers(board: ImprovementBoard, meeting_date: datetime.date) -> list[AgendaItem]:
    """The papers for the board's meeting on ``meeting_date``, in agenda order: the agenda items
    that have one (each a PDF, checked on upload). For the pack to append after its own pages."""
    return [item for item in agenda(board, meeting_date) if item.paper]


def minutes_waiting(board: ImprovementBoard, *, before: datetime.date) -> list[Meeting]:
    """Meetings held before ``before`` whose draft minutes are not yet approved, oldest first."""
    return list(
        Meeting.objects.filter(board=board, date__lt=before, minutes_approved_at__isnull=True)
        .exclude(minutes="")
        .order_by("date")
    )


def governance_summary(board: ImprovementBoard, *, on: datetime.date, next_meeting: datetime.date | None) -> dict:
    """What the board page says of the board's own papers: open and overdue actions, the open
    risks and the highest score, the terms in force, and the next meeting's agenda."""
    open_actions = BoardAction.objects.filter(board=board, status=BoardAction.Status.OPEN)
    risks, _ = risk_register(board, on=on)
    return {
        "open_actions": open_actions.count(),
        "overdue_actions": open_actions.filter(due__lt=on).count(),
        "risks": len(risks),
        "top_risk": risks[0] if risks else None,
        "terms": current_terms(board, on=on),
        "agenda_items": AgendaItem.objects.filter(board=board, meeting_date=next_meeting).count()
        if next_meeting
        else 0,
        "minutes_waiting": len(minutes_waiting(board, before=on + datetime.timedelta(days=1))),
    }
