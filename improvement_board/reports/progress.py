"""What a board report says about each action, measure, theme and indicator at the end of a
month: the point-in-time records that ``content.report_content`` fills in."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from actions import rules
from actions.models import (
    Action,
    DueDateRevision,
    ImprovementPlan,
    IndicatorValue,
    Milestone,
    PerformanceIndicator,
    ProgressUpdate,
)
from actions.rules import RAG_MEANING, RAG_ORDER, Rag, Status
from inspections.models import (
    ImprovementNotice,
    NoticeDate,
    NoticeMeasure,
    NoticeTheme,
    Recommendation,
)
from inspections.months import add_months, month_end

from ..boards.models import Decision, ImprovementBoard, Meeting
from .point_in_time import Cutoff

TREND_MONTHS = 12


def cutoff(period: datetime.date) -> datetime.datetime:
    """The first instant after the month starting ``period`` (a monthly pack's cut-off)."""
    from .point_in_time import month_cutoff

    return month_cutoff(period).at


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
            f"{last.month:%B %Y}: {ind.format(last.value)} against a target of "
            f"{ind.format(ind.target)} by {ind.target_date:%B %Y}"
            f" ({'meets' if self.meets_target else 'does not meet'} the target; {ind.get_polarity_display().lower()})."
        ]
        if len(self.values) > 1:
            change = last.value - first.value
            better = (change > 0) == (ind.polarity == PerformanceIndicator.Polarity.HIGHER)
            direction = "unchanged" if change == 0 else ("better" if better else "worse")
            parts.append(
                f"From {ind.format(first.value)} in {first.month:%B %Y}"
                f" ({direction}; {len(self.values)} monthly values)."
            )
            low = min(self.values, key=lambda v: v.value)
            high = max(self.values, key=lambda v: v.value)
            parts.append(
                f"Lowest {ind.format(low.value)} ({low.month:%b %Y}), "
                f"highest {ind.format(high.value)} ({high.month:%b %Y})."
            )
        return " ".join(parts)


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
    cut: Cutoff | None = None
    since: Cutoff | None = None
    meeting_date: datetime.date | None = None
    milestones: list[Milestone] = field(default_factory=list)
    board_actions: list = field(default_factory=list)
    risks: list = field(default_factory=list)
    ofsted_activity: list = field(default_factory=list)
    comparisons: list = field(default_factory=list)

    @property
    def council(self):
        return self.board.council

    @property
    def period_end(self) -> datetime.date:
        """The last day whose records count (the cut-off day)."""
        return self.cut.day if self.cut else month_end(self.period)

    @property
    def board_actions_overdue(self) -> list:
        return [a for a in self.board_actions if a.overdue]

    @property
    def risks_escalated(self) -> list:
        return [k for k in self.risks if k.escalated]

    @property
    def decisions_needed(self) -> bool:
        """Anything for page 1's "decisions needed today"."""
        return bool(self.revisions_pending or self.risks_escalated or self.board_actions_overdue)

    @property
    def not_updated_by_owner(self) -> list[tuple[str, list[ActionState]]]:
        """The open actions not updated since the previous meeting, grouped by owner (who to
        ask), owners by name, each owner's actions in plan order."""
        groups: dict[str, list[ActionState]] = {}
        for state in self.not_updated_since_meeting:
            owner = state.action.owner
            name = (owner.get_full_name() or owner.get_username()) if owner else "No owner assigned"
            groups.setdefault(name, []).append(state)
        return sorted(groups.items(), key=lambda item: item[0].lower())

    @property
    def previous_period(self) -> datetime.date:
        return add_months(self.period, -1)

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
            {
                "rag": rag.value,
                "label": rag.label,
                "meaning": RAG_MEANING[rag],
                "count": now[rag.value],
                "previous": before[rag.value],
                "change": now[rag.value] - before[rag.value],
            }
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
        return next(
            (d for d in self.upcoming_dates if d.kind in (NoticeDate.Kind.REVIEW, NoticeDate.Kind.FINAL_REVIEW)), None
        )

    @property
    def next_ministerial_report(self) -> NoticeDate | None:
        return next((d for d in self.upcoming_dates if d.kind == NoticeDate.Kind.MINISTERIAL_REPORT), None)

    @property
    def next_compliance(self) -> NoticeDate | None:
        return next((d for d in self.upcoming_dates if d.kind == NoticeDate.Kind.COMPLIANCE), None)

    @property
    def dates_ahead(self) -> list[tuple[str, NoticeDate]]:
        """Page 1's "Dates ahead": the notice's next review, report to ministers and compliance
        date, each only if it is still ahead at the cut-off (:meth:`NoticeDate.ahead_of`: after the
        cut-off day, or a month-only date in the cut-off's own month)."""
        found = [
            ("Next DfE review", self.next_review),
            ("Next report to ministers", self.next_ministerial_report),
            ("All indicators and milestones met by", self.next_compliance),
        ]
        return [(label, day) for label, day in found if day is not None]

    @property
    def indicators_meeting_target(self) -> int:
        return sum(1 for i in self.indicators if i.meets_target)

    @property
    def indicators_with_values(self) -> int:
        return sum(1 for i in self.indicators if i.latest is not None)


def _rag_counts(states, attr: str = "rag") -> dict[str, int]:
    return rules.rag_counts(getattr(s, attr) for s in states)
