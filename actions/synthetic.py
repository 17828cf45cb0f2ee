"""Synthetic improvement plans, for measuring speed at the size of England.

Each council with no active plan gets one, marked ``is_synthetic`` (the dashboards say so):
actions with monthly progress updates over the months before ``on``, a few performance indicators
with monthly values, and milestones. Everything is inserted with ``bulk_create`` in chunks of
councils (progress updates are history, so they are only ever inserted), and the same seed gives
the same plans. Bulk inserts skip the change history that ordinary edits record: there is none
to record for data nobody wrote.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from inspections.models import Council, Organisation
from inspections.months import add_months

from .models import Action, ImprovementPlan, IndicatorValue, Milestone, PerformanceIndicator, ProgressUpdate
from .rules import Rag, Status

SYNTHETIC_USERNAME = "synthetic.plans"
CHUNK = 8  # councils per transaction: about 23,000 progress updates at 120 actions and 24 months

THEMES = (
    "Front door and early help",
    "Assessment and planning",
    "Child protection",
    "Children in care",
    "Care leavers",
    "Workforce",
    "Quality assurance",
    "Leadership and governance",
    "Partnership working",
    "Voice of the child",
)
VERBS = ("Embed", "Review", "Audit", "Improve", "Strengthen", "Introduce", "Train staff in", "Monitor")
INDICATORS = (
    (
        "Initial assessments completed within timescale",
        PerformanceIndicator.Unit.PERCENT,
        PerformanceIndicator.Polarity.HIGHER,
        Decimal("85"),
        60,
        95,
    ),
    (
        "Child protection plans reviewed within timescale",
        PerformanceIndicator.Unit.PERCENT,
        PerformanceIndicator.Polarity.HIGHER,
        Decimal("100"),
        80,
        100,
    ),
    (
        "Re-referral rate within 12 months",
        PerformanceIndicator.Unit.PERCENT,
        PerformanceIndicator.Polarity.LOWER,
        Decimal("18"),
        12,
        30,
    ),
    (
        "Statutory visits to looked after children within timescale",
        PerformanceIndicator.Unit.PERCENT,
        PerformanceIndicator.Polarity.HIGHER,
        Decimal("95"),
        70,
        100,
    ),
    (
        "Social worker vacancy rate",
        PerformanceIndicator.Unit.PERCENT,
        PerformanceIndicator.Polarity.LOWER,
        Decimal("12"),
        5,
        30,
    ),
    (
        "Care leavers in education, employment or training",
        PerformanceIndicator.Unit.PERCENT,
        PerformanceIndicator.Polarity.HIGHER,
        Decimal("65"),
        45,
        80,
    ),
)


@dataclass
class GenerateResult:
    plans: int = 0
    actions: int = 0
    updates: int = 0
    indicator_values: int = 0
    milestones: int = 0
    skipped: int = 0


def _author():
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYNTHETIC_USERNAME,
        defaults={"role": User.Role.OBSERVER, "is_active": False, "first_name": "Synthetic", "last_name": "plans"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def plans_generate(
    *,
    councils: QuerySet[Council],
    actions: int = 120,
    months: int = 24,
    on: datetime.date | None = None,
    seed: int = 2012,
    progress=None,
) -> GenerateResult:
    """Give every council in ``councils`` that has no active plan a synthetic one."""
    on = on or timezone.localdate()
    author = _author()
    result = GenerateResult()
    todo = list(councils.exclude(plans__is_active=True).order_by("pk"))
    result.skipped = councils.count() - len(todo)
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start : start + CHUNK]
        with transaction.atomic():
            _generate_chunk(chunk, actions=actions, months=months, on=on, seed=seed, author=author, result=result)
        if progress:
            progress(start + len(chunk), len(todo))
    return result


def _organisations(chunk: list[Council]) -> dict[int, Organisation]:
    names = {c.name: c for c in chunk}
    existing = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    missing = [
        Organisation(name=n, kind=Organisation.Kind.COUNCIL, council=c) for n, c in names.items() if n not in existing
    ]
    Organisation.objects.bulk_create(missing, ignore_conflicts=True)
    existing = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    return {c.pk: existing[c.name] for c in chunk}


def _generate_chunk(chunk, *, actions, months, on, seed, author, result: GenerateResult) -> None:
    organisations = _organisations(chunk)
    agreed = add_months(on, -months)
    plans = ImprovementPlan.objects.bulk_create(
        [
            ImprovementPlan(
                council=c, title=f"{c.short_name} improvement plan (synthetic)", agreed_on=agreed, is_synthetic=True
            )
            for c in chunk
        ]
    )
    result.plans += len(plans)
    action_rows: list[Action] = []
    histories: list[list[tuple[datetime.date, str, str]]] = []
    for plan in plans:
        rng = random.Random(f"{seed}:{plan.council_id}")
        for n in range(actions):
            theme = n % len(THEMES)
            start = add_months(agreed, rng.randrange(0, max(months // 2, 1)))
            due = add_months(start, rng.randrange(2, max(months, 3)))
            history, status, rag = _simulate(rng, start=start, due=due, on=on)
            evidenced = status == Status.COMPLETE and rng.random() < 0.8
            action_rows.append(
                Action(
                    plan=plan,
                    reference=f"{theme + 1}.{n // len(THEMES) + 1}",
                    order=n + 1,
                    title=f"{rng.choice(VERBS)} {THEMES[theme].lower()} practice ({n + 1})",
                    description="Synthetic action generated to measure speed.",
                    lead_organisation=organisations[plan.council_id],
                    start_date=start,
                    due_date=due,
                    status=status,
                    reported_rag=rag,
                    evidence_of_impact="Audit shows the change is embedded." if evidenced else "",
                    last_updated_at=_aware(history[-1][0]) if history else None,
                )
            )
            histories.append(history)
    created = Action.objects.bulk_create(action_rows, batch_size=2000)
    result.actions += len(created)
    updates = [
        ProgressUpdate(
            action_id=action.pk,
            author_id=author.pk,
            created_at=_aware(day),
            status=status,
            rag=rag,
            narrative=f"Monthly update: {Status(status).label.lower()}, {Rag(rag).label.lower()}.",
        )
        for action, history in zip(created, histories)
        for day, status, rag in history
    ]
    ProgressUpdate.objects.bulk_create(updates, batch_size=5000)
    result.updates += len(updates)
    _indicators_and_milestones(plans, months=months, on=on, seed=seed, author=author, result=result)


def _simulate(rng: random.Random, *, start, due, on) -> tuple[list[tuple[datetime.date, str, str]], str, str]:
    """Monthly updates from the action's start to ``on`` (or to completion): status and RAG each month."""
    history = []
    status, rag = Status.NOT_STARTED, Rag.GREEN
    finish = add_months(start, rng.randrange(1, 30))  # when it would be completed, if at all
    day = add_months(start, 1)
    while day <= on:
        if day >= finish and rng.random() < 0.85:
            status, rag = Status.COMPLETE, Rag.BLUE
        else:
            status = Status.IN_PROGRESS
            if day > due:
                rag = Rag.RED
            else:
                rag = rng.choices((Rag.GREEN, Rag.AMBER, Rag.RED), weights=(70, 22, 8))[0]
        history.append((day, status.value, rag.value))
        if status == Status.COMPLETE:
            break
        day = add_months(day, 1)
    return history, status.value, rag.value if history else ""


