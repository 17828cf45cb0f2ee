"""Reads for the DfE observer's dashboards: the national overview and one council's dashboard.

Each page makes a fixed number of queries whatever the number of councils, actions, progress
updates or indicator values: counting is done by the database (``Count`` with ``filter``, over
``actions.rules.annotate_rag`` so that the RAG rules stay in one place), and the small lookups
that follow (judgements, notices, neighbours) are fetched once for every council together.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from actions import rules
from actions.models import (
    OFF_TARGET,
    Action,
    ImprovementPlan,
    PerformanceIndicator,
)
from actions.rules import Rag, Status
from inspections import headlines
from inspections import selectors as inspection_selectors
from inspections.cells import cell_safe
from inspections.grading import LEVEL_RANK, Level
from inspections.intervention import InterventionStage, Stage, intervention_stages
from inspections.models import (
    Council,
    Judgement,
    NoticeDate,
    PublishedValue,
    StatisticalNeighbour,
)
from inspections.months import add_months

from ..accounts import access as permissions
from . import freshness

# The dates on a notice an observer watches for: the next review or report to ministers.
WATCHED_DATES = (NoticeDate.Kind.REVIEW, NoticeDate.Kind.FINAL_REVIEW, NoticeDate.Kind.MINISTERIAL_REPORT)


# --- Headline judgements -----------------------------------------------------------------------


@dataclass
class _J:
    area: str
    level: str
    order: int


@dataclass
class LatestJudgement:
    framework: str
    published: datetime.date
    level: str
    area: str

    @property
    def level_label(self) -> str:
        return Level(self.level).label


# --- The national overview -----------------------------------------------------------------------


@dataclass
class OverviewRow:
    council: Council | None  # None in the cache: the reader adds the council it read
    judgements: list[LatestJudgement] = field(default_factory=list)  # one per framework, newest first
    notice_status: str = ""  # the intervention stage (inspections.intervention.Stage)
    notice_status_label: str = "No intervention"
    stage: InterventionStage | None = None
    next_date: NoticeDate | None = None
    has_plan: bool = False
    synthetic: bool = False
    rag: dict[str, int] = field(default_factory=lambda: rules.rag_counts(()))
    total: int = 0
    overdue: int = 0
    newly_overdue: int = 0
    completed_recently: int = 0
    indicators_off_target: int = 0
    indicators_measured: int = 0
    worse_than_neighbours: int = 0
    compared_with_neighbours: int = 0
    html: str = ""  # the row of the overview's table (templates/dashboards/_overview_row.html)

    @property
    def latest_overall(self) -> LatestJudgement | None:
        return self.judgements[0] if self.judgements else None

    @property
    def rag_bar(self) -> list[dict]:
        """Segments of the plan's RAG bar, worst first, each with its share of 100 (for the SVG)."""
        out, x = [], 0.0
        for rag in rules.RAG_ORDER:
            n = self.rag[rag.value]
            width = 100.0 * n / self.total if self.total else 0.0
            out.append({"rag": rag.value, "label": rag.label, "n": n, "x": round(x, 2), "width": round(width, 2)})
            x += width
        return out

    @property
    def rag_text(self) -> str:
        return rules.rag_counts_text(self.rag)

    @property
    def change(self) -> int:
        """Net change since a month ago: actions newly overdue less actions completed."""
        return self.newly_overdue - self.completed_recently

    @property
    def change_text(self) -> str:
        if not self.has_plan:
            return ""
        if not self.newly_overdue and not self.completed_recently:
            return "No change"
        return f"{self.newly_overdue} newly overdue, {self.completed_recently} completed"

    @property
    def concerns(self) -> int:
        return self.indicators_off_target + self.worse_than_neighbours


