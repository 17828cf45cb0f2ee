"""The action log page: open actions first, soonest due, overdue ones flagged; then the closed."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from improvement_board.boards import governance_services

pytestmark = pytest.mark.django_db
URL = reverse("board_actions", kwargs={"slug": "sutton"})


@time_machine.travel(datetime.date(2012, 12, 10))
def test_open_actions_come_first_and_the_overdue_ones_say_so(signed_in, sutton_board, action, meetings, seats):
    later = governance_services.board_action_raise(
        board=sutton_board,
        meeting=meetings[1],
        text="Report on agency staff.",
        owner="HR",
        due=datetime.date(2013, 1, 31),
    )
    done = governance_services.board_action_raise(
        board=sutton_board, meeting=meetings[0], text="Circulate the protocol.", owner="Secretary", due=meetings[1].date
    )
    governance_services.board_action_close(action=done, meeting=meetings[1])
    page = signed_in("sutton_officer").get(URL).content.decode()
    open_part, closed_part = page.split('<h2 class="govuk-heading-m">Closed actions</h2>')
    assert open_part.index(action.text[:30]) < open_part.index(later.text)
    assert "Overdue" in open_part.split(later.text)[0] and "Overdue" not in open_part.split(later.text)[1]
    assert "1 open action is overdue" in page
    assert "Circulate the protocol." in closed_part and "Done at the meeting of 30 Oct 2012" in closed_part


def test_readers_see_it_but_only_the_chair_and_secretary_get_the_add_button(signed_in, action):
    for persona, can_add in [
        ("sutton_chair", True),
        ("secretary", True),
        ("administrator", True),
        ("sutton_officer", False),
        ("sutton_member", False),
        ("observer", False),
    ]:
        response = signed_in(persona).get(URL)
        assert response.status_code == 200, persona
        assert ("Add an action" in response.content.decode()) is can_add, persona


def test_another_council_and_the_anonymous_are_kept_out(client, signed_in, action):
    assert signed_in("southwark_officer").get(URL).status_code == 404
    assert signed_in("southwark_observer").get(URL).status_code == 404
    client.logout()
    assert client.get(URL).status_code == 302


def test_it_is_read_only(signed_in, action):
    assert signed_in("sutton_chair").post(URL).status_code == 405
    assert signed_in("observer").post(URL).status_code == 405
