"""Who may see and change what: the one place that decides. Views ask here, and lower apps ask
the user object (``request.user.can_update_action(action)``), whose methods ask here.

Access that comes through a board (its chair's, its members') needs the board to be active: a
chair whose board was deactivated, or replaced by another, keeps nothing of it.

- A **service administrator** sees and may change everything, in every council, and is the only
  one who reaches the Django admin.
- A **council administrator** sees their own council, updates its plan, and manages its people
  (invites, changes roles, deactivates) and its set-up (notice, board, plan).
- An **officer** sees and updates their own council's plan.
- A **partner officer** (an NHS trust's or the police's staff) reads their council's plan and
  updates only the actions their organisation leads.
- A **board chair** sees their board's council, agrees or rejects revised due dates, records
  meetings and generates reports for their board.
- A **board member** reads their council's plan and downloads their board's reports; one who owns
  one of the board's own actions records its progress.
- A board's **secretary** (a board role, not an account's) keeps its papers with the chair: the
  pack, the action log, the risk register, the terms of reference, the agenda and the minutes.
- A **DfE observer** sees the councils they are assigned (or all) and changes nothing.

Views answer 404 for what a user may not see, and 403 for what they may see but not change.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from inspections.models import Council

from ..boards.models import ImprovementBoard
from .models import COUNCIL_ROLES, User

Role = User.Role


def _signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_service_administrator(user) -> bool:
    return _signed_in(user) and (user.is_superuser or user.role == Role.SERVICE_ADMINISTRATOR)


is_administrator = is_service_administrator  # the name the plan and import pages use


def needs_two_step(user) -> bool:
    """Administrators (of the service or a council), board chairs and staff sign in with a code
    as well as their password."""
    return bool(
        user.is_staff
        or user.is_superuser
        or getattr(user, "role", None) in {Role.SERVICE_ADMINISTRATOR, Role.COUNCIL_ADMINISTRATOR, Role.CHAIR}
    )


def visible_councils(user) -> QuerySet[Council]:
    """The councils whose data ``user`` may read."""
    if not _signed_in(user):
        return Council.objects.none()
    if is_service_administrator(user):
        return Council.objects.all()
    if user.role == Role.OBSERVER:
        return Council.objects.all() if user.observes_all_councils else user.observed_councils.all()
    if user.role == Role.CHAIR:
        return chaired_councils(user)
    if user.role in COUNCIL_ROLES:
        return Council.objects.filter(pk=user.council_id)
    return Council.objects.none()


def can_view_council(user, council: Council) -> bool:
    return visible_councils(user).filter(pk=council.pk).exists()


def can_view_board(user, board: ImprovementBoard) -> bool:
    """See a board and download its reports: whoever may see its council (its chair, the
    council's officers and members, observers of the council, administrators), and the current
    members of an active board who have an account (access through a board needs the board active)."""
    if can_view_council(user, board.council):
        return True
    return _signed_in(user) and board.is_active and board.members.filter(user=user, left__isnull=True).exists()


def can_update_plan(user, council: Council) -> bool:
    """Log progress on any of the council's actions, propose revised dates, enter indicator values."""
    if is_service_administrator(user):
        return True
    return (
        _signed_in(user) and user.role in {Role.OFFICER, Role.COUNCIL_ADMINISTRATOR} and user.council_id == council.pk
    )


def can_update_action(user, action) -> bool:
    """Log progress on this action and propose its revised dates: whoever may update the plan,
    and a partner officer of the council for an action their organisation leads."""
    council = action.plan.council
    if can_update_plan(user, council):
        return True
    return (
        _signed_in(user)
        and user.role == Role.PARTNER_OFFICER
        and user.council_id == council.pk
        and user.organisation_id is not None
        and action.lead_organisation_id == user.organisation_id
    )


# --- Administering councils and people --------------------------------------------------------


def administered_councils(user) -> QuerySet[Council]:
    if is_service_administrator(user):
        return Council.objects.all()
    if _signed_in(user) and user.role == Role.COUNCIL_ADMINISTRATOR:
        return Council.objects.filter(pk=user.council_id)
    return Council.objects.none()


def can_administer_council(user, council: Council) -> bool:
    """Manage the council's people and set up its notice, board and plan."""
    return administered_councils(user).filter(pk=council.pk).exists()


def can_record_journey(user, council: Council) -> bool:
    """Record what happens between inspections for a council: Ofsted's visits and their letters,
    the post-inspection action plan's submission, and DfE's intervention (reviews, notices revised,
    replaced or lifted, statutory directions, reports to ministers). Its council administrators and
    service administrators; everyone else who may see the council reads it."""
    return can_administer_council(user, council)


def can_manage_users(user) -> bool:
    return is_service_administrator(user) or (_signed_in(user) and user.role == Role.COUNCIL_ADMINISTRATOR)


def managed_users(user) -> QuerySet[User]:
    """The people ``user`` may invite again, change the role of and deactivate."""
    if is_service_administrator(user):
        return User.objects.all()
    if can_manage_users(user):
        return User.objects.filter(council_id=user.council_id, is_superuser=False).exclude(
            role__in=[Role.SERVICE_ADMINISTRATOR, Role.OBSERVER]
        )
    return User.objects.none()


def can_manage_user(actor, target: User) -> bool:
    return managed_users(actor).filter(pk=target.pk).exists()


def assignable_roles(actor) -> list[str]:
    """The roles ``actor`` may give: every role for a service administrator; a council
    administrator the roles of their own council's people."""
    if is_service_administrator(actor):
        return list(Role.values)
    if can_manage_users(actor):
        return [Role.COUNCIL_ADMINISTRATOR, Role.OFFICER, Role.PARTNER_OFFICER, Role.CHAIR, Role.BOARD_MEMBER]
    return []


def account_status(user: User) -> str:
    """active, invited (not accepted yet), expired (the invitation ran out) or deactivated."""
    if user.deactivated_at:
        return "deactivated"
    if user.is_active:
        return "active"
    from django.utils import timezone

    invitation = user.invitations.order_by("-created_at").first()
    if invitation is not None and invitation.accepted_at is None and invitation.expires_at > timezone.now():
        return "invited"
    return "expired" if invitation is not None else "deactivated"


def can_chair(user, board: ImprovementBoard) -> bool:
    """Agree or reject revised dates, record meetings, generate reports."""
    if is_service_administrator(user):
        return True
    return _signed_in(user) and user.role == Role.CHAIR and board.is_active and board.chair_id == user.pk


def can_prepare_pack(user, board: ImprovementBoard) -> bool:
    """Prepare the board's pack for a meeting, mark it reviewed, send it: the chair, the board's
    secretary (a current member with the secretary role and an account), an administrator.
    Signing it off is the chair's alone (:func:`can_chair`)."""
    if can_chair(user, board):
        return True
    from ..boards.models import BoardMember

    return (
        user.is_authenticated
        and board.members.filter(user=user, role=BoardMember.Role.SECRETARY, left__isnull=True).exists()
    )


def is_board_secretary(user, board: ImprovementBoard) -> bool:
    """A current member of the active board with the secretary's role and an account."""
    from ..boards.models import BoardMember

    return (
        _signed_in(user)
        and board.is_active
        and board.members.filter(user=user, role=BoardMember.Role.SECRETARY, left__isnull=True).exists()
    )


def can_manage_governance(user, board: ImprovementBoard) -> bool:
    """Keep the board's own papers: its action log, risk register, terms of reference, agenda and
    papers, and minutes. The chair, the board's secretary and an administrator; everyone who may
    see the board reads them."""
    return can_chair(user, board) or is_board_secretary(user, board)


def can_update_board_action(user, action) -> bool:
    """Record progress on one of the board's actions: whoever keeps the board's papers, and the
    board member who owns it (a current member of the active board, signed in as themselves)."""
    board = action.board
    if can_manage_governance(user, board):
        return True
    member = action.owner_member
    return (
        _signed_in(user)
        and board.is_active
        and member is not None
        and member.user_id == user.pk
        and member.left is None
        and can_view_board(user, board)
    )


def chaired_councils(user) -> QuerySet[Council]:
    """The councils whose revised due dates ``user`` may agree or reject: those of the active
    boards they chair (an administrator: every council)."""
    if not _signed_in(user):
        return Council.objects.none()
    if is_service_administrator(user):
        return Council.objects.all()
    if user.role != Role.CHAIR:
        return Council.objects.none()
    return Council.objects.filter(boards__chair=user, boards__is_active=True).distinct()


def can_decide_revisions(user, council: Council) -> bool:
    """Agree or reject the revised due dates proposed for a council's actions."""
    return chaired_councils(user).filter(pk=council.pk).exists()


def plan_council(user, ons_code: str | None) -> Council | None:
    """The council whose plan ``user`` asked for: a council's own people always get their own (and
    a 404 for any other); others name one of the councils they may see, or get None to choose."""
    councils = visible_councils(user)
    if _signed_in(user) and user.role in COUNCIL_ROLES and not is_service_administrator(user):
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


def require_update_action(user, action) -> None:
    require_view_council(user, action.plan.council)
    if not can_update_action(user, action):
        raise PermissionDenied(
            "You can read this action but not change it: it is led by another organisation."
            if getattr(user, "role", None) == Role.PARTNER_OFFICER
            else "You can read this council's plan but not change it."
        )


def require_record_journey(user, council: Council) -> None:
    require_view_council(user, council)
    if not can_record_journey(user, council):
        raise PermissionDenied("Only the council's administrators record Ofsted's visits and DfE's intervention.")


def require_decide_revisions(user, council: Council) -> None:
    require_view_council(user, council)
    if not can_decide_revisions(user, council):
        raise PermissionDenied("Only the chair of the council's improvement board can agree or reject revised dates.")
