"""The rules an improvement board applies to actions: when one is overdue, and its RAG rating.

The Python functions are the rules; :func:`annotate_rag` states the same rules in SQL for
lists and dashboards, and tests hold the two to agreeing on every case.

- **Blue**: complete, with its evidence of impact recorded.
- **Red**: overdue (past its due date, or its agreed revised due date, and not complete),
  whatever its owner last said; or rated Red by its owner.
- **Amber**: at risk or slipping but recoverable, as its owner rated it; also complete but
  not yet evidenced (it cannot be signed off).
- **Green**: on track, as its owner rated it (and the default before any rating).

Only an *agreed* revised due date moves the deadline; a proposal awaiting the board does not.
An action due today is not overdue; the day after, it is.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping

from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


class Rag(models.TextChoices):
    BLUE = "blue", "Blue"
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


RAG_MEANING = {
    Rag.BLUE: "Complete",
    Rag.GREEN: "On track",
    Rag.AMBER: "At risk",
    Rag.RED: "Off track",
}

# Worst first: the order exception lists and summaries use.
RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE]

# Each rating with its meaning and, in words, when :func:`rag` gives it (the pages' key to the
# ratings renders these; keep them true to the function).
RAG_RULE_IN_WORDS = {
    Rag.RED: "past its due date (or its agreed revised date), or rated Red by its owner",
    Rag.AMBER: "rated Amber by its owner, or complete but with no evidence of its impact yet",
    Rag.GREEN: "not yet due, and rated Green by its owner or not yet rated",
    Rag.BLUE: "complete, with evidence of its impact",
}
RAG_KEY = [(rating, RAG_MEANING[rating], RAG_RULE_IN_WORDS[rating]) for rating in RAG_ORDER]

# An owner's actions due within this many days are "due soon": first on the plan page and in
# what is waiting for them.
DUE_SOON_DAYS = 14

OVERDUE_RATING_REASON = (
    "This action is past its due date with no agreed revised date, so it is Red: it cannot be rated "
    "Green or Amber until the board agrees a revised due date."
)


def rag_counts(ratings: Iterable[str]) -> dict[str, int]:
    """How many of ``ratings`` are at each rating, worst first, zeros included. The SQL half is
    :func:`rag_count_aggregates` (read back with :func:`rag_counts_from`)."""
    counts = Counter(ratings)
    return {rating.value: counts.get(rating.value, 0) for rating in RAG_ORDER}


def rag_count_aggregates() -> dict[str, Count]:
    """The counts of :func:`rag_counts` as aggregates over actions passed through
    :func:`annotate_rag` (``rag_red``, ``rag_amber``...). Each action counts once even where the
    query joins it to several rows (its measures, say)."""
    return {f"rag_{r.value}": Count("pk", filter=Q(rag=r.value), distinct=True) for r in RAG_ORDER}


def rag_counts_from(row: Mapping[str, int]) -> dict[str, int]:
    """A row aggregated with :func:`rag_count_aggregates`, as :func:`rag_counts` gives it."""
    return {r.value: row[f"rag_{r.value}"] or 0 for r in RAG_ORDER}


def rag_counts_text(counts: Mapping[str, int], *, zeros: bool = True) -> str:
    """ "2 red, 1 amber, 3 green, 0 blue": counts in words, worst first (``zeros=False`` leaves
    out the ratings no action has)."""
    return ", ".join(f"{counts[r.value]} {r.label.lower()}" for r in RAG_ORDER if zeros or counts[r.value])


def is_evidenced(evidence_of_impact: str | None) -> bool:
    """Evidence of impact is recorded: some text, not only spaces and blank lines. The SQL half
    is :data:`EVIDENCED`."""
    return bool((evidence_of_impact or "").strip())


# Evidence of impact with a character that is not white space (SQLite and PostgreSQL alike).
EVIDENCED = Q(evidence_of_impact__regex=r"\S")


def deadline(due_date: datetime.date, agreed_revised_due_date: datetime.date | None) -> datetime.date:
    """The date that counts: the agreed revised due date if there is one, else the original."""
    return agreed_revised_due_date or due_date


def is_overdue(
    *, status: str, due_date: datetime.date, agreed_revised_due_date: datetime.date | None, on: datetime.date
) -> bool:
    return status != Status.COMPLETE and deadline(due_date, agreed_revised_due_date) < on


def rag(
    *,
    status: str,
    reported_rag: str | None,
    evidenced: bool,
    due_date: datetime.date,
    agreed_revised_due_date: datetime.date | None,
    on: datetime.date,
) -> Rag:
    """The rating an action has on a day, from its status, dates and its owner's last rating."""
    if status == Status.COMPLETE:
        return Rag.BLUE if evidenced else Rag.AMBER
    if is_overdue(status=status, due_date=due_date, agreed_revised_due_date=agreed_revised_due_date, on=on):
        return Rag.RED
    if reported_rag in (Rag.GREEN, Rag.AMBER, Rag.RED):
        return Rag(reported_rag)
    return Rag.GREEN


