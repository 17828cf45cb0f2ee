"""Reads for one council's dashboard: its inspection timeline, the notice's measures, the plan's
indicators with their charts, and the latest board report."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actions import indicator_selectors, rules
from actions import selectors as action_selectors
from actions.models import (
    Action,
    DueDateRevision,
    ImprovementPlan,
    Milestone,
)
from inspections import charts as inspection_charts
from inspections import headlines
from inspections import selectors as inspection_selectors
from inspections.grading import Level
from inspections.intervention import InterventionStage, intervention_stages
from inspections.models import (
    Council,
    ImprovementNotice,
    Inspection,
    Judgement,
    NoticeDate,
    NoticeMeasure,
    NoticeTheme,
    StatisticalNeighbour,
)

from ..reports.models import BoardReport
from . import freshness

# The dates on a notice an observer watches for: the next review or report to ministers.


@dataclass
class TimelineEntry:
    inspection: Inspection
    level: str | None
    area: str
    judgements: list[Judgement]

    @property
    def level_label(self) -> str:
        return Level(self.level).label if self.level else "Not graded"

    @property
    def no_headline_reason(self) -> str:
        return headlines.no_headline_reason(self.inspection.framework.code)

    @property
    def grade_as_written(self) -> str:
        found = [j.grade_as_written for j in self.judgements if j.area == self.area and j.level == self.level]
        return found[0] if found else ""


LEVEL_ROWS = [Level.OUTSTANDING, Level.GOOD, Level.REQUIRES_IMPROVEMENT, Level.INADEQUATE]


def timeline(inspections: list[Inspection]) -> list[TimelineEntry]:
    """Inspections oldest first, each with its headline level on the one scale."""
    out = []
    for inspection in sorted(inspections, key=lambda i: i.published):
        judgements = list(inspection.judgements.all())
        found = headlines.headline(judgements, inspection.framework.code)
        out.append(TimelineEntry(inspection, found[0] if found else None, found[1] if found else "", judgements))
    return out


def timeline_chart(entries: list[TimelineEntry], council: Council) -> str:
    """Headline levels over time, each point on one scale from outstanding to inadequate and
    labelled with its framework and year (:func:`inspections.charts.row_timeline`)."""
    graded = [e for e in entries if e.level]
    if not graded:
        return ""
    title = (
        f"Timeline of {council.short_name}'s inspections, {graded[0].inspection.published.year} to "
        f"{graded[-1].inspection.published.year}, each placed on one scale from outstanding to inadequate"
    )
    return inspection_charts.row_timeline(
        rows=[level.label for level in LEVEL_ROWS],
        title=title,
        in_words=timeline_summary(entries, council),
        points=[
            (
                e.inspection.published,
                LEVEL_ROWS.index(Level(e.level)),
                f"{e.inspection.framework.code} {e.inspection.published.year}",
            )
            for e in graded
        ],
    )


def timeline_summary(entries: list[TimelineEntry], council: Council) -> str:
    graded = [e for e in entries if e.level]
    if not graded:
        return f"No graded inspections are recorded for {council.short_name}."
    steps = "; ".join(
        f"{e.inspection.published:%B %Y}, {e.inspection.title} ({e.inspection.framework.code}): {e.level_label.lower()}"
        for e in graded
    )
    first, last = graded[0].inspection, graded[-1].inspection
    return (
        f"{len(graded)} graded inspection{'s' if len(graded) != 1 else ''}, from {first.title} (published "
        f"{first.published:%B %Y}) to {last.title} (published {last.published:%B %Y}). Oldest first: {steps}."
    )


@dataclass
class MeasureRow:
    measure: NoticeMeasure
    rag: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rag.values())

    @property
    def text(self) -> str:
        return rules.rag_counts_text(self.rag, zeros=False)


def notice_progress(
    notice: ImprovementNotice | None, plan: ImprovementPlan | None, *, on: datetime.date
) -> list[tuple[NoticeTheme, list[MeasureRow]]]:
    """The notice's themes and measures, each measure with the RAG counts of the plan's actions
    that answer it (two queries for themes and measures, one for the counts)."""
    if notice is None:
        return []
    themes = list(
        notice.themes.prefetch_related(Prefetch("measures", queryset=NoticeMeasure.objects.order_by("number")))
    )
    counts: dict[int, dict[str, int]] = {}
    if plan is not None:
        actions = Action.objects.filter(plan=plan, measures__theme__notice=notice)
        counts = action_selectors.rag_counts_by(actions, on=on, by="measures")
    empty = rules.rag_counts(())
    return [(theme, [MeasureRow(m, counts.get(m.pk, dict(empty))) for m in theme.measures.all()]) for theme in themes]


def cached_svg(kind: str, data: str, render) -> str:
    """A chart's SVG, rendered once per distinct data (the data behind a chart changes monthly at
    most). The key is a digest of everything drawn."""
    key = f"dashboards:{kind}:{hashlib.sha256(data.encode()).hexdigest()}"
    svg = cache.get(key)
    if svg is None:
        svg = render()
        cache.set(key, svg, 60 * 60 * 24)
    return svg


def _comparison_key(c) -> str:
    return repr((c.indicator.pk, c.indicator.name, c.council.short_name, c.years, c.series, c.year_labels))


def report_download_url(report: BoardReport) -> str:
    """The download link of a board report (the board pages own the view, which checks permission)."""
    return reverse("board_report_download", kwargs={"slug": report.board.slug, "pk": report.pk})


@dataclass
class CouncilDashboard:
    council: Council
    timeline: list[TimelineEntry]
    timeline_svg: str
    timeline_summary: str
    notice: ImprovementNotice | None
    notice_dates: list[NoticeDate]
    themes: list[tuple[NoticeTheme, list[MeasureRow]]]
    plan: ImprovementPlan | None
    rag: dict[str, int]
    plan_indicators: list[indicator_selectors.IndicatorStanding]
    comparisons: list
    neighbours: list[StatisticalNeighbour]
    milestones: list[Milestone]
    overdue: list[Action]
    pending: list[DueDateRevision]
    reports: list[BoardReport]
    on: datetime.date
    stage: InterventionStage | None = None
    ofsted_activities: list = field(default_factory=list)
    timeline_html: str = ""
    notice_html: str = ""
    indicators_html: str = ""

    @property
    def compliance_date(self) -> NoticeDate | None:
        return next((d for d in self.notice_dates if d.kind == NoticeDate.Kind.COMPLIANCE), None)

    @property
    def rag_total(self) -> int:
        return sum(self.rag.values())

    @property
    def rag_text(self) -> str:
        return rules.rag_counts_text(self.rag)

    @property
    def milestone_rows(self) -> list[dict]:
        """Each milestone with how it stands against the compliance date and today."""
        compliance = self.compliance_date
        out = []
        for m in self.milestones:
            out.append(
                {
                    "milestone": m,
                    "state": m.state(on=self.on).label,
                    "after_compliance": bool(compliance and m.due_date > compliance.date),
                }
            )
        return out


COUNCIL_DASHBOARD_KIND = "council-dashboard"
# The sections drawn from the council's versioned data, rendered once per version and cached.
CACHED_SECTIONS = {
    "timeline_html": "dashboards/_council_timeline.html",
    "notice_html": "dashboards/_council_notice.html",
    "indicators_html": "dashboards/_council_indicators.html",
}


def council_dashboard(council: Council, *, on: datetime.date | None = None) -> CouncilDashboard:
    """Everything on one council's dashboard. What is read from the council's versioned data
    (:mod:`.freshness`: inspections, notice, plan, actions, indicators, national figures) comes
    from the cache until a write changes it, with its sections' HTML; what names people or comes
    from elsewhere (overdue actions and their owners, revised dates awaiting the board, board
    reports, Ofsted's letters) is read on every request, in a few small queries."""
    on = on or timezone.localdate()
    d = freshness.per_council(
        COUNCIL_DASHBOARD_KIND, [council.pk], on=on, compute=lambda ids: {council.pk: _versioned_part(council, on=on)}
    )[council.pk]
    d.council = council
    if d.plan is not None:
        d.overdue = list(
            rules.annotate_rag(Action.objects.filter(plan=d.plan), on=on)
            .filter(overdue=True)
            .select_related("owner")
            .order_by("deadline", "order")
        )
        d.pending = list(action_selectors.pending_revisions([council]))
    d.reports = list(
        BoardReport.objects.filter(board__council=council, status=BoardReport.Status.READY)
        .select_related("board")
        .order_by("-period", "-version")
    )
    for report in d.reports:
        report.download_url = report_download_url(report)
    d.ofsted_activities = list(
        council.ofsted_activities.select_related("follows__framework")
        .prefetch_related("findings", "action_plans")
        .order_by("-published", "-started")
    )
    return d


def _versioned_part(council: Council, *, on: datetime.date) -> CouncilDashboard:
    """The dashboard's parts read from the council's versioned data, with their sections rendered."""
    inspections = list(inspection_selectors.inspection_history(council))
    entries = timeline(inspections)
    notice = (
        ImprovementNotice.objects.filter(council=council)
        .select_related("inspection__framework")
        .order_by("-issued")
        .first()
    )
    notice_dates = list(notice.dates.order_by("date")) if notice else []
    plan = action_selectors.active_plan(council)
    rag = rules.rag_counts(())
    plan_indicators: list[indicator_selectors.IndicatorStanding] = []
    milestones: list[Milestone] = []
    if plan is not None:
        rag = action_selectors.plan_rag_counts(plan, on=on)
        plan_indicators = indicator_selectors.plan_standings(plan)
        milestones = list(plan.milestones.select_related("measure__theme").order_by("due_date"))
    neighbours = inspection_selectors.statistical_neighbours(council)
    comparisons = inspection_selectors.indicator_comparisons(council, neighbours)
    for c in comparisons:
        c.chart_svg = cached_svg("published", _comparison_key(c), lambda c=c: inspection_charts.indicator_chart(c))
    d = CouncilDashboard(
        council=council,
        timeline=entries,
        timeline_svg=timeline_chart(entries, council),
        timeline_summary=timeline_summary(entries, council),
        notice=notice,
        notice_dates=notice_dates,
        themes=notice_progress(notice, plan, on=on),
        plan=plan,
        rag=rag,
        plan_indicators=plan_indicators,
        comparisons=comparisons,
        neighbours=neighbours,
        milestones=milestones,
        overdue=[],
        pending=[],
        reports=[],
        on=on,
        stage=intervention_stages([council], on=on)[council.pk],
    )
    for name, template in CACHED_SECTIONS.items():
        setattr(d, name, render_to_string(template, {"d": d, "council": council}))
    return d
