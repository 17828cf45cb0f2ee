"""What is waiting for each person: a chair's proposals to decide; an officer's own actions that
are overdue, due soon or not updated since the last board, their proposals awaiting the board,
and recent decisions on them; drafts from recommendations for those who shape the plan."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from . import access, selectors
from .models import Action, DueDateRevision, ImprovementPlan

RECENT_DAYS = 30


def waiting_for(user, *, on: datetime.date | None = None) -> dict:
    on = on or timezone.localdate()
    chaired = access.ask(user, "chaired_councils")
    to_decide = list(selectors.pending_revisions(chaired)) if chaired.exists() else []
    overdue, due_soon, not_updated = [], [], []
    council = getattr(user, "council", None)
    plan = selectors.active_plan(council) if council is not None else None
    if plan is not None:
        since = selectors.council_previous_meeting_date(council, on=on)
        for action in selectors.owner_actions(plan, user, on=on, since=since).exclude(status="complete"):
            if action.overdue:
                overdue.append(action)
            elif action.urgent:
                due_soon.append(action)
            elif action.not_updated:
                not_updated.append(action)
    mine = Q(proposed_by=user) | Q(action__owner=user)
    revisions = DueDateRevision.objects.filter(mine).select_related("action", "decided_by", "proposed_by")
    awaiting = list(revisions.awaiting_board().order_by("proposed_at"))
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    decided = list(
        revisions.filter(
            status__in=[DueDateRevision.Status.AGREED, DueDateRevision.Status.REJECTED], decided_at__gte=since
        ).order_by("-decided_at")
    )
    drafts = []
    if plan is not None and access.can_edit_structure(user, council, plan):
        drafts = list(Action.objects.filter(plan=plan, is_draft=True).order_by("order"))
    return {
        "to_decide": to_decide,
        "overdue": overdue,
        "due_soon": due_soon,
        "not_updated": not_updated,
        "awaiting": awaiting,
        "decided": decided,
        "drafts": drafts,
        "today": on,
        "count": len(to_decide) + len(overdue) + len(due_soon) + len(not_updated) + len(drafts),
    }


def plan_for_council(council) -> ImprovementPlan | None:
    return selectors.active_plan(council)
