"""Pages that shape a plan's actions: added, edited, reassigned, closed, and a draft agreed.

For the council's administrators, and its officers where the council allows it
(:mod:`actions.access`). Each view: a helper loads and checks, a form validates, a service acts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from . import access, selectors, structure
from . import structure_forms as forms
from .models import Action
from .structure_pages import bound, council_and_plan, form_page, need_plan, run_service, structure_url


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
    council, plan = council_and_plan(request)
    plan = need_plan(plan)
    objective = plan.objectives.filter(pk=request.GET.get("objective") or 0).first()
    initial = {
        "objective": objective,
        "start_date": timezone.localdate(),
        "reference": selectors.next_action_reference(plan, objective),
    }
    form = forms.ActionForm(bound(request), plan=plan, initial=initial, submit="Add action")
    if request.method == "POST" and form.is_valid():
        values = _action_values(form.cleaned_data)
        if run_service(form, lambda: structure.action_create(plan=plan, by=request.user, **values)):
            messages.success(request, f"Action {values['reference']} added.")
            return redirect(structure_url(council))
    return form_page(request, form, title="Add an action", caption=plan.title, back=structure_url(council))


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
    form = forms.ActionForm(bound(request), plan=action.plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = _action_values(form.cleaned_data)
        values.setdefault("recommendations", None)
        values.setdefault("measures", None)
        values["lead_organisation"] = values["lead_organisation"] or structure.default_organisation(action.plan)
        if _update(form, action, values, request.user):
            messages.success(request, f"Action {values['reference']} saved.")
            return redirect(action)
    return form_page(
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
        return run_service(
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
        bound(request), plan=action.plan, initial={"owner": action.owner, "version": action.version}
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
    return form_page(
        request, form, title=f"Reassign action {action.reference}", caption=action.title, back=action.get_absolute_url()
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_close(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    form = forms.CloseActionForm(bound(request), initial={"evidence_of_impact": action.evidence_of_impact})
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(form, lambda: structure.action_close(action=action, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, f"Action {action.reference} closed as complete.")
        return redirect(action)
    return form_page(
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
