"""Changing an agenda item: its title and presenter; replacing or removing its paper."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_chair_replaces_then_removes_the_paper(signed_in, item, pdf):
    url = reverse("board_agenda_item_edit", args=["sutton", item.pk])
    old_path = item.paper.path
    response = signed_in("sutton_chair").post(
        url, {"title": "Workforce", "presenter": "", "paper": pdf("workforce-v2.pdf"), "paper_title": ""}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.paper_name, item.paper_title) == ("Workforce", "workforce-v2.pdf", "workforce-v2")
    assert not os.path.exists(old_path)
    signed_in("sutton_chair").post(url, {"title": "Workforce", "remove_paper": "on"})
    item.refresh_from_db()
    assert not item.paper and item.paper_name == ""


def test_bad_input_and_wrong_people(signed_in, item, pdf):
    url = reverse("board_agenda_item_edit", args=["sutton", item.pk])
    page = signed_in("sutton_chair").post(url, {"title": "x", "paper": pdf("x.pdf", b"nope")}).content.decode()
    assert "x.pdf must be a PDF" in page
    assert signed_in("sutton_officer").post(url, {"title": "x"}).status_code == 403
    assert signed_in("southwark_officer").get(url).status_code == 404
    assert signed_in("sutton_chair").put(url).status_code == 405
