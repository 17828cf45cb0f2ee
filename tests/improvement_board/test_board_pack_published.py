"""Every published indicator in the pack has a chart of the council's value beside England, its
region and its statistical neighbours, with its sentence in words. Known answers on the PDF text
(pypdfium2), for Sutton against England, London and one neighbour, Southwark."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pdfplumber
import pytest

from improvement_board.reports import services
from inspections.models import PublishedIndicator, PublishedValue, StatisticalNeighbour

pytestmark = pytest.mark.django_db
OCTOBER = datetime.date(2012, 10, 1)
LONDON = "E12000007"


@pytest.fixture
def published(known_report, sutton, southwark):
    sutton.region_code = LONDON
    sutton.save(update_fields=["region_code"])
    StatisticalNeighbour.objects.create(
        council=sutton, neighbour=southwark, rank=1, closeness="Close", source_file="neighbours.csv"
    )
    rereferrals = PublishedIndicator.objects.create(
        code="rereferrals",
        name="Re-referrals within 12 months",
        unit="percent",
        higher_is_better=False,
        source_file="c1.csv",
    )
    areas = [
        (PublishedValue.Level.LOCAL_AUTHORITY, sutton, sutton.ons_code, "Sutton", ("21.0", "18.5")),
        (PublishedValue.Level.NATIONAL, None, "E92000001", "England", ("24.9", "23.4")),
        (PublishedValue.Level.REGIONAL, None, LONDON, "London", ("19.0", "17.5")),
        (PublishedValue.Level.LOCAL_AUTHORITY, southwark, southwark.ons_code, "Southwark", ("16.0", "15.0")),
    ]
    for level, council, code, name, values in areas:
        for year, value in zip((2012, 2013), values):
            PublishedValue.objects.create(
                indicator=rereferrals,
                geographic_level=level,
                council=council,
                area_code=code,
                area_name=name,
                year_end=year,
                year_label=f"{year - 1}-{year % 100:02d}",
                value=Decimal(value),
            )
    return known_report


def _section(pdf: bytes) -> str:
    # pdfplumber, which reads the chart's labels too (they stay text inside the drawn chart).
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = " ".join(" ".join(page.extract_text() or "" for page in document.pages).split())
    start = text.index("5. Published indicators", text.index("How to read this pack"))
    return text[start : text.index("6. Milestones", start)]


def test_a_published_indicator_is_charted_beside_england_region_and_neighbours(published):
    section = _section(services.board_report_pdf(board=published["board"], period=OCTOBER))
    # The latest year in the table, then the chart: its key names every series, its labels stay text.
    assert "Re-referrals within 12 months 2012-13 18.5% 23.4% 17.5% 15%" in section
    chart = section[section.index("Re-referrals within 12 months", section.index("Each indicator's years")) :]
    for series in ("Sutton", "England", "London", "Statistical neighbours (average)"):
        # pdfplumber runs a chart's tightly set words together, so spaces are ignored here.
        assert series.replace(" ", "") in chart.split("In words")[0].replace(" ", ""), series
    assert "2011-12" in chart and "2012-13" in chart
    assert (
        "In words: In 2012-13 Sutton was 18.5%: lower than England (23.4%, better); higher than London "
        "(17.5%, worse); higher than its statistical neighbours' average (15%, worse). Down from 21% in "
        "2011-12. Lower is better." in section
    )
