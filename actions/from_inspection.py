"""From an inspection to the plan: draft actions made from the recommendations chosen, each
traced back to its recommendation. The inspection's page links here; this app owns the writing
(inspections knows nothing of plans)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inspections.models import Recommendation

from . import structure
from .models import Action, ImprovementPlan


def _title(recommendation: Recommendation) -> str:
    text = " ".join(recommendation.text.split())
    return text if len(text) <= 300 else text[:297].rstrip() + "…"


def recommendations_in_plan(plan: ImprovementPlan | None, recommendations) -> dict[int, list[Action]]:
    """Which of ``recommendations`` an action of the plan already answers (id -> actions)."""
    found: dict[int, list[Action]] = {}
    if plan is None:
        return found
    through = Action.recommendations.through.objects.filter(
        action__plan=plan, recommendation__in=recommendations
    ).select_related("action")
    for link in through:
        found.setdefault(link.recommendation_id, []).append(link.action)
    return found


@transaction.atomic
def drafts_from_recommendations(
    *, plan: ImprovementPlan, recommendations, by, on: datetime.date | None = None
) -> list[Action]:
    """One draft action per recommendation not yet answered by the plan: titled with the
    recommendation's text, due on its due date (or in three months), linked to it."""
    on = on or timezone.localdate()
    chosen = list(recommendations)
    if not chosen:
        raise ValidationError({"recommendations": "Select at least one recommendation to add to the plan."})
    if any(r.inspection.council_id != plan.council_id for r in chosen):
        raise ValidationError({"recommendations": "Choose recommendations from this council's inspections."})
    answered = recommendations_in_plan(plan, chosen)
    made = []
    for recommendation in chosen:
        if recommendation.pk in answered:
            continue
        inspection = recommendation.inspection
        due = (
            recommendation.due_date
            if recommendation.due_date and recommendation.due_date >= on
            else (on + datetime.timedelta(days=91))
        )
        reference = f"R{inspection.published:%Y}.{recommendation.number}"
        while plan.actions.filter(reference__iexact=reference).exists():
            reference += "a"
        made.append(
            structure.action_create(
                plan=plan,
                by=by,
                reference=reference,
                title=_title(recommendation),
                start_date=min(on, due),
                due_date=due,
                description=f"From the {inspection.framework.code} inspection published "
                f"{inspection.published:%-d %B %Y}, recommendation {recommendation.number}.",
                recommendations=[recommendation],
                is_draft=True,
                note=f"Draft action {reference} added from recommendation {recommendation.number} of the "
                f"{inspection.framework.code} inspection of {inspection.published:%B %Y}",
            )
        )
    return made
