"""Reads of plans and actions, shaped for pages and reports."""

from __future__ import annotations

import datetime

from django.db.models import BooleanField, Case, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Substr
from django.utils import timezone

from inspections import working_days
from inspections.models import Council, NoticeMeasure, NoticeTheme, Organisation, Recommendation

from . import meetings, rules
from .models import Action, DueDateRevision, ImprovementPlan, PerformanceIndicator, ProgressUpdate


def active_plan(council: Council) -> ImprovementPlan | None:
    return ImprovementPlan.objects.active().filter(council=council).first()


def plan_actions(plan: ImprovementPlan, *, on: datetime.date) -> QuerySet[Action]:
    """Every action of a plan with its deadline, overdue flag and RAG on ``on``, in one query."""
    return rules.annotate_after_timescale(
        rules.annotate_rag(Action.objects.filter(plan=plan).select_related("owner", "lead_organisation"), on=on)
    ).order_by("order")


def rag_counts_of(actions: QuerySet[Action], *, on: datetime.date) -> dict[str, int]:
    """:func:`actions.rules.rag_counts` of ``actions`` on ``on``, counted by the database (one
    query, any size)."""
    return rules.rag_counts_from(rules.annotate_rag(actions, on=on).aggregate(**rules.rag_count_aggregates()))


def rag_counts_by(actions: QuerySet[Action], *, on: datetime.date, by: str) -> dict:
    """The same counts for each value of the field ``by`` (``"measures"``, ``"plan__council_id"``),
    in one query; a value no action has is absent."""
    rows = rules.annotate_rag(actions, on=on).values(by).annotate(**rules.rag_count_aggregates()).order_by()
    return {row[by]: rules.rag_counts_from(row) for row in rows}


def plan_rag_counts(plan: ImprovementPlan, *, on: datetime.date) -> dict[str, int]:
    """How many of a plan's actions are at each rating on ``on``, worst first, zeros included."""
    return rag_counts_of(Action.objects.filter(plan=plan), on=on)


# --- Meetings and freshness ------------------------------------------------------------------


def council_previous_meeting_date(council: Council, *, on: datetime.date) -> datetime.date | None:
    """The latest meeting before ``on`` of the council's active board (told by the boards side)."""
    return meetings.previous_meeting_date(council, on=on)


def working_days_before(date: datetime.date, days: int) -> datetime.date:
    """``days`` English working days (weekdays less bank holidays) before ``date``."""
    return working_days.working_days_before(date, days)


# --- The plan page ---------------------------------------------------------------------------


def plan_filter_choices(plan: ImprovementPlan) -> dict[str, QuerySet]:
    """What the plan's filters offer: only owners, organisations, themes, measures and
    recommendations that some action of this plan has, with only the columns their labels need.
    The plan's action ids are read first (one query, by index) and each list is asked as "id in"
    them: asked as one join, PostgreSQL walked every action in the country to find a plan's first
    one (18,000 at national size)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    actions = Action.objects.filter(plan=plan)
    action_ids = list(actions.values_list("pk", flat=True))
    measure_ids = Action.measures.through.objects.filter(action_id__in=action_ids).values("noticemeasure_id")
    recommendation_ids = Action.recommendations.through.objects.filter(action_id__in=action_ids).values(
        "recommendation_id"
    )
    return {
        "owner": User.objects.filter(pk__in=actions.values("owner_id"))
        .only("pk", "username", "first_name", "last_name")
        .order_by("last_name", "first_name"),
        "lead_organisation": Organisation.objects.filter(pk__in=actions.values("lead_organisation_id"))
        .only("pk", "name")
        .order_by("name"),
        "theme": NoticeTheme.objects.filter(pk__in=NoticeMeasure.objects.filter(pk__in=measure_ids).values("theme_id"))
        .only("pk", "title", "order", "notice")
        .order_by("notice", "order"),
        "measure": NoticeMeasure.objects.filter(pk__in=measure_ids)
        .select_related("theme")
        .only("pk", "number", "text", "theme__order")
        .order_by("theme__order", "number"),
        "recommendation": Recommendation.objects.filter(pk__in=recommendation_ids)
        .select_related("inspection__framework")
        .only("pk", "number", "text", "inspection__published", "inspection__framework__code")
        .order_by("inspection__published", "number"),
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
    qs = with_latest_position(rules.annotate_not_updated(plan_actions(plan, on=on), since=since))
    for word in (filters.get("q") or "").split()[:10]:
        qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word) | Q(reference__iexact=word))
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


LATEST_POSITION_CHARACTERS = 200


def latest_narrative() -> Subquery:
    """For a queryset of actions: the narrative of each one's most recent progress update."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-created_at", "-pk")
    return Subquery(latest.values("narrative")[:1])


