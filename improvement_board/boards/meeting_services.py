"""Writes for a meeting's papers and record: its agenda items with their papers, and its minutes
(drafted, approved at a later meeting, then never edited: a correction is recorded at a later
meeting). Reads for the pack are in :mod:`.governance_selectors`."""

from __future__ import annotations

import datetime
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from inspections import uploads

from .governance import AgendaItem, MinutesCorrection
from .models import ImprovementBoard, Meeting

MINUTES_LIMIT = 50_000


def _plain(text: str, field: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: message})
    return text


def paper_check(paper) -> None:
    """A paper is a PDF, by its content (as evidence is checked), within the evidence size limit, so
    that it can go in the pack."""
    try:
        uploads.uploaded_file_type(paper, allowed=(uploads.PDF,), description="a PDF, so that it can go in the pack")
    except ValidationError as error:
        raise ValidationError({"paper": error.messages})


def _attach(item: AgendaItem, paper, paper_title: str) -> None:
    paper_check(paper)
    name = PurePath(paper.name).name
    item.paper_name = name[:255]
    item.paper_title = (paper_title or "").strip() or PurePath(name).stem
    item.paper.save(name, paper, save=False)


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
    """An agenda item for a meeting (recorded or not yet), last in its order, with its paper (a
    PDF, appended to the meeting's pack)."""
    ImprovementBoard.objects.select_for_update().filter(pk=board.pk).first()
    order = (AgendaItem.objects.filter(board=board, meeting_date=meeting_date).aggregate(n=Max("order"))["n"] or 0) + 1
    item = AgendaItem(
        board=board,
        meeting_date=meeting_date,
        order=order,
        title=_plain(title, "title", "Enter the item's title"),
        presenter=(presenter or "").strip(),
        paper_title=(paper_title or "").strip(),
        added_by=added_by,
    )
    if paper is not None:
        _attach(item, paper, paper_title)
    item.save()
    return item


@transaction.atomic
def agenda_item_edit(
    *, item: AgendaItem, title: str, presenter: str = "", paper=None, paper_title: str = "", remove_paper=False
) -> AgendaItem:
    """Change an item's title or presenter; replace, retitle or remove its paper."""
    item.title = _plain(title, "title", "Enter the item's title")
    item.presenter = (presenter or "").strip()
    if remove_paper and item.paper:
        item.paper.delete(save=False)
        item.paper, item.paper_name, item.paper_title = None, "", ""
    if paper is not None:
        if item.paper:
            item.paper.delete(save=False)
        _attach(item, paper, paper_title)
    elif item.paper and paper_title.strip():
        item.paper_title = paper_title.strip()
    item.save()
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, up: bool) -> AgendaItem:
    """Swap an item with the one before (``up``) or after it on the same meeting's agenda."""
    items = AgendaItem.objects.select_for_update().filter(board=item.board, meeting_date=item.meeting_date)
    neighbour = (
        items.filter(order__lt=item.order).order_by("-order") if up else items.filter(order__gt=item.order)
    ).first()
    if neighbour is None:
        return item
    mine, theirs = item.order, neighbour.order
    item.order = 0  # free the place: (board, date, order) is unique
    item.save(update_fields=["order"])
    neighbour.order = mine
    neighbour.save(update_fields=["order"])
    item.order = theirs
    item.save(update_fields=["order"])
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem) -> None:
    """Take an item (and its paper) off the agenda; the items after it move up."""
    if item.paper:
        item.paper.delete(save=False)
    board, day, order = item.board, item.meeting_date, item.order
    item.delete()
    for later in AgendaItem.objects.filter(board=board, meeting_date=day, order__gt=order).order_by("order"):
        AgendaItem.objects.filter(pk=later.pk).update(order=F("order") - 1)


# --- Minutes ---------------------------------------------------------------------------------


def _not_approved(meeting: Meeting) -> None:
    if meeting.minutes_approved_at_id:
        raise ValidationError(
            f"The minutes were approved at the meeting of {meeting.minutes_approved_at.date:%-d %B %Y}: "
            f"they cannot be changed. Record a correction at a later meeting."
        )


@transaction.atomic
def minutes_draft(*, meeting: Meeting, text: str) -> Meeting:
    """Write or change a meeting's draft minutes (never once approved)."""
    _not_approved(meeting)
    text = _plain(text, "minutes", "Enter the minutes")
    if len(text) > MINUTES_LIMIT:
        raise ValidationError({"minutes": f"The minutes must be {MINUTES_LIMIT:,} characters or fewer"})
    meeting.minutes = text
    meeting.save(update_fields=["minutes"])
    return meeting


def later_meetings(meeting: Meeting):
    """The board's meetings after ``meeting``, the next first: where its minutes are approved or
    corrected."""
    return Meeting.objects.filter(board_id=meeting.board_id, date__gt=meeting.date).order_by("date")


@transaction.atomic
def minutes_approve(*, meeting: Meeting, at_meeting: Meeting, by=None, at: datetime.datetime | None = None) -> Meeting:
    """Record that ``meeting``'s minutes were approved at a later meeting, by whom and when."""
    _not_approved(meeting)
    if at_meeting.board_id != meeting.board_id or at_meeting.date <= meeting.date:
        raise ValidationError({"at_meeting": "Minutes are approved at a later meeting of the same board"})
    if not meeting.minutes.strip():
        raise ValidationError("There are no minutes to approve: write the draft first.")
    meeting.minutes_approved_at = at_meeting
    meeting.minutes_approved_by = by
    meeting.minutes_approved_on = at or timezone.now()
    meeting.save(update_fields=["minutes_approved_at", "minutes_approved_by", "minutes_approved_on"])
    return meeting


@transaction.atomic
def minutes_correct(
    *, meeting: Meeting, at_meeting: Meeting, text: str, by=None, at: datetime.datetime | None = None
) -> MinutesCorrection:
    """A correction to approved minutes, recorded at a later meeting; the minutes stay as approved."""
    if not meeting.minutes_approved_at_id:
        raise ValidationError("These minutes are still a draft: change the draft instead.")
    if at_meeting.board_id != meeting.board_id or at_meeting.date <= meeting.date:
        raise ValidationError({"at_meeting": "A correction is recorded at a later meeting of the same board"})
    return MinutesCorrection.objects.create(
        meeting=meeting,
        recorded_at=at_meeting,
        text=_plain(text, "text", "Enter the correction"),
        recorded_by=by,
        created_at=at or timezone.now(),
    )
