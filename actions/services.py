"""Writes to improvement plans: progress updates, revised due dates, indicator values."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import guardrails, rules, validators
from .models import (
    ARCHIVED_PLAN_MESSAGE,
    Action,
    Evidence,
    ImprovementPlan,
    IndicatorValue,
    PerformanceIndicator,
    ProgressUpdate,
)


class StaleEdit(Exception):
    """Someone else changed the action since the form was loaded."""

    def __init__(self, action: Action, expected_version: int):
        self.action = action
        self.expected_version = expected_version
        super().__init__(
            f"{action.reference} was changed by someone else (version {action.version}, you had {expected_version})."
        )


class PlanArchived(ValidationError):
    """The plan is archived (inactive): it is kept to be read, and nothing in it may change."""

    def __init__(self):
        super().__init__(ARCHIVED_PLAN_MESSAGE, code="plan_archived")


def plan_require_open(plan_id: int) -> None:
    """Refuse any change to an archived plan. Every write to a plan's actions, progress,
    revised dates and indicator values calls this (the one rule; the views only ask first)."""
    if not ImprovementPlan.objects.active().filter(pk=plan_id).exists():
        raise PlanArchived()


def _lock(action: Action, expected_version: int | None, *, archived_history: bool = False) -> Action:
    """Re-read the action under a row lock, refuse a change to an archived plan and a stale edit."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if not archived_history:
        plan_require_open(locked.plan_id)
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
    files: Iterable = (),
    links: Iterable[LinkEvidence] = (),
    at: datetime.datetime | None = None,
    archived_history: bool = False,
) -> ProgressUpdate:
    """Log progress on an action: the update is kept for ever and the action takes its status
    and rating. Refuses a rating the rules forbid (an overdue action cannot be Green or Amber).
    Evidence files are checked by their content and stored in private media; if anything
    fails, nothing is saved and no file is left behind. An archived plan refuses it, except for
    ``archived_history``: a loader recording, from the documents, what was logged on a plan that
    is over (load_demo_data's historical plans); no page or API passes it."""
    at = at or timezone.now()
    action = _lock(action, expected_version, archived_history=archived_history)
    if not narrative.strip():
        raise ValidationError({"narrative": "Enter what has happened since the last update."})
    _text_lengths_check(
        narrative=narrative, remedial_action=remedial_action, evidence_of_impact=evidence_of_impact or ""
    )
    overdue = rules.is_overdue(
        status=status,
        due_date=action.due_date,
        agreed_revised_due_date=action.revised_due_date,
        on=timezone.localdate(at),
    )
    reason = rules.ratings_allowed(status=status, overdue=overdue).get(rules.Rag(rag))
    if reason:
        raise ValidationError({"rag": reason})
    update = ProgressUpdate.objects.create(
        action=action,
        author=author,
        created_at=at,
        narrative=narrative.strip(),
        status=status,
        rag=rag,
        remedial_action=remedial_action.strip(),
    )
    _evidence_attach(update=update, files=files, links=links)
    if status == rules.Status.COMPLETE and action.completed_on is None:
        action.completed_on = timezone.localdate(at)
    elif status != rules.Status.COMPLETE:
        action.completed_on = None
    action.finished_late = rules.finished_late(
        completed_on=action.completed_on,
        due_date=action.due_date,
        agreed_revised_due_date=action.revised_due_date,
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


def _text_lengths_check(**texts: str) -> None:
    """Refuse an update's text longer than the guardrails scan (and anyone would read)."""
    limit = guardrails.UPDATE_TEXT_MAX_CHARS
    errors = {
        name: f"{name.replace('_', ' ').capitalize()} must be {limit:,} characters or fewer."
        for name, text in texts.items()
        if len(text.strip()) > limit
    }
    if errors:
        raise ValidationError(errors)


def _evidence_attach(*, update: ProgressUpdate, files: Iterable, links: Iterable[LinkEvidence]) -> None:
    stored: list[Evidence] = []
    files = list(files)
    validators.evidence_files_total(files)
    try:
        for file in files:
            kind = validators.evidence_file_type(file)
            original = PurePath(file.name).name
            evidence = Evidence(
                update=update, title=original, original_name=original, content_type=kind.content_type, size=file.size
            )
            evidence.file.save(f"{uuid.uuid4().hex}{PurePath(original).suffix.lower()}", file, save=False)
            stored.append(evidence)
            evidence.save()
        for link in links:
            url = validators.evidence_url(link.url)
            Evidence.objects.create(update=update, title=(link.title or url).strip()[:300], url=url)
    except BaseException:
        for evidence in stored:
            evidence.file.storage.delete(evidence.file.name)
        raise


class ReplaceNeedsConfirming(ValidationError):
    """A value for the month exists already; replacing it needs the person to confirm."""

    def __init__(self, existing: IndicatorValue):
        self.existing = existing
        super().__init__(
            {
                "value": f"{existing.indicator} already has a value of {existing.value:g} for "
                f"{existing.month:%B %Y}. Confirm that you want to replace it."
            },
            code="needs_confirmation",
        )


@transaction.atomic
def indicator_value_set(
    *,
    indicator: PerformanceIndicator,
    month: datetime.date,
    value,
    source: str = "",
    entered_by=None,
    replace: bool = True,
    at: datetime.datetime | None = None,
) -> IndicatorValue:
    """Record an indicator's value for a month, checked against its unit. An earlier value for
    the month is replaced only if ``replace`` (its history keeps it); otherwise
    :class:`ReplaceNeedsConfirming` is raised."""
    import decimal

    at = at or timezone.now()
    plan_require_open(indicator.plan_id)
    month = month.replace(day=1)
    value = validators.indicator_value(indicator.unit, decimal.Decimal(value))
    existing = IndicatorValue.objects.select_for_update().filter(indicator=indicator, month=month).first()
    if existing is not None and not replace and existing.value != value:
        raise ReplaceNeedsConfirming(existing)
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


# --- Reminders -------------------------------------------------------------------------------


def _reminder_claim(*, user, kind: str, day: datetime.date):
    """Claim today's reminder of ``kind`` for ``user``: the unique row is created by exactly
    one run; any other run (or a rerun) gets None and sends nothing."""
    from django.db import IntegrityError

    from .models import ReminderLog

    try:
        with transaction.atomic():
            return ReminderLog.objects.create(user=user, kind=kind, day=day)
    except IntegrityError:
        return None


def _reminders_send(
    *, kind: str, day: datetime.date, by_owner: dict, template: str, subject: str, extra: dict | None = None
) -> int:
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    sent = 0
    for owner, actions in by_owner.items():
        if not owner.email:
            continue
        claim = _reminder_claim(user=owner, kind=kind, day=day)
        if claim is None:
            continue
        context = {
            "owner": owner,
            "actions": actions,
            "today": day,
            "site_url": settings.SITE_URL.rstrip("/"),
            **(extra or {}),
        }
        try:
            send_mail(subject, render_to_string(template, context), None, [owner.email])
        except Exception:
            claim.delete()  # let a retry send it
            raise
        claim.actions.set(actions)
        sent += 1
    return sent


def _group_by_owner(actions) -> dict:
    grouped: dict = {}
    for action in actions:
        grouped.setdefault(action.owner, []).append(action)
    return grouped


def due_reminders_send(*, on: datetime.date) -> int:
    """Email each owner their actions overdue or due within ``DUE_REMINDER_DAYS`` days, in one
    email per person per day. Returns how many emails were sent."""
    from django.conf import settings

    from .models import ReminderLog

    window_end = on + datetime.timedelta(days=settings.DUE_REMINDER_DAYS)
    actions = (
        rules.annotate_rag(
            Action.objects.filter(
                plan__is_active=True, plan__is_synthetic=False, owner__isnull=False, owner__is_active=True
            ).exclude(status=rules.Status.COMPLETE),
            on=on,
        )
        .filter(deadline__lte=window_end)
        .select_related("owner", "plan__council")
        .order_by("owner_id", "deadline", "order")
    )
    return _reminders_send(
        kind=ReminderLog.Kind.DUE,
        day=on,
        by_owner=_group_by_owner(actions),
        template="emails/due_reminder.txt",
        subject="Your improvement plan actions due soon or overdue",
        extra={"window_end": window_end},
    )


def pre_meeting_reminders_send(*, on: datetime.date) -> int:
    """On the day ``PRE_MEETING_REMINDER_WORKING_DAYS`` working days before a board's next
    meeting, email the owners of its council's actions not updated since the previous meeting."""
    from django.conf import settings

    from . import meetings, selectors
    from .models import ReminderLog

    sent = 0
    for meeting in meetings.next_meetings(on=on):
        if selectors.working_days_before(meeting.date, settings.PRE_MEETING_REMINDER_WORKING_DAYS) != on:
            continue
        previous = meeting.previous
        actions = (
            rules.annotate_not_updated(
                Action.objects.filter(
                    plan__council=meeting.council, plan__is_active=True, owner__isnull=False, owner__is_active=True
                ),
                since=previous,
            )
            .filter(not_updated=True)
            .select_related("owner", "plan__council")
            .order_by("owner_id", "order")
        )
        sent += _reminders_send(
            kind=ReminderLog.Kind.PRE_MEETING,
            day=on,
            by_owner=_group_by_owner(actions),
            template="emails/pre_meeting_reminder.txt",
            subject=f"Update your actions before the board meets on {meeting.date:%-d %B %Y}".replace("  ", " "),
            extra={"board": meeting, "meeting": meeting.date, "previous": previous},
        )
    return sent


@transaction.atomic
def redaction_create(
    *, update: ProgressUpdate, redacted_by, reason: str, narrative: str = "", remedial_action: str = ""
):
    """An administrator's redaction of an update that identified a child: recorded (who, when,
    why), never changed; the update itself is never touched (its manager shows the redaction)."""
    from .models import Redaction

    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the update is redacted."})
    fields = {"narrative": narrative.strip()} if (narrative or "").strip() else {}
    return Redaction.objects.create(
        update=update, redacted_by=redacted_by, reason=reason.strip(), remedial_action=remedial_action, **fields
    )


@transaction.atomic
def indicator_values_set(*, values, month: datetime.date, entered_by, source: str = "") -> list[IndicatorValue]:
    """Several indicators' values for one month, all or none (the person has confirmed any
    replacement)."""
    return [
        indicator_value_set(indicator=indicator, month=month, value=value, source=source, entered_by=entered_by)
        for indicator, value in values
    ]


@transaction.atomic
def plan_create(*, council, title: str, agreed_on: datetime.date, owner, notice=None):
    """A council's improvement plan, with its owner; its objectives and actions are added after."""
    from .models import ImprovementPlan

    if ImprovementPlan.objects.active().filter(council=council).exists():
        raise ValidationError(f"{council.short_name} already has an active plan.")
    if owner.council_id != council.pk:
        raise ValidationError({"owner": "The plan's owner must be one of the council's own people."})
    if notice is not None and notice.council_id != council.pk:
        raise ValidationError({"notice": "Choose one of this council's notices."})
    return ImprovementPlan.objects.create(council=council, title=title, agreed_on=agreed_on, owner=owner, notice=notice)


# The decision loop on revised due dates lives in its own module; its services are these too.
from .decisions import (  # noqa: E402,F401
    revised_date_decide,
    revised_date_decision_check,
    revised_date_propose,
    revised_date_withdraw,
)
