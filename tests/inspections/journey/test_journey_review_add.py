"""Recording a DfE review of a notice, with its outcome and its letter (a PDF or Word document,
checked by its content); saved by ``notice_review_record``: a lift ends the notice that day."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inspections.intervention import Stage, intervention_stage
from inspections.models import NoticeReview

pytestmark = pytest.mark.django_db
D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def url(sutton_notice):
    return f"/councils/E09000029/intervention/notices/{sutton_notice.pk}/review/"


def test_it_refuses_a_put(signed_in, url):
    assert signed_in("administrator").put(url).status_code == 405


@pytest.mark.parametrize("persona, status", [("observer", 403), ("sutton_officer", 403), ("southwark_officer", 404)])
def test_only_administrators_record_reviews(client, request, url, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(url, {"outcome": "lift"}).status_code == status
    assert not NoticeReview.objects.exists()


def test_a_review_that_lifts_the_notice_is_saved_with_its_letter_and_ends_the_notice(
    client, sutton_council_admin, sutton, sutton_notice, url, day, record
):
    final = sutton_notice.dates.get(kind="final_review")
    client.force_login(sutton_council_admin)
    assert client.get(url + "?outcome=lift").context["form"]["outcome"].value() == "lift"
    data = {
        **day("held_on", D(2013, 6, 14)),
        "scheduled": final.pk,
        "attendees": "Jo Bloggs, DfE adviser",
        "outcome": "lift",
        "letter_file": SimpleUploadedFile("review letter.pdf", PDF, content_type="application/pdf"),
    }
    check, saved = record(client, url, data)
    assert "review letter.pdf" in check.content.decode()
    assert saved.url == f"/councils/E09000029/intervention/#notice-{sutton_notice.pk}"
    review = NoticeReview.objects.get()
    assert (review.held_on, review.scheduled, review.outcome) == (D(2013, 6, 14), final, "lift")
    assert review.letter_file.read() == PDF
    sutton_notice.refresh_from_db()
    assert (sutton_notice.status, sutton_notice.status_changed_on) == ("lifted", D(2013, 6, 14))
    assert intervention_stage(sutton, on=D(2013, 7, 1)).stage == Stage.ENDED
    assert "Recorded the review of 14 June 2013: lift the notice." in client.get(saved.url).content.decode()


def test_a_file_that_is_not_a_pdf_or_word_document_is_refused_by_its_content(
    client, sutton_council_admin, url, day, error_summary
):
    client.force_login(sutton_council_admin)
    response = client.post(
        url,
        {
            **day("held_on", D(2012, 12, 14)),
            "outcome": "none",
            "letter_file": SimpleUploadedFile("letter.pdf", b"MZ\x90\x00 not a letter"),
        },
    )
    assert response.status_code == 400
    assert error_summary(response) == [("id_letter_file", "letter.pdf must be a PDF or Word document.")]
    assert not NoticeReview.objects.exists()


def test_a_chosen_letter_stays_when_the_person_goes_back_to_change_an_answer(
    client, sutton_council_admin, url, day, record
):
    client.force_login(sutton_council_admin)
    first = {**day("held_on", D(2012, 12, 14)), "outcome": "none", "letter_file": SimpleUploadedFile("a.pdf", PDF)}
    record(client, url, first, confirm=False)
    assert "Already chosen: a.pdf" in client.get(url).content.decode()
    _, saved = record(client, url, {**day("held_on", D(2012, 12, 14)), "outcome": "continue"})
    review = NoticeReview.objects.get()
    assert (review.outcome, review.letter_file.read()) == ("continue", PDF)


def test_a_review_before_the_notice_or_on_a_day_already_recorded_gets_govuk_errors(
    client, sutton_council_admin, sutton_notice, url, day, error_summary
):
    client.force_login(sutton_council_admin)
    response = client.post(url, {**day("held_on", D(2012, 6, 1)), "outcome": "continue"})
    assert error_summary(response) == [
        ("id_held_on_0", "The date of the review must be on or after the notice was issued, 15 June 2012")
    ]
    NoticeReview.objects.create(notice=sutton_notice, held_on=D(2012, 12, 14))
    response = client.post(url, {**day("held_on", D(2012, 12, 14)), "outcome": "continue"})
    assert error_summary(response) == [
        ("id_held_on_0", "A review on 14 December 2012 is already recorded for this notice")
    ]


def test_no_date_and_no_outcome_link_to_the_day_box_and_the_first_radio(client, administrator, url, error_summary):
    client.force_login(administrator)
    response = client.post(url, {})
    assert response.status_code == 400
    assert error_summary(response) == [
        ("id_held_on_0", "Enter the date of the review"),
        ("id_outcome_1", "Choose what the review decided, or “Not known yet”"),
    ]
