"""Pages that shape a plan: objectives, milestones and indicators, added, edited, reordered and
closed; the council's setting; the history in words (actions: :mod:`actions.structure_action_views`).

For the council's administrators, and its officers where the council allows it
(:mod:`actions.access`). Each view: a helper loads and checks, a form validates, a service acts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import access, selectors, structure
from . import structure_forms as forms
from .models import Action, Milestone, Objective, PerformanceIndicator
from .structure_pages import (
    Closing,
    bound,
    close_page,
    council_and_plan,
    form_page,
    need_plan,
    run_service,
    structure_url,
)

# --- The plan's structure and its history -------------------------------------------------------


@require_safe
@login_required
def plan_structure(request: HttpRequest) -> HttpResponse:
    council, plan = council_and_plan(request, edit=False)
    can_edit = access.can_edit_structure(request.user, council, plan)
    context = {
        "council": council,
        "plan": plan,
        "can_edit": can_edit,
        "can_administer": access.can_administer_council(request.user, council),
    }
    if plan is not None:
        context.update(selectors.plan_structure(plan))
        context["changes"] = selectors.plan_changes(plan)[:10]
    return render(request, "actions/structure.html", context)


@require_safe
@login_required
def plan_history(request: HttpRequest) -> HttpResponse:
    council, plan = council_and_plan(request, edit=False)
    plan = need_plan(plan)
    from django.core.paginator import Paginator

    page = Paginator(selectors.plan_changes(plan), 100).get_page(request.GET.get("page"))
    return render(request, "actions/plan_history.html", {"council": council, "plan": plan, "page": page})


@require_http_methods(["GET", "POST"])
@login_required
def plan_start(request: HttpRequest) -> HttpResponse:
    council, plan = council_and_plan(request)
    if plan is not None:
        return redirect(structure_url(council))
    form = forms.PlanStartForm(
        bound(request), initial={"title": f"{council.short_name} improvement plan", "agreed_on": timezone.localdate()}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(form, lambda: structure.plan_create(council=council, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, "Plan started. Add its objectives and actions.")
        return redirect(structure_url(council))
    return form_page(
        request,
        form,
        title="Start an improvement plan",
        caption=council.name,
        back=structure_url(council),
        intro="Start from nothing here, or import the plan from a spreadsheet instead.",
    )


@require_http_methods(["GET", "POST"])
@login_required
def plan_settings(request: HttpRequest) -> HttpResponse:
    council, plan = council_and_plan(request, edit=False)
    access.require_administer(request.user, council)
    plan = need_plan(plan)
    form = forms.PlanSettingsForm(
        bound(request), initial={"officers_may_edit": "yes" if plan.officers_may_edit else "no"}
    )
    if request.method == "POST" and form.is_valid():
        structure.plan_settings_update(plan=plan, by=request.user, **form.cleaned_data)
        messages.success(request, "Setting saved.")
        return redirect(structure_url(council))
    return form_page(request, form, title="Who may change the plan", caption=council.name, back=structure_url(council))


# --- Objectives -----------------------------------------------------------------------------------


def _objective(request, pk) -> Objective:
    objective = get_object_or_404(Objective.objects.select_related("plan__council"), pk=pk)
    access.require_edit_structure(request.user, objective.plan.council, objective.plan)
    return objective


@require_http_methods(["GET", "POST"])
@login_required
def objective_add(request: HttpRequest) -> HttpResponse:
    council, plan = council_and_plan(request)
    plan = need_plan(plan)
    form = forms.ObjectiveForm(
        bound(request), initial={"reference": str(plan.objectives.count() + 1)}, submit="Add objective"
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(form, lambda: structure.objective_create(plan=plan, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, f"Objective {form.cleaned_data['reference']} added.")
        return redirect(structure_url(council))
    return form_page(
        request,
        form,
        title="Add an objective",
        caption=plan.title,
        back=structure_url(council),
        intro="State the objective as an outcome for children: what will be different for them.",
    )


@require_http_methods(["GET", "POST"])
@login_required
def objective_edit(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _objective(request, pk)
    form = forms.ObjectiveForm(
        bound(request),
        initial={"reference": objective.reference, "title": objective.title, "outcome": objective.outcome},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form, lambda: structure.objective_update(objective=objective, by=request.user, **form.cleaned_data)
        )
    ):
        messages.success(request, f"Objective {form.cleaned_data['reference']} saved.")
        return redirect(structure_url(objective.plan.council))
    return form_page(
        request,
        form,
        title=f"Edit objective {objective.reference}",
        caption=objective.plan.title,
        back=structure_url(objective.plan.council),
    )


_OBJECTIVE_CLOSING = Closing(
    label="Date the board agreed it was achieved",
    submit="Close the objective",
    intro="Close an objective when all its actions are complete and the board agrees "
    "the outcome for children has been achieved.",
)


@require_http_methods(["GET", "POST"])
@login_required
def objective_close(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _objective(request, pk)
    return close_page(
        request,
        objective,
        _OBJECTIVE_CLOSING,
        title=f"Close objective {objective.reference}",
        caption=objective.title,
        close=lambda on: structure.objective_close(objective=objective, by=request.user, on=on),
        done=f"Objective {objective.reference} closed.",
    )


# --- Milestones and indicators --------------------------------------------------------------------


def _milestone(request, pk) -> Milestone:
    milestone = get_object_or_404(Milestone.objects.select_related("plan__council"), pk=pk)
    access.require_edit_structure(request.user, milestone.plan.council, milestone.plan)
    return milestone


@require_http_methods(["GET", "POST"])
@login_required
def milestone_add(request: HttpRequest) -> HttpResponse:
    council, plan = council_and_plan(request)
    plan = need_plan(plan)
    form = forms.MilestoneForm(bound(request), submit="Add milestone")
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "achieved_on"}
        if run_service(form, lambda: structure.milestone_create(plan=plan, by=request.user, **data)):
            messages.success(request, "Milestone added.")
            return redirect(structure_url(council))
    return form_page(request, form, title="Add a milestone", caption=plan.title, back=structure_url(council))


@require_http_methods(["GET", "POST"])
@login_required
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = _milestone(request, pk)
    form = forms.MilestoneForm(
        bound(request),
        initial={"title": milestone.title, "due_date": milestone.due_date, "achieved_on": milestone.achieved_on},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["achieved_on"] and data["achieved_on"] > timezone.localdate():
            form.add_error("achieved_on", "The date it was achieved cannot be in the future")
        elif run_service(form, lambda: structure.milestone_update(milestone=milestone, by=request.user, **data)):
            messages.success(request, "Milestone saved.")
            return redirect(structure_url(milestone.plan.council))
    return form_page(
        request, form, title="Edit milestone", caption=milestone.title, back=structure_url(milestone.plan.council)
    )


def _indicator(request, pk) -> PerformanceIndicator:
    indicator = get_object_or_404(PerformanceIndicator.objects.select_related("plan__council"), pk=pk)
    access.require_edit_structure(request.user, indicator.plan.council, indicator.plan)
    return indicator


def _indicator_save(request, form, plan, indicator=None) -> bool:
    data = dict(form.cleaned_data)
    points = data.pop("trajectory")

    def save():
        nonlocal indicator
        if indicator is None:
            indicator = structure.indicator_create(plan=plan, by=request.user, **data)
        else:
            structure.indicator_update(indicator=indicator, by=request.user, **data)
        structure.trajectory_set(indicator=indicator, by=request.user, points=points)

    return run_service(form, save)


@require_http_methods(["GET", "POST"])
@login_required
def indicator_add(request: HttpRequest) -> HttpResponse:
    council, plan = council_and_plan(request)
    plan = need_plan(plan)
    form = forms.IndicatorForm(bound(request), submit="Add indicator")
    if request.method == "POST" and form.is_valid() and _indicator_save(request, form, plan):
        messages.success(request, f"Indicator “{form.cleaned_data['name']}” added.")
        return redirect(structure_url(council))
    return form_page(
        request, form, title="Add a performance indicator", caption=plan.title, back=structure_url(council)
    )


@require_http_methods(["GET", "POST"])
@login_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk)
    initial = {
        name: getattr(indicator, name)
        for name in ("name", "definition", "unit", "polarity", "baseline", "target", "target_date", "source")
    }
    initial["trajectory"] = forms.trajectory_text(indicator)
    form = forms.IndicatorForm(bound(request), initial=initial)
    if request.method == "POST" and form.is_valid() and _indicator_save(request, form, indicator.plan, indicator):
        messages.success(request, f"Indicator “{form.cleaned_data['name']}” saved.")
        return redirect(structure_url(indicator.plan.council))
    return form_page(
        request,
        form,
        title="Edit performance indicator",
        caption=indicator.name,
        back=structure_url(indicator.plan.council),
    )


_INDICATOR_CLOSING = Closing(
    label="Date the board stopped tracking it",
    submit="Close the indicator",
    intro="Its values stay in the plan's record; no more are asked for.",
)


@require_http_methods(["GET", "POST"])
@login_required
def indicator_close(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk)
    return close_page(
        request,
        indicator,
        _INDICATOR_CLOSING,
        title="Close performance indicator",
        caption=indicator.name,
        close=lambda on: structure.indicator_retire(indicator=indicator, by=request.user, on=on),
        done=f"“{indicator.name}” closed.",
    )


# --- Reordering -------------------------------------------------------------------------------------

_MOVABLE = {"objective": Objective, "action": Action, "milestone": Milestone, "indicator": PerformanceIndicator}


@require_POST
@login_required
def move(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Move an item up or down its list (one button each: works without JavaScript)."""
    if kind not in _MOVABLE:
        raise Http404("Nothing to move.")
    item = get_object_or_404(_MOVABLE[kind].objects.select_related("plan__council"), pk=pk)
    access.require_edit_structure(request.user, item.plan.council, item.plan)
    if request.POST.get("direction") in ("up", "down"):
        structure.structure_item_move(item=item, by=request.user, direction=request.POST["direction"])
    return redirect(f"{structure_url(item.plan.council)}#{kind}-{item.pk}")
