"""What a board's monthly report says, read from the database as of the end of its month.

**The point-in-time rule.** A report for October 2012 shows what was known at 31 October 2012,
23:59 Europe/London, even when it is generated later. So, for every figure:

- an action's status, its owner's rating, narrative and remedial action come from its latest
  progress update made before the cut-off (updates are history, never edited), not from the
  action row, which holds today's state;
- its agreed revised due date is the latest revision *agreed* before the cut-off; a revision is
  "awaiting the board" if it was proposed before the cut-off and not decided by then;
- its evidence of impact counts if evidence was attached to an update before the cut-off, or the
  action's history (django-simple-history) held the text before the cut-off; failing any history
  before the cut-off, today's text counts only if no update has been made since;
- a milestone is achieved only if it was achieved on or before the last day of the month;
- indicator values count for months up to and including the report's month;
- the "previous meeting" is the latest meeting held on or before the last day of the month.

The RAG and overdue rules are those of :mod:`actions.rules`, applied on the month's last day
(an action due that day is not yet overdue).
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Prefetch

from actions import rules
from actions.models import (
    Action, DueDateRevision, Evidence, ImprovementPlan, IndicatorValue, Milestone, PerformanceIndicator,
    ProgressUpdate,
)
from actions.rules import RAG_MEANING, RAG_ORDER, Rag, Status
from inspections.models import ImprovementNotice, NoticeDate, NoticeMeasure, NoticeTheme, Recommendation

from .models import Decision, ImprovementBoard, Meeting

TREND_MONTHS = 12


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(period: datetime.date) -> datetime.date:
    return period + relativedelta(months=1, days=-1)


def cutoff(period: datetime.date) -> datetime.datetime:
    """The first instant after the period, in the project's time zone: records made at or
    after it were not known at the end of the month."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    first_of_next = period + relativedelta(months=1)
    return datetime.datetime.combine(first_of_next, datetime.time.min, tzinfo=tz)


def rag_word(rag: str) -> str:
    return Rag(rag).label


@dataclass
class ActionState:
    """One action as it stood at the end of the period."""

    action: Action
    status: str
    reported_rag: str
    agreed_revised_due_date: datetime.date | None
    evidenced: bool
    latest_update: ProgressUpdate | None
    pending_revision: DueDateRevision | None
    rag: str = ""
    overdue: bool = False
    previous_rag: str | None = None  # at the end of the month before; None if not yet in the plan

    @property
    def reference(self) -> str:
        return self.action.reference

    @property
    def title(self) -> str:
        return self.action.title

    @property
    def due_date(self) -> datetime.date:
        return self.action.due_date

    @property
    def deadline(self) -> datetime.date:
        return rules.deadline(self.action.due_date, self.agreed_revised_due_date)

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def rag_label(self) -> str:
        return rag_word(self.rag)

    @property
    def rag_meaning(self) -> str:
        return RAG_MEANING[Rag(self.rag)]

    @property
    def last_updated(self) -> datetime.datetime | None:
        return self.latest_update.created_at if self.latest_update else None

    @property
    def rag_changed(self) -> bool:
        return self.previous_rag is not None and self.previous_rag != self.rag


@dataclass
class MeasureProgress:
    measure: NoticeMeasure
    actions: list[ActionState]
    milestones: list[Milestone]
    indicators: list["IndicatorProgress"]

    @property
    def rag_counts(self) -> dict[str, int]:
        return _rag_counts(self.actions)

    @property
    def worst_rag(self) -> str | None:
        for rag in RAG_ORDER:
            if any(state.rag == rag for state in self.actions):
                return rag.value
        return None


@dataclass
class ThemeProgress:
    theme: NoticeTheme
    measures: list[MeasureProgress]

    @property
    def rag_counts(self) -> dict[str, int]:
        return _rag_counts([s for m in self.measures for s in m.actions])