SORT_KEYS = {
    "council": lambda r: r.council.short_name.lower(),
    "region": lambda r: (r.council.region, r.council.short_name.lower()),
    "judgement": lambda r: (
        -LEVEL_RANK[Level(r.latest_overall.level)] if r.latest_overall else 1,
        r.council.short_name.lower(),
    ),
    "judged": lambda r: r.latest_overall.published if r.latest_overall else datetime.date.min,
    "notice": lambda r: (
        STAGE_ORDER.get(r.notice_status, len(STAGE_ORDER)),
        r.stage.next_review if r.stage and r.stage.next_review else datetime.date.max,
    ),
    "red": lambda r: r.rag[Rag.RED] / r.total if r.total else -1,
    "overdue": lambda r: r.overdue if r.has_plan else -1,
    "indicators": lambda r: r.concerns,
    "change": lambda r: r.change if r.has_plan else -(10**9),
}
# The columns whose natural first sort is largest (worst) first.
DESCENDING_FIRST = {"red", "overdue", "indicators", "change", "judged"}

# Intervention stages, most intervention first; the filter offers them and "under a notice or
# direction" (the two stages in force).
STAGE_ORDER = {stage.value: i for i, stage in enumerate(Stage)}
UNDER_INTERVENTION = "under_intervention"
NOTICE_FILTERS = {UNDER_INTERVENTION: "Under a notice or direction"} | {s.value: s.label for s in Stage}


def overview_councils(user) -> QuerySet[Council]:
    """The councils on a user's overview: those they may see, current ones only (a former
    council's history is on its own page)."""
    return permissions.visible_councils(user).filter(is_current=True).order_by("short_name")


def overview_rows(user, *, on: datetime.date | None = None) -> list[OverviewRow]:
    """One row per council the user follows. Each council's row comes from the cache while its
    data is unchanged (:mod:`.freshness`); the rows missing are computed together, in a fixed
    number of queries whatever the number of councils, actions or values."""
    on = on or timezone.localdate()
    councils = {c.pk: c for c in overview_councils(user)}
    summaries = freshness.per_council(
        OVERVIEW_ROW_KIND, list(councils), on=on, compute=lambda ids: _summaries([councils[i] for i in ids], on=on)
    )
    rows = []
    for pk, council in councils.items():
        row = summaries[pk]  # each read from the cache is this request's own copy
        row.council = council
        rows.append(row)
    return rows


OVERVIEW_ROW_KIND = "overview-row"


def _summaries(councils: list[Council], *, on: datetime.date) -> dict[int, OverviewRow]:
    """The rows of ``councils`` computed afresh (eight queries), each with its table row's HTML
    rendered once here (the page shows 50 of them; rendering them on every request was most of
    its time), and without its council (the caller adds the one it read), ready to be cached."""
    rows = {c.pk: OverviewRow(council=c) for c in councils}
    ids = list(rows)
    _add_judgements(rows, ids)
    _add_notices(rows, ids, on=on)
    _add_action_counts(rows, ids, on=on)
    _add_indicator_counts(rows, ids)
    _add_neighbour_comparisons(rows, ids)
    for row in rows.values():
        row.html = render_to_string("dashboards/_overview_row.html", {"r": row})
    return {pk: replace(row, council=None) for pk, row in rows.items()}


def _add_judgements(rows: dict[int, OverviewRow], ids: list[int]) -> None:
    """Latest headline judgement per framework (one query)."""
    found = (
        Judgement.objects.filter(inspection__council_id__in=ids)
        .filter(headlines.candidates())
        .values_list(
            "inspection__council_id",
            "inspection_id",
            "inspection__framework__code",
            "inspection__published",
            "area",
            "level",
            "order",
        )
        .order_by("inspection__council_id", "-inspection__published", "inspection_id", "order")
    )
    by_inspection: dict[int, tuple] = {}
    for council_id, inspection_id, code, published, area, level, order in found:
        entry = by_inspection.setdefault(inspection_id, (council_id, code, published, []))
        entry[3].append(_J(area, level, order))
    for council_id, code, published, judgements in by_inspection.values():
        row = rows[council_id]
        if any(j.framework == code for j in row.judgements):
            continue  # an earlier inspection under a framework already shown
        found = headlines.headline(judgements, code)
        if found is None:
            continue  # no overall grade (JAR, YOT): nothing stands for it
        row.judgements.append(LatestJudgement(code, published, *found))
    for row in rows.values():
        row.judgements.sort(key=lambda j: j.published, reverse=True)


