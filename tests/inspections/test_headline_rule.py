"""Which judgement stands for an inspection: the one rule (inspections.headlines), and its SQL
half (the rows a list of many councils fetches) choosing the same headline on every case."""

import datetime

import pytest

from inspections import headlines, services
from inspections.models import Inspection, Judgement

CASES = {
    # framework, [(section, area, grade)], expected (level, area) or None
    "one overall": (
        "ILACS",
        [(None, "Overall effectiveness", "Good"), (None, "Help and protection", "Inadequate")],
        ("good", "Overall effectiveness"),
    ),
    "the worst of two sections' overall": (
        "SLAC",
        [
            ("Safeguarding services", "Overall effectiveness", "Adequate"),
            ("Services for looked after children", "Overall effectiveness", "Inadequate"),
            ("Safeguarding services", "Capacity for improvement", "Good"),
        ],
        ("inadequate", "Overall effectiveness"),
    ),
    "overall written in capitals and spaced": (
        "ILACS",
        [(None, "  OVERALL EFFECTIVENESS ", "Requires improvement to be good"), (None, "Care leavers", "Good")],
        ("requires_improvement", "  OVERALL EFFECTIVENESS "),
    ),
    "APA reads social care": (
        "APA",
        [(None, "Children's services", "3"), (None, "Social care services", "2")],
        ("requires_improvement", "Social care services"),
    ),
    "JAR has none": ("JAR", [(None, "Safeguarding", "3")], None),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES)
def test_the_headline_and_its_sql_half_agree(case, frameworks, sutton):
    code, rows, expected = CASES[case]
    inspection = Inspection.objects.create(
        council=sutton, framework=frameworks[code], title=case, published=datetime.date(2012, 5, 18)
    )
    for order, (section, area, grade) in enumerate(rows):
        services.judgement_create(
            inspection=inspection, section=section, area=area, grade_as_written=grade, order=order
        )
    everything = list(inspection.judgements.all())
    fetched = list(Judgement.objects.filter(inspection=inspection).filter(headlines.candidates()).distinct())
    assert headlines.headline(everything, code) == expected
    assert headlines.headline(fetched, code) == expected
