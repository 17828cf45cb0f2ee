"""The database itself refuses inspection rows that break the domain's rules."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from inspections import services
from inspections.models import Council, FrameworkGrade, Inspection, Judgement

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def slac_2012(frameworks, sutton):
    return Inspection.objects.create(
        council=sutton,
        framework=frameworks["SLAC"],
        title="Inspection of safeguarding and looked after children",
        fieldwork_start=D(2012, 4, 10),
        fieldwork_end=D(2012, 4, 20),
        published=D(2012, 5, 29),
    )


def test_frameworks_sync_is_idempotent_and_stores_each_scale_as_data(frameworks):
    before = list(FrameworkGrade.objects.values_list("framework__code", "label", "value", "level"))
    services.frameworks_sync()
    assert list(FrameworkGrade.objects.values_list("framework__code", "label", "value", "level")) == before
    slac4 = FrameworkGrade.objects.get(framework__code="SLAC", value=4)
    apa4 = FrameworkGrade.objects.get(framework__code="APA", value=4)
    assert (slac4.label, slac4.level) == ("Inadequate", "inadequate")
    assert (apa4.label, apa4.level) == ("Outstanding", "outstanding")


def test_it_refuses_a_second_inspection_for_the_same_council_framework_and_date(slac_2012):
    with pytest.raises(IntegrityError), transaction.atomic():
        Inspection.objects.create(
            council=slac_2012.council, framework=slac_2012.framework, title="Again", published=slac_2012.published
        )


def test_it_refuses_fieldwork_that_ends_before_it_starts(frameworks, sutton):
    with pytest.raises(IntegrityError), transaction.atomic():
        Inspection.objects.create(
            council=sutton,
            framework=frameworks["SLAC"],
            title="Backwards",
            fieldwork_start=D(2012, 4, 20),
            fieldwork_end=D(2012, 4, 10),
            published=D(2012, 5, 29),
        )


def test_it_refuses_publication_before_the_fieldwork_ended(frameworks, sutton):
    with pytest.raises(IntegrityError), transaction.atomic():
        Inspection.objects.create(
            council=sutton,
            framework=frameworks["SLAC"],
            title="Early",
            fieldwork_start=D(2012, 4, 10),
            fieldwork_end=D(2012, 4, 20),
            published=D(2012, 4, 1),
        )


def test_it_refuses_a_grade_from_another_frameworks_scale(slac_2012):
    apa_grade = FrameworkGrade.objects.get(framework__code="APA", value=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        Judgement.objects.create(
            inspection=slac_2012,
            area="Overall effectiveness",
            grade_as_written="4",
            grade=apa_grade,
            level=apa_grade.level,
        )
    assert not Judgement.objects.exists()


def test_it_refuses_a_level_that_is_not_the_grades_level(slac_2012):
    grade = FrameworkGrade.objects.get(framework__code="SLAC", value=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        Judgement.objects.create(
            inspection=slac_2012, area="Overall effectiveness", grade_as_written="Grade 4", grade=grade, level="good"
        )


def test_it_refuses_to_move_a_judgement_onto_another_scale_later(slac_2012):
    judgement = services.judgement_create(
        inspection=slac_2012,
        area="Overall effectiveness",
        grade_as_written="Grade 4 (Inadequate)",
        section="Safeguarding services",
    )
    apa_grade = FrameworkGrade.objects.get(framework__code="APA", level="inadequate")
    with pytest.raises(IntegrityError), transaction.atomic():
        Judgement.objects.filter(pk=judgement.pk).update(grade=apa_grade)


def test_the_service_stores_the_grade_as_written_with_its_scale_point_and_level(slac_2012):
    judgement = services.judgement_create(
        inspection=slac_2012,
        area="Overall effectiveness",
        grade_as_written="Grade 4 (Inadequate)",
        section="Safeguarding services",
    )
    assert judgement.grade.value == 4
    assert judgement.level == "inadequate"
    assert judgement.section.name == "Safeguarding services"


def test_the_service_refuses_a_grade_that_is_not_on_the_scale(slac_2012):
    with pytest.raises(services.GradeNotOnScale):
        services.judgement_create(inspection=slac_2012, area="Overall effectiveness", grade_as_written="Grade 5")


def test_it_refuses_the_same_area_twice_in_one_section(slac_2012):
    services.judgement_create(inspection=slac_2012, area="Staying safe", grade_as_written="3", section="LAC")
    with pytest.raises(IntegrityError), transaction.atomic():
        services.judgement_create(inspection=slac_2012, area="Staying safe", grade_as_written="2", section="LAC")


def test_it_refuses_a_malformed_ons_code(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Council.objects.create(name="Nowhere", short_name="Nowhere", slug="nowhere", kind="unitary", ons_code="X123")


def test_a_recommendation_gets_its_timescale_and_due_date_from_how_the_report_words_it(slac_2012):
    rec = services.recommendation_create(
        inspection=slac_2012,
        number=1,
        text="ensure that ...",
        timescale_as_written="Within three months:",
        section="Safeguarding services",
    )
    assert rec.timescale == "within_3_months"
    assert rec.due_date == D(2012, 8, 29)
    assert rec.timescale_as_written == "Within three months:"
