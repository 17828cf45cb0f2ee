"""Pages of a council's journey between inspections: "Ofsted between inspections" and "DfE
intervention". Whoever may see the council reads them; its council administrators and service
administrators record on them (``request.user.can_record_journey``, decided in accounts/access.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.views.decorators.http import require_http_methods, require_safe

from . import journey_held, journey_selectors, uploads
from .journey_recordings import RECORDINGS
from .models import Council, ImprovementNotice, NoticeReview


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
            "can_record": request.user.can_record_journey(council),
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
            "stage_row": {"council": council},  # what the shared stage cell names
            "today": today,
            "can_record": request.user.can_record_journey(council),
        },
    )


# --- Recording: a form, then check your answers, then the service saves -----------------------
#
# What is typed waits in the session (and an uploaded letter in storage: journey_held) until the
# person confirms it on the check page; nothing is saved before.


def _recording(request: HttpRequest, ons_code: str, name: str, pk: int | None):
    council = get_object_or_404(Council, ons_code=ons_code)
    request.user.require_record_journey(council)
    recording = RECORDINGS[name]
    target = recording.load(council, pk) if recording.load else None
    return council, recording, target


def _draft_key(council: Council, recording, pk: int | None) -> str:
    return f"journey:{council.ons_code}:{recording.name}:{pk or ''}"


def _held_names(request, key: str) -> list[str]:
    return [name for _path, name in (request.session.get(key) or {}).get("files", {}).values()]


def _draft_save(request, key: str, form) -> None:
    """Keep what was typed; a file chosen earlier stays unless another replaces it."""
    held = dict((request.session.get(key) or {}).get("files", {}))
    for name, upload in request.FILES.items():
        if name in form.fields:
            journey_held.release({"files": {name: held[name]}} if name in held else None)
            held[name] = journey_held.hold(upload)
    request.session[key] = {
        "data": {k: v for k, v in request.POST.lists() if k not in {"csrfmiddlewaretoken", "submit"}},
        "files": held,
    }


def _draft_form(request, key: str, recording, council, target):
    draft = request.session.get(key)
    if draft is None:
        return None
    data = QueryDict(mutable=True)
    for name, values in draft["data"].items():
        data.setlist(name, values)
    files = MultiValueDict()
    for name, (path, original) in draft.get("files", {}).items():
        if default_storage.exists(path):
            with default_storage.open(path) as held:
                files[name] = ContentFile(held.read(), name=original)
    return recording.form(data, files, council=council, target=target)


def _back(recording, council: Council, target) -> str:
    return reverse(f"inspections:{recording.page}", kwargs={"ons_code": council.ons_code}) + recording.anchor(target)


def _urls(recording, council: Council, pk: int | None) -> tuple[str, str]:
    kwargs = {"ons_code": council.ons_code, **({"pk": pk} if pk else {})}
    return reverse(f"inspections:{recording.name}", kwargs=kwargs), reverse(
        f"inspections:{recording.name}_check", kwargs=kwargs
    )


@login_required
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, ons_code: str, name: str, pk: int | None = None) -> HttpResponse:
    council, recording, target = _recording(request, ons_code, name, pk)
    key = _draft_key(council, recording, pk)
    form_url, check_url = _urls(recording, council, pk)
    if request.method == "POST":
        form = recording.form(request.POST, request.FILES, council=council, target=target)
        if form.is_valid():
            _draft_save(request, key, form)
            return redirect(check_url)
    else:
        form = _draft_form(request, key, recording, council, target) or recording.form(
            council=council, target=target, initial=recording.initial(target, request.GET)
        )
    return render(
        request,
        "inspections/journey/record_form.html",
        {
            "council": council,
            "recording": recording,
            "target": target,
            "form": form,
            "back": _back(recording, council, target),
            "held": _held_names(request, key),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_check(request: HttpRequest, ons_code: str, name: str, pk: int | None = None) -> HttpResponse:
    council, recording, target = _recording(request, ons_code, name, pk)
    key = _draft_key(council, recording, pk)
    form_url, _check_url = _urls(recording, council, pk)
    form = _draft_form(request, key, recording, council, target)
    if form is None or not form.is_valid():
        return redirect(form_url)
    error = ""
    if request.method == "POST":
        try:
            done, saved = recording.save(council=council, target=target, data=form.cleaned_data, form=form)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            journey_held.release(request.session.pop(key))
            messages.success(request, done + ".")
            return redirect(_back(recording, council, saved))
    return render(
        request,
        "inspections/journey/record_check.html",
        {
            "council": council,
            "recording": recording,
            "rows": recording.rows(form.cleaned_data, target),
            "form_url": form_url,
            "error": error,
            "check_errors": [("save", error)] if error else [],
        },
        status=400 if error else 200,
    )


@require_safe
@login_required
def review_letter(request: HttpRequest, ons_code: str, pk: int) -> FileResponse:
    """A review's letter, to whoever may see the council."""
    review = get_object_or_404(NoticeReview, pk=pk, notice__council=_council(request, ons_code))
    return uploads.held_letter_response(review.letter_file, "This review has no letter.")


@require_safe
@login_required
def notice_letter(request: HttpRequest, ons_code: str, pk: int) -> FileResponse:
    """The letter that lifted a notice, to whoever may see the council."""
    notice = get_object_or_404(ImprovementNotice, pk=pk, council=_council(request, ons_code))
    return uploads.held_letter_response(notice.lift_letter_file, "This notice has no letter lifting it.")
