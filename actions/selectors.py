"""Reads of plans and actions, shaped for pages and reports."""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import QuerySet

from inspections.models import Council

from . import rules
from .models import Action, ImprovementPlan


def active_plan(council: Council) -> ImprovementPlan | None:
    return ImprovementPlan.objects.filter(council=council, is_active=True).first()


def plan_actions(plan: ImprovementPlan, *, on: datetime.date) -> QuerySet[Action]:
    """Every action of a plan with its deadline, overdue flag and RAG on ``on``, in one query."""
    return rules.annotate_rag(
        Action.objects.filter(plan=plan).select_related("owner", "lead_organisation"), on=on
    ).order_by("order")


def rag_counts(actions) -> dict[str, int]:
    """How many of the annotated actions are at each rating, worst first, zeros included."""
    counts = Counter(action.rag for action in actions)
    return {rag.value: counts.get(rag.value, 0) for rag in rules.RAG_ORDER}