@dataclass
class IndicatorProgress:
    indicator: PerformanceIndicator
    values: list[IndicatorValue]  # the last TREND_MONTHS months up to the period, oldest first
    months: list[datetime.date]  # every month of the trend window, oldest first

    @property
    def latest(self) -> IndicatorValue | None:
        return self.values[-1] if self.values else None

    @property
    def meets_target(self) -> bool | None:
        return None if self.latest is None else self.indicator.meets_target(self.latest.value)

    @property
    def previous(self) -> IndicatorValue | None:
        return self.values[-2] if len(self.values) > 1 else None

    @property
    def summary(self) -> str:
        """The chart in words, for readers who cannot see it."""
        ind = self.indicator
        if not self.values:
            return f"No values recorded in the {TREND_MONTHS} months to {self.months[-1]:%B %Y}."
        first, last = self.values[0], self.values[-1]
        parts = [
            f"{last.month:%B %Y}: {format_value(ind, last.value)} against a target of "
            f"{format_value(ind, ind.target)} by {ind.target_date:%B %Y}"
            f" ({'meets' if self.meets_target else 'does not meet'} the target; {ind.get_polarity_display().lower()})."
        ]
        if len(self.values) > 1:
            change = last.value - first.value
            better = (change > 0) == (ind.polarity == PerformanceIndicator.Polarity.HIGHER)
            direction = "unchanged" if change == 0 else ("better" if better else "worse")
            parts.append(
                f"From {format_value(ind, first.value)} in {first.month:%B %Y}"
                f" ({direction}; {len(self.values)} monthly values)."
            )
            low = min(self.values, key=lambda v: v.value)
            high = max(self.values, key=lambda v: v.value)
            parts.append(f"Lowest {format_value(ind, low.value)} ({low.month:%b %Y}), "
                         f"highest {format_value(ind, high.value)} ({high.month:%b %Y}).")
        return " ".join(parts)


def format_value(indicator: PerformanceIndicator, value: Decimal | None) -> str:
    if value is None or value == "":
        return "–"
    value = Decimal(value)
    text = f"{value:.1f}" if value != value.to_integral_value() else f"{value:.0f}"
    unit = indicator.unit
    if unit == PerformanceIndicator.Unit.PERCENT:
        return f"{text}%"
    if unit == PerformanceIndicator.Unit.DAYS:
        return f"{text} days"
    return text


@dataclass
class Traceability:
    recommendation: Recommendation
    actions: list[ActionState]


