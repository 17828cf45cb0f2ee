"""Writes for the board's governance: its action log, risk register and terms of reference, and
the quorum rule a meeting is recorded under. Each is one service; pages, the admin and loaders
all come through here. The agenda, its papers and the minutes are in :mod:`.meeting_services`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .governance import BoardAction, BoardRisk, TermsOfReference, risk_score
from .models import BoardMember, Decision, ImprovementBoard, Meeting


def _plain(text: str, field: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: message})
    return text


def _owner(board: ImprovementBoard, owner: str, owner_member: BoardMember | None) -> str:
    """The owner's name: the member's, when a current member of the board owns it."""
    if owner_member is not None:
        if owner_member.board_id != board.pk or owner_member.left is not None:
            raise ValidationError({"owner_member": "Choose a current member of this board."})
        return owner_member.name
    return _plain(owner, "owner", "Enter who is to do it")


# --- The action log ----------------------------------------------------------------------------


@transaction.atomic
def board_action_raise(
    *,
    board: ImprovementBoard,
    meeting: Meeting,
    text: str,
    owner: str = "",
    due: datetime.date,
    owner_member: BoardMember | None = None,
    plan_actions=(),
    decision: Decision | None = None,
    at: datetime.datetime | None = None,
) -> BoardAction:
    """Log a follow-up the board asked for at ``meeting`` (from one of its decisions, if
    ``decision``); numbered in the board's own series."""
    if meeting.board_id != board.pk:
        raise ValidationError({"meeting": "Choose one of this board's meetings."})
    if decision is not None and decision.meeting_id != meeting.pk:
        raise ValidationError({"meeting": "The action is raised at the meeting that made the decision."})
    text = _plain(text, "text", "Enter what the board asked for")
    owner = _owner(board, owner, owner_member)
    if due < meeting.date:
        raise ValidationError({"due": "The due date must be on or after the meeting that raised it"})
    ImprovementBoard.objects.select_for_update().filter(pk=board.pk).first()
    number = (BoardAction.objects.filter(board=board).aggregate(n=Max("number"))["n"] or 0) + 1
    action = BoardAction(
        board=board,
        number=number,
        text=text,
        owner=owner,
        owner_member=owner_member,
        due=due,
        raised_at=meeting,
        decision=decision,
        created_at=at or timezone.now(),
    )
    action._history_date = action.created_at  # its history says when it was recorded
    action.save()
    board_action_link(action=action, plan_actions=plan_actions)
    return action


def _open(action: BoardAction) -> None:
    if action.status != BoardAction.Status.OPEN:
        raise ValidationError(
            f"Action {action.number} was closed at the meeting of {action.closed_at.date:%-d %B %Y}: it cannot change."
        )


@transaction.atomic
def board_action_edit(
    *,
    action: BoardAction,
    text: str,
    owner: str = "",
    owner_member: BoardMember | None = None,
    due: datetime.date,
) -> BoardAction:
    """Change an open action's wording, owner or due date (its history keeps what it was)."""
    _open(action)
    action.text = _plain(text, "text", "Enter what the board asked for")
    action.owner = _owner(action.board, owner, owner_member)
    action.owner_member = owner_member
    if due < action.raised_at.date:
        raise ValidationError({"due": "The due date must be on or after the meeting that raised it"})
    action.due = due
    action.save(update_fields=["text", "owner", "owner_member", "due"])
    return action


@transaction.atomic
def board_action_progress(*, action: BoardAction, by, progress: str) -> BoardAction:
    """The owner's (or the chair's or secretary's) note on an open action's progress."""
    _open(action)
    action.progress = _plain(progress, "progress", "Enter what has been done")
    action.progress_at, action.progress_by = timezone.now(), by
    action.save(update_fields=["progress", "progress_at", "progress_by"])
    return action


@transaction.atomic
def board_action_link(*, action: BoardAction, plan_actions: Iterable) -> BoardAction:
    """Link the board's action to actions of the council's improvement plan (replacing the links)."""
    plan_actions = list(plan_actions)
    for plan_action in plan_actions:
        if plan_action.plan.council_id != action.board.council_id:
            raise ValidationError({"plan_actions": "Link only actions of this council's plan."})
    action.plan_actions.set(plan_actions)
    return action


@transaction.atomic
def board_action_close(*, action: BoardAction, meeting: Meeting, status: str = BoardAction.Status.DONE) -> BoardAction:
    """Close a board action at the meeting that saw it done (or dropped)."""
    if status == BoardAction.Status.OPEN:
        raise ValidationError({"status": "Choose done or dropped"})
    _open(action)
    if meeting.board_id != action.board_id or meeting.date < action.raised_at.date:
        raise ValidationError({"meeting": "Choose a meeting of this board on or after the one that raised it"})
    action.status, action.closed_at = status, meeting
    action.save(update_fields=["status", "closed_at"])
    return action


# --- The risk register -------------------------------------------------------------------------


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
    closed: bool = False,
    risk: BoardRisk | None = None,
    at: datetime.datetime | None = None,
    reason: str = "",
) -> BoardRisk:
    """Add a risk to the register, or update one (``risk``); likelihood and impact are 1 to 5.
    Its history says what happened (``reason``: added, changed, closed, reviewed) and when."""
    for name, value in (("likelihood", likelihood), ("impact", impact)):
        if not 1 <= int(value) <= 5:
            raise ValidationError({name: f"{name.capitalize()} must be a whole number from 1 to 5"})
    fields = dict(
        title=_plain(title, "title", "Enter the risk"),
        cause=_plain(cause, "cause", "Enter the cause of the risk"),
        likelihood=int(likelihood),
        impact=int(impact),
        owner=_plain(owner, "owner", "Enter its owner"),
        mitigations=_plain(mitigations, "mitigations", "Enter what is being done about it"),
        review_date=review_date,
        trend=trend,
        escalated=escalated,
        closed=closed,
    )
    clash = BoardRisk.objects.filter(board=board, title=fields["title"])
    if clash.exclude(pk=risk.pk if risk else None).exists():
        raise ValidationError({"title": "The register already has a risk with this name"})
    if risk is None:
        risk = BoardRisk(board=board, created_at=at or timezone.now())
        reason = reason or "Added"
    risk._change_reason = reason or ("Closed" if closed and not risk.closed else "Changed")
    for name, value in fields.items():
        setattr(risk, name, value)
    risk._history_date = at or timezone.now()  # the register's history says when each version was recorded
    risk.save()
    return risk


