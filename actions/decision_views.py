"""Pages of the decision loop and of the way in from an inspection: withdrawing a proposal, the
"waiting for you" list, and adding an inspection's recommendations to the plan as drafts."""

from __future__ import annotations

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from inspections.forms_gds import form_helper
from inspections.models import Inspection

from . import access, from_inspection, selectors, services, waiting
from .models import DueDateRevision
from .structure_pages import bound, structure_url


@require_POST
@login_required
def revision_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposer (or anyone who may update the council's plan) withdraws a pending proposal."""
    revision = get_object_or_404(DueDateRevision.objects.select_related("action__plan__council"), pk=pk)
    council = revision.action.plan.council
    access.require_view(request.user, council)
    if not access.can_update_plan(request.user, council):
        raise PermissionDenied("Only the council's officers can withdraw a proposed revised due date.")
    try:
        services.revised_date_withdraw(revision=revision, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Proposed revised due date of {revision.proposed_date:%-d %B %Y} withdrawn. "
            "The action is still due on its current date.",
        )
    return redirect(revision.action)


@require_safe
@login_required
def waiting_for_you(request: HttpRequest) -> HttpResponse:
    return render(request, "actions/waiting.html", waiting.waiting_for(request.user))


class RecommendationsForm(django_forms.Form):
    recommendations = django_forms.ModelMultipleChoiceField(
        label="Which recommendations should become actions?",
        queryset=None,
        widget=django_forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one recommendation to add to the plan"},
    )

    def __init__(self, *args, inspection, answered: dict, **kwargs):
        super().__init__(*args, **kwargs)
        from crispy_forms_gds.choices import Choice
        from crispy_forms_gds.layout import Field, Size

        queryset = inspection.recommendations.order_by("number")
        self.fields["recommendations"].queryset = queryset
        self.fields["recommendations"].choices = [
            Choice(
                r.pk,
                f"R{r.number}: {r.text}",
                **(
                    {"hint": "Already in the plan as " + ", ".join(a.reference for a in answered[r.pk])}
                    if r.pk in answered
                    else {}
                ),
            )
            for r in queryset
        ]
        self.helper = form_helper(
            Field.checkboxes("recommendations", legend_size=Size.MEDIUM, small=True),
            submit="Add to the plan as draft actions",
        )


@require_http_methods(["GET", "POST"])
@login_required
def add_to_plan(request: HttpRequest, inspection_pk: int) -> HttpResponse:
    """Draft actions from an inspection's recommendations, each traced back to its recommendation."""
    inspection = get_object_or_404(Inspection.objects.select_related("council", "framework"), pk=inspection_pk)
    council = inspection.council
    plan = selectors.active_plan(council)
    access.require_edit_structure(request.user, council, plan)
    recommendations = list(inspection.recommendations.all())
    answered = from_inspection.recommendations_in_plan(plan, recommendations)
    initial = {"recommendations": [r for r in recommendations if r.pk not in answered]}
    form = RecommendationsForm(bound(request), inspection=inspection, answered=answered, initial=initial)
    if request.method == "POST" and plan is not None and form.is_valid():
        try:
            made = from_inspection.drafts_from_recommendations(
                plan=plan, recommendations=form.cleaned_data["recommendations"], by=request.user
            )
        except ValidationError as error:
            form.add_error("recommendations", error.messages)
        else:
            count = len(made)
            messages.success(
                request,
                f"{count} draft action{'s' if count != 1 else ''} added to the plan. Give each "
                "an owner and a success measure, then agree it into the plan."
                if count
                else "Those recommendations are already in the plan.",
            )
            return redirect(structure_url(council))
    return render(
        request,
        "actions/add_to_plan.html",
        {
            "inspection": inspection,
            "council": council,
            "plan": plan,
            "form": form,
            "answered": answered,
            "recommendations": recommendations,
        },
    )
