"""The DfE observer's dashboards: the national overview (and its CSV) and one council's
dashboard. Read-only: each view answers GET and HEAD only (405 for anything else)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from inspections.grading import Level
from inspections.models import Council
from inspections.months import add_months

from ..accounts import access as permissions
from . import council as council_dashboards
from . import overview as dashboards

PAGE_SIZE = 50  # councils per page of the overview (England has 153)

COLUMNS = [
    ("council", "Council"),
    ("judgement", "Latest overall judgement"),
    ("notice", "DfE intervention"),
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
        "name": request.GET.get("name", "").strip()[:100],
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
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "dashboards/overview.html",
        {
            "rows": rows,  # every council matching, in order; the page shows page_rows
            "page_rows": page.object_list,
            "page": page,
            "pages": _page_links(request, page),
            "shown": len(rows),
            "count_all": len(all_rows),
            "headers": headers,
            "filters": filters,
            "query": query,
            "sort": ("-" if descending else "") + column,
            "regions": sorted({r.council.region for r in all_rows if r.council.region}),
            "notice_choices": dashboards.NOTICE_FILTERS.items(),
            "level_choices": [*Level.choices, ("none", "No graded inspection")],
            "since": add_months(timezone.localdate(), -1),
        },
    )


def _page_links(request: HttpRequest, page) -> dict:
    """The GOV.UK pagination component's links, keeping the search, filters and sort."""
    params = request.GET.copy()

    def url(number: int) -> str:
        params["page"] = str(number)
        return "?" + params.urlencode()

    if page.paginator.num_pages < 2:
        return {}
    return {
        "previous": url(page.previous_page_number()) if page.has_previous() else None,
        "next": url(page.next_page_number()) if page.has_next() else None,
        "numbers": [(n, url(n), n == page.number) for n in page.paginator.page_range],
    }


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
