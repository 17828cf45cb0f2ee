"""Known answers on the PDF text of a meeting pack's first page (pdftotext), for Sutton's plan
with known answers at the end of 31 October 2012 (tests/improvement_board/conftest.py): the pack for the
meeting on Wednesday 7 November 2012, cut five working days before, on 31 October."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import zoneinfo

import pytest

from improvement_board.boards import governance_services
from improvement_board.models import BoardReport
from improvement_board.reports import packs, services

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(y, m, d, hh=10) -> datetime.datetime:
    return datetime.datetime(y, m, d, hh, tzinfo=LONDON)


MEETING = datetime.date(2012, 11, 7)


@pytest.fixture
def pack(known_report, sutton_chair):
    board = known_report["board"]
    governance_services.board_action_raise(
        board=board,
        meeting=known_report["meeting"],
        text="Epsom and St Helier to report on health assessments.",
        owner="Epsom and St Helier NHS Trust",
        due=datetime.date(2012, 10, 20),
        at=at(2012, 10, 2, 15),
    )
    risks = [  # title, cause, likelihood, owner, mitigations, recorded at; each impact 5 and escalated
        (
            "Social worker vacancies",
            "Agency staff leave at short notice.",
            4,
            "Director of Children's Services",
            "Recruitment campaign.",
            at(2012, 10, 15),
        ),
        ("Recorded after the cut-off", "c", 5, "o", "m", at(2012, 11, 2)),
    ]
    for title, cause, likelihood, owner, mitigations, recorded in risks:
        governance_services.board_risk_record(
            board=board,
            title=title,
            cause=cause,
            likelihood=likelihood,
            impact=5,
            owner=owner,
            mitigations=mitigations,
            review_date=datetime.date(2012, 12, 1),
            escalated=True,
            at=recorded,
        )
    pack = packs.board_pack_create(board=board, meeting_date=MEETING, requested_by=sutton_chair)
    packs.board_pack_commentary_save(
        pack=pack,
        council_commentary="Recruitment is the council's first worry.",
        chair_commentary="The board must decide two revised dates today.",
    )
    return BoardReport.objects.get(pk=pack.pk)


@pytest.fixture
def page_one(pack, tmp_path):
    pdf = services.board_report_pdf(board=pack.board, period=pack.period, version=pack.version, pack=pack)
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    if os.environ.get("BOARD_PACK_KEEP"):
        with open(os.environ["BOARD_PACK_KEEP"], "wb") as out:
            out.write(pdf)
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())  # pdftotext -layout's reading order, spaces and line breaks as one space


def test_the_default_cut_off_is_five_working_days_before_the_meeting(pack):
    assert pack.cutoff_day == datetime.date(2012, 10, 31)


def test_page_one_names_the_meeting_and_its_cut_off(page_one):
    assert "Board pack for the meeting on Wednesday 7 November 2012" in page_one
    assert "Data recorded by the end of 31 October 2012 (the cut-off)" in page_one


def test_page_one_opens_with_the_key_messages_from_the_council_and_the_chair(page_one):
    assert page_one.index("Key messages") < page_one.index("Decisions needed today") < page_one.index("RAG summary")
    assert "Recruitment is the council's first worry." in page_one
    assert "The board must decide two revised dates today." in page_one


def test_the_decisions_needed_today_are_the_revised_dates_the_escalated_risk_and_the_overdue_board_action(page_one):
    decisions = page_one[page_one.index("Decisions needed today") : page_one.index("RAG summary")]
    assert decisions.count("Agree a revised due date") == 2
    assert re.search(r"1\.1 Audit all child protection plans.*From 30 Sep 2012 to 31 Jan 2013", decisions)
    assert re.search(r"2\.3 Review the duty and assessment.*From 1 Oct 2012 to 28 Feb 2013", decisions)
    assert "Escalated risk Social worker vacancies" in decisions and "Score 20 of 25" in decisions
    assert "Overdue board action 1. Epsom and St Helier to report" in decisions
    assert "Recorded after the cut-off" not in decisions


def test_the_rag_summary_gives_now_the_last_pack_and_the_change(page_one):
    rag = page_one[page_one.index("RAG summary") :]
    # Now (31 October) against one cycle earlier (3 October, when 1.1 and 2.3 were already overdue).
    assert "Rating Meaning Now Last pack Change" in rag
    assert "Red Off track 2 2 0" in rag
    assert "Amber At risk 1 0 +1" in rag
    assert "Green On track 3 5 \u22122" in rag
    assert "Blue Complete 1 0 +1" in rag
    assert "7 actions; 2 overdue; 1 milestone missed; 1 of 2 indicators meeting target." in rag


def test_nothing_recorded_after_the_cut_off_is_on_page_one(page_one):
    assert "NOVEMBER" not in page_one
