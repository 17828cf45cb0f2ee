"""Who may change a plan's structure, and the questions the plan's pages ask about a user.

The questions about roles are answered by the user (``user.can_update_plan(council)`` and the
like, implemented by the accounts package); this module only adds the plan's own rule:

- **Structure** (add, edit, reorder, close and reassign objectives, actions, milestones and
  indicators; import a spreadsheet; add recommendations to the plan): the council's
  administrators, and its officers too where the council's setting allows it
  (``ImprovementPlan.officers_may_edit``). Never a chair, an observer or another council.
- **The setting itself**: the council's administrators only.

404 for what the user may not see, 403 for what they may see but not change.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404


def ask(user, question: str, *args):
    """Ask ``user`` a question such as ``can_update_plan``: a method of the user model, decided by
    the accounts package (``improvement_board.accounts.access``), which the plan does not import."""
    return getattr(user, question)(*args)


def can_view_council(user, council) -> bool:
    return bool(user.is_authenticated and ask(user, "can_view_council", council))


def can_update_plan(user, council) -> bool:
    return bool(user.is_authenticated and ask(user, "can_update_plan", council))


def can_administer_council(user, council) -> bool:
    """The council's administrators (and the service's): they shape the plan and its setting."""
    if not user.is_authenticated:
        return False
    method = getattr(user, "can_administer_council", None)
    if callable(method):
        return bool(method(council))
    return bool(ask(user, "is_administrator"))


def can_edit_structure(user, council, plan=None) -> bool:
    if plan is not None and not plan.is_active:
        return False  # an archived plan is kept to be read
    if can_administer_council(user, council):
        return True
    # The council's own officers only: not a partner officer, who updates only the actions their
    # organisation leads, nor a board member.
    return bool(
        plan is not None
        and plan.officers_may_edit
        and getattr(user, "role", None) == "officer"
        and getattr(user, "council_id", None) == council.pk
        and can_update_plan(user, council)
    )


def require_view(user, council) -> None:
    if not can_view_council(user, council):
        raise Http404("No such council.")


def require_edit_structure(user, council, plan=None) -> None:
    require_view(user, council)
    if not can_edit_structure(user, council, plan):
        raise PermissionDenied(
            "You can read this council's plan but not change how it is set out. "
            "Ask one of the council's administrators."
        )


def require_administer(user, council) -> None:
    require_view(user, council)
    if not can_administer_council(user, council):
        raise PermissionDenied("Only the council's administrators can change this setting.")


def plan_council(user, ons_code: str | None):
    return ask(user, "plan_council", ons_code)


def is_choosing(user) -> bool:
    """Whether the user picks a council (everyone but a council's own staff)."""
    return not (getattr(user, "council_id", None) and not ask(user, "is_administrator"))
