"""The report's figures, read as of the end of the month (the point-in-time rule)."""

import datetime

import pytest

from improvement_board.reports import content as reports

OCTOBER = datetime.date(2012, 10, 1)  # the month of the known report (conftest.py)

pytestmark = pytest.mark.django_db


def test_it_counts_actions_by_rag_as_they_stood_at_the_end_of_october(known_report):
    content = reports.report_content(known_report["board"], OCTOBER)
    assert content.rag_counts == {"red": 2, "amber": 1, "green": 3, "blue": 1}
    assert content.previous_rag_counts == {"red": 0, "amber": 0, "green": 7, "blue": 0}
    assert [row["change"] for row in content.rag_rows] == [2, 1, -4, 1]


def test_an_update_made_in_november_does_not_change_octobers_rating(known_report):
    content = reports.report_content(known_report["board"], OCTOBER)
    training = next(s for s in content.actions if s.reference == "1.3")
    assert training.rag == "green"
    assert "NOVEMBER" not in training.latest_update.narrative


def test_a_revision_agreed_in_november_leaves_the_action_overdue_in_october(known_report):
    content = reports.report_content(known_report["board"], OCTOBER)
    assert [s.reference for s in content.overdue] == ["1.1", "2.3"]
    assert [s.reference for s in content.exceptions] == ["1.1", "2.3", "1.2"]
    assert sorted(r.action.reference for r in content.revisions_pending) == ["1.1", "2.3"]
    assert [r.action.reference for r in content.revisions_agreed] == ["2.2"]


def test_in_november_the_agreed_revision_counts(known_report):
    content = reports.report_content(known_report["board"], datetime.date(2012, 11, 1))
    review = next(s for s in content.actions if s.reference == "2.3")
    assert review.agreed_revised_due_date == datetime.date(2013, 2, 28)
    assert not review.overdue


def test_indicator_values_after_october_do_not_count(known_report):
    content = reports.report_content(known_report["board"], OCTOBER)
    ia = content.indicators[0]
    assert str(ia.latest.value) == "71.00" and ia.latest.month == OCTOBER
    assert ia.meets_target is False
    assert len(ia.values) == 6 and len(ia.months) == 12
    assert "71% against a target of 80%" in ia.summary
    assert content.indicators[1].meets_target is True


def test_milestones_due_missed_and_next_as_known_at_the_end_of_october(known_report):
    content = reports.report_content(known_report["board"], OCTOBER)
    assert [m.title for m in content.milestones_due] == ["Audit programme complete"]
    assert [m.title for m in content.milestones_missed] == ["Workforce strategy agreed"]
    assert content.milestones_missed[0].achieved_on is None
    assert [m.title for m in content.milestones_next] == ["Practice standards launched"]


def test_the_previous_meeting_is_the_last_one_by_the_end_of_the_month(known_report):
    content = reports.report_content(known_report["board"], OCTOBER)
    assert content.previous_meeting == known_report["meeting"]
    assert [d.number for d in content.decisions] == [1, 2]
    assert [s.reference for s in content.not_updated_since_meeting] == ["1.1", "2.2", "2.3", "2.4"]


def test_a_month_only_notice_date_stays_in_that_months_report_dates_ahead(known_report):
    # "October 2012" (stored as 31 October) is still to come in October's report.
    content = reports.report_content(known_report["board"], OCTOBER)
    assert content.next_review.date == datetime.date(2012, 12, 31)
    assert content.next_ministerial_report.label == "October 2012"
    november = reports.report_content(known_report["board"], datetime.date(2012, 11, 1))
    assert november.next_ministerial_report.label == "January 2013"


def test_themes_measures_and_traceability(known_report):
    content = reports.report_content(known_report["board"], OCTOBER)
    assert [t.theme.title for t in content.themes] == ["Leadership and management", "Quality of practice"]
    m11 = content.themes[0].measures[0]
    assert [s.reference for s in m11.actions] == ["1.1", "1.3", "2.1"]
    assert m11.worst_rag == "red"
    trace = {t.recommendation.number: [s.reference for s in t.actions] for t in content.traceability}
    assert trace == {1: ["1.1", "2.1"], 2: ["1.2"], 3: []}


def test_a_board_whose_plan_was_agreed_later_has_an_empty_report(known_report):
    content = reports.report_content(known_report["board"], datetime.date(2012, 6, 1))
    assert content.plan is None and content.actions == []
