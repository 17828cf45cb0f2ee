from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from actions import selectors as action_selectors
from actions.models import DueDateRevision

from . import permissions
from .models import ImprovementBoard, User


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's starting point."""
    user = request.user
    today = timezone.localdate()
    context = {"today": today, "councils": permissions.visible_councils(user).order_by("short_name")}
    if user.role == User.Role.OFFICER and user.council_id:
        plan = action_selectors.active_plan(user.council)
        actions = list(action_selectors.plan_actions(plan, on=today)) if plan else []
        context.update(plan=plan, actions=actions, rag_counts=action_selectors.rag_counts(actions))
    if user.role == User.Role.CHAIR or permissions.is_administrator(user):
        context["boards"] = ImprovementBoard.objects.filter(
            council__in=context["councils"], is_active=True
        ).select_related("council")
    return render(request, "improvement_board/home.html", context)


@require_safe
@login_required
def board(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_object_or_404(ImprovementBoard.objects.select_related("council", "chair", "notice"), slug=slug)
    permissions.require_view_council(request.user, board.council)
    pending = (
        DueDateRevision.objects.filter(action__plan__council=board.council, status=DueDateRevision.Status.PENDING)
        .select_related("action", "proposed_by")
    )
    return render(
        request,
        "improvement_board/board.html",
        {
            "board": board,
            "members": board.members.select_related("organisation").filter(left__isnull=True),
            "meetings": board.meetings.order_by("-date")[:6],
            "pending": pending,
            "is_chair": permissions.can_chair(request.user, board),
        },
    )
