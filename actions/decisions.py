"""The decision loop on revised due dates. An officer proposes a date (or replaces their pending
proposal with another, or withdraws it); the board's chair agrees it, agrees a different date
with a reason, or rejects it with a reason. Only an agreed date moves the action's deadline.
The chair is emailed about a proposal; the proposer and the owner about the decision; each
sees it in their "waiting for you" list and on the action's history."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Action, DueDateRevision, PlanChange
from .services import _lock, plan_require_open

log = logging.getLogger(__name__)
Status = DueDateRevision.Status


def _day(value: datetime.date) -> str:
    return f"{value:%-d %B %Y}"


def _record(action: Action, text: str, by, at) -> None:
    PlanChange.objects.create(
        plan=action.plan, action=action, subject=f"Action {action.reference}", text=text, by=by, at=at
    )


@transaction.atomic
def revised_date_propose(
    *,
    action: Action,
    proposed_by,
    proposed_date: datetime.date,
    reason: str,
    replace: bool = False,
    at: datetime.datetime | None = None,
) -> DueDateRevision:
    """Propose a revised due date; it waits for the board's chair and changes nothing until agreed.
    With ``replace``, a pending proposal is replaced by this one (kept, marked replaced)."""
    at = at or timezone.now()
    action = _lock(action, None)
    errors = {}
    if not reason.strip():
        errors["reason"] = "Enter why the due date needs to change."
    if proposed_date < action.start_date:
        errors["proposed_date"] = f"The revised due date must be on or after the start date, {_day(action.start_date)}."
    elif proposed_date <= timezone.localdate(at):
        errors["proposed_date"] = "The revised due date must be in the future."
    pending = action.revisions.select_for_update().pending().first()
    if pending is not None and not replace:
        errors["proposed_date"] = "A revised due date for this action is already awaiting the board."
    if errors:
        raise ValidationError(errors)
    if pending is not None:
        pending.status, pending.decided_by, pending.decided_at = Status.REPLACED, proposed_by, at
        pending.decision_reason = f"Replaced by a proposal of {_day(proposed_date)}."
        pending.save()
    revision = DueDateRevision.objects.create(
        action=action, proposed_date=proposed_date, reason=reason.strip(), proposed_by=proposed_by, proposed_at=at
    )
    if pending is not None:
        text = (
            f"Proposed revised due date changed from {_day(pending.proposed_date)} to {_day(proposed_date)}, "
            "awaiting the board"
        )
    else:
        text = f"Revised due date of {_day(proposed_date)} proposed, awaiting the board"
    _record(action, text, proposed_by, at)
    transaction.on_commit(lambda: _notify(revision.pk, "proposed"))
    return revision


@transaction.atomic
def revised_date_withdraw(*, revision: DueDateRevision, by, at: datetime.datetime | None = None) -> DueDateRevision:
    """The officer takes back a proposal the board has not decided."""
    at = at or timezone.now()
    revision = DueDateRevision.objects.select_for_update().select_related("action__plan").get(pk=revision.pk)
    plan_require_open(revision.action.plan_id)
    if revision.status != Status.PENDING:
        raise ValidationError(f"This revised date was already {revision.get_status_display().lower()}.")
    revision.status, revision.decided_by, revision.decided_at = Status.WITHDRAWN, by, at
    revision.decision_reason = "Withdrawn before the board decided."
    revision.save()
    _record(revision.action, f"Proposed revised due date of {_day(revision.proposed_date)} withdrawn", by, at)
    return revision


def revised_date_decision_check(
    revision: DueDateRevision, *, agree: bool, reason: str = "", agreed_date: datetime.date | None = None
) -> datetime.date | None:
    """What :func:`revised_date_decide` refuses, checked without changing anything (forms ask it
    first): a decided proposal, a rejection or a different date without a reason, a date before
    the action's start. Returns the agreed date that differs from the proposal, if any."""
    if revision.status != Status.PENDING:
        raise ValidationError(f"This revised date was already {revision.get_status_display().lower()}.")
    if agreed_date == revision.proposed_date:
        agreed_date = None
    if not agree and not reason.strip():
        raise ValidationError({"reason": "Enter why the board rejects the revised date."})
    if agree and agreed_date is not None:
        if not reason.strip():
            raise ValidationError({"reason": "Enter why the board agrees a different date from the one proposed."})
        action = revision.action
        if agreed_date < action.start_date:
            raise ValidationError(
                {
                    "agreed_date": f"The date the board agrees must be on or after the start date, "
                    f"{_day(action.start_date)}."
                }
            )
    return agreed_date


@transaction.atomic
def revised_date_decide(
    *,
    revision: DueDateRevision,
    decided_by,
    agree: bool,
    reason: str = "",
    agreed_date: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> DueDateRevision:
    """The chair agrees the proposed date, agrees a different one (``agreed_date``, with a
    reason), or rejects it (with a reason). Only an agreed date moves the action's deadline."""
    at = at or timezone.now()
    revision = DueDateRevision.objects.select_for_update().get(pk=revision.pk)
    plan_require_open(Action.objects.values_list("plan_id", flat=True).get(pk=revision.action_id))
    agreed_date = revised_date_decision_check(revision, agree=agree, reason=reason, agreed_date=agreed_date)
    revision.status = Status.AGREED if agree else Status.REJECTED
    revision.decided_by = decided_by
    revision.decided_at = at
    revision.decision_reason = reason.strip()
    revision.agreed_date = agreed_date if agree else None
    revision.save()
    action = _lock(revision.action, None)
    if agree:
        before = action.revised_due_date or action.due_date
        action.revised_due_date = revision.decided_date
        action.version += 1
        action._change_reason = f"Revised due date agreed by {decided_by}"
        action._history_user = decided_by
        action.save()
        if agreed_date is not None:
            text = (
                f"Due date changed from {_day(before)} to {_day(agreed_date)}: the board agreed a different date "
                f"from the {_day(revision.proposed_date)} proposed"
            )
        else:
            text = f"Due date changed from {_day(before)} to {_day(revision.proposed_date)}: revised due date agreed"
    else:
        text = f"Proposed revised due date of {_day(revision.proposed_date)} rejected"
    _record(action, text, decided_by, at)
    transaction.on_commit(lambda: _notify(revision.pk, "decided"))
    return revision


def _notify(revision_id: int, event: str) -> None:
    """Email who needs to know: the chair of a proposal; the proposer and the owner of a decision.
    A failure to send is logged; the decision stands and the lists show it."""
    from . import notify

    try:
        notify.revision_event(revision_id=revision_id, event=event)
    except Exception:  # noqa: BLE001 - the mail server is outside the machine
        log.exception("Could not email about revised due date %s (%s)", revision_id, event)
