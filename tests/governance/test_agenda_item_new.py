"""Adding an agenda item with its paper: a PDF, checked by its content as evidence is, kept in
private storage and downloaded only through the board's permission-checked page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from improvement_board.models import AgendaItem

pytestmark = pytest.mark.django_db
URL = reverse("board_agenda_item_new", kwargs={"slug": "sutton"})


def data(**change):
    base = {"meeting_date_0": "8", "meeting_date_1": "1", "meeting_date_2": "2099", "title": "Workforce report"}
    return {**base, "presenter": "DCS", **change}


def test_the_secretary_adds_an_item_with_its_paper(signed_in, seats, settings, pdf):
    response = signed_in("secretary").post(URL, data(paper=pdf(), paper_title="Workforce report, December"))
    assert response.status_code == 302 and response["Location"].endswith("?date=2099-01-08")
    item = AgendaItem.objects.get()
    assert (item.order, item.paper_name, item.paper_title) == (1, "workforce-report.pdf", "Workforce report, December")
    assert item.paper.name.startswith("board-papers/") and str(settings.MEDIA_ROOT) in item.paper.path
    second = signed_in("secretary").post(URL, data(title="AOB"))
    assert second.status_code == 302 and AgendaItem.objects.get(title="AOB").order == 2


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("notes.pdf", b"<html>not a pdf</html>", "notes.pdf must be a PDF, so that it can go in the pack"),
        ("plan.docx", b"PK\x03\x04 not really", "plan.docx must be a PDF"),
        ("empty.pdf", b"", "The submitted file is empty"),
    ],
)
def test_a_paper_that_is_not_a_pdf_is_refused(signed_in, seats, pdf, name, content, message):
    page = signed_in("sutton_chair").post(URL, data(paper=pdf(name, content))).content.decode()
    assert "There is a problem" in page and message in page
    assert not AgendaItem.objects.exists()


def test_a_paper_too_big_is_refused(signed_in, seats, settings, pdf):
    settings.EVIDENCE_MAX_BYTES = 100
    page = signed_in("sutton_chair").post(URL, data(paper=pdf(content=b"%PDF-1.4" + b" " * 200))).content.decode()
    assert "must be smaller than 100" in page and not AgendaItem.objects.exists()


def test_bad_input_and_wrong_people(signed_in, seats):
    assert "Enter the item&#x27;s title" in signed_in("sutton_chair").post(URL, data(title="")).content.decode()
    assert (
        "Enter the date of the meeting"
        in signed_in("sutton_chair")
        .post(URL, data(meeting_date_0="", meeting_date_1="", meeting_date_2=""))
        .content.decode()
    )
    assert signed_in("sutton_member").post(URL, data()).status_code == 403
    assert signed_in("observer").get(URL).status_code == 403
    assert signed_in("southwark_officer").get(URL).status_code == 404
    assert signed_in("sutton_chair").put(URL).status_code == 405
    assert not AgendaItem.objects.exists()
