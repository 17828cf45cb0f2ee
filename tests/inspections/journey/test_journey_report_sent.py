"""Recording when the chair's progress report to ministers was sent; saved by
``ministerial_report_submitted``."""

from __future__ import annotations

import datetime

import pytest

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def report(sutton_notice):
    return sutton_notice.dates.get(kind="ministerial_report")


@pytest.fixture
def url(report):
    return f"/councils/E09000029/intervention/reports/{report.pk}/sent/"


def test_it_refuses_a_put(signed_in, url):
    assert signed_in("administrator").put(url).status_code == 405


def test_the_chair_reads_it_but_the_administrators_record_it(signed_in, url):
    assert signed_in("sutton_chair").get(url).status_code == 403


def test_another_date_of_the_notice_is_not_a_report_to_ministers(client, administrator, sutton_notice):
    review = sutton_notice.dates.get(kind="review")
    client.force_login(administrator)
    assert client.get(f"/councils/E09000029/intervention/reports/{review.pk}/sent/").status_code == 404


def test_the_date_sent_is_saved_and_shown(client, sutton_council_admin, report, url, day, record):
    client.force_login(sutton_council_admin)
    _, saved = record(client, url, day("submitted_on", D(2012, 10, 29)))
    report.refresh_from_db()
    assert report.submitted_on == D(2012, 10, 29)
    assert "Sent 29 October 2012" in client.get(saved.url).content.decode()


def test_a_date_before_the_notice_gets_a_govuk_error(client, administrator, url, day, error_summary):
    client.force_login(administrator)
    response = client.post(url, day("submitted_on", D(2012, 1, 1)))
    assert response.status_code == 400
    assert error_summary(response) == [
        ("id_submitted_on_0", "The date the report was sent must be on or after the notice was issued, 15 June 2012")
    ]
