"""Writes for boards: recording a meeting (attendance, decisions, the revised dates it agreed);
and the board's next meeting date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actions import services as action_services
from actions.models import DueDateRevision

from .models import Attendance, BoardMember, Decision, ImprovementBoard, Meeting, MeetingRevision


@dataclass(frozen=True)
class AttendanceEntry:
    member: BoardMember
    present: bool
    substitute: str = ""


@transaction.atomic
def meeting_record(
    *,
    board: ImprovementBoard,
    date: datetime.date,
    recorded_by,
    location: str = "",
    notes: str = "",
    attendance: Iterable[AttendanceEntry] = (),
    decisions: Iterable[str] = (),
    agree_revisions: Iterable[DueDateRevision] = (),
    inquorate_confirmed: bool = False,
) -> Meeting:
    """Record a board meeting: who attended (for which organisation), its numbered decisions,
    and the revised due dates it agreed (each agreement is also recorded as a decision).

    Quorum, under the terms of reference in force on the day (:func:`governance_services.quorum_of`):
    a meeting without one is recorded as not quorate only once ``inquorate_confirmed``; where the
    terms say such a meeting cannot decide, its decisions and agreed dates are refused."""
    from .governance_services import quorum_of

    if board.meetings.filter(date=date).exists():
        raise ValidationError({"date": f"The board already has a meeting on {date:%-d %B %Y}."})
    if date > timezone.localdate() + datetime.timedelta(days=366):
        raise ValidationError({"date": "Enter the date the meeting was held."})
    attendance, agree_revisions = list(attendance), list(agree_revisions)
    texts = [t.strip() for t in decisions if t.strip()]
    quorum = quorum_of(board, date, attendance)
    if not quorum.quorate:
        if not quorum.may_decide and (texts or agree_revisions):
            raise ValidationError(
                {
                    "decisions": f"{quorum.note} The terms of reference say a meeting without a quorum cannot make "
                    f"decisions or agree revised dates: remove them, or correct the attendance"
                },
                code="inquorate",
            )
        if not inquorate_confirmed:
            raise ValidationError(
                {
                    "confirm_inquorate": "Confirm that the meeting is to be recorded as not quorate, or correct the attendance"
                },
                code="inquorate",
            )
    meeting = Meeting.objects.create(
        board=board, date=date, location=location.strip(), notes=notes.strip(), quorum_note=quorum.note
    )
    for entry in attendance:
        if entry.member.board_id != board.pk:
            raise ValidationError("Attendance must be for members of this board.")
        Attendance.objects.create(
            meeting=meeting, member=entry.member, present=entry.present, substitute=entry.substitute.strip()
        )
    for revision in agree_revisions:
        if revision.action.plan.council_id != board.council_id:
            raise ValidationError("A revised date of another council's plan cannot be agreed here.")
        revision_decide(revision=revision, decided_by=recorded_by, agree=True, meeting=meeting)
        texts.append(
            f"Agreed a revised due date of {revision.proposed_date:%-d %B %Y} for action "
            f"{revision.action.reference} ({revision.action.title})."
        )
    for number, text in enumerate(texts, start=1):
        Decision.objects.create(meeting=meeting, number=number, text=text)
    return meeting


@transaction.atomic
def revision_decide(
    *, revision: DueDateRevision, decided_by, agree: bool, meeting: Meeting | None = None, **decision
) -> DueDateRevision:
    """The chair's decision on a revised due date (the plan's service moves the action's date),
    and, when a board meeting decided it, the record of which meeting."""
    revision = action_services.revised_date_decide(revision=revision, decided_by=decided_by, agree=agree, **decision)
    if meeting is not None:
        MeetingRevision.objects.create(revision=revision, meeting=meeting)
    return revision


def next_meeting_date(board: ImprovementBoard, today: datetime.date | None = None) -> datetime.date | None:
    """The next meeting: one already in the diary, else the last one plus the board's cadence."""
    today = today or timezone.localdate()
    booked = board.meetings.filter(date__gte=today).order_by("date").first()
    if booked:
        return booked.date
    last = board.meetings.order_by("-date").first()
    if last is None:
        return None
    step = datetime.timedelta(weeks=board.cadence_weeks)
    day = last.date + step
    while day < today:
        day += step
    return day


@transaction.atomic
def board_set_up(
    *,
    council,
    name: str,
    chair,
    established: datetime.date,
    cadence_weeks: int,
    cadence_agreed_by_dfe: bool = False,
    notice=None,
    members: Iterable[tuple[str, str, str]] = (),
) -> ImprovementBoard:
    """A council's improvement board: its chair (one of the council's people with the chair's
    role), cadence and members, each with the organisation they represent (made if new)."""
    from django.utils.text import slugify

    from inspections.services import organisation_get_or_create

    if ImprovementBoard.objects.filter(council=council, is_active=True).exists():
        raise ValidationError(f"{council.short_name} already has an active improvement board.")
    if chair.council_id != council.pk or chair.role != chair.Role.CHAIR:
        raise ValidationError({"chair": "Choose the chair from this council's invited people"})
    slug = base = slugify(council.slug or council.short_name)[:90]
    number = 1
    while ImprovementBoard.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    board = ImprovementBoard.objects.create(
        council=council,
        notice=notice,
        name=name,
        slug=slug,
        chair=chair,
        established=established,
        cadence_weeks=cadence_weeks,
        cadence_agreed_by_dfe=cadence_agreed_by_dfe,
    )
    BoardMember.objects.create(
        board=board,
        name=chair.get_full_name(),
        job_title=chair.job_title or "Independent chair",
        organisation=chair.organisation or organisation_get_or_create("Independent"),
        role=BoardMember.Role.CHAIR,
        user=chair,
        email=chair.email,
        joined=established,
    )
    for member_name, job_title, organisation in members:
        BoardMember.objects.create(
            board=board,
            name=member_name,
            job_title=job_title,
            organisation=organisation_get_or_create(organisation),
            joined=established,
        )
    return board
