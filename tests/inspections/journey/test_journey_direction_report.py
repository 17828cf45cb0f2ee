"""Recording the commissioner's or adviser's report and what it recommends; saved by
``statutory_direction_report_record``."""

from __future__ import annotations

import datetime

import pytest

from inspections.intervention_services import statutory_direction_create

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def direction(sutton):
    return statutory_direction_create(council=sutton, issued=D(2013, 7, 1), report_due=D(2013, 10, 1))


@pytest.fixture
def url(direction):
    return f"/councils/E09000029/intervention/directions/{direction.pk}/report/"


def test_it_refuses_a_put(signed_in, url):
    assert signed_in("administrator").put(url).status_code == 405


def test_an_officer_may_not_record_it(signed_in, url):
    assert signed_in("sutton_officer").post(url, {"recommendation": "stay"}).status_code == 403


def test_the_report_and_its_recommendation_are_saved(client, sutton_council_admin, direction, url, day, record):
    client.force_login(sutton_council_admin)
    data = {
        **day("submitted", D(2013, 9, 30)),
        "recommendation": "stay",
        "recommendation_as_written": "Children's services should remain with the council.",
    }
    _, saved = record(client, url, data)
    direction.refresh_from_db()
    assert (direction.report_submitted, direction.recommendation) == (D(2013, 9, 30), "stay")
    assert direction.recommendation_as_written == "Children's services should remain with the council."
    page = client.get(saved.url).content.decode()
    assert "Services stay with the council" in page and "sent 30 September 2013" in page


def test_a_report_before_the_direction_gets_a_govuk_error(client, administrator, url, day, error_summary):
    client.force_login(administrator)
    response = client.post(url, {**day("submitted", D(2013, 6, 1)), "recommendation": "trust"})
    assert response.status_code == 400
    assert error_summary(response) == [
        ("id_submitted_0", "The date of the report must be on or after the direction, 1 July 2013")
    ]
