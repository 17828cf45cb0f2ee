"""Who may see and change what. Every view asks here; nothing else decides.

- An **officer** sees and updates their own council's plan, and sees that council.
- A **board chair** sees everything about their board's council, agrees or rejects revised
  due dates, records meetings and generates reports for their board.
- A **DfE observer** sees the councils they are assigned (or all) and changes nothing.
- An **administrator** sees and may change everything.

Views answer 404 for what a user may not see, and 403 for what they may see but not change.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from inspections.models import Council

from .models import ImprovementBoard, User

Role = User.Role


def is_administrator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role == Role.ADMINISTRATOR)


def visible_councils(user) -> QuerySet[Council]:
    """The councils whose data ``user`` may read."""
    if not user.is_authenticated:
        return Council.objects.none()
    if is_administrator(user):
        return Council.objects.all()
    if user.role == Role.OBSERVER:
        return Council.objects.all() if user.observes_all_councils else user.observed_councils.all()
    if user.role == Role.CHAIR:
        return Council.objects.filter(boards__chair=user).distinct()
    if user.role == Role.OFFICER:
        return Council.objects.filter(pk=user.council_id)
    return Council.objects.none()


def can_view_council(user, council: Council) -> bool:
    return visible_councils(user).filter(pk=council.pk).exists()


def can_update_plan(user, council: Council) -> bool:
    """Log progress, propose revised dates, enter indicator values."""
    if is_administrator(user):
        return True
    return user.is_authenticated and user.role == Role.OFFICER and user.council_id == council.pk


def can_chair(user, board: ImprovementBoard) -> bool:
    """Agree or reject revised dates, record meetings, generate reports."""
    if is_administrator(user):
        return True
    return user.is_authenticated and user.role == Role.CHAIR and board.chair_id == user.pk


def require_view_council(user, council: Council) -> None:
    if not can_view_council(user, council):
        raise Http404("No such council.")


def require_update_plan(user, council: Council) -> None:
    require_view_council(user, council)
    if not can_update_plan(user, council):
        raise PermissionDenied("You can read this council's plan but not change it.")


def require_chair(user, board: ImprovementBoard) -> None:
    require_view_council(user, board.council)
    if not can_chair(user, board):
        raise PermissionDenied("Only the board's chair can do this.")
