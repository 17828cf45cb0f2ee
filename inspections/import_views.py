"""Importing an inspection document: upload, review what was read beside its source lines, confirm.

Nothing is saved in the database before confirmation. Between upload and confirmation the
extraction lives in the session and the file in storage under ``imports/pending/``; cancelling,
confirming or uploading another document removes both.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from . import forms_gds, importing
from .grading import Level
from .import_forms import (
    FindingForm,
    HeaderForm,
    JudgementForm,
    MeasureForm,
    RecommendationForm,
    UploadForm,
    item_forms,
)
from .models import Council, Inspection, OfstedActivity

SESSION_KEY = "inspection_import"


def _require_importer(user) -> None:
    """Administrators, and officers and council administrators (for their own council), import documents."""
    if user.is_administrator():
        return
    if user.role in {user.Role.OFFICER, user.Role.COUNCIL_ADMINISTRATOR} and user.council_id:
        return
    raise PermissionDenied("Only administrators and council officers can import inspection reports.")


def _councils(user):
    return Council.objects.all() if user.is_administrator() else Council.objects.filter(pk=user.council_id)


def _discard(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending and pending.get("file"):
        default_storage.delete(pending["file"])


@require_http_methods(["GET", "POST"])
@login_required
def upload(request: HttpRequest) -> HttpResponse:
    _require_importer(request.user)
    councils = _councils(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, councils=councils)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data.get("council")
        document = form.cleaned_data["document"]
        try:
            result = importing.document_read_upload(
                upload=document, council=chosen, published_hint=form.cleaned_data["published"]
            )
            council = importing.result_check(result, council=chosen)
            if not request.user.can_update_plan(council):
                own = request.user.council.short_name if request.user.council else "your council"
                raise importing.ImportRefused(
                    f"This report is for {council.short_name}. You can import reports for {own} only."
                )
            follows = importing.inspection_followed(council=council, result=result) if result.activity_kind else None
            importing.inspection_import(
                result=result,
                council=council,
                dry_run=True,
                accept_questions=True,  # the review page asks them
                follows=follows or Inspection.objects.filter(council=council).order_by("-published").first(),
            )
        except importing.ImportRefused as exc:
            form.add_error("document", str(exc))
        else:
            _discard(request)
            token = secrets.token_hex(8)
            document.seek(0)
            stored = default_storage.save(f"imports/pending/{token}{Path(document.name).suffix.lower()}", document)
            request.session[SESSION_KEY] = {
                "token": token,
                "file": stored,
                "name": Path(document.name).name,
                "council": council.pk,
                "data": importing.result_to_data(result),
                "follows": follows.pk if follows else None,
            }
            return redirect("imports:review")
    return render(request, "inspections/import/upload.html", {"form": form})


def _with_source(items: list[dict], lines: dict) -> list[dict]:
    """Each item with the document lines it was read from (the line before it too)."""
    for item in items:
        line = item.get("line") or 0
        item["source"] = [
            (n, lines[str(n)]) for n in (line - 1, line) if str(n) in lines and (n == line or lines[str(n)].strip())
        ]
        if item.get("level"):
            item["level_label"] = Level(item["level"]).label
    return items


def _review_forms(pending: dict, council: Council, data=None) -> dict:
    extraction = pending["data"]
    lines = extraction.get("lines", {})
    notice = extraction["framework"] == "NOTICE"
    letter = extraction.get("activity_kind")
    questions = importing.result_questions(extraction)
    follows = None
    initial = {
        "title": extraction.get("title") or "",
        "published": importing._day(extraction.get("published")),
        "lead_inspector": extraction.get("lead_inspector") or "",
    }
    if letter:
        follows = Inspection.objects.filter(council=council).select_related("framework").order_by("-published")
        initial["number"] = extraction.get("visit_number")
        initial["follows"] = pending.get("follows")
    header = HeaderForm(
        data,
        prefix="h",
        notice=notice,
        letter=letter,
        follows=follows,
        ask_overall=extraction["framework"] if questions.overall_missing else None,
        initial=initial,
    )
    judgements = _with_source(importing.flat_items(extraction, "judgements"), lines)
    recommendations = _with_source(importing.flat_items(extraction, "recommendations"), lines)
    measures = _with_source([dict(m) for m in extraction["measures"]], lines)
    findings = _with_source([dict(f) for f in extraction.get("findings", [])], lines)
    return {
        "header": header,
        "questions": questions,
        "judgements": [
            (
                item,
                JudgementForm(
                    data,
                    prefix=f"j-{i}",
                    framework=item["framework"],
                    ask=item["level"] is None or not importing.grade_on_scale(item["framework"], item["grade"]),
                    initial={"keep": True, **item},
                ),
            )
            for i, item in enumerate(judgements)
        ],
        "recommendations": list(
            zip(recommendations, item_forms(RecommendationForm, recommendations, data, prefix="r"))
        ),
        "measures": list(zip(measures, item_forms(MeasureForm, measures, data, prefix="m"))),
        "findings": list(zip(findings, item_forms(FindingForm, findings, data, prefix="f"))),
    }


ITEM_KEYS = ("judgements", "recommendations", "measures", "findings")


@require_http_methods(["GET", "POST"])
@login_required
def review(request: HttpRequest) -> HttpResponse:
    _require_importer(request.user)
    pending = request.session.get(SESSION_KEY)
    if not pending:
        messages.info(request, "There is no report waiting for review: upload one.")
        return redirect("imports:upload")
    council = Council.objects.filter(pk=pending["council"]).first()
    if council is None or not request.user.can_update_plan(council):
        _discard(request)
        raise PermissionDenied("You cannot import reports for this council.")
    forms = _review_forms(pending, council, request.POST if request.method == "POST" else None)
    refusal = None
    every = [forms["header"], *(f for key in ITEM_KEYS for _, f in forms[key])]
    if request.method == "POST" and all([f.is_valid() for f in every]):
        result = importing.result_from_review(
            pending["data"],
            header=forms["header"].cleaned_data,
            judgements=[f.cleaned_data for _, f in forms["judgements"]],
            recommendations=[f.cleaned_data for _, f in forms["recommendations"]],
            measures=[f.cleaned_data for _, f in forms["measures"]],
            findings=[f.cleaned_data for _, f in forms["findings"]],
        )
        result.source = pending["name"]
        try:
            with default_storage.open(pending["file"], "rb") as staged:
                outcome = importing.inspection_import(
                    result=result,
                    council=council,
                    file=staged,
                    user=request.user,
                    follows=forms["header"].cleaned_data.get("follows"),
                )
        except (importing.ImportRefused, FileNotFoundError) as exc:
            refusal = (
                str(exc)
                if isinstance(exc, importing.ImportRefused)
                else ("The uploaded file is no longer available: upload it again.")
            )
        else:
            _discard(request)
            messages.success(request, outcome.summary[:1].upper() + outcome.summary[1:] + ".")
            if outcome.inspections:
                return redirect(outcome.inspections[0].get_absolute_url())
            if outcome.activity is not None:  # a letter: the council's Ofsted activity between inspections
                return redirect("inspections:ofsted", ons_code=council.ons_code)
            return redirect(council.get_absolute_url())
    errors = [link for f in every for link in forms_gds.error_links(f)]
    return render(
        request,
        "inspections/import/review.html",
        {
            "pending": pending,
            "extraction": pending["data"],
            "council": council,
            "refusal": refusal,
            "errors": ([("confirm", refusal)] if refusal else []) + errors,
            "fieldwork": [
                importing._day(extraction_day)
                for extraction_day in (pending["data"].get("fieldwork_start"), pending["data"].get("fieldwork_end"))
            ],
            "activity_label": OfstedActivity.Kind(pending["data"]["activity_kind"]).label
            if pending["data"].get("activity_kind")
            else "",
            "questions_asked": forms["questions"].messages(pending["data"]["framework"]),
            "item_lists": [
                ("Judgements", "Judgement", forms["judgements"]),
                ("Recommendations", "Recommendation", forms["recommendations"]),
                ("Findings", "Finding", forms["findings"]),
                ("Measures", "Measure", forms["measures"]),
            ],
            **forms,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def cancel(request: HttpRequest) -> HttpResponse:
    _require_importer(request.user)
    _discard(request)
    messages.info(request, "Import cancelled: nothing was saved.")
    return redirect("imports:upload")
