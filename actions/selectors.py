"""Reads of plans and actions, shaped for pages and reports."""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from inspections import working_days
from inspections.models import Council, NoticeMeasure, NoticeTheme, Organisation, Recommendation

from . import rules
from .models import Action, DueDateRevision, ImprovementPlan, PerformanceIndicator

URGENT_DAYS = 14


def active_plan(council: Council) -> ImprovementPlan | None:
    return ImprovementPlan.objects.filter(council=council, is_active=True).first()


def plan_actions(plan: ImprovementPlan, *, on: datetime.date) -> QuerySet[Action]:
    """Every action of a plan with its deadline, overdue flag and RAG on ``on``, in one query."""
    return rules.annotate_rag(
        Action.objects.filter(plan=plan).select_related("owner", "lead_organisation"), on=on
    ).order_by("order")


def rag_counts(actions) -> dict[str, int]:
    """How many of the annotated actions are at each rating, worst first, zeros included."""
    counts = Counter(action.rag for action in actions)
    return {rag.value: counts.get(rag.value, 0) for rag in rules.RAG_ORDER}


def plan_rag_counts(plan: ImprovementPlan, *, on: datetime.date) -> dict[str, int]:
    """The same counts for a whole plan, counted by the database (one query, any size)."""
    from django.db.models import Count

    rows = rules.annotate_rag(Action.objects.filter(plan=plan), on=on).values("rag").annotate(n=Count("pk"))
    counts = {row["rag"]: row["n"] for row in rows.order_by()}
    return {rag.value: counts.get(rag.value, 0) for rag in rules.RAG_ORDER}


# --- Meetings and freshness ------------------------------------------------------------------


def _board_for(council: Council):
    from improvement_board.models import ImprovementBoard

    return ImprovementBoard.objects.filter(council=council, is_active=True).first()


def previous_meeting_date(board, *, on: datetime.date) -> datetime.date | None:
    """The board's latest meeting before ``on``."""
    if board is None:
        return None
    meeting = board.meetings.filter(date__lt=on).order_by("-date").first()
    return meeting.date if meeting else None


def council_previous_meeting_date(council: Council, *, on: datetime.date) -> datetime.date | None:
    """The latest meeting before ``on`` of the council's active board, in one query."""
    from improvement_board.models import Meeting

    meeting = (Meeting.objects.filter(board__council=council, board__is_active=True, date__lt=on)
               .order_by("-date").only("date").first())
    return meeting.date if meeting else None


def next_meeting_date(board, *, on: datetime.date) -> datetime.date | None:
    """The board's next meeting on or after ``on``: the next one recorded, or else the last one
    plus the board's cadence (as often as needed). None if the board has never met."""
    upcoming = board.meetings.filter(date__gte=on).order_by("date").first()
    if upcoming:
        return upcoming.date
    last = board.meetings.order_by("-date").first()
    if last is None:
        return None
    date = last.date
    step = datetime.timedelta(weeks=board.cadence_weeks)
    while date < on:
        date += step
    return date


def working_days_before(date: datetime.date, days: int) -> datetime.date:
    """``days`` English working days (weekdays less bank holidays) before ``date``."""
    return working_days.working_days_before(date, days)


def annotate_not_updated(queryset: QuerySet[Action], *, since: datetime.date | None) -> QuerySet[Action]:
    """Flag (``not_updated``) actions not complete and with no progress logged on or after
    ``since`` (the last board meeting); with no meeting yet, those never updated."""
    stale = Q(last_updated_at__isnull=True)
    if since is not None:
        start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
        stale |= Q(last_updated_at__lt=start)
    return queryset.annotate(
        not_updated=Case(When(stale & ~Q(status=rules.Status.COMPLETE), then=Value(True)), default=Value(False),
                         output_field=BooleanField())
    )


# --- The plan page ---------------------------------------------------------------------------


