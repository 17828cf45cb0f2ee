"""What every page that shapes a plan shares: finding the council and its plan from the request,
binding a form, running a service with its refusal put on the form, the page that holds the form,
and the page that closes an item on a date. Used by :mod:`actions.structure_views`,
:mod:`actions.structure_action_views`, :mod:`actions.import_views` and :mod:`actions.decision_views`."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from . import access, selectors
from . import structure_forms as forms


def council_and_plan(request: HttpRequest, *, edit: bool = True):
    council = access.plan_council(request.user, request.GET.get("council") or request.POST.get("council"))
    if council is None:
        raise Http404("Choose a council.")
    plan = selectors.active_plan(council)
    if edit:
        access.require_edit_structure(request.user, council, plan)
    else:
        access.require_view(request.user, council)
    return council, plan


def bound(request, *, files: bool = False):
    """The form's data: the POST (even an empty one, so that it is validated), else unbound."""
    data = request.POST if request.method == "POST" else None
    if files:
        return data, (request.FILES if request.method == "POST" else None)
    return data


def need_plan(plan):
    if plan is None:
        raise Http404("This council has no plan yet.")
    return plan


def structure_url(council) -> str:
    return f"{reverse('actions:structure')}?council={council.ons_code}"


def form_page(request, form, *, title: str, caption: str, back: str, intro: str = "", extra=None):
    return render(
        request,
        "actions/structure_form.html",
        {"form": form, "title": title, "caption": caption, "back": back, "intro": intro, **(extra or {})},
    )


def run_service(form, call) -> bool:
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


@dataclass(frozen=True)
class Closing:
    """What a page that closes an item on a date asks and says: the date's label, the button, and
    the words above the form."""

    label: str
    submit: str
    intro: str


def close_page(request, item, closing: Closing, *, title: str, caption: str, close, done: str):
    """A page that closes an objective or an indicator on a date."""
    form = forms.CloseForm(
        bound(request), initial={"on": timezone.localdate()}, label=closing.label, submit=closing.submit
    )
    back = structure_url(item.plan.council)
    if request.method == "POST" and form.is_valid() and run_service(form, lambda: close(on=form.cleaned_data["on"])):
        messages.success(request, done)
        return redirect(back)
    return form_page(request, form, title=title, caption=caption, back=back, intro=closing.intro)
