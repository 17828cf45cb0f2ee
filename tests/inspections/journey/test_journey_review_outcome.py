"""Recording the outcome of a review held with none recorded; saved by
``notice_review_outcome_record``: "escalate" ends the notice as escalated."""

from __future__ import annotations

import datetime

import pytest

from inspections.models import NoticeReview

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def review(sutton_notice):
    return NoticeReview.objects.create(notice=sutton_notice, held_on=D(2012, 12, 14))


@pytest.fixture
def url(review):
    return f"/councils/E09000029/intervention/reviews/{review.pk}/outcome/"


def test_it_refuses_a_put(signed_in, url):
    assert signed_in("administrator").put(url).status_code == 405


def test_the_chair_may_not_record_it(signed_in, url):
    assert signed_in("sutton_chair").post(url, {"outcome": "lift"}).status_code == 403


def test_the_observer_of_another_council_gets_404(signed_in, url):
    assert signed_in("southwark_observer").get(url).status_code == 404


def test_an_escalation_is_saved_and_the_notice_ends_as_escalated(
    client, sutton_council_admin, review, sutton_notice, url, record
):
    client.force_login(sutton_council_admin)
    check, saved = record(client, url, {"outcome": "escalate"})
    assert "Held 14 December 2012" in check.content.decode()
    review.refresh_from_db()
    sutton_notice.refresh_from_db()
    assert review.outcome == "escalate"
    assert (sutton_notice.status, sutton_notice.status_changed_on) == ("escalated", D(2012, 12, 14))
    assert saved.url == f"/councils/E09000029/intervention/#notice-{sutton_notice.pk}"


def test_no_outcome_chosen_gets_a_govuk_error(client, administrator, url, error_summary):
    client.force_login(administrator)
    response = client.post(url, {})
    assert response.status_code == 400
    assert error_summary(response) == [("id_outcome_1", "Choose what the review decided")]


def test_a_review_whose_outcome_is_recorded_is_not_recorded_again(client, administrator, review, url, error_summary):
    review.outcome = "continue"
    review.save()
    client.force_login(administrator)
    response = client.post(url, {"outcome": "lift"})
    assert response.status_code == 400
    assert error_summary(response) == [
        ("id_outcome_1", "The outcome of this review is already recorded: Continue the notice")
    ]
