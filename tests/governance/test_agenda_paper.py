"""A paper is downloaded through the board's page only by those who may see the board, and never
kept by a cache."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_whoever_may_see_the_board_downloads_it(client, signed_in, item, pdf_content):
    url = reverse("board_agenda_paper", args=["sutton", item.pk])
    for persona in ("sutton_member", "sutton_officer", "observer", "sutton_chair"):
        response = signed_in(persona).get(url)
        assert response.status_code == 200, persona
        assert b"".join(response.streaming_content) == pdf_content
        assert response["Content-Type"] == "application/pdf"
        assert 'attachment; filename="workforce-report.pdf"' in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]
    assert signed_in("southwark_officer").get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    assert signed_in("sutton_chair").post(url).status_code == 405


def test_an_item_without_a_paper_is_not_found(signed_in, item):
    item.paper = None
    item.save()
    assert signed_in("sutton_chair").get(reverse("board_agenda_paper", args=["sutton", item.pk])).status_code == 404
