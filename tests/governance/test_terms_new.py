"""A new version of the terms: the form starts from the version in force and goes on to a
check-your-answers page; nothing is saved yet."""

from __future__ import annotations

import pytest
from django.urls import reverse

from improvement_board.models import TermsOfReference

pytestmark = pytest.mark.django_db
URL = reverse("board_terms_new", kwargs={"slug": "sutton"})


def test_the_form_starts_from_the_current_version_and_goes_to_the_check(signed_in, terms, terms_form):
    page = signed_in("sutton_chair").get(URL).content.decode()
    assert "This will be version 2" in page and "Oversee the improvement plan." in page
    response = signed_in("sutton_chair").post(URL, terms_form)
    assert response.status_code == 302 and response["Location"] == reverse("board_terms_check", args=["sutton"])
    assert TermsOfReference.objects.count() == 1
    again = signed_in("sutton_chair").get(URL).content.decode()  # Change: the answers are kept
    assert "The chair, the DCS and partners." in again


@pytest.mark.parametrize(
    "change, message",
    [
        ({"quorum": "0"}, "The quorum must be at least 1"),
        ({"quorum": "six"}, "The quorum must be a whole number, like 6"),
        ({"remit": ""}, "Enter the board&#x27;s remit"),
        ({"inquorate": ""}, "Choose what happens when a meeting is not quorate"),
        ({"agreed_on_0": "", "agreed_on_1": "", "agreed_on_2": ""}, "Enter the date the board agreed them"),
    ],
)
def test_bad_input(signed_in, terms, change, message, terms_form):
    page = signed_in("secretary").post(URL, {**terms_form, **change}).content.decode()
    assert "There is a problem" in page and message in page


def test_wrong_people_and_method(signed_in, terms, terms_form):
    assert signed_in("sutton_member").post(URL, terms_form).status_code == 403
    assert signed_in("observer").get(URL).status_code == 403
    assert signed_in("southwark_officer").get(URL).status_code == 404
    assert signed_in("sutton_chair").put(URL).status_code == 405
