"""The meeting's agenda papers appended to its pack: after the appendix, in agenda order, each with
a contents entry giving its first page; a paper that is not a readable PDF is listed, not merged.
Known answers on the PDF text (pypdfium2), for the pack of Sutton's meeting on 7 November 2012."""

from __future__ import annotations

import datetime
import io
import re

import pypdf
import pypdfium2
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from improvement_board.boards import meeting_services
from improvement_board.boards.governance import AgendaItem
from improvement_board.models import BoardReport
from improvement_board.reports import packs, services

pytestmark = pytest.mark.django_db
MEETING = datetime.date(2012, 11, 7)


def _paper(*pages: str) -> bytes:
    """A small PDF whose pages carry the given words and nothing else."""
    from weasyprint import HTML

    body = "".join(f'<p style="break-before: page">{words}</p>' for words in pages)
    return HTML(string=f"<!DOCTYPE html><html><body>{body}</body></html>").write_pdf()


def _texts(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    return [document[n].get_textpage().get_text_range() for n in range(len(document))]


@pytest.fixture
def pack_with_papers(known_report, sutton_chair):
    board = known_report["board"]
    # Added out of order, then the second moved up: the pack follows the agenda's order.
    finance = meeting_services.agenda_item_add(
        board=board,
        meeting_date=MEETING,
        title="Finance report",
        presenter="Director of Finance",
        paper=SimpleUploadedFile("finance.pdf", _paper("FINANCE PAPER PAGE ONE"), "application/pdf"),
        paper_title="Budget for children's services",
        added_by=sutton_chair,
    )
    meeting_services.agenda_item_add(
        board=board,
        meeting_date=MEETING,
        title="Workforce update",
        paper=SimpleUploadedFile(
            "workforce.pdf", _paper("WORKFORCE PAPER PAGE ONE", "WORKFORCE PAPER PAGE TWO"), "application/pdf"
        ),
        paper_title="Recruitment and retention",
        added_by=sutton_chair,
    )
    meeting_services.agenda_item_add(board=board, meeting_date=MEETING, title="Any other business")
    # A paper damaged since its upload (the service checks uploads, so this is made by hand).
    damaged = AgendaItem(board=board, meeting_date=MEETING, order=4, title="Letter from DfE", paper_title="DfE letter")
    damaged.paper.save("letter.pdf", ContentFile(b"this is not a PDF"), save=True)
    AgendaItem.objects.create(board=board, meeting_date=datetime.date(2012, 12, 5), order=1, title="Next meeting")
    meeting_services.agenda_item_move(item=finance, up=False)  # workforce 1, finance 2
    pack = packs.board_pack_create(board=board, meeting_date=MEETING, requested_by=sutton_chair, queue=False)
    return BoardReport.objects.get(pk=pack.pk)


@pytest.fixture
def pdf(pack_with_papers):
    pack = pack_with_papers
    return services.board_report_pdf(board=pack.board, period=pack.period, version=pack.version, pack=pack)


def test_the_papers_follow_the_appendix_in_agenda_order(pdf):
    pages = _texts(pdf)
    appendix = max(
        n for n, text in enumerate(pages) if "Appendix: all actions" in text or "Papers for the meeting" in text
    )
    assert [text.strip() for text in pages[appendix + 1 :]] == [
        "WORKFORCE PAPER PAGE ONE",
        "WORKFORCE PAPER PAGE TWO",
        "FINANCE PAPER PAGE ONE",
    ]


def test_each_paper_has_a_contents_entry_with_its_first_page(pdf):
    pages = _texts(pdf)
    contents = " ".join(pages[1].split())
    workforce = int(re.search(r"Paper 1: Recruitment and retention[ .]*(\d+)", contents).group(1))
    finance = int(re.search(r"Paper 2: Budget for children's services[ .]*(\d+)", contents).group(1))
    assert pages[workforce - 1].strip() == "WORKFORCE PAPER PAGE ONE"
    assert pages[finance - 1].strip() == "FINANCE PAPER PAGE ONE"
    assert finance == workforce + 2


def test_a_paper_that_is_not_a_pdf_is_listed_not_merged(pdf):
    text = " ".join(" ".join(_texts(pdf)).split())
    assert "Paper 4: DfE letter (not a readable PDF: listed, not appended)" in text
    assert "Not appended: not a readable PDF" in text
    assert "this is not a PDF" not in text
    assert "Next meeting" not in text  # another meeting's agenda


def test_the_page_count_includes_the_papers_and_the_pack_stays_tagged(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    first = reader.pages[0].extract_text()
    assert f"Page 1 of {total}" in first
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and str(root["/Lang"]).lower() == "en-gb"
    assert reader.metadata.title.startswith("Sutton Safeguarding Improvement Board: pack for the meeting")
