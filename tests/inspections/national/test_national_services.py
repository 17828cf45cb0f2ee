"""The national loaders write through inspections.national.services: each judgement graded on its
framework's scale with the grade's level (as a document's judgement is), in bulk."""

import datetime

import pytest

from inspections.models import Inspection, Judgement
from inspections.national.services import JudgementRow, national_inspections_create, national_judgements_sync
from inspections.services import GradeNotOnScale

pytestmark = pytest.mark.django_db


def _inspection(frameworks, sutton, code="SLAC"):
    return Inspection(
        council=sutton,
        framework=frameworks[code],
        published=datetime.date(2012, 5, 18),
        title="SLAC inspection",
        source=Inspection.Source.NATIONAL_DATA,
    )


def test_judgements_are_graded_on_the_scale_with_its_level_and_their_sections(frameworks, sutton):
    rows = [
        JudgementRow("Safeguarding services", "Overall effectiveness", "Adequate", 1),
        JudgementRow("Services for looked after children", "Overall effectiveness", "Inadequate", 2),
    ]
    (inspection,) = national_inspections_create(inspections=[(_inspection(frameworks, sutton), rows)])
    found = {(j.section.name, j.grade_as_written, j.level) for j in inspection.judgements.select_related("section")}
    assert found == {
        ("Safeguarding services", "Adequate", "requires_improvement"),
        ("Services for looked after children", "Inadequate", "inadequate"),
    }
    assert [s.order for s in inspection.sections.order_by("order")] == [1, 2]


def test_a_grade_not_on_the_scale_saves_nothing(frameworks, sutton):
    with pytest.raises(GradeNotOnScale):
        national_inspections_create(
            inspections=[(_inspection(frameworks, sutton), [JudgementRow(None, "Overall effectiveness", "Superb", 1)])]
        )
    assert not Inspection.objects.exists() and not Judgement.objects.exists()


def test_a_new_release_regrades_adds_and_removes(frameworks, sutton):
    (inspection,) = national_inspections_create(
        inspections=[
            (
                _inspection(frameworks, sutton, "ILACS"),
                [JudgementRow(None, "Overall effectiveness", "Good", 1), JudgementRow(None, "Care leavers", "Good", 2)],
            )
        ]
    )
    rows = [
        JudgementRow(None, "Overall effectiveness", "Inadequate", 1),
        JudgementRow(None, "Help and protection", "Inadequate", 2),
    ]
    assert national_judgements_sync(inspection=inspection, rows=rows)
    assert sorted(inspection.judgements.values_list("area", "level")) == [
        ("Help and protection", "inadequate"),
        ("Overall effectiveness", "inadequate"),
    ]
    assert not national_judgements_sync(inspection=inspection, rows=rows)
