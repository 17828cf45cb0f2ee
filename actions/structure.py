"""Writes to a plan's structure: objectives, actions, milestones and indicators. Every change is
recorded as a :class:`PlanChange` in words ("Due date changed from 30 November 2026 to 31 January
2027"), with who made it and when, in the same transaction as the change."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from inspections.models import Organisation

from . import rules
from .models import (
    Action,
    ImprovementPlan,
    Objective,
    PlanChange,
)
from .services import plan_require_open


def _words(value) -> str:
    """A value as the history writes it."""
    if value in (None, ""):
        return "none"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    if isinstance(value, decimal.Decimal):
        return f"{value.normalize():f}"
    if hasattr(value, "get_full_name"):
        return value.get_full_name() or value.get_username()
    return str(value)


# Fields whose old and new values are too long to repeat: the history says only that they changed.
_LONG = {"description", "outcome", "success_measure", "definition", "evidence_of_impact"}


def _changes(instance, values: dict, labels: dict[str, str]) -> list[str]:
    """Apply ``values`` to ``instance`` and say, in words, what changed."""
    said = []
    for name, new in values.items():
        old = getattr(instance, name)
        field = instance._meta.get_field(name)
        if field.choices:
            display = dict(field.flatchoices)
            old_text, new_text = display.get(old, old), display.get(new, new)
        else:
            old_text, new_text = _words(old), _words(new)
        if (old or None) == (new or None) or old_text == new_text and name not in _LONG:
            continue
        setattr(instance, name, new)
        label = labels.get(name, field.verbose_name.capitalize())
        if name in _LONG:
            said.append(f"{label} changed" if old else f"{label} added")
        else:
            said.append(f"{label} changed from {old_text} to {new_text}")
    return said


def _record(
    *,
    plan: ImprovementPlan,
    subject: str,
    texts: Iterable[str],
    by,
    action: Action | None = None,
    at: datetime.datetime | None = None,
) -> list[PlanChange]:
    """Record changes in words. Every structure write comes here, in its transaction, so an
    archived plan's refusal here undoes the change (issue 16, item 14)."""
    plan_require_open(plan.pk)
    at = at or timezone.now()
    return PlanChange.objects.bulk_create(
        [PlanChange(plan=plan, action=action, subject=subject, text=text, by=by, at=at) for text in texts]
    )


def _next_order(queryset) -> int:
    return (queryset.aggregate(n=Max("order"))["n"] or 0) + 1


def _full_clean(instance, exclude=()) -> None:
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=True, validate_constraints=True)
    except ValidationError as error:
        raise ValidationError({k: v for k, v in error.message_dict.items() if k != "__all__"} or error.messages)


# --- Objectives -------------------------------------------------------------------------------

OBJECTIVE_LABELS = {"reference": "Reference", "title": "Title", "outcome": "Outcome for children"}


@transaction.atomic
def objective_create(
    *, plan: ImprovementPlan, by, reference: str, title: str, outcome: str = "", at: datetime.datetime | None = None
) -> Objective:
    objective = Objective(
        plan=plan,
        reference=reference.strip(),
        title=title.strip(),
        outcome=outcome.strip(),
        order=_next_order(plan.objectives.all()),
    )
    if plan.objectives.filter(reference__iexact=objective.reference).exists():
        raise ValidationError({"reference": f"The plan already has an objective {objective.reference}."})
    _full_clean(objective, exclude=["plan"])
    objective.save()
    _record(plan=plan, subject=f"Objective {objective}", texts=[f"Objective {objective} added"], by=by, at=at)
    return objective


@transaction.atomic
def objective_update(*, objective: Objective, by, at: datetime.datetime | None = None, **values) -> list[str]:
    objective = Objective.objects.select_for_update().get(pk=objective.pk)
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    if (
        "reference" in values
        and objective.plan.objectives.exclude(pk=objective.pk).filter(reference__iexact=values["reference"]).exists()
    ):
        raise ValidationError({"reference": f"The plan already has an objective {values['reference']}."})
    said = _changes(objective, values, OBJECTIVE_LABELS)
    if said:
        _full_clean(objective, exclude=["plan"])
        objective.save()
        _record(plan=objective.plan, subject=f"Objective {objective}", texts=said, by=by, at=at)
    return said


@transaction.atomic
def objective_close(*, objective: Objective, by, on: datetime.date, at: datetime.datetime | None = None) -> None:
    objective = Objective.objects.select_for_update().get(pk=objective.pk)
    if objective.closed_on:
        raise ValidationError(f"Objective {objective.reference} was already closed on {_words(objective.closed_on)}.")
    open_actions = objective.actions.exclude(status=rules.Status.COMPLETE).count()
    if open_actions:
        raise ValidationError(
            f"Objective {objective.reference} still has {open_actions} action"
            f"{'s' if open_actions != 1 else ''} not complete. Close them first."
        )
    objective.closed_on = on
    objective.save(update_fields=["closed_on"])
    _record(
        plan=objective.plan,
        subject=f"Objective {objective}",
        texts=[f"Objective {objective.reference} closed as achieved on {_words(on)}"],
        by=by,
        at=at,
    )


