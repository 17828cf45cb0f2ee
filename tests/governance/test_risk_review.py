"""Reviewing a risk records its new likelihood and impact, the trend they make, what the review
found and the next review date; the earlier versions stay in its history."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db


def review(**change):
    base = {"likelihood": "5", "impact": "4", "note": "Three more leavers.", "review_date_0": "1"}
    return {**base, "review_date_1": "3", "review_date_2": "2013", **change}


@time_machine.travel(datetime.date(2013, 1, 15))
def test_a_review_raises_the_score_and_the_trend_follows(signed_in, risk):
    url = reverse("board_risk_review", args=["sutton", risk.pk])
    page = signed_in("sutton_chair").get(url).content.decode()
    assert "16, extreme: likelihood 4 × impact 4" in page
    response = signed_in("sutton_chair").post(url, review(), follow=True)
    assert "now scores 20 (Extreme), rising" in response.content.decode()
    risk.refresh_from_db()
    assert (risk.score, risk.trend, risk.reviewed_on, risk.review_note) == (
        20,
        "rising",
        datetime.date(2013, 1, 15),
        "Three more leavers.",
    )
    assert risk.review_date == datetime.date(2013, 3, 1)
    scores = [(v.likelihood, v.impact, v.trend) for v in risk.history.order_by("history_id")]
    assert scores == [(4, 4, "steady"), (5, 4, "rising")]
    signed_in("sutton_chair").post(url, review(likelihood="5", impact="4", note="Holding."))
    risk.refresh_from_db()
    assert risk.trend == "steady"


@time_machine.travel(datetime.date(2013, 1, 15))
@pytest.mark.parametrize(
    "change, message",
    [
        ({"note": ""}, "Enter what the review found"),
        ({"review_date_1": "1", "review_date_0": "10"}, "The next review must be after today"),
        ({"impact": "0"}, "Choose the impact"),
    ],
)
def test_bad_input(signed_in, risk, change, message):
    url = reverse("board_risk_review", args=["sutton", risk.pk])
    assert message in signed_in("secretary").post(url, review(**change)).content.decode()
    risk.refresh_from_db()
    assert risk.history.count() == 1


def test_wrong_people_and_method(signed_in, risk):
    url = reverse("board_risk_review", args=["sutton", risk.pk])
    assert signed_in("sutton_member").post(url, review()).status_code == 403
    assert signed_in("observer").get(url).status_code == 403
    assert signed_in("southwark_officer").get(url).status_code == 404
    assert signed_in("sutton_chair").put(url).status_code == 405
