"""A risk's page: its score with the rule's meaning, and every version recorded."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from improvement_board.boards import governance_services

pytestmark = pytest.mark.django_db


def test_it_shows_the_score_and_the_history_of_reviews(signed_in, risk):
    governance_services.board_risk_review(
        risk=risk, likelihood=3, impact=4, review_date=datetime.date(2099, 6, 1), note="Twelve posts filled."
    )
    page = signed_in("sutton_officer").get(reverse("board_risk", args=["sutton", risk.pk])).content.decode()
    assert "12, high" in page and "15 to 25 extreme" in page and "Falling" in page
    assert "Reviewed: Twelve posts filled." in page and "Added" in page
    assert "Review the risk" not in page


def test_another_councils_person_and_a_post(signed_in, risk):
    url = reverse("board_risk", args=["sutton", risk.pk])
    assert signed_in("southwark_observer").get(url).status_code == 404
    assert signed_in("sutton_chair").post(url).status_code == 405
    assert signed_in("sutton_chair").get(reverse("board_risk", args=["sutton", 999])).status_code == 404
