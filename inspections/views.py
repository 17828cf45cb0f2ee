from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from . import charts, selectors
from .models import Council, Inspection


@require_safe
@login_required
def councils(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "inspections/councils.html",
        {"councils": request.user.visible_councils().order_by("short_name")},
    )


@require_safe
@login_required
def council(request: HttpRequest, ons_code: str) -> HttpResponse:
    council = get_object_or_404(Council, ons_code=ons_code)
    request.user.require_view_council(council)
    inspections = list(selectors.inspection_history(council))
    neighbours = selectors.statistical_neighbours(council)
    comparisons = selectors.indicator_comparisons(council, neighbours)
    for comparison in comparisons:
        comparison.chart_svg = charts.indicator_chart(comparison)
    return render(
        request,
        "inspections/council.html",
        {
            "council": council,
            "inspections": inspections,
            "neighbours": neighbours,
            "comparisons": comparisons,
            "notices": council.notices.prefetch_related("dates").select_related("inspection__framework"),
        },
    )


@require_safe
@login_required
def inspection(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection.objects.select_related("council", "framework"), pk=pk)
    request.user.require_view_council(inspection.council)
    return render(
        request,
        "inspections/inspection.html",
        {
            "inspection": inspection,
            "sections": inspection.sections.prefetch_related("judgements__grade", "recommendations__bodies"),
            "unsectioned_judgements": inspection.judgements.filter(section__isnull=True).select_related("grade"),
            "unsectioned_recommendations": inspection.recommendations.filter(section__isnull=True).prefetch_related(
                "bodies"
            ),
        },
    )
