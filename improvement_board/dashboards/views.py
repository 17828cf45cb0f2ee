"""The DfE observer's dashboards: the national overview (and its CSV) and one council's
dashboard. Read-only: each view answers GET and HEAD only (405 for anything else)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from inspections.grading import Level
from inspections.models import Council

from ..accounts import access as permissions
from . import council as council_dashboards
from . import overview as dashboards

COLUMNS = [
    ("council", "Council"),
    ("judgement", "Latest overall judgement"),
    ("notice", "Notice"),
    ("red", "Plan RAG"),
    ("overdue", "Overdue actions"),
    ("indicators", "Indicators of concern"),
    ("change", "Change since last month"),
]


def _filters(request: HttpRequest) -> dict[str, str]:
    region = request.GET.get("region", "")
    notice = request.GET.get("notice", "")
    judgement = request.GET.get("judgement", "")
    return {
        "region": region[:100],
        "notice": notice if notice in dashboards.NOTICE_FILTERS else "",
        "judgement": judgement if judgement in {*Level.values, "none"} else "",
    }


def _overview(request: HttpRequest):
    filters = _filters(request)
    all_rows = dashboards.overview_rows(request.user, on=timezone.localdate())
    rows = dashboards.filter_rows(all_rows, **filters)
    rows, column, descending = dashboards.sort_rows(rows, request.GET.get("sort", "council"))
    return all_rows, rows, filters, column, descending


@require_safe
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    all_rows, rows, filters, column, descending = _overview(request)
    query = {k: v for k, v in filters.items() if v}
    headers = []
    for key, label in COLUMNS:
        if key == column:
            next_sort = key if descending else f"-{key}"
            aria = "descending" if descending else "ascending"
        else:
            next_sort = f"-{key}" if key in dashboards.DESCENDING_FIRST else key
            aria = "none"
        headers.append({"key": key, "label": label, "sort": next_sort, "aria": aria})
    return render(request, "dashboards/overview.html", {
        "rows": rows,
        "count_all": len(all_rows),
        "headers": headers,
        "filters": filters,
        "query": query,
        "sort": ("-" if descending else "") + column,
        "regions": sorted({r.council.region for r in all_rows if r.council.region}),
        "notice_choices": dashboards.NOTICE_FILTERS.items(),
        "level_choices": [*Level.choices, ("none", "No graded inspection")],
        "since": dashboards.month_before(timezone.localdate()),
    })


@require_safe
@login_required
def overview_csv(request: HttpRequest) -> HttpResponse:
    _, rows, _, _, _ = _overview(request)
    response = HttpResponse(dashboards.overview_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="councils-overview-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


@require_safe
@login_required
def council(request: HttpRequest, ons_code: str) -> HttpResponse:
    council = get_object_or_404(Council, ons_code=ons_code)
    permissions.require_view_council(request.user, council)
    dashboard = council_dashboards.council_dashboard(council, on=timezone.localdate())
    return render(request, "dashboards/council.html", {"council": council, "d": dashboard})
