"""Writes for Ofsted activity between inspections and the post-inspection action plan.

``record_ofsted_activity`` is the one way an activity and its findings are saved: the
importer, the demo loader and the admin all call it.
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


@transaction.atomic
def record_ofsted_activity(
    *,
    council: Council,
    kind: str,
    follows: Inspection | None = None,
    number: int | None = None,
    title: str = "",
    focus: str = "",
    started: datetime.date | None = None,
    ended: datetime.date | None = None,
    published: datetime.date | None = None,
    lead_inspector: str = "",
    inspectorates: str = "",
    judgement_as_written: str = "",
    letter_text: str = "",
    source_name: str = "",
    findings: Iterable[Finding | Mapping] = (),
) -> OfstedActivity:
    """Save one Ofsted visit, meeting or ungraded inspection with its findings as written.

    Monitoring visits follow an inspection (``follows``) and are numbered; without ``number``
    the next one after those recorded is used. A focused visit naming areas for priority
    action gets its draft and final action plan deadlines (20 and 70 working days from the
    letter). Raises ``ValidationError`` with a plain-English message, saving nothing, when
    the activity is incomplete or already recorded.
    """
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
    if kind == OfstedActivity.Kind.MONITORING_VISIT and number is None:
        number = 1 + OfstedActivity.objects.filter(follows=follows, kind=kind, number__isnull=False).count()
    rows = [_finding(row) for row in findings]
    for row in rows:
        if row.kind not in OfstedFinding.Kind.values:
            raise ValidationError(f"{row.kind!r} is not a kind of finding (strength, area for improvement, ...).")
        if not row.text.strip():
            raise ValidationError("A finding has no text.")
    duplicate = OfstedActivity.objects.filter(council=council, kind=kind, started=started, published=published)
    if duplicate.exists():
        raise ValidationError(
            f"This {OfstedActivity.Kind(kind).label.lower()} is already recorded for {council.short_name}."
        )
    activity = OfstedActivity(
        council=council,
        kind=kind,
        follows=follows,
        number=number,
        title=title,
        focus=focus,
        started=started,
        ended=ended,
        published=published,
        lead_inspector=lead_inspector,
        inspectorates=inspectorates,
        judgement_as_written=judgement_as_written,
        letter_text=letter_text,
        source_name=source_name,
    )
    activity.full_clean(exclude=["source_file"])
    activity.save()
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
    if published is not None:
        has_priority = any(row.kind == OfstedFinding.Kind.PRIORITY_ACTION for row in rows)
        for deadline in deadlines.plan_deadlines_for_activity(kind, has_priority_actions=has_priority):
            _plan_create(activity=activity, counted_from=published, deadline=deadline)
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
