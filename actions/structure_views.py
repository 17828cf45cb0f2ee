"""Pages that shape a plan: objectives, actions, milestones and indicators, added, edited,
reordered, closed and reassigned; the council's setting; the history in words.

For the council's administrators, and its officers where the council allows it
(:mod:`actions.access`). Each view: a helper loads and checks, a form validates, a service acts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import access, selectors, structure
from . import structure_forms as forms
from .models import Action, Milestone, Objective, PerformanceIndicator


def _council_plan(request: HttpRequest, *, edit: bool = True):
    council = access.plan_council(request.user, request.GET.get("council") or request.POST.get("council"))
    if council is None:
        raise Http404("Choose a council.")
    plan = selectors.active_plan(council)
    if edit:
        access.require_edit_structure(request.user, council, plan)
    else:
        access.require_view(request.user, council)
    return council, plan


def _bound(request, *, files: bool = False):
    """The form's data: the POST (even an empty one, so that it is validated), else unbound."""
    data = request.POST if request.method == "POST" else None
    if files:
        return data, (request.FILES if request.method == "POST" else None)
    return data


def _need_plan(plan):
    if plan is None:
        raise Http404("This council has no plan yet.")
    return plan


def structure_url(council) -> str:
    return f"{reverse('actions:structure')}?council={council.ons_code}"


def _form_page(request, form, *, title: str, caption: str, back: str, intro: str = "", extra=None):
    return render(
        request,
        "actions/structure_form.html",
        {"form": form, "title": title, "caption": caption, "back": back, "intro": intro, **(extra or {})},
    )


def _apply(form, call) -> bool:
    """Run the service; put its refusal on the form. True when it succeeded."""
    try:
        call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)
        return False
    return True


# --- The plan's structure and its history -------------------------------------------------------


@require_safe
@login_required
def plan_structure(request: HttpRequest) -> HttpResponse:
    council, plan = _council_plan(request, edit=False)
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
    council, plan = _council_plan(request, edit=False)
    plan = _need_plan(plan)
    from django.core.paginator import Paginator

    page = Paginator(selectors.plan_changes(plan), 100).get_page(request.GET.get("page"))
    return render(request, "actions/plan_history.html", {"council": council, "plan": plan, "page": page})