def _indicators_and_milestones(plans, *, months, on, seed, author, result: GenerateResult) -> None:
    indicators = []
    for plan in plans:
        for order, (name, unit, polarity, target, low, high) in enumerate(INDICATORS):
            indicators.append(
                PerformanceIndicator(
                    plan=plan,
                    name=name,
                    definition=f"{name} (synthetic).",
                    unit=unit,
                    polarity=polarity,
                    target=target,
                    target_date=add_months(plan.agreed_on, months),
                    order=order,
                    source="Synthetic data",
                )
            )
    indicators = PerformanceIndicator.objects.bulk_create(indicators)
    values = []
    first_month = add_months(on, -months).replace(day=1)
    for indicator in indicators:
        rng = random.Random(f"{seed}:{indicator.plan.council_id}:{indicator.order}")
        spec = INDICATORS[indicator.order]
        value = rng.uniform(spec[4], spec[5])
        for m in range(months):
            month = add_months(first_month, m)
            value = min(max(value + rng.uniform(-3, 3.5) * (1 if spec[2] == "higher" else -1), spec[4]), spec[5])
            values.append(
                IndicatorValue(
                    indicator=indicator,
                    month=month,
                    value=Decimal(f"{value:.1f}"),
                    source="Synthetic data",
                    entered_by=author,
                    entered_at=_aware(month),
                )
            )
    IndicatorValue.objects.bulk_create(values, batch_size=5000)
    result.indicator_values += len(values)
    milestones = []
    for plan in plans:
        rng = random.Random(f"{seed}:{plan.council_id}:milestones")
        for n in range(6):
            due = add_months(plan.agreed_on, 4 * (n + 1))
            achieved = (
                due - datetime.timedelta(days=rng.randrange(-20, 30)) if due < on and rng.random() < 0.7 else None
            )
            milestones.append(
                Milestone(
                    plan=plan,
                    title=f"Milestone {n + 1}: {THEMES[n].lower()} audited",
                    due_date=due,
                    achieved_on=achieved if achieved and achieved <= on else None,
                )
            )
    Milestone.objects.bulk_create(milestones)
    result.milestones += len(milestones)