def finished_late(
    *, completed_on: datetime.date | None, due_date: datetime.date, agreed_revised_due_date: datetime.date | None
) -> bool:
    """Completed after the date that counted (an agreed revised date moves it; nothing else does)."""
    return completed_on is not None and completed_on > deadline(due_date, agreed_revised_due_date)


def later_than_timescale(action_deadline: datetime.date, recommendation_due_dates) -> bool:
    """True when an action falls due after the timescale of a recommendation it answers (a
    recommendation with no dated timescale, such as "immediately" or "other", sets none)."""
    return any(due is not None and action_deadline > due for due in recommendation_due_dates)


def annotate_after_timescale(queryset: models.QuerySet) -> models.QuerySet:
    """Annotate actions already passed through :func:`annotate_rag` with ``after_timescale``, by
    the rule of :func:`later_than_timescale`, in the same query."""
    from inspections.models import Recommendation

    later = Recommendation.objects.filter(
        actions=OuterRef("pk"), due_date__isnull=False, due_date__lt=OuterRef("deadline")
    )
    return queryset.annotate(after_timescale=Exists(later))


class MilestoneState(models.TextChoices):
    ACHIEVED = "achieved", "Achieved"
    ACHIEVED_LATE = "achieved_late", "Missed (achieved late)"
    MISSED = "missed", "Missed"
    DUE = "due", "Due"


MISSED_STATES = frozenset({MilestoneState.MISSED, MilestoneState.ACHIEVED_LATE})


def milestone_state(*, due_date: datetime.date, achieved_on: datetime.date | None, on: datetime.date) -> MilestoneState:
    """How a milestone stands on ``on``. A milestone achieved after its due date was missed:
    the date is what the notice and the board hold the council to ("all indicators and
    milestones by January 2014"), and achieving it later does not undo the miss, so it stays in
    the board pack's missed milestones, marked achieved late. Due today is not yet missed."""
    if achieved_on is not None and achieved_on <= due_date:
        return MilestoneState.ACHIEVED
    if due_date >= on:
        return MilestoneState.DUE
    return MilestoneState.ACHIEVED_LATE if achieved_on is not None else MilestoneState.MISSED


def ratings_allowed(*, status: str, overdue: bool) -> dict[Rag, str | None]:
    """Which ratings an owner may give with an update, each with the reason it is refused
    (None where it is allowed). Used by the progress form to say why."""
    allowed: dict[Rag, str | None] = {}
    for choice in Rag:
        reason = None
        if choice == Rag.BLUE and status != Status.COMPLETE:
            reason = "Blue means complete: set the status to Complete to rate it Blue."
        elif choice != Rag.BLUE and status == Status.COMPLETE and choice != Rag.AMBER:
            reason = "A complete action is Blue once evidenced, or Amber until its evidence is recorded."
        elif choice in (Rag.GREEN, Rag.AMBER) and overdue and status != Status.COMPLETE:
            reason = f"{OVERDUE_RATING_REASON} Propose a revised due date for the board to agree."
        allowed[choice] = reason
    return allowed


def since_start(since: datetime.date) -> datetime.datetime:
    """The first instant of the day ``since``, in the project's time zone."""
    return timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))


def not_updated_since(*, status: str, last_updated_at: datetime.datetime | None, since: datetime.date | None) -> bool:
    """Not complete, and no progress logged on or after ``since`` (the day the board last met).
    Before the board has met (``since`` None), an action never updated at all. The SQL half is
    :func:`annotate_not_updated`."""
    if status == Status.COMPLETE:
        return False
    if last_updated_at is None:
        return True
    return since is not None and last_updated_at < since_start(since)


def annotate_not_updated(queryset: models.QuerySet, *, since: datetime.date | None) -> models.QuerySet:
    """Flag (``not_updated``) actions by the rule of :func:`not_updated_since`, in the same query."""
    stale = Q(last_updated_at__isnull=True)
    if since is not None:
        stale |= Q(last_updated_at__lt=since_start(since))
    return queryset.annotate(
        not_updated=Case(
            When(stale & ~Q(status=Status.COMPLETE), then=Value(True)),
            default=Value(False),
            output_field=models.BooleanField(),
        )
    )


def annotate_rag(queryset: models.QuerySet, *, on: datetime.date) -> models.QuerySet:
    """Annotate a queryset of ``actions.Action`` with ``deadline``, ``overdue`` and ``rag``,
    by the same rules as :func:`is_overdue` and :func:`rag`, in one query."""
    evidenced = EVIDENCED
    overdue = ~Q(status=Status.COMPLETE) & Q(deadline__lt=on)
    return queryset.annotate(
        deadline=Coalesce(F("revised_due_date"), F("due_date")),
    ).annotate(
        overdue=Case(When(overdue, then=Value(True)), default=Value(False), output_field=models.BooleanField()),
        rag=Case(
            When(Q(status=Status.COMPLETE) & evidenced, then=Value(Rag.BLUE.value)),
            When(Q(status=Status.COMPLETE), then=Value(Rag.AMBER.value)),
            When(overdue, then=Value(Rag.RED.value)),
            When(reported_rag__in=[Rag.GREEN, Rag.AMBER, Rag.RED], then=F("reported_rag")),
            default=Value(Rag.GREEN.value),
            output_field=models.CharField(),
        ),
    )
