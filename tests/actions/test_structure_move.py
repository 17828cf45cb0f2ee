"""One service moves any item of a plan's structure up or down its list, and says so in the
plan's history."""

import datetime

import pytest

from actions import structure
from actions.models import Milestone, Objective, PerformanceIndicator, PlanChange

pytestmark = pytest.mark.django_db


def _items(kind, plan, make_action):
    if kind == "objective":
        return [Objective.objects.create(plan=plan, reference=str(n), title=f"Objective {n}", order=n) for n in (1, 2)]
    if kind == "action":
        return [make_action(plan, title=f"Action {n}") for n in (1, 2)]
    if kind == "milestone":
        return [
            Milestone.objects.create(plan=plan, title=f"Milestone {n}", due_date=datetime.date(2013, n, 1), order=n)
            for n in (1, 2)
        ]
    return [
        PerformanceIndicator.objects.create(
            plan=plan,
            name=f"Indicator {n}",
            definition="A measure.",
            unit="count",
            polarity="lower",
            target=10,
            target_date=datetime.date(2014, 1, 31),
            order=n,
        )
        for n in (1, 2)
    ]


@pytest.mark.parametrize("kind", ["objective", "action", "milestone", "indicator"])
def test_an_item_moves_up_its_list_and_the_history_says_so(kind, sutton_plan, make_action, sutton_council_admin):
    first, second = _items(kind, sutton_plan, make_action)
    assert structure.structure_item_move(item=second, by=sutton_council_admin, direction="up")
    first.refresh_from_db(), second.refresh_from_db()
    assert second.order < first.order
    assert PlanChange.objects.filter(plan=sutton_plan, text__endswith="moved up").count() == 1
    assert not structure.structure_item_move(item=second, by=sutton_council_admin, direction="up")  # at the top
