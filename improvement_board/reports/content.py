"""What a board pack says, read from the database as it stood at the pack's data cut-off.

The rule is :mod:`.point_in_time`'s, stated once there and printed in the pack's key: a record
counts if it was recorded by the cut-off. Here it is applied to each kind of record:

- an action's status, its owner's rating, narrative and remedial action come from its latest
  progress update made before the cut-off (updates are history, never edited), not from the
  action row, which holds today's state;
- its agreed revised due date is the latest revision *agreed* before the cut-off; a revision is
  "awaiting the board" if it was proposed before the cut-off and not decided by then;
- its evidence of impact counts if evidence was attached to an update before the cut-off, or the
  action's history (django-simple-history) held the text before the cut-off; failing any history
  before the cut-off, today's text counts only if no update has been made since;
- a milestone is achieved as its history recorded it by the cut-off (and on a date no later);
- indicator values are each month's value as last recorded by the cut-off, from their history;
- the board's actions, risks and Ofsted activity (:mod:`.sections`) as recorded by then;
- the "previous meeting" is the latest meeting held on or before the cut-off day.

"Change" compares with ``since``: the last pack's cut-off (a meeting pack) or the end of the month
before (a monthly pack). The RAG and overdue rules are those of :mod:`actions.rules`, applied on
the cut-off day (an action due that day is not yet overdue).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from actions import rules
from actions.models import (
    Action,
    DueDateRevision,
    Evidence,
    ImprovementPlan,
    IndicatorValue,
    PerformanceIndicator,
    ProgressUpdate,
)
from actions.rules import Status
from inspections.models import NoticeDate, Recommendation
from inspections.months import add_months, month_end, month_start

from ..boards.models import ImprovementBoard
from . import point_in_time, sections
from .point_in_time import Cutoff
from .progress import (
    TREND_MONTHS,
    ActionState,
    IndicatorProgress,
    MeasureProgress,
    ReportContent,
    ThemeProgress,
    Traceability,
)


def plan_for(board: ImprovementBoard, day: datetime.date) -> ImprovementPlan | None:
    """The council's plan in force on ``day``: the active one if it was agreed by then, else the
    latest agreed by then."""
    plans = ImprovementPlan.objects.filter(council=board.council, agreed_on__lte=day)
    return plans.order_by("-is_active", "-agreed_on").first()


def _action_states(plan: ImprovementPlan, cut: Cutoff, since: Cutoff) -> list[ActionState]:
    """Every action of the plan as it stood at the cut-off, with its rating at ``since``, in a
    fixed number of queries."""
    end, before = cut.at, since.at
    end_day, before_day = cut.day, since.day
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
        .order_by("action_id", "-created_at", "-id")
        .values_list("pk", "action_id", "created_at")
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
        .order_by("id", "-history_date", "-history_id")
        .values_list("id", "history_date", "evidence_of_impact")
    ):
        history_text.setdefault(action_id, (when, text))

    agreed_now: dict[int, DueDateRevision] = {}
    agreed_before: dict[int, DueDateRevision] = {}
    pending: dict[int, DueDateRevision] = {}
    for revision in (
        DueDateRevision.objects.filter(action__plan=plan, proposed_at__lt=end)
        .select_related("proposed_by")
        .order_by("action_id", "-decided_at", "-proposed_at")
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
        return action.pk not in updated_after and rules.is_evidenced(action.evidence_of_impact)

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
        state.overdue = rules.is_overdue(
            status=state.status,
            due_date=action.due_date,
            agreed_revised_due_date=state.agreed_revised_due_date,
            on=end_day,
        )
        state.rag = rules.rag(
            status=state.status,
            reported_rag=state.reported_rag,
            evidenced=state.evidenced,
            due_date=action.due_date,
            agreed_revised_due_date=state.agreed_revised_due_date,
            on=end_day,
        ).value
        if plan.agreed_on <= before_day:
            previous = latest_before.get(action.pk)
            previous_agreed = agreed_before.get(action.pk)
            state.previous_rag = rules.rag(
                status=previous.status if previous else Status.NOT_STARTED,
                reported_rag=previous.rag if previous else "",
                evidenced=evidenced(action, before),
                due_date=action.due_date,
                agreed_revised_due_date=previous_agreed.proposed_date if previous_agreed else None,
                on=before_day,
            ).value
        states.append(state)
    return states


def _indicators(plan: ImprovementPlan, cut: Cutoff) -> list[IndicatorProgress]:
    """Each indicator over the trend window to the cut-off's month, its values as last recorded
    by the cut-off (:func:`.point_in_time.values_as_recorded`)."""
    last = cut.day.replace(day=1)
    months = [add_months(last, -n) for n in range(TREND_MONTHS - 1, -1, -1)]
    indicators = list(
        PerformanceIndicator.objects.filter(plan=plan)
        .prefetch_related("measures", "trajectory")
        .order_by("order", "id")
    )
    by_indicator = defaultdict(list)
    for value in point_in_time.values_as_recorded(
        IndicatorValue,
        cut=cut,
        filters={"indicator_id__in": [i.pk for i in indicators], "month__gte": months[0], "month__lte": last},
    ):
        by_indicator[value.indicator_id].append(value)
    return [
        IndicatorProgress(indicator=i, values=sorted(by_indicator[i.pk], key=lambda v: v.month), months=months)
        for i in indicators
    ]


def report_content(
    board: ImprovementBoard,
    period: datetime.date,
    *,
    cut: Cutoff | None = None,
    since: Cutoff | None = None,
    meeting_date: datetime.date | None = None,
    next_meeting: datetime.date | None = None,
) -> ReportContent:
    """Everything the pack for ``board`` shows: for the month starting ``period`` (a monthly
    pack, cut at the month's end), or as at ``cut`` (a meeting's pack), with change since
    ``since`` (default: the end of the month before)."""
    period = month_start(period)
    cut = cut or point_in_time.month_cutoff(period)
    since = since or point_in_time.month_cutoff(add_months(period, -1))
    end, end_day = cut.at, cut.day
    plan = plan_for(board, end_day)
    notice = board.notice or (plan.notice if plan else None)
    content = ReportContent(
        board=board, period=period, plan=plan, notice=notice, cut=cut, since=since, meeting_date=meeting_date
    )
    sections.add_governance(content)

    if notice is not None:
        content.upcoming_dates = list(notice.dates.filter(NoticeDate.ahead_of(end_day)).order_by("date"))

    meeting = board.meetings.filter(date__lte=end_day).order_by("-date").first()
    content.previous_meeting = meeting
    if meeting is not None:
        content.decisions = list(meeting.decisions.order_by("number"))

    if plan is None:
        return content

    content.actions = _action_states(plan, cut, since)

    milestones = list(plan.milestones.select_related("measure__theme").order_by("due_date", "title"))
    point_in_time.achieved_as_recorded(milestones, cut=cut)
    content.milestones = milestones
    content.milestones_due = [m for m in milestones if since.day < m.due_date <= end_day]
    # Missed: due by the cut-off and not achieved on time (one achieved late still counts).
    content.milestones_missed = [m for m in milestones if m.is_missed(on=end_day + datetime.timedelta(days=1))]
    horizon = next_meeting or (
        month_end(add_months(period, 1))
        if meeting_date is None
        else meeting_date + datetime.timedelta(weeks=board.cadence_weeks)
    )
    content.milestones_next = [m for m in milestones if end_day < m.due_date <= horizon]

    content.indicators = _indicators(plan, cut)

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
            content.themes.append(
                ThemeProgress(
                    theme=theme,
                    measures=[
                        MeasureProgress(
                            measure=m,
                            actions=actions_by_measure[m.pk],
                            milestones=milestones_by_measure[m.pk],
                            indicators=indicators_by_measure[m.pk],
                        )
                        for m in theme.measures.all()
                    ],
                )
            )
        content.unmapped_actions = [s for s in content.actions if s.action.pk not in mapped]

    content.revisions_pending = [s.pending_revision for s in content.actions if s.pending_revision]
    content.revisions_agreed = list(
        DueDateRevision.objects.filter(
            action__plan=plan,
            status=DueDateRevision.Status.AGREED,
            decided_at__gte=since.at,
            decided_at__lt=end,
        )
        .select_related("action", "decided_by", "decided_in__meeting")
        .order_by("action__order", "decided_at")
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
    ordered = (
        Recommendation.objects.filter(pk__in=recommendations)
        .select_related("inspection", "section")
        .order_by("inspection__published", "number")
    )
    content.traceability = [Traceability(recommendation=r, actions=linked[r.pk]) for r in ordered]

    if meeting is not None:
        content.not_updated_since_meeting = [
            s
            for s in content.actions
            if rules.not_updated_since(status=s.status, last_updated_at=s.last_updated, since=meeting.date)
        ]
    return content
