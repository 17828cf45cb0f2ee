"""Where an API client downloads the files the API lists (:mod:`.files`): with the same token
as the rest of the API, unlike the pages' download links, which need a web sign-in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

if TYPE_CHECKING:
    from improvement_board.models import BoardReport
    from inspections.models import ImprovementNotice, NoticeReview


def report_file_url(request, report: BoardReport) -> str:
    """Where an API client downloads a ready report's PDF."""
    kwargs = {"ons_code": report.board.council.ons_code, "pk": report.pk}
    return request.build_absolute_uri(reverse("api:report_file", kwargs=kwargs))


def review_letter_url(request, review: NoticeReview) -> str:
    """Where an API client downloads a notice review's letter."""
    kwargs = {"ons_code": review.notice.council.ons_code, "pk": review.pk}
    return request.build_absolute_uri(reverse("api:review_letter", kwargs=kwargs))


def notice_letter_url(request, notice: ImprovementNotice) -> str:
    """Where an API client downloads the letter that lifted a notice."""
    kwargs = {"ons_code": notice.council.ons_code, "pk": notice.pk}
    return request.build_absolute_uri(reverse("api:notice_letter", kwargs=kwargs))
