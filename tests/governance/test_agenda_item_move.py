"""Moving an agenda item up or down swaps it with its neighbour."""

from __future__ import annotations

import pytest
from django.urls import reverse

from improvement_board.boards import meeting_services
from improvement_board.models import AgendaItem

pytestmark = pytest.mark.django_db


def titles():
    return list(AgendaItem.objects.order_by("order").values_list("title", flat=True))


def test_the_chair_moves_an_item_up_and_down(signed_in, item, sutton_board):
    second = meeting_services.agenda_item_add(board=sutton_board, meeting_date=item.meeting_date, title="Risks")
    client = signed_in("sutton_chair")
    response = client.post(reverse("board_agenda_item_move", args=["sutton", second.pk]), {"direction": "up"})
    assert response.status_code == 302 and titles() == ["Risks", "Workforce report"]
    client.post(reverse("board_agenda_item_move", args=["sutton", second.pk]), {"direction": "down"})
    assert titles() == ["Workforce report", "Risks"]
    client.post(reverse("board_agenda_item_move", args=["sutton", second.pk]), {"direction": "down"})  # last already
    assert titles() == ["Workforce report", "Risks"]


def test_wrong_people_and_method(signed_in, item):
    url = reverse("board_agenda_item_move", args=["sutton", item.pk])
    assert signed_in("sutton_chair").get(url).status_code == 405
    assert signed_in("sutton_member").post(url, {"direction": "up"}).status_code == 403
    assert signed_in("southwark_officer").post(url, {"direction": "up"}).status_code == 404
