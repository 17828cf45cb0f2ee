"""The board page says where the board's own papers stand and links to each."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.date(2012, 12, 10))
def test_it_summarises_the_action_log_risks_terms_agenda_and_minutes(signed_in, action, risk, terms, meetings):
    page = signed_in("sutton_member").get(reverse("board", args=["sutton"])).content.decode()
    summary = page.split("data-governance")[1].split("</dl>")[0]
    assert "1 open action</a>, <strong>1 overdue</strong>" in summary
    assert "1 open risk</a>; the highest, Social worker vacancies, scores 16 (extreme)" in summary
    assert "Version 1, agreed 21 June 2012; quorum 3" in summary
    assert "Minutes of 1 meeting waiting for approval" in summary
    for name in ("board_actions", "board_risks", "board_terms", "board_agenda"):
        assert reverse(name, args=["sutton"]) in page, name