@dataclass
class ReportContent:
    board: ImprovementBoard
    period: datetime.date
    plan: ImprovementPlan | None
    notice: ImprovementNotice | None
    actions: list[ActionState] = field(default_factory=list)
    milestones_due: list[Milestone] = field(default_factory=list)
    milestones_missed: list[Milestone] = field(default_factory=list)
    milestones_next: list[Milestone] = field(default_factory=list)
    upcoming_dates: list[NoticeDate] = field(default_factory=list)
    themes: list[ThemeProgress] = field(default_factory=list)
    unmapped_actions: list[ActionState] = field(default_factory=list)
    revisions_pending: list[DueDateRevision] = field(default_factory=list)
    revisions_agreed: list[DueDateRevision] = field(default_factory=list)
    indicators: list[IndicatorProgress] = field(default_factory=list)
    traceability: list[Traceability] = field(default_factory=list)
    previous_meeting: Meeting | None = None
    decisions: list[Decision] = field(default_factory=list)
    not_updated_since_meeting: list[ActionState] = field(default_factory=list)

    @property
    def council(self):
        return self.board.council

    @property
    def period_end(self) -> datetime.date:
        return month_end(self.period)

    @property
    def previous_period(self) -> datetime.date:
        return self.period - relativedelta(months=1)

    @property
    def rag_counts(self) -> dict[str, int]:
        return _rag_counts(self.actions)

    @property
    def previous_rag_counts(self) -> dict[str, int]:
        return _rag_counts([s for s in self.actions if s.previous_rag is not None], attr="previous_rag")

    @property
    def rag_rows(self) -> list[dict]:
        """The summary table: each rating with its word, meaning, count now and a month ago."""
        now, before = self.rag_counts, self.previous_rag_counts
        return [
            {"rag": rag.value, "label": rag.label, "meaning": RAG_MEANING[rag], "count": now[rag.value],
             "previous": before[rag.value], "change": now[rag.value] - before[rag.value]}
            for rag in RAG_ORDER
        ]

    @property
    def status_counts(self) -> list[tuple[str, int]]:
        counts = Counter(s.status for s in self.actions)
        return [(status.label, counts.get(status.value, 0)) for status in Status]

    @property
    def overdue(self) -> list[ActionState]:
        return [s for s in self.actions if s.overdue]

    @property
    def exceptions(self) -> list[ActionState]:
        """Every action not being achieved as planned (Red or Amber), worst first."""
        order = {rag.value: i for i, rag in enumerate(RAG_ORDER)}
        found = [s for s in self.actions if s.rag in (Rag.RED, Rag.AMBER)]
        return sorted(found, key=lambda s: (order[s.rag], s.action.order))

    @property
    def rag_moves(self) -> list[ActionState]:
        return [s for s in self.actions if s.rag_changed]

    @property
    def next_review(self) -> NoticeDate | None:
        return next((d for d in self.upcoming_dates if d.kind in (NoticeDate.Kind.REVIEW, NoticeDate.Kind.FINAL_REVIEW)),
                    None)

    @property
    def next_ministerial_report(self) -> NoticeDate | None:
        return next((d for d in self.upcoming_dates if d.kind == NoticeDate.Kind.MINISTERIAL_REPORT), None)

    @property
    def indicators_meeting_target(self) -> int:
        return sum(1 for i in self.indicators if i.meets_target)

    @property
    def indicators_with_values(self) -> int:
        return sum(1 for i in self.indicators if i.latest is not None)


def _rag_counts(states, attr: str = "rag") -> dict[str, int]:
    counts = Counter(getattr(s, attr) for s in states)
    return {rag.value: counts.get(rag.value, 0) for rag in RAG_ORDER}


def plan_for(board: ImprovementBoard, period: datetime.date) -> ImprovementPlan | None:
    """The council's plan in force at the end of the period: the active one if it was agreed by
    then, else the latest agreed by then."""
    plans = ImprovementPlan.objects.filter(council=board.council, agreed_on__lte=month_end(period))
    return plans.order_by("-is_active", "-agreed_on").first()


