"""intervention_stage: the one rule for where a council stands in DfE intervention on a day."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from inspections.intervention import NoticeState, Stage, intervention_stage, notice_status
from inspections.intervention_services import (
    ministerial_report_submitted,
    notice_review_record,
    notice_supersede,
    statutory_direction_create,
    statutory_direction_end,
)
from inspections.models import ImprovementNotice, Inspection, NoticeDate

D = datetime.date


@pytest.fixture
def notice(frameworks, sutton):
    inspection = Inspection.objects.create(
        council=sutton, framework=frameworks["SLAC"], title="SLAC", published=D(2012, 5, 29)
    )
    notice = ImprovementNotice.objects.create(council=sutton, inspection=inspection, issued=D(2012, 6, 20))
    for kind, date in [
        ("ministerial_report", D(2012, 10, 31)),
        ("review", D(2013, 4, 30)),
        ("review", D(2013, 10, 31)),
        ("final_review", D(2014, 2, 28)),
    ]:
        NoticeDate.objects.create(notice=notice, kind=kind, date=date)
    return notice


def test_no_notice_means_no_intervention(southwark):
    assert intervention_stage(southwark, on=D(2026, 1, 1)).stage == Stage.NONE


def test_a_notice_is_in_force_with_its_next_review_until_its_final_review(sutton, notice):
    stage = intervention_stage(sutton, on=D(2013, 5, 2))
    assert stage.stage == Stage.NOTICE
    assert stage.next_review_label == "October 2013"


def test_a_month_only_review_date_is_still_ahead_during_that_month(sutton, notice):
    assert intervention_stage(sutton, on=D(2013, 4, 15)).next_review_label == "April 2013"


def test_after_the_final_review_with_no_outcome_the_stage_is_outcome_not_recorded_never_in_force(sutton, notice):
    stage = intervention_stage(sutton, on=D(2026, 12, 1))
    assert stage.stage == Stage.OUTCOME_NOT_RECORDED
    assert stage.label == "Outcome not recorded"
    assert notice_status(notice, on=D(2026, 12, 1)).state == NoticeState.OUTCOME_NOT_RECORDED


def test_passed_reviews_with_no_outcome_are_flagged(sutton, notice):
    stage = intervention_stage(sutton, on=D(2013, 11, 5))
    assert [flag.split(": ", 1)[1] for flag in stage.reviews_without_outcome] == [
        "DfE review due April 2013",
        "DfE review due October 2013",
    ]
    april = notice.dates.get(kind="review", date=D(2013, 4, 30))
    notice_review_record(
        notice=notice, held_on=D(2013, 4, 23), outcome="continue", scheduled=april, attendees="DfE, chair, DCS"
    )
    assert len(intervention_stage(sutton, on=D(2013, 11, 5)).reviews_without_outcome) == 1


def test_a_review_that_lifts_the_notice_ends_the_intervention(sutton, notice):
    final = notice.dates.get(kind="final_review")
    notice_review_record(notice=notice, held_on=D(2014, 2, 20), outcome="lift", scheduled=final)
    stage = intervention_stage(sutton, on=D(2014, 3, 1))
    assert stage.stage == Stage.ENDED and stage.since == D(2014, 2, 20)
    assert intervention_stage(sutton, on=D(2014, 2, 1)).stage == Stage.NOTICE


def test_a_revised_notice_is_linked_to_the_one_before_and_carries_the_stage(sutton, notice):
    revised = ImprovementNotice.objects.create(council=sutton, inspection=notice.inspection, issued=D(2013, 11, 1))
    NoticeDate.objects.create(notice=revised, kind="final_review", date=D(2014, 6, 30))
    notice_supersede(previous=notice, notice=revised, relation="revises")
    assert revised.previous == notice
    assert notice_status(notice, on=D(2013, 12, 1), successors=[revised]).state == NoticeState.REVISED
    stage = intervention_stage(sutton, on=D(2013, 12, 1))
    assert stage.notice == revised and stage.next_review_label == "June 2014"


def test_a_statutory_direction_escalates_the_notice_until_revoked(sutton, notice):
    direction = statutory_direction_create(
        council=sutton,
        issued=D(2013, 11, 15),
        follows_notice=notice,
        appointee_name="A Commissioner",
        instructions="Comply with the commissioner's instructions.",
        report_due=D(2014, 2, 14),
        next_review=D(2014, 5, 1),
    )
    assert direction.basis.startswith("Section 497A")
    stage = intervention_stage(sutton, on=D(2014, 1, 1))
    assert stage.stage == Stage.DIRECTION and stage.next_review == D(2014, 5, 1)
    statutory_direction_end(direction=direction, ended_on=D(2015, 1, 5), end="revoked")
    assert intervention_stage(sutton, on=D(2015, 2, 1)).stage == Stage.ENDED


def test_a_review_outcome_that_is_not_one_of_the_four_is_refused(notice):
    with pytest.raises(ValidationError, match="not a review outcome"):
        notice_review_record(notice=notice, held_on=D(2013, 4, 23), outcome="extend")
    assert not notice.reviews.exists()


def test_the_chairs_report_to_ministers_records_when_it_was_sent(notice):
    report = notice.dates.get(kind="ministerial_report")
    ministerial_report_submitted(report_date=report, submitted_on=D(2012, 10, 26))
    report.refresh_from_db()
    assert report.submitted_on == D(2012, 10, 26)
