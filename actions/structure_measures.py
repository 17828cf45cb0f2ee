"""Writes to how a plan measures progress: its milestones, and its indicators with their
trajectories. Every change is recorded in words (:func:`actions.structure._record`), with who
made it and when, in the same transaction; re-exported by :mod:`actions.structure`."""

from __future__ import annotations

import datetime
import decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import ImprovementPlan, Milestone, PerformanceIndicator, TrajectoryPoint
from .structure import _changes, _next_order, _record, _words

# --- Milestones -------------------------------------------------------------------------------

MILESTONE_LABELS = {"title": "Title", "due_date": "Due date", "achieved_on": "Achieved on", "measure": "Measure"}


@transaction.atomic
def milestone_create(*, plan: ImprovementPlan, by, title: str, due_date: datetime.date, measure=None) -> Milestone:
    milestone = Milestone(
        plan=plan, title=title.strip(), due_date=due_date, measure=measure, order=_next_order(plan.milestones.all())
    )
    if not milestone.title:
        raise ValidationError({"title": "Enter the milestone."})
    if plan.milestones.filter(title__iexact=milestone.title).exists():
        raise ValidationError({"title": "The plan already has a milestone with this title."})
    milestone._history_user = by
    milestone.save()
    _record(plan=plan, subject=f"Milestone {milestone.title}", texts=[f"Milestone “{milestone.title}” added"], by=by)
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, by, **values) -> list[str]:
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if (
        values.get("title")
        and milestone.plan.milestones.exclude(pk=milestone.pk).filter(title__iexact=values["title"].strip()).exists()
    ):
        raise ValidationError({"title": "The plan already has a milestone with this title."})
    said = _changes(
        milestone, {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}, MILESTONE_LABELS
    )
    if said:
        milestone._history_user = by
        milestone.save()
        _record(
            plan=milestone.plan,
            subject=f"Milestone {milestone.title}",
            texts=[f"Milestone “{milestone.title}”: {s[0].lower()}{s[1:]}" for s in said],
            by=by,
        )
    return said


def milestone_achieve(*, milestone: Milestone, by, on: datetime.date) -> list[str]:
    if on > timezone.localdate():
        raise ValidationError({"achieved_on": "The date it was achieved cannot be in the future."})
    return milestone_update(milestone=milestone, by=by, achieved_on=on)


# --- Indicators -------------------------------------------------------------------------------

INDICATOR_LABELS = {
    "name": "Name",
    "definition": "Definition",
    "unit": "Unit",
    "polarity": "Better direction",
    "target": "Target",
    "target_date": "Target date",
    "baseline": "Baseline",
    "source": "Source",
}


def _check_indicator(indicator: PerformanceIndicator) -> None:
    errors = {}
    if not indicator.name:
        errors["name"] = "Enter the indicator's name."
    elif indicator.plan.indicators.exclude(pk=indicator.pk).filter(name__iexact=indicator.name).exists():
        errors["name"] = "The plan already has an indicator with this name."
    if not indicator.definition:
        errors["definition"] = "Enter how the indicator is measured."
    if (
        indicator.unit == PerformanceIndicator.Unit.PERCENT
        and indicator.target is not None
        and not (0 <= indicator.target <= 100)
    ):
        errors["target"] = "A percentage target must be from 0 to 100."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def indicator_create(
    *,
    plan: ImprovementPlan,
    by,
    name: str,
    definition: str,
    unit: str,
    polarity: str,
    target,
    target_date: datetime.date,
    baseline=None,
    source: str = "",
) -> PerformanceIndicator:
    indicator = PerformanceIndicator(
        plan=plan,
        name=name.strip(),
        definition=definition.strip(),
        unit=unit,
        polarity=polarity,
        target=target,
        target_date=target_date,
        baseline=baseline,
        source=source.strip(),
        order=_next_order(plan.indicators.all()),
    )
    _check_indicator(indicator)
    indicator.save()
    _record(plan=plan, subject=f"Indicator {indicator.name}", texts=[f"Indicator “{indicator.name}” added"], by=by)
    return indicator


@transaction.atomic
def indicator_update(*, indicator: PerformanceIndicator, by, **values) -> list[str]:
    indicator = PerformanceIndicator.objects.select_for_update().get(pk=indicator.pk)
    said = _changes(
        indicator, {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}, INDICATOR_LABELS
    )
    if said:
        _check_indicator(indicator)
        indicator.save()
        _record(
            plan=indicator.plan,
            subject=f"Indicator {indicator.name}",
            by=by,
            texts=[f"Indicator “{indicator.name}”: {s[0].lower()}{s[1:]}" for s in said],
        )
    return said


@transaction.atomic
def indicator_retire(*, indicator: PerformanceIndicator, by, on: datetime.date) -> None:
    indicator = PerformanceIndicator.objects.select_for_update().get(pk=indicator.pk)
    if indicator.retired_on:
        raise ValidationError(f"“{indicator.name}” was already closed on {_words(indicator.retired_on)}.")
    indicator.retired_on = on
    indicator.save(update_fields=["retired_on"])
    _record(
        plan=indicator.plan,
        subject=f"Indicator {indicator.name}",
        by=by,
        texts=[f"Indicator “{indicator.name}” closed on {_words(on)}: no longer tracked"],
    )


@transaction.atomic
def trajectory_set(*, indicator: PerformanceIndicator, by, points: dict[datetime.date, decimal.Decimal]) -> list[str]:
    """Replace the indicator's monthly interim trajectory with ``points`` (month -> expected value)."""
    from . import validators

    errors = []
    clean = {}
    for month, value in sorted(points.items()):
        if month.day != 1:
            month = month.replace(day=1)
        if month > indicator.target_date:
            errors.append(f"{month:%B %Y} is after the target date, {_words(indicator.target_date)}.")
            continue
        try:
            clean[month] = validators.indicator_value(indicator.unit, decimal.Decimal(value))
        except ValidationError as error:
            errors.extend(f"{month:%B %Y}: {m}" for m in error.messages)
    if errors:
        raise ValidationError({"trajectory": errors})
    before = {p.month: p.value for p in indicator.trajectory.all()}
    if before == clean:
        return []
    indicator.trajectory.all().delete()
    TrajectoryPoint.objects.bulk_create(
        [TrajectoryPoint(indicator=indicator, month=m, value=v) for m, v in clean.items()]
    )
    months = f"{len(clean)} month{'s' if len(clean) != 1 else ''}"
    said = [
        f"Indicator “{indicator.name}”: interim trajectory set for {months}"
        if clean
        else f"Indicator “{indicator.name}”: interim trajectory removed"
    ]
    _record(plan=indicator.plan, subject=f"Indicator {indicator.name}", texts=said, by=by)
    return said
