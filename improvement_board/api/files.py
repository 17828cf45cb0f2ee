"""The files the API lists, for API clients: a board report's PDF, a notice review's letter and
the letter that lifted a notice.

The same files as the pages' download links (``download_url``, ``letter_file_url``,
``lift_letter_file_url``), which a client with only a token cannot open: they need a web sign-in.
These answer to a token or a signed-in session alike, scoped like every other API view (404 for a
council the user may not see, or a file the council does not have) and, like them, only read.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.views import APIView

from improvement_board.models import BoardReport
from improvement_board.reports.services import current_report
from inspections import uploads
from inspections.models import ImprovementNotice, NoticeReview

from .views import ONS_CODE, _council

ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The id the list gives.")
NOT_FOUND = OpenApiResponse(description="No such council you may see, or it has no such file.")
LETTER = {
    **{(200, kind.content_type): OpenApiTypes.BINARY for kind in uploads.LETTER_TYPES},
    404: NOT_FOUND,
}


class ReportFile(APIView):
    @extend_schema(
        summary="A board report's PDF (a ready version, as the reports list gives it)",
        parameters=[ONS_CODE, ID],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: NOT_FOUND},
    )
    def get(self, request, ons_code: str, pk: int):
        council = _council(request, ons_code)
        report = get_object_or_404(
            BoardReport.objects.select_related("board__council"),
            pk=pk,
            board__council=council,
            status=BoardReport.Status.READY,
        )
        if not report.file:
            raise Http404("This report has no file.")
        filename = report.download_filename(current_report(report.board, report.period))
        return uploads.file_response(report.file, filename=filename, content_type="application/pdf")


class ReviewLetter(APIView):
    @extend_schema(
        summary="A notice review's letter (a PDF or Word document), where one is held",
        parameters=[ONS_CODE, ID],
        responses=LETTER,
    )
    def get(self, request, ons_code: str, pk: int):
        review = get_object_or_404(NoticeReview, pk=pk, notice__council=_council(request, ons_code))
        return uploads.held_letter_response(review.letter_file, "This review has no letter held.")


class NoticeLetter(APIView):
    @extend_schema(
        summary="The letter that lifted a notice (a PDF or Word document), where one is held",
        parameters=[ONS_CODE, ID],
        responses=LETTER,
    )
    def get(self, request, ons_code: str, pk: int):
        notice = get_object_or_404(ImprovementNotice, pk=pk, council=_council(request, ons_code))
        return uploads.held_letter_response(notice.lift_letter_file, "This notice has no letter lifting it held.")
