"""Pages of a council's journey between inspections: "Ofsted between inspections" and "DfE
intervention". Whoever may see the council reads them; its council administrators and service
administrators record on them (``request.user.can_record_journey``, decided in accounts/access.py).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from . import journey_selectors
from .models import Council


def _council(request: HttpRequest, ons_code: str) -> Council:
    council = get_object_or_404(Council, ons_code=ons_code)
    request.user.require_view_council(council)
    return council


@require_safe
@login_required
def ofsted(request: HttpRequest, ons_code: str) -> HttpResponse:
    council = _council(request, ons_code)
    return render(
        request,
        "inspections/journey/ofsted.html",
        {
            "council": council,
            "activities": journey_selectors.ofsted_activities(council),
            "inspection_plans": journey_selectors.inspection_action_plans(council),
            "can_record": False,  # the recording pages land next
        },
    )


@require_safe
@login_required
def intervention(request: HttpRequest, ons_code: str) -> HttpResponse:
    council = _council(request, ons_code)
    today = timezone.localdate()
    return render(
        request,
        "inspections/journey/intervention.html",
        {
            "council": council,
            "record": journey_selectors.intervention_record(council, on=today),
            "today": today,
            "can_record": False,  # the recording pages land next
        },
    )
