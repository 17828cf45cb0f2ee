"""The files the API lists, downloaded with a token alone: a board report's PDF, a notice
review's letter and the letter that lifted a notice, scoped like the rest of the API."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from improvement_board.models import BoardReport, ImprovementBoard, User
from inspections.intervention_services import notice_lift, notice_review_record
from inspections.models import ImprovementNotice

SUTTON, SOUTHWARK = "E09000029", "E09000028"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def dfe(national_demo, db):
    return User.objects.get(username="dfe.observer")


def _queued(period: datetime.date) -> BoardReport:
    board = ImprovementBoard.objects.get(council__ons_code=SUTTON, is_active=True)
    return BoardReport.objects.create(board=board, period=period, status="queued")


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_token_alone_downloads_a_report_the_list_links_to(client, dfe, token_for, make_ready_report):
    january = datetime.date(2013, 1, 1)
    old = make_ready_report(SUTTON, january, version=1, pdf=b"%PDF-1.4 old")
    current = make_ready_report(SUTTON, january, version=2, pdf=PDF)
    body = client.get(f"/api/v1/councils/{SUTTON}/reports/", **token_for(dfe)).json()
    links = {r["id"]: r["file_url"] for r in body["results"]}
    assert links[current.pk] == f"http://testserver/api/v1/councils/{SUTTON}/reports/{current.pk}/file/"

    response = client.get(links[current.pk], **token_for(dfe))  # no session: the token only
    assert response.status_code == 200 and _body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="sutton-improvement-board-2013-01.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    response = client.get(links[old.pk], **token_for(dfe))
    assert _body(response) == b"%PDF-1.4 old"
    assert response["Content-Disposition"] == 'attachment; filename="sutton-improvement-board-2013-01-v1.pdf"'


def test_a_report_file_is_refused_without_a_token_and_hidden_from_other_councils(
    client, dfe, token_for, southwark_officer, make_ready_report
):
    report = make_ready_report(SUTTON, datetime.date(2013, 1, 1))
    url = f"/api/v1/councils/{SUTTON}/reports/{report.pk}/file/"
    assert client.get(url).status_code in (401, 403)
    assert client.get(url, HTTP_AUTHORIZATION="Token not-a-real-token").status_code in (401, 403)
    assert client.get(url, **token_for(southwark_officer)).status_code == 404
    # Sutton's report through a council the reader may see is still not theirs.
    other = f"/api/v1/councils/{SOUTHWARK}/reports/{report.pk}/file/"
    assert client.get(other, **token_for(southwark_officer)).status_code == 404
    assert client.post(url, **token_for(dfe)).status_code == 405


def test_a_report_not_ready_has_no_file(client, dfe, token_for):
    queued = _queued(datetime.date(2013, 2, 1))
    response = client.get(f"/api/v1/councils/{SUTTON}/reports/{queued.pk}/file/", **token_for(dfe))
    assert response.status_code == 404 and response["Content-Type"] == "application/json"


def test_a_token_alone_downloads_a_review_letter_the_intervention_view_links_to(
    client, dfe, token_for, southwark_officer
):
    notice = ImprovementNotice.objects.get(council__ons_code=SUTTON)
    with_letter = notice_review_record(
        notice=notice,
        held_on=datetime.date(2013, 4, 23),
        outcome="continue",
        letter_file=SimpleUploadedFile("review-april.pdf", PDF),
    )
    without = notice_review_record(notice=notice, held_on=datetime.date(2013, 10, 22), outcome="continue")
    body = client.get(f"/api/v1/councils/{SUTTON}/intervention/", **token_for(dfe)).json()
    reviews = {r["held_on"]: r for r in body["notices"][0]["reviews"]}
    url = f"http://testserver/api/v1/councils/{SUTTON}/intervention/reviews/{with_letter.pk}/letter/"
    assert reviews["2013-04-23"]["letter_file_api_url"] == url
    assert reviews["2013-10-22"]["letter_file_api_url"] is None

    response = client.get(url, **token_for(dfe))
    assert response.status_code == 200 and _body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="review-april')
    none_held = f"/api/v1/councils/{SUTTON}/intervention/reviews/{without.pk}/letter/"
    assert client.get(none_held, **token_for(dfe)).status_code == 404
    assert client.get(url, **token_for(southwark_officer)).status_code == 404


def test_a_token_alone_downloads_the_letter_that_lifted_a_notice(client, dfe, token_for, southwark_officer):
    notice = ImprovementNotice.objects.get(council__ons_code=SUTTON)
    url = f"/api/v1/councils/{SUTTON}/intervention/notices/{notice.pk}/letter/"
    assert client.get(url, **token_for(dfe)).status_code == 404  # in force: no letter
    body = client.get(f"/api/v1/councils/{SUTTON}/intervention/", **token_for(dfe)).json()
    assert (body["notices"][0]["lift_letter_file_url"], body["notices"][0]["lift_letter_file_api_url"]) == (None, None)

    notice_lift(notice=notice, lifted_on=datetime.date(2014, 6, 30), letter_file=SimpleUploadedFile("lift.pdf", PDF))
    body = client.get(f"/api/v1/councils/{SUTTON}/intervention/", **token_for(dfe)).json()
    assert body["notices"][0]["status"] == "lifted"
    assert body["notices"][0]["lift_letter_file_api_url"] == f"http://testserver{url}"
    assert body["notices"][0]["lift_letter_file_url"] == (
        f"http://testserver/councils/{SUTTON}/intervention/notices/{notice.pk}/letter/"
    )
    response = client.get(url, **token_for(dfe))
    assert response.status_code == 200 and _body(response) == PDF
    assert response["Content-Disposition"].startswith('attachment; filename="lift')
    assert client.get(url, **token_for(southwark_officer)).status_code == 404


def test_the_schema_documents_the_downloads_as_files(client, dfe, token_for):
    paths = client.get("/api/v1/schema/?format=json", **token_for(dfe)).json()["paths"]
    report = paths["/api/v1/councils/{ons_code}/reports/{id}/file/"]["get"]["responses"]
    assert report["200"]["content"] == {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
    assert set(report) == {"200", "404"}
    for letter in ("reviews", "notices"):
        responses = paths[f"/api/v1/councils/{{ons_code}}/intervention/{letter}/{{id}}/letter/"]["get"]["responses"]
        assert set(responses["200"]["content"]) == {"application/pdf", DOCX, "application/msword"}
