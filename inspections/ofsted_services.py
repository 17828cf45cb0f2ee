"""Writes for Ofsted activity between inspections and the post-inspection action plan.

``record_ofsted_activity`` is the one way an activity and its findings are saved: the
importer (a letter read from its PDF) and the recording pages call it; the admin only reads.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from . import deadlines
from .models import Council, Inspection, OfstedActivity, OfstedFinding, PostInspectionPlan


@dataclass(frozen=True)
class Finding:
    """One finding as the letter writes it. ``kind`` is an ``OfstedFinding.Kind`` value:
    strength, area_for_improvement, priority_action, area_for_development, progress."""

    kind: str
    text: str
    heading_as_written: str = ""
    source_line: int | None = None


def _finding(row: Finding | Mapping) -> Finding:
    return row if isinstance(row, Finding) else Finding(**dict(row))


# The details of an activity that record_ofsted_activity takes and a correction may change: all
# but the council, the letter's text and its source (those come with the letter).
DETAILS = (
    "kind",
    "follows",
    "number",
    "title",
    "focus",
    "started",
    "ended",
    "published",
    "lead_inspector",
    "inspectorates",
    "judgement_as_written",
)


@transaction.atomic
def record_ofsted_activity(
    *,
    council: Council,
    findings: Iterable[Finding | Mapping] = (),
    letter_text: str = "",
    source_name: str = "",
    **details,
) -> OfstedActivity:
    """Save one Ofsted visit, meeting or ungraded inspection with its findings as written.

    ``details`` are the :data:`DETAILS` (``kind``: an ``OfstedActivity.Kind`` value; ``follows``:
    the inspection; ``number``; ``title``, ``focus``; ``started``, ``ended``, ``published``: dates;
    ``lead_inspector``, ``inspectorates``, ``judgement_as_written``); those not given are empty.
    Monitoring visits follow an inspection (``follows``) and are numbered; without ``number``
    the next one after those recorded is used. A focused visit naming areas for priority
    action gets its draft and final action plan deadlines (20 and 70 working days from the
    letter). Raises ``ValidationError`` with a plain-English message, saving nothing, when
    the activity is incomplete or already recorded.
    """
    activity = OfstedActivity(council=council, letter_text=letter_text, source_name=source_name)
    return _activity_save(activity, findings=findings, details=details)


def _activity_check(
    *,
    council: Council,
    kind: str,
    follows: Inspection | None,
    started: datetime.date | None,
    published: datetime.date | None,
    findings: Iterable[Finding | Mapping],
) -> list[Finding]:
    """What every activity must be, whoever saves it; its findings, checked."""
    if kind not in OfstedActivity.Kind.values:
        raise ValidationError(f"{kind!r} is not a kind of Ofsted activity this service records.")
    if started is None and published is None:
        raise ValidationError("Give the date of the visit or of its letter.")
    if follows is not None and follows.council_id != council.pk:
        raise ValidationError(
            f"The inspection it follows is {follows.council.short_name}'s, not {council.short_name}'s."
        )
    if kind in (OfstedActivity.Kind.MONITORING_VISIT, OfstedActivity.Kind.PLANNING_VISIT) and follows is None:
        raise ValidationError("A planning or monitoring visit must name the inspection it follows.")
    rows = [_finding(row) for row in findings]
    for row in rows:
        if row.kind not in OfstedFinding.Kind.values:
            raise ValidationError(f"{row.kind!r} is not a kind of finding (strength, area for improvement, ...).")
        if not row.text.strip():
            raise ValidationError("A finding has no text.")
    return rows


def _number_for(
    *, kind: str, follows: Inspection | None, number: int | None, activity: OfstedActivity | None = None
) -> int | None:
    """A visit's number after the inspection it follows: as given (and not taken), the one it has,
    or, for a monitoring visit, the next after those recorded."""
    others = OfstedActivity.objects.filter(follows=follows, kind=kind, number__isnull=False)
    if activity is not None:
        others = others.exclude(pk=activity.pk)
        if number is None and activity.kind == kind and activity.follows_id == getattr(follows, "pk", None):
            number = activity.number
    if number is None and kind == OfstedActivity.Kind.MONITORING_VISIT:
        number = 1 + others.count()
    if number is not None and follows is not None and others.filter(number=number).exists():
        raise ValidationError(
            f"{OfstedActivity.Kind(kind).label} number {number} after that inspection is already recorded."
        )
    return number


def _findings_save(activity: OfstedActivity, rows: list[Finding]) -> None:
    OfstedFinding.objects.bulk_create(
        OfstedFinding(
            activity=activity,
            kind=row.kind,
            text=row.text.strip(),
            heading_as_written=row.heading_as_written,
            order=order,
            source_line=row.source_line,
        )
        for order, row in enumerate(rows, start=1)
    )


def _activity_deadlines_set(activity: OfstedActivity, rows: list[Finding]) -> None:
    """The action plan deadlines the activity sets, counted from its letter. Deadlines it no
    longer sets go, unless the plan was sent (that record is kept)."""
    specs = ()
    if activity.published is not None:
        has_priority = any(row.kind == OfstedFinding.Kind.PRIORITY_ACTION for row in rows)
        specs = deadlines.plan_deadlines_for_activity(activity.kind, has_priority_actions=has_priority)
    sent_before = activity.action_plans.filter(submitted__lt=activity.published) if activity.published else None
    if sent_before is not None and sent_before.exists():
        raise ValidationError(
            f"An action plan was sent on {sent_before.first().submitted:%-d %B %Y}, before this letter's date: "
            "check the date of the letter."
        )
    for deadline in specs:
        _plan_create(activity=activity, counted_from=activity.published, deadline=deadline)
    activity.action_plans.exclude(stage__in=[d.stage for d in specs]).filter(submitted__isnull=True).delete()


@transaction.atomic
def ofsted_activity_update(
    *, activity: OfstedActivity, findings: Iterable[Finding | Mapping] = (), **details
) -> OfstedActivity:
    """Correct a recorded activity (``details``: the :data:`DETAILS`, as
    ``record_ofsted_activity`` takes them; those not given are emptied) and its findings (all of
    them, in the order given; a finding kept word for word keeps its letter's heading and line).
    Its action plan deadlines follow its letter's date and findings."""
    return _activity_save(activity, findings=findings, details=details)


def _activity_save(activity: OfstedActivity, *, findings: Iterable[Finding | Mapping], details: dict) -> OfstedActivity:
    """The one way an activity's details and findings are saved, new (``activity`` not yet
    saved) or corrected."""
    unknown = set(details) - set(DETAILS)
    if unknown:
        raise TypeError(f"An Ofsted activity has no {', '.join(sorted(unknown))}")
    if not details.get("kind"):
        raise ValidationError("Say what kind of Ofsted activity it is.")
    values = {name: details.get(name, "") for name in DETAILS}
    for name in ("follows", "number", "started", "ended", "published"):
        values[name] = details.get(name)
    council = activity.council
    kind, follows = values["kind"], values["follows"]
    rows = _activity_check(
        council=council,
        kind=kind,
        follows=follows,
        started=values["started"],
        published=values["published"],
        findings=findings,
    )
    saved = activity if activity.pk else None
    values["number"] = _number_for(kind=kind, follows=follows, number=values["number"], activity=saved)
    duplicate = OfstedActivity.objects.filter(
        council=council, kind=kind, started=values["started"], published=values["published"]
    )
    if duplicate.exclude(pk=activity.pk).exists():
        raise ValidationError(
            f"This {OfstedActivity.Kind(kind).label.lower()} is already recorded for {council.short_name}."
        )
    for name, value in values.items():
        setattr(activity, name, value)
    activity.full_clean(exclude=["source_file"])
    activity.save()
    if saved is not None:
        kept = {(f.kind, f.text): f for f in activity.findings.all()}
        rows = [
            Finding(
                row.kind,
                row.text.strip(),
                row.heading_as_written or getattr(kept.get((row.kind, row.text.strip())), "heading_as_written", ""),
                row.source_line or getattr(kept.get((row.kind, row.text.strip())), "source_line", None),
            )
            for row in rows
        ]
        activity.findings.all().delete()
    _findings_save(activity, rows)
    _activity_deadlines_set(activity, rows)
    return activity


def _plan_create(
    *,
    counted_from: datetime.date,
    deadline: deadlines.PlanDeadline,
    inspection: Inspection | None = None,
    activity: OfstedActivity | None = None,
) -> PostInspectionPlan:
    plan, _ = PostInspectionPlan.objects.update_or_create(
        inspection=inspection,
        activity=activity,
        stage=deadline.stage,
        defaults={
            "counted_from": counted_from,
            "working_days": deadline.working_days,
            "due": deadlines.plan_due(counted_from, deadline.working_days),
            "basis": deadline.basis,
        },
    )
    return plan


@transaction.atomic
def action_plan_deadlines_set(
    *,
    inspection: Inspection,
    working_days: int | None = None,
    basis: str = "",
    stage: str = "final",
) -> list[PostInspectionPlan]:
    """The action plan deadlines an inspection sets: its framework's (ILACS: 70 working days), or
    the ``working_days`` a document commits to, with ``basis`` saying which document."""
    if working_days is not None:
        if working_days < 1:
            raise ValidationError("The number of working days must be 1 or more.")
        if not basis:
            raise ValidationError("Say where the deadline comes from (the document that commits to it).")
        specs = (deadlines.PlanDeadline(stage, working_days, basis),)
    else:
        specs = deadlines.plan_deadlines_for_inspection(inspection.framework.code)
    return [_plan_create(inspection=inspection, counted_from=inspection.published, deadline=d) for d in specs]


@transaction.atomic
def action_plan_submission_record(
    *,
    plan: PostInspectionPlan,
    submitted: datetime.date,
    ofsted_response: str = "",
    ofsted_response_on: datetime.date | None = None,
) -> PostInspectionPlan:
    """Record when the plan went to Ofsted and, when it comes, Ofsted's response."""
    if submitted < plan.counted_from:
        raise ValidationError("The plan cannot have been sent before the report it answers.")
    if ofsted_response_on is not None and ofsted_response_on < submitted:
        raise ValidationError("Ofsted's response cannot come before the plan was sent.")
    plan.submitted = submitted
    plan.ofsted_response = ofsted_response
    plan.ofsted_response_on = ofsted_response_on
    plan.save(update_fields=["submitted", "ofsted_response", "ofsted_response_on"])
    return plan
