"""The terms of reference page: the version in force, and every version kept."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from improvement_board.boards import governance_services

pytestmark = pytest.mark.django_db
URL = reverse("board_terms", kwargs={"slug": "sutton"})


@time_machine.travel(datetime.date(2013, 8, 1))
def test_it_shows_the_version_in_force_and_lists_every_version(signed_in, terms, sutton_board):
    governance_services.terms_of_reference_agree(
        board=sutton_board,
        agreed_on=datetime.date(2013, 7, 4),
        remit="Oversee the plan and the LSCB's audit.",
        quorum=5,
        membership="m",
        escalation="e",
        review_date=datetime.date(2014, 7, 4),
        inquorate="refuse",
    )
    page = signed_in("sutton_member").get(URL).content.decode()
    assert "Version 2, in force" in page and "Oversee the plan and the LSCB" in page
    assert "5 members, the chair included" in page and "may not make decisions" in page
    assert "Version 1, agreed 21 June 2012" in page and "Record a new version" not in page
    old = signed_in("sutton_member").get(reverse("board_terms_version", args=["sutton", 1])).content.decode()
    assert "This version is not the one in force." in old and "Oversee the improvement plan." in old


@time_machine.travel(datetime.date(2013, 8, 1))
def test_a_review_date_passed_is_flagged(signed_in, terms):
    assert "Review overdue" in signed_in("sutton_chair").get(URL).content.decode()


def test_a_board_without_terms_says_so(signed_in, seats):
    page = signed_in("sutton_chair").get(URL).content.decode()
    assert "No terms of reference recorded yet" in page and "Record the terms of reference" in page


def test_who_may_read(signed_in, terms):
    assert signed_in("observer").get(URL).status_code == 200
    assert signed_in("southwark_observer").get(URL).status_code == 404
    assert signed_in("sutton_chair").post(URL).status_code == 405
    assert signed_in("sutton_chair").get(reverse("board_terms_version", args=["sutton", 7])).status_code == 404
