"""generate_plans: a synthetic plan with monthly progress updates for every council with none."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action, ImprovementPlan, IndicatorValue, Milestone, ProgressUpdate
from actions.rules import Status


def test_it_gives_each_council_without_a_plan_a_synthetic_one(sutton, southwark, sutton_plan, make_action):
    make_action(sutton_plan)
    out = StringIO()
    call_command("generate_plans", "--councils", "all", "--actions", "10", "--months", "6", stdout=out)
    assert "synthetic plans: 1 (1 councils already had a plan)" in out.getvalue()
    plan = ImprovementPlan.objects.get(council=southwark)
    assert plan.is_synthetic and plan.is_active and "synthetic" in plan.title
    assert not ImprovementPlan.objects.get(pk=sutton_plan.pk).is_synthetic
    assert Action.objects.filter(plan=plan).count() == 10
    updates = ProgressUpdate.objects.filter(action__plan=plan)
    assert updates.exists()
    # each update is a month after the last, and the action matches its last update
    for action in Action.objects.filter(plan=plan).prefetch_related("updates"):
        history = sorted(action.updates.all(), key=lambda u: u.created_at)
        if history:
            assert action.status == history[-1].status and action.reported_rag == history[-1].rag
            assert action.last_updated_at == history[-1].created_at
            assert all(u.status != Status.COMPLETE for u in history[:-1])
    assert IndicatorValue.objects.filter(indicator__plan=plan).count() == 6 * 6
    assert Milestone.objects.filter(plan=plan).count() == 6


def test_a_second_run_changes_nothing(southwark):
    call_command("generate_plans", "--councils", "E09000028", "--actions", "3", "--months", "2", stdout=StringIO())
    before = (Action.objects.count(), ProgressUpdate.objects.count())
    call_command("generate_plans", "--councils", "E09000028", "--actions", "3", "--months", "2", stdout=StringIO())
    assert (Action.objects.count(), ProgressUpdate.objects.count()) == before


def test_it_refuses_an_unknown_council(db):
    with pytest.raises(CommandError, match="E09999999"):
        call_command("generate_plans", "--councils", "E09999999", stdout=StringIO())
