"""Who may see and change what. Every view asks here; nothing else decides.

Access that comes through a board (its chair's, its members') needs the board to be active: a
chair whose board was deactivated, or replaced by another, keeps nothing of it.

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

from ..boards.models import ImprovementBoard
from .models import User

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
        return chaired_councils(user)
    if user.role == Role.OFFICER:
        return Council.objects.filter(pk=user.council_id)
    return Council.objects.none()


def can_view_council(user, council: Council) -> bool:
    return visible_councils(user).filter(pk=council.pk).exists()


def can_view_board(user, board: ImprovementBoard) -> bool:
    """See a board and download its reports: whoever may see its council (its chair, the
    council's officers, observers of the council, administrators), and the current members of
    an active board who have an account (access through a board needs the board active)."""
    if can_view_council(user, board.council):
        return True
    return (user.is_authenticated and board.is_active
            and board.members.filter(user=user, left__isnull=True).exists())


def can_update_plan(user, council: Council) -> bool:
    """Log progress, propose revised dates, enter indicator values."""
    if is_administrator(user):
        return True
    return user.is_authenticated and user.role == Role.OFFICER and user.council_id == council.pk


def can_chair(user, board: ImprovementBoard) -> bool:
    """Agree or reject revised dates, record meetings, generate reports."""
    if is_administrator(user):
        return True
    return user.is_authenticated and user.role == Role.CHAIR and board.is_active and board.chair_id == user.pk


def can_prepare_pack(user, board: ImprovementBoard) -> bool:
    """Prepare the board's pack for a meeting, mark it reviewed, send it: the chair, the board's
    secretary (a current member with the secretary role and an account), an administrator.
    Signing it off is the chair's alone (:func:`can_chair`)."""
    if can_chair(user, board):
        return True
    from ..boards.models import BoardMember

    return user.is_authenticated and board.members.filter(
        user=user, role=BoardMember.Role.SECRETARY, left__isnull=True).exists()


def chaired_councils(user) -> QuerySet[Council]:
    """The councils whose revised due dates ``user`` may agree or reject: those of the active
    boards they chair (an administrator: every council)."""
    if not user.is_authenticated:
        return Council.objects.none()
    if is_administrator(user):
        return Council.objects.all()
    if user.role != Role.CHAIR:
        return Council.objects.none()
    return Council.objects.filter(boards__chair=user, boards__is_active=True).distinct()


def can_decide_revisions(user, council: Council) -> bool:
    """Agree or reject the revised due dates proposed for a council's actions."""
    return chaired_councils(user).filter(pk=council.pk).exists()


def plan_council(user, ons_code: str | None) -> Council | None:
    """The council whose plan ``user`` asked for: an officer always gets their own (and a 404
    for any other); others name one of the councils they may see, or get None to choose."""
    councils = visible_councils(user)
    if user.is_authenticated and user.role == Role.OFFICER and not is_administrator(user):
        if ons_code and ons_code != getattr(user.council, "ons_code", None):
            raise Http404("No such council.")
        return user.council
    if ons_code:
        council = councils.filter(ons_code=ons_code).first()
        if council is None:
            raise Http404("No such council.")
        return council
    only = list(councils[:2])
    return only[0] if len(only) == 1 else None


def require_view_council(user, council: Council) -> None:
    if not can_view_council(user, council):
        raise Http404("No such council.")


def require_update_plan(user, council: Council) -> None:
    require_view_council(user, council)
    if not can_update_plan(user, council):
        raise PermissionDenied("You can read this council's plan but not change it.")


def require_decide_revisions(user, council: Council) -> None:
    require_view_council(user, council)
    if not can_decide_revisions(user, council):
        raise PermissionDenied("Only the chair of the council's improvement board can agree or reject revised dates.")


def require_chair(user, board: ImprovementBoard) -> None:
    require_view_council(user, board.council)
    if not can_chair(user, board):
        raise PermissionDenied("Only the board's chair can do this.")