def plan_filter_choices(plan: ImprovementPlan) -> dict[str, QuerySet]:
    """What the plan's filters offer: only owners, organisations, themes, measures and
    recommendations that some action of this plan has."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return {
        "owner": User.objects.filter(owned_actions__plan=plan).distinct().order_by("last_name", "first_name"),
        "lead_organisation": Organisation.objects.filter(led_actions__plan=plan).distinct().order_by("name"),
        "theme": NoticeTheme.objects.filter(measures__actions__plan=plan).distinct().order_by("notice", "order"),
        "measure": NoticeMeasure.objects.filter(actions__plan=plan).distinct().select_related("theme")
        .order_by("theme__order", "number"),
        "recommendation": Recommendation.objects.filter(actions__plan=plan).distinct()
        .select_related("inspection__framework", "inspection__council").order_by("inspection__published", "number"),
    }


SORTS = {
    "due": ("deadline", "order"),
    "-due": ("-deadline", "order"),
    "reference": ("order",),
}


def plan_actions_filtered(
    plan: ImprovementPlan, *, on: datetime.date, filters: dict, since: datetime.date | None = None
) -> QuerySet[Action]:
    """The plan's actions narrowed by the filter form's cleaned data, annotated with deadline,
    overdue, RAG and not_updated, in the order asked for."""
    qs = annotate_not_updated(plan_actions(plan, on=on), since=since)
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("rag"):
        qs = qs.filter(rag=filters["rag"])
    if filters.get("owner"):
        qs = qs.filter(owner=filters["owner"])
    if filters.get("lead_organisation"):
        qs = qs.filter(lead_organisation=filters["lead_organisation"])
    if filters.get("theme"):
        qs = qs.filter(pk__in=Action.objects.filter(measures__theme=filters["theme"]).values("pk"))
    if filters.get("measure"):
        qs = qs.filter(pk__in=Action.objects.filter(measures=filters["measure"]).values("pk"))
    if filters.get("recommendation"):
        qs = qs.filter(pk__in=Action.objects.filter(recommendations=filters["recommendation"]).values("pk"))
    if filters.get("overdue"):
        qs = qs.filter(overdue=True)
    if filters.get("not_updated"):
        qs = qs.filter(not_updated=True)
    return qs.order_by(*SORTS.get(filters.get("sort") or "due", SORTS["due"]))


def owner_actions(plan: ImprovementPlan, owner, *, on: datetime.date, since: datetime.date | None = None):
    """An owner's actions in the plan: overdue and due within 14 days first (soonest first),
    then the rest by due date; complete ones last."""
    urgent = Q(overdue=True) | (~Q(status=rules.Status.COMPLETE) & Q(deadline__lte=on + datetime.timedelta(days=URGENT_DAYS)))
    return (
        annotate_not_updated(plan_actions(plan, on=on), since=since)
        .filter(owner=owner)
        .annotate(urgent=Case(When(urgent, then=Value(True)), default=Value(False), output_field=BooleanField()),
                  done=Case(When(status=rules.Status.COMPLETE, then=Value(True)), default=Value(False),
                            output_field=BooleanField()))
        .order_by("-urgent", "done", "deadline", "order")
    )


def export_rows(actions: QuerySet[Action]):
    """The filtered actions with what an export needs, recommendations and measures included."""
    return actions.prefetch_related("measures__theme", "recommendations__inspection__framework")


# --- Revised dates, indicators ---------------------------------------------------------------


def pending_revisions(councils: QuerySet[Council]) -> QuerySet[DueDateRevision]:
    return (
        DueDateRevision.objects.filter(action__plan__council__in=councils, action__plan__is_active=True,
                                       status=DueDateRevision.Status.PENDING)
        .select_related("action__plan__council", "action__owner", "proposed_by")
        .order_by("proposed_at")
    )


def action_changes_since(action: Action, version: int) -> dict:
    """What changed on an action since ``version``: field changes (old and new) and the
    progress updates logged since then. Used to explain a refused stale edit."""
    records = list(action.history.filter(version__gte=version).order_by("history_date", "history_id"))
    changes = []
    updates = []
    if records:
        old, new = records[0], action.history.order_by("-history_date", "-history_id").first()
        if old.pk != new.pk:
            for change in new.diff_against(old, excluded_fields=["version"]).changes:
                field = Action._meta.get_field(change.field)
                changes.append({"field": field.verbose_name, "old": _display(field, change.old),
                                "new": _display(field, change.new)})
        updates = list(action.updates.filter(created_at__gt=old.history_date).select_related("author"))
    return {"changes": changes, "updates": updates}


def _display(field, value):
    if value in (None, ""):
        return "(none)"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    return value


# Fields the history's "who" and "when" columns already say, or that mean nothing to a reader.
_HISTORY_HIDDEN = {
    Action: ["version"],
    DueDateRevision: ["decided_by", "decided_at", "proposed_by", "proposed_at", "meeting"],
}


def action_history(action: Action) -> list[dict]:
    """The change history of an action and of its revised due dates, newest first, each entry
    with who, when and the fields that changed."""
    entries = []
    for model, records in (
        (Action, list(action.history.select_related("history_user").order_by("history_date", "history_id"))),
        (DueDateRevision, list(DueDateRevision.history.filter(action_id=action.pk)
                               .select_related("history_user").order_by("id", "history_date", "history_id"))),
    ):
        previous_by_id = {}
        for record in records:
            before = previous_by_id.get(record.id)
            if before is None:
                what = "Created" if model is Action else f"Revised due date {record.proposed_date:%-d %B %Y} proposed"
                changes = []
            else:
                what = "Changed" if model is Action else "Revised due date decided"
                changes = [
                    {"field": model._meta.get_field(c.field).verbose_name,
                     "old": _display(model._meta.get_field(c.field), c.old),
                     "new": _display(model._meta.get_field(c.field), c.new)}
                    for c in record.diff_against(before, excluded_fields=_HISTORY_HIDDEN[model]).changes
                ]
            previous_by_id[record.id] = record
            entries.append({"when": record.history_date, "who": record.history_user, "what": what,
                            "reason": record.history_change_reason or "", "changes": changes})
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries


def plan_indicators(plan: ImprovementPlan) -> QuerySet[PerformanceIndicator]:
    return plan.indicators.prefetch_related("values").order_by("order", "name")