def _action_states(plan: ImprovementPlan, period: datetime.date) -> list[ActionState]:
    """Every action of the plan as it stood at the end of ``period``, with its rating a month
    earlier, in a fixed number of queries."""
    end, before = cutoff(period), cutoff(period - relativedelta(months=1))
    end_day, before_day = month_end(period), period - datetime.timedelta(days=1)
    actions = list(
        Action.objects.filter(plan=plan)
        .select_related("owner", "lead_organisation")
        .prefetch_related("measures", "recommendations")
        .order_by("order", "id")
    )

    # Updates are many (an action a month for years): find each action's latest ones from their
    # ids and dates alone, then load just those rows (with their redactions) in one query.
    in_plan = {"action__plan": plan}
    latest_now_id: dict[int, int] = {}
    latest_before_id: dict[int, int] = {}
    updated_after: set[int] = set(
        ProgressUpdate.objects.filter(**in_plan, created_at__gte=end).values_list("action_id", flat=True)
    )
    for pk, action_id, created in (
        ProgressUpdate.objects.filter(**in_plan, created_at__lt=end)
        .order_by("action_id", "-created_at", "-id").values_list("pk", "action_id", "created_at")
    ):
        latest_now_id.setdefault(action_id, pk)
        if created < before:
            latest_before_id.setdefault(action_id, pk)
    wanted = set(latest_now_id.values()) | set(latest_before_id.values())
    loaded = {u.pk: u for u in ProgressUpdate.objects.filter(pk__in=wanted).select_related("author")}
    latest_now = {action_id: loaded[pk] for action_id, pk in latest_now_id.items()}
    latest_before = {action_id: loaded[pk] for action_id, pk in latest_before_id.items()}

    evidence_by: dict[int, list[datetime.datetime]] = defaultdict(list)
    for action_id, created in Evidence.objects.filter(
        update__action__plan=plan, update__created_at__lt=end
    ).values_list("update__action_id", "update__created_at"):
        evidence_by[action_id].append(created)

    history_text: dict[int, tuple[datetime.datetime, str]] = {}
    for action_id, when, text in (
        Action.history.filter(plan_id=plan.pk, history_date__lt=end)
        .order_by("id", "-history_date", "-history_id").values_list("id", "history_date", "evidence_of_impact")
    ):
        history_text.setdefault(action_id, (when, text))

    agreed_now: dict[int, DueDateRevision] = {}
    agreed_before: dict[int, DueDateRevision] = {}
    pending: dict[int, DueDateRevision] = {}
    for revision in (
        DueDateRevision.objects.filter(action__plan=plan, proposed_at__lt=end)
        .select_related("proposed_by").order_by("action_id", "-decided_at", "-proposed_at")
    ):
        decided = revision.decided_at is not None and revision.decided_at < end
        if revision.status == DueDateRevision.Status.AGREED and decided:
            agreed_now.setdefault(revision.action_id, revision)
            if revision.decided_at < before:
                agreed_before.setdefault(revision.action_id, revision)
        elif not decided:
            # Pending at the cut-off (even if decided since); the newest proposal wins.
            current = pending.get(revision.action_id)
            if current is None or revision.proposed_at > current.proposed_at:
                pending[revision.action_id] = revision

    def evidenced(action: Action, until: datetime.datetime) -> bool:
        if any(created < until for created in evidence_by.get(action.pk, [])):
            return True
        if action.pk in history_text and history_text[action.pk][0] < until:
            return bool(history_text[action.pk][1].strip())
        return action.pk not in updated_after and bool(action.evidence_of_impact.strip())

    states = []
    for action in actions:
        update = latest_now.get(action.pk)
        agreed = agreed_now.get(action.pk)
        if action.pk in pending:
            pending[action.pk].action = action  # the report names it: no query per revision
        state = ActionState(
            action=action,
            status=update.status if update else Status.NOT_STARTED,
            reported_rag=update.rag if update else "",
            agreed_revised_due_date=agreed.proposed_date if agreed else None,
            evidenced=evidenced(action, end),
            latest_update=update,
            pending_revision=pending.get(action.pk),
        )
        state.overdue = rules.is_overdue(status=state.status, due_date=action.due_date,
                                         agreed_revised_due_date=state.agreed_revised_due_date, on=end_day)
        state.rag = rules.rag(status=state.status, reported_rag=state.reported_rag, evidenced=state.evidenced,
                              due_date=action.due_date, agreed_revised_due_date=state.agreed_revised_due_date,
                              on=end_day).value
        if plan.agreed_on <= before_day:
            previous = latest_before.get(action.pk)
            previous_agreed = agreed_before.get(action.pk)
            state.previous_rag = rules.rag(
                status=previous.status if previous else Status.NOT_STARTED,
                reported_rag=previous.rag if previous else "",
                evidenced=evidenced(action, before), due_date=action.due_date,
                agreed_revised_due_date=previous_agreed.proposed_date if previous_agreed else None, on=before_day,
            ).value
        states.append(state)
    return states


def _indicators(plan: ImprovementPlan, period: datetime.date) -> list[IndicatorProgress]:
    months = [period - relativedelta(months=n) for n in range(TREND_MONTHS - 1, -1, -1)]
    values = IndicatorValue.objects.filter(month__gte=months[0], month__lte=period).order_by("month")
    indicators = (
        PerformanceIndicator.objects.filter(plan=plan)
        .prefetch_related(Prefetch("values", queryset=values, to_attr="trend"), "measures")
        .order_by("order", "id")
    )
    return [IndicatorProgress(indicator=i, values=list(i.trend), months=months) for i in indicators]


