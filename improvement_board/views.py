from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from actions.models import DueDateRevision

from . import permissions
from .models import ImprovementBoard, User


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to where their work starts: an officer to their council's plan, a chair
    to their board, everyone else to the councils they may see."""
    user = request.user
    if user.role == User.Role.OFFICER and user.council_id:
        return redirect("actions:plan")
    if user.role == User.Role.CHAIR:
        board = ImprovementBoard.objects.filter(chair=user, is_active=True).first()
        if board:
            return redirect(board)
    return redirect("inspections:councils")


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
