"""Removing an agenda item asks first, then takes it and its paper away; the rest move up."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from improvement_board.boards import meeting_services
from improvement_board.models import AgendaItem

pytestmark = pytest.mark.django_db


def test_the_chair_is_asked_then_the_item_and_paper_go(signed_in, item, sutton_board):
    meeting_services.agenda_item_add(board=sutton_board, meeting_date=item.meeting_date, title="Risks")
    url = reverse("board_agenda_item_remove", args=["sutton", item.pk])
    path = item.paper.path
    page = signed_in("sutton_chair").get(url).content.decode()
    assert "Remove item 1, Workforce report?" in page and "Its paper, workforce-report, is removed too." in page
    assert signed_in("sutton_chair").post(url).status_code == 302
    assert list(AgendaItem.objects.values_list("order", "title")) == [(1, "Risks")]
    assert not os.path.exists(path)


def test_wrong_people_and_method(signed_in, item):
    url = reverse("board_agenda_item_remove", args=["sutton", item.pk])
    assert signed_in("sutton_member").post(url).status_code == 403
    assert signed_in("southwark_officer").post(url).status_code == 404
    assert signed_in("sutton_chair").put(url).status_code == 405
    assert AgendaItem.objects.exists()
