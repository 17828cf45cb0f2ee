"""Changing a risk's wording, owner, mitigations, review date; escalating or closing it. Its
scores change only at a review."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def data(**change):
    base = {
        "title": "Social worker vacancies",
        "cause": "Agency staff leave.",
        "owner": "Head of Workforce",
        "mitigations": "Campaign and retention payments.",
        "review_date_0": "1",
        "review_date_1": "2",
        "review_date_2": "2099",
    }
    return {**base, **change}


def test_the_secretary_changes_and_then_closes_it(signed_in, risk):
    url = reverse("board_risk_edit", args=["sutton", risk.pk])
    page = signed_in("secretary").get(url).content.decode()
    assert "likelihood" not in page.lower().split("<form")[1].split("</form>")[0].replace("likelihood and impact", "")
    assert signed_in("secretary").post(url, data(escalated="on")).status_code == 302
    risk.refresh_from_db()
    assert (risk.owner, risk.escalated, risk.score) == ("Head of Workforce", True, 16)
    signed_in("secretary").post(url, data(closed="on"))
    risk.refresh_from_db()
    assert risk.closed and [v.history_change_reason for v in risk.history.order_by("history_id")] == [
        "Added",
        "Changed",
        "Closed",
    ]
    register = signed_in("sutton_chair").get(reverse("board_risks", args=["sutton"])).content.decode()
    assert "No open risks" in register


def test_bad_input_and_wrong_people(signed_in, risk):
    url = reverse("board_risk_edit", args=["sutton", risk.pk])
    assert "Enter its owner" in signed_in("sutton_chair").post(url, data(owner="")).content.decode()
    assert signed_in("sutton_officer").post(url, data()).status_code == 403
    assert signed_in("southwark_officer").get(url).status_code == 404
    assert signed_in("sutton_chair").delete(url).status_code == 405
