from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from improvement_board import permissions

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
