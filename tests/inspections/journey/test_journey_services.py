"""The services the journey pages save through: correcting a visit, a review's outcome, a
revised notice, and the check of an uploaded letter."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from inspections import uploads
from inspections.intervention_services import notice_review_outcome_record, notice_review_record, notice_revise
from inspections.models import ImprovementNotice, NoticeReview
from inspections.ofsted_services import (
    Finding,
    action_plan_submission_record,
    ofsted_activity_update,
    record_ofsted_activity,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def _office_file(name: str, part: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def _fields(activity, **changes) -> dict:
    fields = {
        name: getattr(activity, name)
        for name in ("kind", "follows", "number", "title", "focus", "started", "ended", "published")
    }
    return {**fields, **changes}


def test_a_focused_visit_corrected_to_have_no_priority_actions_loses_its_unsent_plan_deadlines(sutton):
    visit = record_ofsted_activity(
        council=sutton,
        kind="focused_visit",
        published=D(2023, 12, 1),
        findings=[Finding("priority_action", "Management oversight.")],
    )
    ofsted_activity_update(activity=visit, **_fields(visit), findings=[Finding("strength", "Good practice.")])
    assert not visit.action_plans.exists()
    assert [f.kind for f in visit.findings.all()] == ["strength"]


def test_a_corrected_letter_date_moves_the_deadlines_and_keeps_a_sent_plan(sutton):
    visit = record_ofsted_activity(
        council=sutton,
        kind="focused_visit",
        published=D(2023, 12, 1),
        findings=[Finding("priority_action", "Management oversight.")],
    )
    action_plan_submission_record(plan=visit.action_plans.get(stage="draft"), submitted=D(2024, 1, 2))
    ofsted_activity_update(
        activity=visit, **_fields(visit, published=D(2023, 11, 24)), findings=[Finding("priority_action", "X.")]
    )
    draft = visit.action_plans.get(stage="draft")
    assert (draft.counted_from, draft.due, draft.submitted) == (D(2023, 11, 24), D(2023, 12, 22), D(2024, 1, 2))


def test_a_letter_date_after_a_plan_was_sent_is_refused(sutton):
    visit = record_ofsted_activity(
        council=sutton, kind="focused_visit", published=D(2023, 12, 1), findings=[Finding("priority_action", "X.")]
    )
    action_plan_submission_record(plan=visit.action_plans.get(stage="draft"), submitted=D(2023, 12, 5))
    with pytest.raises(ValidationError, match="before this letter's date"):
        ofsted_activity_update(
            activity=visit, **_fields(visit, published=D(2023, 12, 8)), findings=[Finding("priority_action", "X.")]
        )


def test_a_monitoring_visit_keeps_its_number_when_corrected_and_a_taken_number_is_refused(
    sutton, sutton_2012, monitoring_visit
):
    second = record_ofsted_activity(council=sutton, kind="monitoring_visit", follows=sutton_2012, started=D(2013, 1, 8))
    ofsted_activity_update(activity=second, **_fields(second, number=None, focus="Front door"))
    second.refresh_from_db()
    assert (second.number, second.focus) == (2, "Front door")
    with pytest.raises(ValidationError, match="Monitoring visit number 1 after that inspection is already recorded"):
        ofsted_activity_update(activity=second, **_fields(second, number=1))


def test_an_outcome_is_recorded_once_and_a_lift_ends_the_notice(sutton_notice):
    review = notice_review_record(notice=sutton_notice, held_on=D(2013, 6, 14))
    notice_review_outcome_record(review=review, outcome="lift")
    sutton_notice.refresh_from_db()
    assert (sutton_notice.status, sutton_notice.status_changed_on) == ("lifted", D(2013, 6, 14))
    with pytest.raises(ValidationError, match="already recorded"):
        notice_review_outcome_record(review=NoticeReview.objects.get(), outcome="continue")


def test_a_revised_notice_must_come_after_the_one_it_revises_and_saves_nothing_otherwise(sutton_notice):
    with pytest.raises(ValidationError, match="must be issued after"):
        notice_revise(previous=sutton_notice, relation="revises", issued=D(2012, 6, 15), title="Improvement Notice")
    assert ImprovementNotice.objects.count() == 1


def test_a_letter_may_be_a_pdf_or_a_word_document_by_its_content():
    assert uploads.letter_file_type(SimpleUploadedFile("l.pdf", b"%PDF-1.7 letter")) == uploads.PDF
    assert uploads.letter_file_type(_office_file("l.docx", "word/document.xml")) == uploads.DOCX
    with pytest.raises(ValidationError, match="must be a PDF or Word document"):
        uploads.letter_file_type(_office_file("l.xlsx", "xl/workbook.xml"))
    with pytest.raises(ValidationError, match="is named as a PDF but is not one"):
        uploads.letter_file_type(_office_file("l.pdf", "word/document.xml"))


def test_a_letter_that_is_not_one_is_refused_by_the_service_too(sutton_notice):
    with pytest.raises(ValidationError, match="must be a PDF or Word document"):
        notice_review_record(
            notice=sutton_notice, held_on=D(2013, 6, 14), letter_file=SimpleUploadedFile("l.pdf", b"<html>")
        )
    assert not NoticeReview.objects.exists()
