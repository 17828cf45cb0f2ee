"""Issue 14: "as written" must say whose wording it is. On the seed data, the council dashboard's
timeline labels each grade as the report writes it or as Ofsted's national data writes it:
Sutton's 2012 report says "Inadequate" in its own words; the national data restate 2009-13
"Adequate" as "Requires improvement to be good", a wording no report of those years used."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from improvement_board.models import User

pytestmark = pytest.mark.usefixtures("national_demo", "db")

REPORT = "as the report writes it"
NATIONAL = "as Ofsted's national data writes it, not the report"


class _TimelineRows(HTMLParser):
    """The text of each cell of the table ``id="timeline-table"``, row by row."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_table = self._in_body = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("id", "timeline-table") in attrs:
            self._in_table = True
        elif self._in_table and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_body and tag == "td":
            self._cell = []
        elif self._cell is not None and tag == "br":
            self._cell.append(" | ")

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._in_table = self._in_body = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _as_written(client, ons_code: str) -> dict[tuple[str, str], str]:
    """(year published, framework code) -> the "As written" cell, as the page shows it."""
    client.force_login(User.objects.get(username="dfe.observer"))
    response = client.get(f"/dashboards/{ons_code}/")
    assert response.status_code == 200
    parser = _TimelineRows()
    parser.feed(response.content.decode())
    cells = {}
    for published, inspection, _judgement, as_written in parser.rows:
        framework = inspection.split(" | ")[-1].split(":")[0]
        cells[(published[-4:], framework)] = as_written
    return cells


def test_suttons_2012_grade_is_labelled_as_the_report_writes_it(client):
    assert _as_written(client, "E09000029")[("2012", "SLAC")] == f"Inadequate | {REPORT}"


def test_suttons_2013_grade_is_labelled_as_the_national_data_writes_it_not_the_report(client):
    assert _as_written(client, "E09000029")[("2013", "CPI")] == f"Requires improvement to be good | {NATIONAL}"


def test_staffordshires_2009_adequate_restated_by_the_national_data_is_labelled_so(client):
    """The report of 2009 says "adequate"; the wording shown is the national data's, and says so."""
    assert _as_written(client, "E10000028")[("2009", "SLAC")] == f"Requires improvement to be good | {NATIONAL}"


def test_sutton_2005_apa_grade_is_the_reports_number(client):
    assert _as_written(client, "E09000029")[("2006", "APA")] == f"2 | {REPORT}"


def test_every_grade_shown_as_written_on_the_seed_councils_says_whose_wording_it_is(client):
    for ons_code in ("E09000029", "E09000028", "E10000028"):
        for key, cell in _as_written(client, ons_code).items():
            if cell != "–":  # no headline (JAR, YOT): nothing shown as written, nothing to label
                assert cell.endswith((REPORT, NATIONAL)), (ons_code, key, cell)


def test_inspections_with_no_overall_grade_show_no_wording_and_no_label(client):
    southwark = _as_written(client, "E09000028")
    assert southwark[("2008", "YOT")] == "–"
    assert southwark[("2008", "JAR")] == "–"
