from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from improvement_board import permissions

from . import selectors
from .models import Action


@require_safe
@login_required
def action(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(
        Action.objects.select_related("plan__council", "owner", "lead_organisation"), pk=pk
    )
    permissions.require_view_council(request.user, action.plan.council)
    return render(
        request,
        "actions/action.html",
        {
            "action": action,
            "rag": action.rag_on(timezone.localdate()),
            "overdue": action.is_overdue(on=timezone.localdate()),
            "recommendations": action.recommendations.select_related("inspection__framework", "section"),
            "measures": action.measures.select_related("theme"),
            "updates": action.updates.select_related("author").prefetch_related("evidence"),
            "revisions": action.revisions.select_related("proposed_by", "decided_by"),
        },
    )


@require_safe
@login_required
def plan(request: HttpRequest) -> HttpResponse:
    """The officer's council's improvement plan (an administrator's: pick a council)."""
    council = request.user.council
    if council is None:
        raise Http404("You are not an officer of a council.")
    permissions.require_view_council(request.user, council)
    today = timezone.localdate()
    plan = selectors.active_plan(council)
    actions = list(selectors.plan_actions(plan, on=today)) if plan else []
    return render(
        request,
        "actions/plan.html",
        {"council": council, "plan": plan, "actions": actions, "rag_counts": selectors.rag_counts(actions),
         "today": today},
    )
