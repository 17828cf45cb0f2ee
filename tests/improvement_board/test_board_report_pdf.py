"""The PDF: its text checked against the database for a plan with known answers, its page
numbers, its tag structure and its metadata."""

import datetime
import io
import os
import re

import pdfplumber
import pypdf
import pytest

from improvement_board.reports import content as reports
from improvement_board.reports import services

OCTOBER = datetime.date(2012, 10, 1)  # the month of the known report (conftest.py)

pytestmark = pytest.mark.django_db


@pytest.fixture
def october_pdf(known_report):
    pdf = services.board_report_pdf(board=known_report["board"], period=OCTOBER)
    if os.environ.get("BOARD_REPORT_KEEP"):
        with open(os.environ["BOARD_REPORT_KEEP"], "wb") as out:
            out.write(pdf)
    return pdf


def _pages(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text() or "" for page in document.pages]


def _section(pages: list[str], heading: str, until: str) -> str:
    """The text from a section's heading to ``until``, after page 1 and the contents and key."""
    text = "\n".join(pages)
    start = text.index(heading, text.index("How to read this pack"))
    return text[start : text.index(until, start)]


def test_every_page_says_page_n_of_m(october_pdf):
    pages = _pages(october_pdf)
    assert len(pages) >= 5
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text


def test_the_running_header_names_the_council_and_period(october_pdf):
    pages = _pages(october_pdf)
    assert "London Borough of Sutton" in pages[1] and "Monthly report, October 2012" in pages[1]


def test_the_summary_gives_the_rag_counts_the_database_gives(october_pdf, known_report):
    content = reports.report_content(known_report["board"], OCTOBER)
    first = _pages(october_pdf)[0]  # the RAG summary is on page 1
    summary = first[first.index("RAG summary") :]
    for row in content.rag_rows:
        line = next(line for line in summary.splitlines() if line.startswith(row["label"] + " "))
        numbers = re.findall(r"[+\u2212]?\d+", line)
        assert numbers[:2] == [str(row["count"]), str(row["previous"])], line
    assert "Red Off track 2 0 +2" in summary
    assert "Green On track 3 7 \u22124" in summary


def test_the_overdue_actions_are_listed_in_the_exceptions(october_pdf):
    exceptions = _section(_pages(october_pdf), "2. Exceptions", "3. Revised due dates")
    assert "3 actions Red or Amber at 31 October 2012, 2 of them overdue" in exceptions
    assert exceptions.index("1.1 Audit all child protection plans") < exceptions.index("2.3 Review the duty")
    assert exceptions.count("(OVERDUE)") == 2
    assert "Two extra auditors from the LSCB from November." in exceptions
    assert "31 January 2013, awaiting the board: Audit volume doubled" in " ".join(exceptions.split())
    assert "1.3 Train managers" not in exceptions


def test_an_indicators_latest_value_is_shown_against_its_target(october_pdf):
    indicators = _section(_pages(october_pdf), "4. Performance indicators", "5. Published")
    assert re.search(r"Initial assessments within 71% \(Oct 12\) 65% 80% Mar 2013 Not met", indicators)
    assert "Re-referral rate 18% (Oct 12) – 20% Mar 2013 Target met" in indicators
    assert "85%" not in indicators.split("In words")[0].split("Initial assessments within timescale\n")[0]
    assert "October 2012: 71% against a target of 80% by March 2013" in indicators


def test_nothing_recorded_after_october_appears(october_pdf):
    text = "\n".join(_pages(october_pdf))
    assert "NOVEMBER" not in text


def test_the_pdf_is_tagged_with_title_author_and_language(october_pdf):
    reader = pypdf.PdfReader(io.BytesIO(october_pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]).lower() == "en-gb"
    assert reader.metadata.title == "Sutton Safeguarding Improvement Board: monthly report, October 2012"
    assert reader.metadata.author == "London Borough of Sutton for the Sutton Safeguarding Improvement Board"


def test_the_charts_stay_text(october_pdf):
    indicators = _section(_pages(october_pdf), "4. Performance indicators", "5. Published")
    # pdfplumber runs the chart's tightly set labels together, so spaces are optional here.
    assert re.search(r"Nov.*Oct", indicators, re.S) and re.search(r"2011.*2012", indicators, re.S)
    assert re.search(r"Target ?80%", indicators)
