"""Writes to improvement plans: progress updates, revised due dates, indicator values."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import rules
from .models import Action, DueDateRevision, IndicatorValue, PerformanceIndicator, ProgressUpdate


class StaleEdit(Exception):
    """Someone else changed the action since the form was loaded."""

    def __init__(self, action: Action, expected_version: int):
        self.action = action
        self.expected_version = expected_version
        super().__init__(
            f"{action.reference} was changed by someone else (version {action.version}, you had {expected_version})."
        )


def _lock(action: Action, expected_version: int | None) -> Action:
    """Re-read the action under a row lock and refuse a stale edit."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleEdit(locked, expected_version)
    return locked


@dataclass(frozen=True)
class LinkEvidence:
    title: str
    url: str


@transaction.atomic
def progress_update_create(
    *,
    action: Action,
    author,
    narrative: str,
    status: str,
    rag: str,
    remedial_action: str = "",
    evidence_of_impact: str | None = None,
    expected_version: int | None = None,
    at: datetime.datetime | None = None,
) -> ProgressUpdate:
    """Log progress on an action: the update is kept for ever and the action takes its status
    and rating. Refuses a rating the rules forbid (an overdue action cannot be Green or Amber)."""
    at = at or timezone.now()
    action = _lock(action, expected_version)
    if not narrative.strip():
        raise ValidationError({"narrative": "Enter what has happened since the last update."})
    overdue = rules.is_overdue(
        status=status, due_date=action.due_date, agreed_revised_due_date=action.revised_due_date,
        on=timezone.localdate(at),
    )
    reason = rules.ratings_allowed(status=status, overdue=overdue).get(rules.Rag(rag))
    if reason:
        raise ValidationError({"rag": reason})
    update = ProgressUpdate.objects.create(
        action=action, author=author, created_at=at, narrative=narrative.strip(), status=status, rag=rag,
        remedial_action=remedial_action.strip(),
    )
    action.status = status
    action.reported_rag = rag
    action.last_updated_at = at
    if evidence_of_impact is not None:
        action.evidence_of_impact = evidence_of_impact.strip()
    action.version += 1
    action._change_reason = f"Progress update {update.pk}"
    action.save()
    return update


@transaction.atomic
def revised_date_propose(
    *, action: Action, proposed_by, proposed_date: datetime.date, reason: str, at: datetime.datetime | None = None
) -> DueDateRevision:
    """Propose a revised due date; it waits for the board's chair and changes nothing until agreed."""
    at = at or timezone.now()
    action = _lock(action, None)
    errors = {}
    if not reason.strip():
        errors["reason"] = "Enter why the due date needs to change."
    if proposed_date < action.start_date:
        errors["proposed_date"] = f"The revised due date must be on or after the start date, {action.start_date:%-d %B %Y}."
    elif proposed_date <= timezone.localdate(at):
        errors["proposed_date"] = "The revised due date must be in the future."
    if action.revisions.filter(status=DueDateRevision.Status.PENDING).exists():
        errors["proposed_date"] = "A revised due date for this action is already awaiting the board."
    if errors:
        raise ValidationError(errors)
    return DueDateRevision.objects.create(
        action=action, proposed_date=proposed_date, reason=reason.strip(), proposed_by=proposed_by, proposed_at=at
    )


@transaction.atomic
def revised_date_decide(
    *, revision: DueDateRevision, decided_by, agree: bool, reason: str = "", meeting=None,
    at: datetime.datetime | None = None,
) -> DueDateRevision:
    """The chair agrees or rejects a proposed revised due date. Only an agreed date moves
    the action's deadline."""
    revision = DueDateRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != DueDateRevision.Status.PENDING:
        raise ValidationError(f"This revised date was already {revision.get_status_display().lower()}.")
    if not agree and not reason.strip():
        raise ValidationError({"reason": "Enter why the board rejects the revised date."})
    revision.status = DueDateRevision.Status.AGREED if agree else DueDateRevision.Status.REJECTED
    revision.decided_by = decided_by
    revision.decided_at = at or timezone.now()
    revision.decision_reason = reason.strip()
    revision.meeting = meeting
    revision.save()
    if agree:
        action = _lock(revision.action, None)
        action.revised_due_date = revision.proposed_date
        action.version += 1
        action._change_reason = f"Revised due date agreed by {decided_by}"
        action.save()
    return revision


@transaction.atomic
def indicator_value_set(
    *, indicator: PerformanceIndicator, month: datetime.date, value, source: str = "", entered_by=None,
    at: datetime.datetime | None = None,
) -> IndicatorValue:
    """Record an indicator's value for a month, replacing an earlier one (its history keeps it)."""
    at = at or timezone.now()
    month = month.replace(day=1)
    existing = IndicatorValue.objects.select_for_update().filter(indicator=indicator, month=month).first()
    if existing is None:
        return IndicatorValue.objects.create(
            indicator=indicator, month=month, value=value, source=source, entered_by=entered_by, entered_at=at
        )
    existing.value = value
    existing.source = source
    existing.entered_by = entered_by
    existing.entered_at = at
    existing.save()
    return existing
