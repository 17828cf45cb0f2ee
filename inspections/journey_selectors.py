"""Reads for the pages of a council's improvement journey between inspections: Ofsted's visits
and their letters, the post-inspection action plans, and DfE's intervention (notices and their
history, reviews, statutory directions, reports to ministers).

The stage a council is at comes from the one rule, :mod:`inspections.intervention`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.db.models.functions import Coalesce

from . import intervention
from .models import (
    Council,
    ImprovementNotice,
    NoticeDate,
    NoticeReview,
    OfstedActivity,
    OfstedFinding,
    PostInspectionPlan,
    StatutoryDirection,
)


@dataclass
class ActivityView:
    activity: OfstedActivity
    findings: list[tuple[str, list[OfstedFinding]]]  # (heading, findings), in the letter's order
    plans: list[PostInspectionPlan]


def _finding_groups(findings: list[OfstedFinding]) -> list[tuple[str, list[OfstedFinding]]]:
    """Findings under their headings: the letter's own heading where it has one, else the kind's
    name (plural), in the order the letter gives them."""
    labels = {
        OfstedFinding.Kind.STRENGTH: "Strengths",
        OfstedFinding.Kind.AREA_FOR_IMPROVEMENT: "Areas for improvement",
        OfstedFinding.Kind.PRIORITY_ACTION: "Areas for priority action",
        OfstedFinding.Kind.AREA_FOR_DEVELOPMENT: "Areas for development",
        OfstedFinding.Kind.PROGRESS: "Progress",
    }
    groups: dict[str, list[OfstedFinding]] = {}
    for finding in findings:
        groups.setdefault(finding.heading_as_written or labels[finding.kind], []).append(finding)
    return list(groups.items())


def ofsted_activities(council: Council) -> list[ActivityView]:
    """The council's Ofsted visits, meetings and ungraded inspections, oldest first, each with its
    findings and action plan deadlines (three queries)."""
    activities = (
        OfstedActivity.objects.filter(council=council)
        .select_related("council", "follows__framework")
        .prefetch_related("findings", Prefetch("action_plans", queryset=PostInspectionPlan.objects.order_by("due")))
        .annotate(when=Coalesce("started", "published"))
        .order_by("when", "number", "pk")
    )
    return [ActivityView(a, _finding_groups(list(a.findings.all())), list(a.action_plans.all())) for a in activities]


def inspection_action_plans(council: Council) -> list[PostInspectionPlan]:
    """The written action plans the council owes Ofsted after its graded inspections."""
    return list(
        PostInspectionPlan.objects.filter(inspection__council=council)
        .select_related("inspection__framework")
        .order_by("-counted_from", "due")
    )


@dataclass
class NoticeView:
    notice: ImprovementNotice
    status: intervention.NoticeStatus
    dates: list[NoticeDate]
    reviews: list[NoticeReview]
    open_review_dates: list[NoticeDate]  # review dates with no review recorded against them
    reports: list[NoticeDate]  # progress reports to ministers
    later: ImprovementNotice | None = None  # the notice that revises or replaces it

    @property
    def can_change(self) -> bool:
        """Still open to a review, a lift or a revision: in force, or its record stops."""
        return self.status.state in (intervention.NoticeState.IN_FORCE, intervention.NoticeState.OUTCOME_NOT_RECORDED)


@dataclass
class DirectionView:
    direction: StatutoryDirection
    in_force: bool
    later: StatutoryDirection | None = None  # the direction that replaces it


@dataclass
class InterventionRecord:
    stage: intervention.InterventionStage
    notices: list[NoticeView] = field(default_factory=list)  # newest first
    directions: list[DirectionView] = field(default_factory=list)  # newest first


def intervention_record(council: Council, *, on: datetime.date) -> InterventionRecord:
    """The council's stage on ``on``, its notices (each with its state from the one rule, its dates
    and reviews, and the notice it revises or replaces) and its statutory directions."""
    notices = list(
        ImprovementNotice.objects.filter(council=council)
        .select_related("council", "inspection__framework", "previous")
        .prefetch_related(
            Prefetch("dates", queryset=NoticeDate.objects.order_by("date")),
            Prefetch("reviews", queryset=NoticeReview.objects.select_related("scheduled").order_by("held_on")),
        )
        .order_by("-issued")
    )
    directions = list(
        StatutoryDirection.objects.filter(council=council)
        .select_related("council", "follows_notice", "previous")
        .order_by("-issued")
    )
    successors: dict[int, list[ImprovementNotice]] = {}
    for notice in notices:
        if notice.previous_id:
            successors.setdefault(notice.previous_id, []).append(notice)
    views = []
    for notice in notices:
        reviews = list(notice.reviews.all())
        held = {r.scheduled_id for r in reviews if r.scheduled_id}
        dates = list(notice.dates.all())
        views.append(
            NoticeView(
                notice=notice,
                status=intervention.notice_status(notice, on=on, successors=successors.get(notice.pk, [])),
                dates=dates,
                reviews=reviews,
                open_review_dates=[d for d in dates if d.kind in intervention.REVIEW_KINDS and d.pk not in held],
                reports=[d for d in dates if d.kind == NoticeDate.Kind.MINISTERIAL_REPORT],
                later=min(successors.get(notice.pk, []), key=lambda n: n.issued, default=None),
            )
        )
    replaced_by = {d.previous_id: d for d in directions if d.previous_id}
    return InterventionRecord(
        stage=intervention.stage_from(notices, directions, on=on),
        notices=views,
        directions=[DirectionView(d, d.in_force_on(on), replaced_by.get(d.pk)) for d in directions],
    )
