"""Linking an action to the council's plan actions: search the plan, tick, save."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("board_action_links", kwargs={"slug": "sutton", "number": 1})


def test_the_chair_searches_the_plan_and_links_two_actions(signed_in, action, sutton_plan, make_action):
    pathway = make_action(sutton_plan, reference="6.2", title="A&E to substance misuse referral pathway")
    audit = make_action(sutton_plan, reference="6.3", title="Audit of referrals from A&E")
    make_action(sutton_plan, reference="1.1", title="Recruit team managers")
    page = signed_in("sutton_chair").get(URL + "?q=A%26E").content.decode()
    assert "6.2 A&amp;E to substance misuse" in page and "6.3 Audit" in page and "Recruit" not in page
    response = signed_in("sutton_chair").post(URL + "?q=A%26E", {"plan_actions": [pathway.pk, audit.pk]})
    assert response.status_code == 302
    assert set(action.plan_actions.all()) == {pathway, audit}
    log = signed_in("sutton_officer").get(reverse("board_actions", args=["sutton"])).content.decode()
    assert "Plan actions 6.2, 6.3" in log
    # A search by reference finds it; unticking a linked one unlinks it.
    assert "6.2 A&amp;E" in signed_in("sutton_chair").get(URL + "?q=6.2").content.decode()
    signed_in("sutton_chair").post(URL, {"plan_actions": [audit.pk]})
    assert list(action.plan_actions.all()) == [audit]


def test_another_councils_plan_action_cannot_be_linked(signed_in, action, southwark_plan, make_action):
    theirs = make_action(southwark_plan, title="Southwark's action")
    assert "Southwark&#x27;s action" not in signed_in("sutton_chair").get(URL + "?q=Southwark").content.decode()
    page = signed_in("sutton_chair").post(URL, {"plan_actions": [theirs.pk]}).content.decode()
    assert "Select a valid choice" in page and not action.plan_actions.exists()


def test_only_the_chair_or_secretary(signed_in, action):
    assert signed_in("sutton_member").get(URL).status_code == 403
    assert signed_in("observer").post(URL, {}).status_code == 403
    assert signed_in("southwark_officer").get(URL).status_code == 404
    assert signed_in("secretary").get(URL).status_code == 200
    assert signed_in("secretary").put(URL).status_code == 405
