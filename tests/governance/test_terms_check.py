"""Check your answers, then save: a new version never overwrites the old."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from improvement_board.models import TermsOfReference

pytestmark = pytest.mark.django_db
NEW = reverse("board_terms_new", kwargs={"slug": "sutton"})
URL = reverse("board_terms_check", kwargs={"slug": "sutton"})


def test_the_chair_checks_and_saves_version_2_keeping_version_1(signed_in, terms, terms_form):
    client = signed_in("sutton_chair")
    client.post(NEW, terms_form)
    page = client.get(URL).content.decode()
    assert "Check your answers before saving" in page and "This will be version 2" in page
    assert "4 July 2013" in page and "5 members" in page and "may not make decisions" in page
    assert f'href="{NEW}#id_quorum"' in page
    response = client.post(URL)
    assert response.status_code == 302 and response["Location"] == reverse("board_terms", args=["sutton"])
    versions = list(TermsOfReference.objects.order_by("version").values_list("version", "remit", "quorum"))
    assert versions == [(1, "Oversee the improvement plan.", 3), (2, "Oversee the plan.", 5)]
    new = TermsOfReference.objects.get(version=2)
    assert (new.substitutes_count, new.inquorate, new.agreed_on) == (False, "refuse", datetime.date(2013, 7, 4))
    assert client.get(URL)["Location"] == NEW  # nothing waiting now


def test_a_version_agreed_before_the_current_one_is_refused_with_an_error(signed_in, terms, terms_form):
    client = signed_in("sutton_chair")
    client.post(NEW, {**terms_form, "agreed_on_2": "2012", "agreed_on_1": "1", "review_date_2": "2013"})
    response = client.post(URL)
    assert response.status_code == 400
    assert "A new version must be agreed on or after version 1 (21 June 2012)" in response.content.decode()
    assert TermsOfReference.objects.count() == 1


def test_nothing_waiting_goes_back_to_the_form(signed_in, terms):
    response = signed_in("sutton_chair").get(URL)
    assert response.status_code == 302 and response["Location"] == NEW


def test_wrong_people_and_method(signed_in, terms):
    assert signed_in("sutton_member").post(URL).status_code == 403
    assert signed_in("southwark_officer").post(URL).status_code == 404
    assert signed_in("sutton_chair").put(URL).status_code == 405
