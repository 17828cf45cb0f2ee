"""Issue 14's corrected facts, one test each, on the demo data read from the seed documents
(fixtures/seeds/ through fixtures/demo/)."""

from __future__ import annotations

import datetime

import pytest

from actions.models import Action
from inspections import headlines
from inspections.intervention import Stage, intervention_stage
from inspections.models import Council, ImprovementNotice, Inspection, NoticeMeasure, Recommendation

D = datetime.date
pytestmark = pytest.mark.usefixtures("demo_data", "db")


def _inspection(slug: str, code: str) -> Inspection:
    return Inspection.objects.get(council__slug=slug, framework__code=code)


def _headline(inspection: Inspection):
    return headlines.headline(list(inspection.judgements.all()), inspection.framework.code)


def test_southwark_2008_youth_offending_team_inspection_has_no_overall_grade_and_is_hmi_probations():
    yot = _inspection("southwark", "YOT")
    assert yot.judgements.filter(area="Work in the courts", grade_as_written="3").exists()
    assert _headline(yot) is None  # not "good" from one component score
    assert headlines.inspectorate("YOT") == "HM Inspectorate of Probation"
    assert not headlines.is_childrens_services_judgement("YOT")


def test_southwark_2008_joint_area_review_headline_is_not_safeguarding():
    jar = _inspection("southwark", "JAR")
    assert jar.judgements.filter(area="Safeguarding").exists()
    assert _headline(jar) is None
    assert headlines.no_headline_reason("JAR").startswith("No overall grade")


def test_sutton_2005_baseline_is_the_social_care_judgement_adequate_not_childrens_services_good():
    level, area = _headline(_inspection("sutton", "APA"))
    assert "social care services" in area
    assert level == "requires_improvement"  # APA grade 2, adequate


def test_staffordshire_september_2005_jar_is_recorded_and_holds_its_recommendations():
    jar = _inspection("staffordshire", "JAR")
    assert jar.published == D(2005, 9, 30)
    assert jar.recommendations.count() == 5
    assert not _inspection("staffordshire", "APA").recommendations.exists()
    # "For action over the next six months" runs from the review: March 2006, not May 2007.
    assert jar.recommendations.get(number=1).due_date == D(2006, 3, 30)


def test_immediately_recommendations_are_not_overdue_on_publication_day():
    immediate = Recommendation.objects.filter(
        inspection__council__slug="sutton", inspection__framework__code="SLAC", timescale="immediately"
    )
    assert immediate.count() == 11  # 7 safeguarding, 4 looked after children
    assert all(r.due_date is None for r in immediate)
    staffordshire = _inspection("staffordshire", "JAR").recommendations.get(number=2)
    assert staffordshire.timescale == "immediately" and staffordshire.due_date is None


def test_an_action_due_after_the_timescale_of_its_recommendation_is_flagged():
    # Sutton 2012, action 2.4 answers recommendation 25 ("Within three months": 29 August 2012)
    # and is due on 30 June 2013.
    action = Action.objects.get(plan__council__slug="sutton", plan__is_active=True, reference="2.4")
    recommendation = action.recommendations.get()
    assert (recommendation.number, recommendation.due_date) == (25, D(2012, 8, 29))
    assert action.due_date == D(2013, 6, 30) and action.later_than_timescale


def test_an_action_completed_after_its_due_date_keeps_that_it_finished_late():
    action = Action.objects.get(plan__council__slug="sutton", plan__is_active=True, reference="3.1")
    assert action.rag_on(D(2014, 1, 1)) == "blue"
    assert action.completed_on == D(2012, 10, 23) and action.finished_late


def test_sutton_notice_has_no_invented_overall_theme():
    notice = ImprovementNotice.objects.get(council__slug="sutton")
    titles = list(notice.themes.values_list("title", flat=True))
    assert "Overall" not in titles
    assert titles[0] == "The Council must take action to"


def test_sutton_notice_support_measures_are_measures():
    texts = list(
        NoticeMeasure.objects.filter(theme__title="Improvement support measures").values_list("text", flat=True)
    )
    assert any("within one month" in t for t in texts)
    assert any("support as they need to carry out their role" in t for t in texts)
    assert any("peer mentoring and support for the Lead Member" in t for t in texts)
    assert any("appropriate reporting from Partners" in t for t in texts)


def test_sutton_2012_notice_is_outcome_not_recorded_after_its_final_review_never_in_force():
    sutton = Council.objects.get(slug="sutton")
    assert intervention_stage(sutton, on=D(2013, 6, 1)).stage == Stage.NOTICE
    stage = intervention_stage(sutton, on=D(2026, 12, 1))
    assert stage.stage == Stage.OUTCOME_NOT_RECORDED and stage.label == "Outcome not recorded"
    assert len(stage.reviews_without_outcome) == 3  # April 2013, October 2013, February 2014


def test_a_month_only_notice_date_stays_ahead_in_that_months_report():
    """Sutton's notice: a report to ministers in "October 2012" is still ahead in October's report."""
    from improvement_board.models import ImprovementBoard
    from improvement_board.reports import content as reports

    board = ImprovementBoard.objects.get(council__slug="sutton", is_active=True)
    october = reports.report_content(board, D(2012, 10, 1))
    assert october.next_ministerial_report.label == "October 2012"
    assert "October 2012" in [d.label for d in october.upcoming_dates]


def test_as_written_wording_is_labelled_with_its_source_sutton_2012_is_the_reports_own():
    """The 2012 grade is the report's own word; a national-data grade says it is the national
    data's (on the seed councils: tests/dashboards/test_wording_sources.py)."""
    slac = _inspection("sutton", "SLAC")
    assert slac.judgements.filter(grade_as_written="Inadequate").exists()
    assert slac.wording_source == "as the report writes it"
    assert Inspection(source=Inspection.Source.NATIONAL_DATA).wording_source == (
        "as Ofsted's national data writes it, not the report"
    )