def with_latest_position(queryset: QuerySet[Action]) -> QuerySet[Action]:
    """Each action's latest position: the start of its most recent progress update's narrative
    (``latest_position``), in the same query."""
    return queryset.annotate(latest_position=Substr(latest_narrative(), 1, LATEST_POSITION_CHARACTERS))


def owner_actions(plan: ImprovementPlan, owner, *, on: datetime.date, since: datetime.date | None = None):
    """An owner's actions in the plan: overdue and due within ``rules.DUE_SOON_DAYS`` days first (soonest first),
    then the rest by due date; complete ones last."""
    urgent = Q(overdue=True) | (
        ~Q(status=rules.Status.COMPLETE) & Q(deadline__lte=on + datetime.timedelta(days=rules.DUE_SOON_DAYS))
    )
    return (
        with_latest_position(rules.annotate_not_updated(plan_actions(plan, on=on), since=since))
        .filter(owner=owner)
        .annotate(
            urgent=Case(When(urgent, then=Value(True)), default=Value(False), output_field=BooleanField()),
            done=Case(
                When(status=rules.Status.COMPLETE, then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
        )
        .order_by("-urgent", "done", "deadline", "order")
    )


def export_rows(actions: QuerySet[Action]):
    """The filtered actions with what an export needs, recommendations and measures included."""
    return actions.prefetch_related("measures__theme", "recommendations__inspection__framework")


# --- Revised dates, indicators ---------------------------------------------------------------


def pending_revisions(councils) -> QuerySet[DueDateRevision]:
    """The proposals awaiting the boards of ``councils`` (a queryset or list of councils), oldest
    first: :meth:`DueDateRevisionQuerySet.awaiting_board <actions.models.DueDateRevisionQuerySet>`."""
    return (
        DueDateRevision.objects.awaiting_board()
        .filter(action__plan__council__in=councils)
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
                changes.append(
                    {
                        "field": field.verbose_name,
                        "old": _display(field, change.old),
                        "new": _display(field, change.new),
                    }
                )
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


def action_history(action: Action) -> list[dict]:
    """The action's history in words, newest first: "Due date changed from 30 November 2026 to
    31 January 2027 by Louise Greaves, 2 December 2026", one line per change, with the real author
    and time. Progress updates are listed on their own, not repeated here. An action created before
    changes were written in words starts with its first history record."""
    entries = [
        {"when": c.at, "sentence": c.sentence, "text": c.text, "by": c.by}
        for c in action.changes.select_related("by").order_by("-at", "-pk")
    ]
    if not any(e["text"].startswith(("Action", "Draft action")) and "added" in e["text"] for e in entries):
        first = action.history.select_related("history_user").order_by("history_date", "history_id").first()
        if first is not None:
            who = first.history_user
            name = (who.get_full_name() or who.get_username()) if who else "the system"
            entries.append(
                {
                    "when": first.history_date,
                    "by": who,
                    "text": f"Action {action.reference} added",
                    "sentence": f"Action {action.reference} added to the plan by {name}, "
                    f"{timezone.localtime(first.history_date):%-d %B %Y}",
                }
            )
    return entries


def plan_indicators(plan: ImprovementPlan) -> QuerySet[PerformanceIndicator]:
    return plan.indicators.prefetch_related("values").order_by("order", "name")


# --- The plan's structure ----------------------------------------------------------------------


def plan_structure(plan: ImprovementPlan, *, on: datetime.date | None = None) -> dict:
    """Objectives in order with their actions, the actions under none, milestones and indicators
    (with their trajectories): a fixed number of queries, whatever the plan's size."""
    on = on or timezone.localdate()
    objectives = list(plan.objectives.order_by("order", "pk"))
    by_objective: dict[int | None, list] = {o.pk: [] for o in objectives}
    by_objective[None] = []
    for action in plan_actions(plan, on=on):
        by_objective.setdefault(action.objective_id, []).append(action)
    for objective in objectives:
        objective.plan_actions = by_objective[objective.pk]
    milestones = list(plan.milestones.order_by("order", "due_date", "pk"))
    for milestone in milestones:
        milestone.missed = milestone.is_missed(on=on)
    return {
        "objectives": objectives,
        "loose_actions": by_objective[None],
        "milestones": milestones,
        "indicators": list(plan.indicators.prefetch_related("trajectory").order_by("order", "name")),
        "today": on,
    }


def plan_changes(plan: ImprovementPlan) -> QuerySet:
    return plan.changes.select_related("by").order_by("-at", "-pk")


def next_action_reference(plan: ImprovementPlan, objective=None) -> str:
    """A suggestion for a new action's reference: the objective's number and the next free one."""
    taken = {r.lower() for r in plan.actions.values_list("reference", flat=True)}
    prefix = f"{objective.reference}." if objective is not None else ""
    n = 1
    while f"{prefix}{n}".lower() in taken:
        n += 1
    return f"{prefix}{n}"
