"""The pack's selector: a meeting's papers, in agenda order, only the items that have one."""

from __future__ import annotations

import pytest

from improvement_board.boards import meeting_services
from improvement_board.boards.governance_selectors import meeting_papers

pytestmark = pytest.mark.django_db


def test_it_gives_the_papers_in_agenda_order(item, sutton_board, pdf):
    meeting_services.agenda_item_add(board=sutton_board, meeting_date=item.meeting_date, title="No paper")
    third = meeting_services.agenda_item_add(
        board=sutton_board, meeting_date=item.meeting_date, title="Risks", paper=pdf("risks.pdf")
    )
    meeting_services.agenda_item_add(board=sutton_board, meeting_date=item.meeting_date.replace(day=9), title="Other")
    meeting_services.agenda_item_move(item=third, up=True)
    papers = meeting_papers(sutton_board, item.meeting_date)
    assert [(p.order, p.title) for p in papers] == [(1, "Workforce report"), (2, "Risks")]
    with papers[0].paper.open("rb") as f:
        assert f.read(5) == b"%PDF-"
    assert meeting_papers(sutton_board, item.meeting_date.replace(day=1)) == []
