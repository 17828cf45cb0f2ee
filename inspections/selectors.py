"""Reads of councils and their inspection history."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import Council, Inspection, Judgement


def inspection_history(council: Council) -> QuerySet[Inspection]:
    """A council's inspections, newest first, with judgements and framework in three queries."""
    return (
        Inspection.objects.filter(council=council)
        .select_related("framework")
        .prefetch_related(Prefetch("judgements", queryset=Judgement.objects.select_related("section", "grade")))
        .order_by("-published")
    )


def overall_judgements(inspections) -> dict[int, list[Judgement]]:
    """For each inspection, its overall-effectiveness judgements (one per section)."""
    return {i.pk: [j for j in i.judgements.all() if j.is_overall] for i in inspections}
