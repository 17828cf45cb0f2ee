"""A board's monthly reports: queue one, follow its progress, download it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from inspections import uploads

from ..accounts import access as permissions
from ..boards.models import ImprovementBoard
from ..boards.views import board_page, visible_board
from . import services
from .forms import ReportGenerateForm
from .models import BoardReport
from .pack_views import pack_permissions


def _report(board: ImprovementBoard, pk: int) -> BoardReport:
    return get_object_or_404(BoardReport.objects.select_related("board__council", "requested_by"), pk=pk, board=board)


@require_POST
@login_required
def report_generate(request: HttpRequest, slug: str) -> HttpResponse:
    """Queue a report for a month ("generate now"); a new version if one exists already."""
    board = visible_board(request, slug, chair=True)
    form = ReportGenerateForm(request.POST, board=board)
    if not form.is_valid():
        return board_page(request, board, form, status=400)
    report, created = services.board_report_request(
        board=board, period=form.cleaned_data["period"], requested_by=request.user
    )
    if not created:
        messages.info(request, f"The {report.period:%B %Y} report is already being made.")
    return redirect("board_report", slug=board.slug, pk=report.pk)


@require_safe
@login_required
def report_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One report version: its progress while it is made (reload to see it move), then the download."""
    board = visible_board(request, slug)
    report = _report(board, pk)
    return render(
        request,
        "improvement_board/report.html",
        {
            "board": board,
            "report": report,
            "is_chair": permissions.can_chair(request.user, board),
            "in_progress": report.status in (BoardReport.Status.QUEUED, BoardReport.Status.GENERATING),
            "may": pack_permissions(request.user, board),
        },
    )


@require_safe
@login_required
def report_status_json(request: HttpRequest, slug: str, pk: int) -> JsonResponse:
    board = visible_board(request, slug)
    report = _report(board, pk)
    ready = report.status == BoardReport.Status.READY
    return JsonResponse(
        {
            "id": report.pk,
            "period": f"{report.period:%Y-%m}",
            "version": report.version,
            "status": report.status,
            "status_label": report.get_status_display(),
            "attempts": report.attempts,
            "error": report.error,
            "size": report.size,
            "generated_at": report.generated_at.isoformat() if report.generated_at else None,
            "download_url": reverse("board_report_download", kwargs={"slug": board.slug, "pk": report.pk})
            if ready
            else None,
        }
    )


@require_safe
@login_required
def report_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    board = visible_board(request, slug)
    report = _report(board, pk)
    if report.status != BoardReport.Status.READY or not report.file:
        raise Http404("This report is not ready.")
    filename = report.download_filename(services.current_report(board, report.period))
    return uploads.file_response(report.file, filename=filename, content_type="application/pdf")