def _add_notices(rows: dict[int, OverviewRow], ids: list[int], *, on: datetime.date) -> None:
    """Each council's intervention stage (the one rule, four queries), and for a council under a
    notice its next review or report to ministers."""
    for council_id, stage in intervention_stages([r.council for r in rows.values()], on=on).items():
        row = rows[council_id]
        row.stage, row.notice_status, row.notice_status_label = stage, stage.stage.value, stage.label
    for row in rows.values():
        if row.stage.stage == Stage.NOTICE:  # its dates came with the stage: no query
            row.next_date = next(
                (d for d in row.stage.notice.dates.all() if d.kind in WATCHED_DATES and d.date >= on), None
            )


def _add_action_counts(rows: dict[int, OverviewRow], ids: list[int], *, on: datetime.date) -> None:
    """RAG distribution, overdue, and change since a month ago, counted by the database."""
    month_ago = add_months(on, -1)
    since = timezone.make_aware(datetime.datetime.combine(month_ago, datetime.time.min))
    found = (
        rules.annotate_rag(Action.objects.filter(plan__is_active=True, plan__council_id__in=ids), on=on)
        .values("plan__council_id", "plan__is_synthetic")
        .annotate(
            total=Count("pk"),
            overdue_n=Count("pk", filter=Q(overdue=True)),
            newly_overdue=Count("pk", filter=~Q(status=Status.COMPLETE) & Q(deadline__gte=month_ago, deadline__lt=on)),
            completed_recently=Count("pk", filter=Q(status=Status.COMPLETE, last_updated_at__gte=since)),
            **rules.rag_count_aggregates(),
        )
        .order_by()
    )
    for entry in found:
        row = rows[entry["plan__council_id"]]
        row.has_plan, row.synthetic = True, entry["plan__is_synthetic"]
        row.total, row.overdue = entry["total"], entry["overdue_n"]
        row.newly_overdue, row.completed_recently = entry["newly_overdue"], entry["completed_recently"]
        row.rag = rules.rag_counts_from(entry)
    # A plan with no actions yet still counts as a plan.
    for council_id, synthetic in ImprovementPlan.objects.filter(
        is_active=True, council_id__in=ids, actions__isnull=True
    ).values_list("council_id", "is_synthetic"):
        rows[council_id].has_plan, rows[council_id].synthetic = True, synthetic


def _add_indicator_counts(rows: dict[int, OverviewRow], ids: list[int]) -> None:
    """How many of each plan's indicators are off target at their latest value (one query)."""
    found = (
        PerformanceIndicator.objects.filter(plan__is_active=True, plan__council_id__in=ids)
        .with_latest_value()
        .values("plan__council_id")
        .annotate(off=Count("pk", filter=OFF_TARGET), measured=Count("pk", filter=Q(latest__isnull=False)))
        .order_by()
    )
    for entry in found:
        row = rows[entry["plan__council_id"]]
        row.indicators_off_target, row.indicators_measured = entry["off"], entry["measured"]


def _add_neighbour_comparisons(rows: dict[int, OverviewRow], ids: list[int]) -> None:
    """How many published indicators are worse, in their latest year, than the average of the
    council's statistical neighbours (three queries; the comparison is over ~1,500 values)."""
    latest_years = (
        PublishedValue.objects.filter(geographic_level=PublishedValue.Level.NATIONAL)
        .values("indicator_id")
        .annotate(year=Max("year_end"))
        .order_by()
    )
    latest = Q(pk__in=[])
    for entry in latest_years:
        latest |= Q(indicator_id=entry["indicator_id"], year_end=entry["year"])
    values: dict[tuple[int, int], Decimal] = {}
    higher: dict[int, bool] = {}
    for indicator_id, council_id, value, higher_is_better in PublishedValue.objects.filter(
        latest, geographic_level=PublishedValue.Level.LOCAL_AUTHORITY, value__isnull=False
    ).values_list("indicator_id", "council_id", "value", "indicator__higher_is_better"):
        values[(indicator_id, council_id)] = value
        higher[indicator_id] = higher_is_better
    neighbours: dict[int, list[int]] = {}
    for council_id, neighbour_id in StatisticalNeighbour.objects.filter(council_id__in=ids).values_list(
        "council_id", "neighbour_id"
    ):
        neighbours.setdefault(council_id, []).append(neighbour_id)
    for council_id, row in rows.items():
        for indicator_id, better_high in higher.items():
            own = values.get((indicator_id, council_id))
            others = [values[(indicator_id, n)] for n in neighbours.get(council_id, ()) if (indicator_id, n) in values]
            if own is None or not others:
                continue
            row.compared_with_neighbours += 1
            average = inspection_selectors.neighbours_average(others)
            if (own < average) if better_high else (own > average):
                row.worse_than_neighbours += 1