@require_http_methods(["GET", "POST"])
@login_required
def plan_start(request: HttpRequest) -> HttpResponse:
    council, plan = _council_plan(request)
    if plan is not None:
        return redirect(structure_url(council))
    form = forms.PlanStartForm(
        _bound(request), initial={"title": f"{council.short_name} improvement plan", "agreed_on": timezone.localdate()}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: structure.plan_create(council=council, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, "Plan started. Add its objectives and actions.")
        return redirect(structure_url(council))
    return _form_page(
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
    council, plan = _council_plan(request, edit=False)
    access.require_administer(request.user, council)
    plan = _need_plan(plan)
    form = forms.PlanSettingsForm(
        _bound(request), initial={"officers_may_edit": "yes" if plan.officers_may_edit else "no"}
    )
    if request.method == "POST" and form.is_valid():
        structure.plan_settings_update(plan=plan, by=request.user, **form.cleaned_data)
        messages.success(request, "Setting saved.")
        return redirect(structure_url(council))
    return _form_page(request, form, title="Who may change the plan", caption=council.name, back=structure_url(council))


# --- Objectives -----------------------------------------------------------------------------------


def _objective(request, pk) -> Objective:
    objective = get_object_or_404(Objective.objects.select_related("plan__council"), pk=pk)
    access.require_edit_structure(request.user, objective.plan.council, objective.plan)
    return objective


@require_http_methods(["GET", "POST"])
@login_required
def objective_add(request: HttpRequest) -> HttpResponse:
    council, plan = _council_plan(request)
    plan = _need_plan(plan)
    form = forms.ObjectiveForm(
        _bound(request), initial={"reference": str(plan.objectives.count() + 1)}, submit="Add objective"
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: structure.objective_create(plan=plan, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, f"Objective {form.cleaned_data['reference']} added.")
        return redirect(structure_url(council))
    return _form_page(
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
        _bound(request),
        initial={"reference": objective.reference, "title": objective.title, "outcome": objective.outcome},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: structure.objective_update(objective=objective, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, f"Objective {form.cleaned_data['reference']} saved.")
        return redirect(structure_url(objective.plan.council))
    return _form_page(
        request,
        form,
        title=f"Edit objective {objective.reference}",
        caption=objective.plan.title,
        back=structure_url(objective.plan.council),
    )


def _close_page(request, item, *, close, label: str, submit: str, done: str, title: str, caption: str, intro: str):
    """A page that closes an objective or an indicator on a date."""
    form = forms.CloseForm(_bound(request), initial={"on": timezone.localdate()}, label=label, submit=submit)
    back = structure_url(item.plan.council)
    if request.method == "POST" and form.is_valid() and _apply(form, lambda: close(on=form.cleaned_data["on"])):
        messages.success(request, done)
        return redirect(back)
    return _form_page(request, form, title=title, caption=caption, back=back, intro=intro)


@require_http_methods(["GET", "POST"])
@login_required
def objective_close(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _objective(request, pk)
    return _close_page(
        request,
        objective,
        close=lambda on: structure.objective_close(objective=objective, by=request.user, on=on),
        label="Date the board agreed it was achieved",
        submit="Close the objective",
        done=f"Objective {objective.reference} closed.",
        title=f"Close objective {objective.reference}",
        caption=objective.title,
        intro="Close an objective when all its actions are complete and the board agrees "
        "the outcome for children has been achieved.",
    )


# --- Actions --------------------------------------------------------------------------------------


def _action(request, pk) -> Action:
    action = get_object_or_404(Action.objects.select_related("plan__council", "owner", "objective"), pk=pk)
    access.require_edit_structure(request.user, action.plan.council, action.plan)
    return action


def _action_values(data: dict) -> dict:
    values = dict(data)
    values.pop("version", None)
    return values


@require_http_methods(["GET", "POST"])
@login_required
def action_add(request: HttpRequest) -> HttpResponse:
    council, plan = _council_plan(request)
    plan = _need_plan(plan)
    objective = plan.objectives.filter(pk=request.GET.get("objective") or 0).first()
    initial = {
        "objective": objective,
        "start_date": timezone.localdate(),
        "reference": selectors.next_action_reference(plan, objective),
    }
    form = forms.ActionForm(_bound(request), plan=plan, initial=initial, submit="Add action")
    if request.method == "POST" and form.is_valid():
        values = _action_values(form.cleaned_data)
        if _apply(form, lambda: structure.action_create(plan=plan, by=request.user, **values)):
            messages.success(request, f"Action {values['reference']} added.")
            return redirect(structure_url(council))
    return _form_page(request, form, title="Add an action", caption=plan.title, back=structure_url(council))


@require_http_methods(["GET", "POST"])
@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    initial = {
        name: getattr(action, name)
        for name in (
            "objective",
            "reference",
            "title",
            "description",
            "success_measure",
            "owner",
            "lead_organisation",
            "start_date",
            "due_date",
            "version",
        )
    }
    initial.update(recommendations=list(action.recommendations.all()), measures=list(action.measures.all()))
    form = forms.ActionForm(_bound(request), plan=action.plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = _action_values(form.cleaned_data)
        values.setdefault("recommendations", None)
        values.setdefault("measures", None)
        values["lead_organisation"] = values["lead_organisation"] or structure.default_organisation(action.plan)
        if _update(form, action, values, request.user):
            messages.success(request, f"Action {values['reference']} saved.")
            return redirect(action)
    return _form_page(
        request,
        form,
        title=f"Edit action {action.reference}",
        caption=action.title,
        back=action.get_absolute_url(),
        intro="Status and RAG change with a progress update; a due date the board has to agree is "
        "proposed as a revised due date.",
    )


def _update(form, action, values, user) -> bool:
    from .services import StaleEdit

    try:
        return _apply(
            form,
            lambda: structure.action_update(
                action=action, by=user, expected_version=form.cleaned_data.get("version"), **values
            ),
        )
    except StaleEdit as error:
        form.add_error(None, "Someone else changed this action since you opened this page. Check it and save again.")
        form.data = form.data.copy()
        form.data["version"] = error.action.version
        return False


@require_http_methods(["GET", "POST"])
@login_required
def action_reassign(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    form = forms.ReassignForm(
        _bound(request), plan=action.plan, initial={"owner": action.owner, "version": action.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _update(
            form,
            action,
            {
                "owner": data["owner"],
                **({"lead_organisation": data["lead_organisation"]} if data["lead_organisation"] else {}),
            },
            request.user,
        ):
            messages.success(request, f"Action {action.reference} now belongs to {data['owner']}.")
            return redirect(action)
    return _form_page(
        request, form, title=f"Reassign action {action.reference}", caption=action.title, back=action.get_absolute_url()
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_close(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    form = forms.CloseActionForm(_bound(request), initial={"evidence_of_impact": action.evidence_of_impact})
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: structure.action_close(action=action, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, f"Action {action.reference} closed as complete.")
        return redirect(action)
    return _form_page(
        request,
        form,
        title=f"Close action {action.reference}",
        caption=action.title,
        back=action.get_absolute_url(),
        extra={"success_measure": action.success_measure or None},
        intro="An action is Blue only when there is evidence of impact against its success measure, "
        "not only a report produced.",
    )


@require_POST
@login_required
def action_agree_draft(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    structure.action_agree_draft(action=action, by=request.user)
    messages.success(request, f"Action {action.reference} is now part of the plan.")
    return redirect(action)


# --- Milestones and indicators --------------------------------------------------------------------


def _milestone(request, pk) -> Milestone:
    milestone = get_object_or_404(Milestone.objects.select_related("plan__council"), pk=pk)
    access.require_edit_structure(request.user, milestone.plan.council, milestone.plan)
    return milestone


@require_http_methods(["GET", "POST"])
@login_required
def milestone_add(request: HttpRequest) -> HttpResponse:
    council, plan = _council_plan(request)
    plan = _need_plan(plan)
    form = forms.MilestoneForm(_bound(request), submit="Add milestone")
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "achieved_on"}
        if _apply(form, lambda: structure.milestone_create(plan=plan, by=request.user, **data)):
            messages.success(request, "Milestone added.")
            return redirect(structure_url(council))
    return _form_page(request, form, title="Add a milestone", caption=plan.title, back=structure_url(council))


@require_http_methods(["GET", "POST"])
@login_required
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = _milestone(request, pk)
    form = forms.MilestoneForm(
        _bound(request),
        initial={"title": milestone.title, "due_date": milestone.due_date, "achieved_on": milestone.achieved_on},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["achieved_on"] and data["achieved_on"] > timezone.localdate():
            form.add_error("achieved_on", "The date it was achieved cannot be in the future")
        elif _apply(form, lambda: structure.milestone_update(milestone=milestone, by=request.user, **data)):
            messages.success(request, "Milestone saved.")
            return redirect(structure_url(milestone.plan.council))
    return _form_page(
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

    return _apply(form, save)


@require_http_methods(["GET", "POST"])
@login_required
def indicator_add(request: HttpRequest) -> HttpResponse:
    council, plan = _council_plan(request)
    plan = _need_plan(plan)
    form = forms.IndicatorForm(_bound(request), submit="Add indicator")
    if request.method == "POST" and form.is_valid() and _indicator_save(request, form, plan):
        messages.success(request, f"Indicator “{form.cleaned_data['name']}” added.")
        return redirect(structure_url(council))
    return _form_page(
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
    form = forms.IndicatorForm(_bound(request), initial=initial)
    if request.method == "POST" and form.is_valid() and _indicator_save(request, form, indicator.plan, indicator):
        messages.success(request, f"Indicator “{form.cleaned_data['name']}” saved.")
        return redirect(structure_url(indicator.plan.council))
    return _form_page(
        request,
        form,
        title="Edit performance indicator",
        caption=indicator.name,
        back=structure_url(indicator.plan.council),
    )


@require_http_methods(["GET", "POST"])
@login_required
def indicator_close(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk)
    return _close_page(
        request,
        indicator,
        close=lambda on: structure.indicator_retire(indicator=indicator, by=request.user, on=on),
        label="Date the board stopped tracking it",
        submit="Close the indicator",
        done=f"“{indicator.name}” closed.",
        title="Close performance indicator",
        caption=indicator.name,
        intro="Its values stay in the plan's record; no more are asked for.",
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