def risk_trend(*, before: int, after: int) -> str:
    """A review's trend, from the score before and after: rising, falling or no change."""
    if after > before:
        return BoardRisk.Trend.RISING
    if after < before:
        return BoardRisk.Trend.FALLING
    return BoardRisk.Trend.STEADY


@transaction.atomic
def board_risk_review(
    *,
    risk: BoardRisk,
    likelihood: int,
    impact: int,
    review_date: datetime.date,
    note: str,
    on: datetime.date | None = None,
    escalated: bool | None = None,
    at: datetime.datetime | None = None,
) -> BoardRisk:
    """Review a risk: its new likelihood and impact, the trend they make, what the review found
    and when it is next reviewed. The register's history keeps every review."""
    on = on or timezone.localdate()
    if risk.closed:
        raise ValidationError("This risk is closed: it is no longer reviewed.")
    if review_date <= on:
        raise ValidationError({"review_date": "The next review must be after today"})
    before = risk.score
    risk.reviewed_on, risk.review_note = on, _plain(note, "note", "Enter what the review found")
    return board_risk_record(
        reason="Reviewed",
        board=risk.board,
        risk=risk,
        title=risk.title,
        cause=risk.cause,
        likelihood=likelihood,
        impact=impact,
        owner=risk.owner,
        mitigations=risk.mitigations,
        review_date=review_date,
        trend=risk_trend(before=before, after=risk_score(likelihood, impact)),
        escalated=risk.escalated if escalated is None else escalated,
        at=at,
    )


# --- Terms of reference and quorum -------------------------------------------------------------


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
    substitutes_count: bool = True,
    inquorate: str = TermsOfReference.Inquorate.WARN,
) -> TermsOfReference:
    """A new version of the terms of reference; earlier versions are kept as they were."""
    if quorum < 1:
        raise ValidationError({"quorum": "The quorum must be at least 1"})
    if review_date <= agreed_on:
        raise ValidationError({"review_date": "The review date must be after the date they were agreed"})
    ImprovementBoard.objects.select_for_update().filter(pk=board.pk).first()
    current = TermsOfReference.objects.filter(board=board).order_by("-version").first()
    if current is not None and agreed_on < current.agreed_on:
        raise ValidationError(
            {
                "agreed_on": f"A new version must be agreed on or after version {current.version} "
                f"({current.agreed_on:%-d %B %Y})"
            }
        )
    return TermsOfReference.objects.create(
        board=board,
        version=(current.version if current else 0) + 1,
        agreed_on=agreed_on,
        remit=_plain(remit, "remit", "Enter the board's remit"),
        quorum=quorum,
        substitutes_count=substitutes_count,
        inquorate=inquorate,
        membership=_plain(membership, "membership", "Enter who the members are"),
        escalation=_plain(escalation, "escalation", "Enter how the board escalates"),
        review_date=review_date,
    )


def terms_in_force(board: ImprovementBoard, on: datetime.date) -> TermsOfReference | None:
    return TermsOfReference.objects.filter(board=board, agreed_on__lte=on).order_by("-version").first()


@dataclass(frozen=True)
class Quorum:
    """Whether a meeting was quorate under the terms in force on its day."""

    terms: TermsOfReference | None
    counted: int

    @property
    def quorate(self) -> bool:
        return self.terms is None or self.counted >= self.terms.quorum

    @property
    def may_decide(self) -> bool:
        return self.quorate or self.terms.inquorate == TermsOfReference.Inquorate.WARN

    @property
    def note(self) -> str:
        """ "" if quorate, else why not, in plain English (recorded on the meeting)."""
        if self.quorate:
            return ""
        who = "members present" + (" or represented" if self.terms.substitutes_count else "")
        if self.counted == 1:
            who = who.replace("members", "member")
        return (
            f"The meeting was not quorate: {self.counted} {who}, and the terms of reference "
            f"(version {self.terms.version}) need {self.terms.quorum}."
        )


# Who counts towards a quorum: the chair and the members (not the DfE's participant observer, an
# adviser or the board's secretary, who attend without a vote).
QUORUM_ROLES = frozenset({BoardMember.Role.CHAIR, BoardMember.Role.MEMBER})


def quorum_of(board: ImprovementBoard, on: datetime.date, attendance: Iterable) -> Quorum:
    """The quorum rule, in one place: the chair and members present count, and those represented
    by a named substitute when the terms in force say substitutes count. ``attendance`` holds
    entries with ``member``, ``present`` and ``substitute``."""
    terms = terms_in_force(board, on)
    counted = sum(
        1
        for entry in attendance
        if entry.member.role in QUORUM_ROLES
        and (entry.present or (terms is not None and terms.substitutes_count and (entry.substitute or "").strip()))
    )
    return Quorum(terms=terms, counted=counted)


def quorum_check(board: ImprovementBoard, on: datetime.date, present: int) -> str:
    """ "" if ``present`` members make a quorum under the terms in force, else why not."""
    return Quorum(terms=terms_in_force(board, on), counted=present).note