def filter_rows(
    rows: list[OverviewRow], *, region: str = "", notice: str = "", judgement: str = "", name: str = ""
) -> list[OverviewRow]:
    if name:
        words = name.lower().split()
        rows = [r for r in rows if all(w in f"{r.council.name} {r.council.short_name}".lower() for w in words)]
    if region:
        rows = [r for r in rows if r.council.region == region]
    if notice == UNDER_INTERVENTION:
        rows = [r for r in rows if r.stage and r.stage.under_intervention]
    elif notice:
        rows = [r for r in rows if (r.notice_status or "none") == notice]
    if judgement:
        if judgement == "none":
            rows = [r for r in rows if r.latest_overall is None]
        else:
            rows = [r for r in rows if r.latest_overall and r.latest_overall.level == judgement]
    return rows


def sort_rows(rows: list[OverviewRow], sort: str) -> tuple[list[OverviewRow], str, bool]:
    """Rows in the order asked for (``"-red"``: descending). Returns rows, column, descending."""
    descending = sort.startswith("-")
    column = sort.lstrip("-")
    if column not in SORT_KEYS:
        column, descending = "council", False
    rows = sorted(rows, key=lambda r: r.council.short_name.lower())
    return sorted(rows, key=SORT_KEYS[column], reverse=descending), column, descending


def overview_csv(rows: list[OverviewRow]) -> str:
    """The overview as CSV; every cell through :func:`inspections.cells.cell_safe`."""
    out = io.StringIO()
    writer = _SafeWriter(csv.writer(out))
    writer.writerow(
        [
            "Council",
            "ONS code",
            "Region",
            "Latest overall judgement",
            "Framework",
            "Published",
            "Latest judgements by framework",
            "Intervention stage",
            "Since",
            "Next review",
            "Reviews with no outcome recorded",
            "Next review or ministerial report",
            "Plan",
            "Actions",
            "Red",
            "Amber",
            "Green",
            "Blue",
            "Overdue",
            "Newly overdue (last month)",
            "Completed (last month)",
            "Plan indicators off target",
            "Plan indicators measured",
            "Published indicators worse than neighbours",
            "Published indicators compared",
        ]
    )
    for r in rows:
        latest = r.latest_overall
        writer.writerow(
            [
                r.council.short_name,
                r.council.ons_code,
                r.council.region,
                latest.level_label if latest else "",
                latest.framework if latest else "",
                latest.published.isoformat() if latest else "",
                "; ".join(f"{j.framework} {j.published:%Y-%m-%d}: {j.level_label}" for j in r.judgements),
                r.notice_status_label,
                r.stage.since.isoformat() if r.stage and r.stage.since else "",
                r.stage.next_review_label if r.stage else "",
                "; ".join(r.stage.reviews_without_outcome) if r.stage else "",
                f"{r.next_date.get_kind_display()}: {r.next_date.date.isoformat()}" if r.next_date else "",
                ("Synthetic plan" if r.synthetic else "Plan") if r.has_plan else "No plan",
                r.total if r.has_plan else "",
                r.rag["red"],
                r.rag["amber"],
                r.rag["green"],
                r.rag["blue"],
                r.overdue if r.has_plan else "",
                r.newly_overdue if r.has_plan else "",
                r.completed_recently if r.has_plan else "",
                r.indicators_off_target,
                r.indicators_measured,
                r.worse_than_neighbours,
                r.compared_with_neighbours,
            ]
        )
    return out.getvalue()


class _SafeWriter:
    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row):
        self.writer.writerow([cell_safe(value) for value in row])


# --- One council's dashboard -----------------------------------------------------------------------
