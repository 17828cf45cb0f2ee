"""Adding a risk: cause, likelihood and impact 1-5, owner, mitigations, review date, escalated."""

from __future__ import annotations

import pytest
from django.urls import reverse

from improvement_board.models import BoardRisk

pytestmark = pytest.mark.django_db
URL = reverse("board_risk_new", kwargs={"slug": "sutton"})


def test_the_chair_adds_a_risk_and_is_told_its_score(signed_in, seats, risk_form):
    response = signed_in("sutton_chair").post(URL, risk_form, follow=True)
    risk = BoardRisk.objects.get()
    assert (risk.likelihood, risk.impact, risk.score, risk.escalated, risk.trend) == (4, 5, 20, True, "steady")
    assert "scoring 20 (Extreme)" in response.content.decode()
    assert risk.history.count() == 1


@pytest.mark.parametrize(
    "change, message",
    [
        ({"likelihood": ""}, "Choose the likelihood"),
        ({"impact": "6"}, "Choose the impact"),
        ({"cause": ""}, "Enter the cause of the risk"),
        ({"review_date_2": "20999"}, "Year must include 4 numbers"),
        ({"title": "x" * 301}, "Risk must be 300 characters or fewer"),
    ],
)
def test_bad_input_gets_a_govuk_error(signed_in, seats, change, message, risk_form):
    page = signed_in("secretary").post(URL, {**risk_form, **change}).content.decode()
    assert "There is a problem" in page and message in page
    assert not BoardRisk.objects.exists()


def test_a_second_risk_of_the_same_name_is_refused(signed_in, risk, risk_form):
    page = signed_in("sutton_chair").post(URL, risk_form).content.decode()
    assert "The register already has a risk with this name" in page


def test_wrong_people_and_method(signed_in, seats, risk_form):
    assert signed_in("sutton_member").post(URL, risk_form).status_code == 403
    assert signed_in("observer").get(URL).status_code == 403
    assert signed_in("southwark_officer").post(URL, risk_form).status_code == 404
    assert signed_in("sutton_chair").put(URL).status_code == 405
    assert not BoardRisk.objects.exists()
