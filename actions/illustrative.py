"""Illustrative live work for the demo, dated relative to the day it is loaded, so that every
persona has something to do today: overdue actions and one due soon for the demo officer, a
proposal waiting for the chair, an indicator with values up to last month. Everything is marked
illustrative (``Action.is_illustrative``, an objective and indicator named so) and sits beside,
never inside, the published 2012-14 record. Written through the services, once (a second load
adds nothing)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from . import services, structure
from .models import ImprovementPlan, Objective

OBJECTIVE = "X"
INDICATOR = "Illustrative: contacts decided within one working day"
D = datetime.timedelta


def _first_of_month(day: datetime.date, back: int = 0) -> datetime.date:
    month = day.replace(day=1)
    for _ in range(back):
        month = (month - D(days=1)).replace(day=1)
    return month


@transaction.atomic
def live_work_create(*, plan: ImprovementPlan, officer, by, on: datetime.date | None = None) -> bool:
    """Add the illustrative live work to ``plan`` unless it is there. True when added."""
    on = on or timezone.localdate()
    if Objective.objects.filter(plan=plan, reference=OBJECTIVE).exists():
        return False
    now = timezone.now()
    objective = structure.objective_create(
        plan=plan,
        by=by,
        reference=OBJECTIVE,
        title="Illustrative: live work dated from today",
        outcome="Illustrative only, not part of the published plan: shows what each person sees on a working day.",
    )
    rows = [
        ("X.1", "Illustrative: audit contacts that waited over a day", -90, -12, "in_progress", "amber", 40),
        ("X.2", "Illustrative: recruit two permanent team managers", -120, -3, "in_progress", "amber", 20),
        ("X.3", "Illustrative: refresh the multi-agency threshold guide", -60, 6, "in_progress", "green", 10),
        ("X.4", "Illustrative: train staff on the new assessment form", -45, 30, "not_started", "", None),
        ("X.5", "Illustrative: review every child in need plan over a year old", -70, 45, "in_progress", "green", 35),
    ]
    made = {}
    for reference, title, start, due, status, rag, updated in rows:
        action = structure.action_create(
            plan=plan,
            by=by,
            reference=reference,
            title=title,
            objective=objective,
            owner=officer,
            start_date=on + D(days=start),
            due_date=on + D(days=due),
            is_illustrative=True,
            success_measure="Illustrative: the monthly audit shows the change for children.",
            at=now - D(days=-start),
        )
        if updated is not None:
            services.progress_update_create(
                action=action,
                author=officer,
                narrative="Illustrative update: work is under way.",
                status=status,
                rag=rag,
                remedial_action="Illustrative: extra staff moved onto it." if rag == "amber" else "",
                at=now - D(days=updated),
            )
        made[reference] = action
    services.revised_date_propose(
        action=made["X.2"],
        proposed_by=officer,
        proposed_date=on + D(days=42),
        reason="Illustrative: the first round of interviews found no one to appoint.",
        at=now - D(days=2),
    )
    structure.milestone_create(
        plan=plan, by=by, title="Illustrative: front door audit reported to the board", due_date=on + D(days=21)
    )
    indicator = structure.indicator_create(
        plan=plan,
        by=by,
        name=INDICATOR,
        definition="Illustrative: contacts with a decision within one working "
        "day of arriving, as a percentage of all contacts in the month.",
        unit="percent",
        polarity="higher",
        target=Decimal("90"),
        target_date=on + D(days=180),
        baseline=Decimal("62"),
    )
    months = [_first_of_month(on, back) for back in range(12, 0, -1)]  # the 12 months up to last month
    for number, month in enumerate(months):
        services.indicator_value_set(
            indicator=indicator,
            month=month,
            value=Decimal(62 + number * 2),
            source="Illustrative figures",
            entered_by=officer,
            at=timezone.make_aware(datetime.datetime.combine(month + D(days=35), datetime.time(9))),
        )
    trajectory = {_first_of_month(on + D(days=31 * n)): Decimal(84 + n) for n in range(1, 6)}
    structure.trajectory_set(indicator=indicator, by=by, points=trajectory)
    return True
