"""Page 1's "Dates ahead": only the notice's dates after the pack's cut-off, a month-only date kept
in its own month. Known answers on the PDF text of page 1 (pypdfium2), for Sutton's notice
(tests/improvement_board/conftest.py): reports to ministers "October 2012" and "January 2013", a
review "December 2012" and compliance by "January 2014", all month-only."""

from __future__ import annotations

import datetime

import pypdfium2
import pytest

from improvement_board.models import BoardReport
from improvement_board.reports import packs, services

pytestmark = pytest.mark.django_db


def _page_one(board, chair, meeting: datetime.date, today: datetime.date) -> str:
    pack = packs.board_pack_create(board=board, meeting_date=meeting, requested_by=chair, today=today, queue=False)
    pack = BoardReport.objects.get(pk=pack.pk)
    pdf = services.board_report_pdf(board=pack.board, period=pack.period, version=pack.version, pack=pack)
    text = pypdfium2.PdfDocument(pdf)[0].get_textpage().get_text_range()
    return " ".join(text.split())


def _dates_ahead(page_one: str) -> str:
    start = page_one.index("Dates ahead")
    end = page_one.find("Contents and key", start)  # the contents may follow on page 1
    return page_one[start : end if end > 0 else None]


def test_a_month_only_date_stays_ahead_in_its_own_month(known_report, sutton_chair):
    # Meeting on 7 November 2012: cut off five working days before, on Wednesday 31 October.
    page = _page_one(known_report["board"], sutton_chair, datetime.date(2012, 11, 7), datetime.date(2012, 11, 5))
    ahead = _dates_ahead(page)
    assert "Next DfE review December 2012" in ahead
    assert "Next report to ministers October 2012" in ahead  # "October 2012" is not over on 31 October
    assert "All indicators and milestones met by January 2014" in ahead


def test_a_date_in_a_month_already_over_is_not_ahead(known_report, sutton_chair):
    # Meeting on 5 December 2012, cut off on 28 November: October's report to ministers is past.
    page = _page_one(known_report["board"], sutton_chair, datetime.date(2012, 12, 5), datetime.date(2012, 12, 3))
    ahead = _dates_ahead(page)
    assert "Next report to ministers January 2013" in ahead
    assert "October 2012" not in ahead


def test_a_pack_cut_after_every_notice_date_lists_none_of_them(known_report, sutton_chair):
    page = _page_one(known_report["board"], sutton_chair, datetime.date(2026, 3, 4), datetime.date(2026, 3, 3))
    ahead = _dates_ahead(page)
    assert "No date the notice sets is after the cut-off." in ahead
    assert "2014" not in ahead and "2013" not in ahead and "2012" not in ahead