def report_content(board: ImprovementBoard, period: datetime.date) -> ReportContent:
    """Everything the report for ``board`` and the month starting ``period`` shows."""
    period = month_start(period)
    end, end_day = cutoff(period), month_end(period)
    plan = plan_for(board, period)
    notice = board.notice or (plan.notice if plan else None)
    content = ReportContent(board=board, period=period, plan=plan, notice=notice)

    if notice is not None:
        content.upcoming_dates = list(notice.dates.filter(date__gt=end_day).order_by("date"))

    meeting = board.meetings.filter(date__lte=end_day).order_by("-date").first()
    content.previous_meeting = meeting
    if meeting is not None:
        content.decisions = list(meeting.decisions.order_by("number"))

    if plan is None:
        return content

    content.actions = _action_states(plan, period)

    milestones = list(plan.milestones.select_related("measure__theme").order_by("due_date", "title"))
    for milestone in milestones:
        # Point in time: an achievement dated after the period was not known at its end.
        if milestone.achieved_on and milestone.achieved_on > end_day:
            milestone.achieved_on = None
    content.milestones_due = [m for m in milestones if period <= m.due_date <= end_day]
    # Missed: due by the month's end and not achieved on time (one achieved late still counts).
    content.milestones_missed = [m for m in milestones if m.is_missed(on=end_day + datetime.timedelta(days=1))]
    next_period = period + relativedelta(months=1)
    content.milestones_next = [m for m in milestones if next_period <= m.due_date <= month_end(next_period)]

    content.indicators = _indicators(plan, period)

    if notice is not None:
        indicators_by_measure = defaultdict(list)
        for progress in content.indicators:
            for measure in progress.indicator.measures.all():
                indicators_by_measure[measure.pk].append(progress)
        milestones_by_measure = defaultdict(list)
        for milestone in milestones:
            if milestone.measure_id:
                milestones_by_measure[milestone.measure_id].append(milestone)
        actions_by_measure = defaultdict(list)
        mapped = set()
        for state in content.actions:
            for measure in state.action.measures.all():
                actions_by_measure[measure.pk].append(state)
                mapped.add(state.action.pk)
        for theme in notice.themes.prefetch_related("measures").order_by("order"):
            content.themes.append(ThemeProgress(theme=theme, measures=[
                MeasureProgress(measure=m, actions=actions_by_measure[m.pk], milestones=milestones_by_measure[m.pk],
                                indicators=indicators_by_measure[m.pk])
                for m in theme.measures.all()
            ]))
        content.unmapped_actions = [s for s in content.actions if s.action.pk not in mapped]

    content.revisions_pending = [s.pending_revision for s in content.actions if s.pending_revision]
    content.revisions_agreed = list(
        DueDateRevision.objects.filter(
            action__plan=plan, status=DueDateRevision.Status.AGREED, decided_at__gte=cutoff(content.previous_period),
            decided_at__lt=end,
        ).select_related("action", "decided_by", "meeting").order_by("action__order", "decided_at")
    )

    recommendations: dict[int, Recommendation] = {}
    linked: dict[int, list[ActionState]] = defaultdict(list)
    for state in content.actions:
        for recommendation in state.action.recommendations.all():
            recommendations[recommendation.pk] = recommendation
            linked[recommendation.pk].append(state)
    if notice is not None:
        for recommendation in Recommendation.objects.filter(inspection_id=notice.inspection_id):
            recommendations.setdefault(recommendation.pk, recommendation)
    ordered = Recommendation.objects.filter(pk__in=recommendations).select_related("inspection", "section").order_by(
        "inspection__published", "number"
    )
    content.traceability = [Traceability(recommendation=r, actions=linked[r.pk]) for r in ordered]

    if meeting is not None:
        since = datetime.datetime.combine(meeting.date, datetime.time.min, tzinfo=end.tzinfo)
        content.not_updated_since_meeting = [
            s for s in content.actions
            if s.status != Status.COMPLETE and (s.last_updated is None or s.last_updated < since)
        ]
    return content
