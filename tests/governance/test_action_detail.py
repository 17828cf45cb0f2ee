"""An action's page: what, who, when, where raised and closed, linked plan actions, history."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def url(number=1):
    return reverse("board_action", kwargs={"slug": "sutton", "number": number})


def test_it_shows_the_action_and_what_each_person_may_do(signed_in, action):
    chair = signed_in("sutton_chair").get(url()).content.decode()
    assert "Epsom and St Helier to report" in chair and "The meeting of 2 October 2012" in chair
    assert "Close at a meeting" in chair and "Record progress" in chair
    owner = signed_in("sutton_member").get(url()).content.decode()
    assert "Record progress" in owner and "Close at a meeting" not in owner
    officer = signed_in("sutton_officer").get(url()).content.decode()
    assert "Record progress" not in officer and "Close at a meeting" not in officer
    assert "History" in officer and "added" in officer


def test_no_such_action_or_council_is_404_and_it_is_read_only(signed_in, action):
    assert signed_in("sutton_chair").get(url(9)).status_code == 404
    assert signed_in("southwark_officer").get(url()).status_code == 404
    assert signed_in("sutton_chair").post(url()).status_code == 405
