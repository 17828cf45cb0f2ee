"""Bringing a plan in from a spreadsheet: the template to download, the upload, the preview of
every row, and the confirmation that saves it (all or nothing)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from . import held, plan_import, plan_template
from .structure_forms import PlanUploadForm
from .structure_pages import bound, council_and_plan, structure_url

PURPOSE = "plan_import"


@require_safe
@login_required
def template_download(request: HttpRequest) -> HttpResponse:
    """The plan as a spreadsheet in the import template (an empty template if it has none)."""
    council, plan = council_and_plan(request, edit=False)
    response = HttpResponse(
        plan_template.template_xlsx(plan),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{council.slug}-plan-template.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def plan_upload(request: HttpRequest) -> HttpResponse:
    council, plan = council_and_plan(request)
    form = PlanUploadForm(*bound(request, files=True))
    if request.method == "POST" and form.is_valid():
        kept = held.held_file_create(file=form.cleaned_data["file"], owner=request.user, purpose=PURPOSE)
        return redirect(f"{reverse('actions:import_preview', kwargs={'token': kept.token})}?council={council.ons_code}")
    return render(request, "actions/import_upload.html", {"council": council, "plan": plan, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def import_preview(request: HttpRequest, token) -> HttpResponse:
    """Every row of the uploaded file and what saving it would do; POST saves it."""
    council, plan = council_and_plan(request)
    kept = held.held_file_get(token=token, owner=request.user, purpose=PURPOSE)
    with kept.file.open("rb") as stored:
        data = stored.read()
    if request.method == "POST":
        try:
            result = plan_import.plan_import(data=data, filename=kept.original_name, council=council, by=request.user)
        except plan_import.ImportRefused:
            messages.error(request, "Nothing was saved: the file has errors. Correct them and upload it again.")
            return redirect(request.get_full_path())
        held.held_file_delete(kept)
        messages.success(
            request,
            f"Plan imported from {kept.original_name}: {result.count('create')} created, "
            f"{result.count('update')} updated, {result.count('unchanged')} unchanged.",
        )
        return redirect(structure_url(council))
    result = plan_import.preview(data=data, filename=kept.original_name, council=council, plan=plan)
    return render(
        request,
        "actions/import_preview.html",
        {
            "council": council,
            "plan": plan,
            "result": result,
            "held": kept,
            "form": PlanUploadForm(),
            "upload_url": f"{reverse('actions:import_upload')}?council={council.ons_code}",
            "counts": {kind: result.count(kind) for kind in ("create", "update", "unchanged", "error")},
            "nothing_to_do": result.ok and not any(r.kind in ("create", "update") for r in result.rows),
        },
    )
