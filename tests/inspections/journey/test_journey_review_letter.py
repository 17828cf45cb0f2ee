"""A review's letter: downloaded by whoever may see the council, as an attachment; never to
anyone else."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inspections.intervention_services import notice_review_record

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def review(sutton_notice):
    return notice_review_record(
        notice=sutton_notice,
        held_on=datetime.date(2012, 12, 14),
        outcome="continue",
        letter_file=SimpleUploadedFile("review.pdf", PDF),
    )


@pytest.fixture
def url(review):
    return f"/councils/E09000029/intervention/reviews/{review.pk}/download/"


def test_it_refuses_a_post(signed_in, url):
    assert signed_in("observer").post(url).status_code == 405


def test_the_observer_downloads_the_letter(client, observer, url):
    client.force_login(observer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF


def test_an_officer_of_another_council_gets_404(signed_in, url):
    assert signed_in("southwark_officer").get(url).status_code == 404


def test_a_review_with_no_letter_has_none_to_download(client, sutton_officer, sutton_notice):
    no_letter = notice_review_record(notice=sutton_notice, held_on=datetime.date(2013, 6, 14))
    client.force_login(sutton_officer)
    assert client.get(f"/councils/E09000029/intervention/reviews/{no_letter.pk}/download/").status_code == 404