# What an item of each kind is moved among, and how the history names it.
_MOVES = {
    "Objective": ("objectives", lambda o: f"Objective {o.reference}"),
    "Action": ("actions", lambda a: f"Action {a.reference}"),
    "Milestone": ("milestones", lambda m: f"Milestone “{m.title}”"),
    "PerformanceIndicator": ("indicators", lambda i: f"Indicator “{i.name}”"),
}


@transaction.atomic
def structure_item_move(*, item, by, direction: str) -> bool:
    """Move an objective, action, milestone or indicator up or down its plan's list; the change
    is recorded in words. False when it is already at that end."""
    related, subject = _MOVES[type(item).__name__]
    return _move(
        item,
        getattr(item.plan, related).all(),
        direction,
        plan=item.plan,
        subject=subject(item),
        by=by,
        action=item if isinstance(item, Action) else None,
    )


def _move(instance, siblings, direction: str, *, plan, subject: str, by, action=None) -> bool:
    """Swap ``instance`` with its neighbour above ("up") or below ("down"). False at the end."""
    items = list(siblings.select_for_update().order_by("order", "pk"))
    for position, item in enumerate(items):  # make the order dense first, so swaps are exact
        item.order = position + 1
    index = next(i for i, item in enumerate(items) if item.pk == instance.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return False
    items[index].order, items[other].order = items[other].order, items[index].order
    type(instance).objects.bulk_update(items, ["order"])
    _record(plan=plan, subject=subject, texts=[f"{subject} moved {direction}"], by=by, action=action)
    return True


# --- Actions ----------------------------------------------------------------------------------

ACTION_LABELS = {
    "reference": "Reference",
    "title": "Title",
    "description": "Description",
    "owner": "Owner",
    "lead_organisation": "Lead organisation",
    "start_date": "Start date",
    "due_date": "Due date",
    "success_measure": "Success measure",
    "objective": "Objective",
}


def _check_action(plan: ImprovementPlan, action: Action) -> None:
    errors = {}
    if not action.reference:
        errors["reference"] = "Enter the action's reference, for example 1.3."
    elif plan.actions.exclude(pk=action.pk).filter(reference__iexact=action.reference).exists():
        errors["reference"] = f"The plan already has an action {action.reference}."
    if not action.title:
        errors["title"] = "Enter what the action is."
    if action.start_date and action.due_date and action.due_date < action.start_date:
        errors["due_date"] = f"The due date must be on or after the start date, {_words(action.start_date)}."
    if action.objective_id and action.objective.plan_id != plan.pk:
        errors["objective"] = "Choose one of this plan's objectives."
    owner = action.owner
    if owner is not None and getattr(owner, "council_id", None) not in (None, plan.council_id):
        errors["owner"] = f"{_words(owner)} does not work for {plan.council}."
    if errors:
        raise ValidationError(errors)


def default_organisation(plan: ImprovementPlan) -> Organisation:
    return Organisation.objects.get_or_create(
        name=plan.council.name, defaults={"kind": Organisation.Kind.COUNCIL, "council": plan.council}
    )[0]


@transaction.atomic
def action_create(
    *,
    plan: ImprovementPlan,
    by,
    reference: str,
    title: str,
    start_date: datetime.date,
    due_date: datetime.date,
    description: str = "",
    owner=None,
    lead_organisation=None,
    objective: Objective | None = None,
    success_measure: str = "",
    recommendations=(),
    measures=(),
    is_draft: bool = False,
    is_illustrative: bool = False,
    at: datetime.datetime | None = None,
    note: str | None = None,
) -> Action:
    action = Action(
        plan=plan,
        reference=reference.strip(),
        title=title.strip(),
        description=description.strip(),
        owner=owner,
        lead_organisation=lead_organisation or default_organisation(plan),
        objective=objective,
        start_date=start_date,
        due_date=due_date,
        success_measure=success_measure.strip(),
        is_draft=is_draft,
        is_illustrative=is_illustrative,
        order=_next_order(plan.actions.all()),
    )
    _check_action(plan, action)
    action._history_user = by
    action.save()
    if recommendations:
        action.recommendations.set(recommendations)
    if measures:
        action.measures.set(measures)
    _record(
        plan=plan,
        subject=f"Action {action.reference}",
        action=action,
        by=by,
        at=at,
        texts=[
            note
            or (
                f"Draft action {action.reference} added" if is_draft else f"Action {action.reference} added to the plan"
            )
        ],
    )
    return action


@transaction.atomic
def action_update(
    *,
    action: Action,
    by,
    expected_version: int | None = None,
    recommendations=None,
    measures=None,
    at: datetime.datetime | None = None,
    **values,
) -> list[str]:
    """Change an action's own fields (not its status or rating, which only a progress update
    sets) and the recommendations and measures it answers."""
    from .services import _lock

    action = _lock(action, expected_version)
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    said = _changes(action, values, ACTION_LABELS)
    for name, chosen, label in (
        ("recommendations", recommendations, "Recommendations"),
        ("measures", measures, "Notice measures"),
    ):
        if chosen is None:
            continue
        manager = getattr(action, name)
        before, after = set(manager.values_list("pk", flat=True)), {item.pk for item in chosen}
        if before != after:
            manager.set(chosen)
            added, removed = len(after - before), len(before - after)
            parts = [f"{added} added" if added else "", f"{removed} removed" if removed else ""]
            said.append(f"{label} answered changed ({', '.join(p for p in parts if p)})")
    if said:
        _check_action(action.plan, action)
        action.version += 1
        action._history_user = by
        action._change_reason = "; ".join(said)[:100]
        action.save()
        _record(plan=action.plan, subject=f"Action {action.reference}", action=action, texts=said, by=by, at=at)
    return said


@transaction.atomic
def action_agree_draft(*, action: Action, by) -> None:
    """A draft made from a recommendation becomes part of the plan."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    if not action.is_draft:
        return
    action.is_draft = False
    action.version += 1
    action._history_user = by
    action.save()
    _record(
        plan=action.plan,
        subject=f"Action {action.reference}",
        action=action,
        by=by,
        texts=[f"Draft action {action.reference} agreed into the plan"],
    )


@transaction.atomic
def action_reassign(
    *, action: Action, by, owner, lead_organisation=None, expected_version: int | None = None
) -> list[str]:
    values = {"owner": owner}
    if lead_organisation is not None:
        values["lead_organisation"] = lead_organisation
    return action_update(action=action, by=by, expected_version=expected_version, **values)


@transaction.atomic
def actions_reassign(*, plan: ImprovementPlan, by, from_owner, to_owner) -> int:
    """Every open action of ``from_owner`` in the plan passes to ``to_owner`` (someone leaving)."""
    moved = 0
    for action in plan.actions.filter(owner=from_owner).exclude(status=rules.Status.COMPLETE).order_by("order"):
        if action_update(action=action, by=by, owner=to_owner):
            moved += 1
    return moved


@transaction.atomic
def action_close(
    *, action: Action, by, evidence_of_impact: str, narrative: str = "", at: datetime.datetime | None = None
) -> Action:
    """Close an action as complete. It is Blue only with evidence of impact against its success
    measure, so closing asks for that evidence; a progress update records the closure."""
    from .services import progress_update_create

    evidence = (evidence_of_impact or "").strip()
    if not evidence:
        measure = f" ({action.success_measure})" if action.success_measure else ""
        raise ValidationError(
            {
                "evidence_of_impact": "Enter the evidence of impact against the success measure"
                f"{measure}: an action is Blue only when its impact is shown."
            }
        )
    if action.status == rules.Status.COMPLETE and action.evidence_of_impact == evidence:
        raise ValidationError(f"Action {action.reference} is already closed.")
    progress_update_create(
        action=action,
        author=by,
        narrative=narrative.strip() or "Action closed as complete.",
        status=rules.Status.COMPLETE,
        rag=rules.Rag.BLUE,
        evidence_of_impact=evidence,
        at=at,
    )
    action.refresh_from_db()
    _record(
        plan=action.plan,
        subject=f"Action {action.reference}",
        action=action,
        by=by,
        at=at,
        texts=[f"Action {action.reference} closed as complete, with evidence of impact"],
    )
    return action


@transaction.atomic
def plan_create(*, council, by, title: str, agreed_on: datetime.date, notice=None) -> ImprovementPlan:
    if ImprovementPlan.objects.active().filter(council=council).exists():
        raise ValidationError(f"{council} already has an active improvement plan.")
    if not title.strip():
        raise ValidationError({"title": "Enter the plan's title."})
    plan = ImprovementPlan.objects.create(council=council, title=title.strip(), agreed_on=agreed_on, notice=notice)
    _record(plan=plan, subject=plan.title, texts=[f"Plan “{plan.title}” started"], by=by)
    return plan


@transaction.atomic
def plan_settings_update(*, plan: ImprovementPlan, by, officers_may_edit: bool) -> list[str]:
    plan = ImprovementPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.officers_may_edit == officers_may_edit:
        return []
    plan.officers_may_edit = officers_may_edit
    plan.save(update_fields=["officers_may_edit"])
    said = [
        "Officers may now change the plan's structure"
        if officers_may_edit
        else "Only the council's administrators may now change the plan's structure"
    ]
    _record(plan=plan, subject=plan.title, texts=said, by=by)
    return said


# Milestones and indicators (how the plan measures progress) live in their own module; their
# services are these too.
from .structure_measures import (  # noqa: E402,F401
    INDICATOR_LABELS,
    MILESTONE_LABELS,
    indicator_create,
    indicator_retire,
    indicator_update,
    milestone_achieve,
    milestone_create,
    milestone_update,
    trajectory_set,
)
