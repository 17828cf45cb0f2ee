"""The risk register: open risks by score (the one rule, with its meaning shown), review overdue
flagged, closed risks apart."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from improvement_board.boards import governance_services
from improvement_board.boards.governance import risk_band, risk_score

pytestmark = pytest.mark.django_db
URL = reverse("board_risks", kwargs={"slug": "sutton"})


def add(board, title, likelihood, impact, review=datetime.date(2099, 1, 1), **extra):
    return governance_services.board_risk_record(
        board=board,
        title=title,
        cause="c",
        likelihood=likelihood,
        impact=impact,
        owner="o",
        mitigations="m",
        review_date=review,
        **extra,
    )


def test_the_score_rule_and_its_bands():
    assert [risk_score(1, 3), risk_score(2, 3), risk_score(4, 2), risk_score(3, 5), risk_score(5, 5)] == [
        3,
        6,
        8,
        15,
        25,
    ]
    assert [risk_band(s) for s in (1, 3, 4, 6, 8, 12, 15, 25)] == [
        "Low",
        "Low",
        "Moderate",
        "Moderate",
        "High",
        "High",
        "Extreme",
        "Extreme",
    ]


def test_highest_score_first_with_review_overdue_flagged(signed_in, sutton_board):
    add(sutton_board, "Court delays", 2, 3)
    add(sutton_board, "Social worker vacancies", 4, 4, review=datetime.date(2000, 1, 1))
    add(sutton_board, "Data quality", 3, 3, escalated=True)
    add(sutton_board, "Old risk", 5, 5, closed=True)
    page = signed_in("observer").get(URL).content.decode()
    open_part = page.split("Closed risks")[0]
    order = [open_part.index(t) for t in ("Social worker vacancies", "Data quality", "Court delays")]
    assert order == sorted(order) and "Old risk" not in open_part
    assert "16, extreme" in page and "Likelihood 4 × impact 4" in page and "6, moderate" in page
    assert "1 to 3 is low, 4 to 6 moderate, 8 to 12 high and 15 to 25 extreme" in page
    assert open_part.count("Review overdue") == 1 and "1 risk is past its review date" in page
    assert "Escalated" in open_part


def test_who_sees_it(client, signed_in, risk):
    assert signed_in("sutton_member").get(URL).status_code == 200
    assert "Add a risk" not in signed_in("sutton_officer").get(URL).content.decode()
    assert "Add a risk" in signed_in("secretary").get(URL).content.decode()
    assert signed_in("southwark_officer").get(URL).status_code == 404
    assert signed_in("observer").post(URL).status_code == 405
