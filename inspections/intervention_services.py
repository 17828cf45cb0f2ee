"""Writes for DfE intervention: notice reviews and their outcomes, notices revised or replaced,
statutory directions, the chair's reports to ministers."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction

from . import uploads
from .models import Council, ImprovementNotice, Inspection, NoticeDate, NoticeReview, StatutoryDirection
from .services import notice_create


def _check_outcome(outcome: str) -> None:
    if outcome and outcome not in NoticeReview.Outcome.values:
        raise ValidationError(f"{outcome!r} is not a review outcome (continue, revise, lift or escalate).")


def _outcome_apply(review: NoticeReview) -> None:
    """An outcome of "lift" or "escalate" changes the notice's status from the review's day."""
    new_status = {
        NoticeReview.Outcome.LIFT: ImprovementNotice.Status.LIFTED,
        NoticeReview.Outcome.ESCALATE: ImprovementNotice.Status.ESCALATED,
    }.get(review.outcome)
    if new_status:
        notice = review.notice
        notice.status, notice.status_changed_on = new_status, review.held_on
        notice.save(update_fields=["status", "status_changed_on"])


def _letter_attach(field, letter_file) -> None:
    """Store a letter in ``field`` (a review's ``letter_file``, a notice's ``lift_letter_file``),
    checked by its content (:func:`inspections.uploads.letter_file_type`)."""
    if letter_file is None:
        return
    uploads.letter_file_type(letter_file)
    field.save(PurePath(letter_file.name).name, letter_file, save=True)


@transaction.atomic
def notice_review_record(
    *,
    notice: ImprovementNotice,
    held_on: datetime.date,
    outcome: str = "",
    attendees: str = "",
    letter: str = "",
    letter_file=None,
    scheduled: NoticeDate | None = None,
    source_name: str = "",
) -> NoticeReview:
    """Record a DfE review of ``notice``, with its letter (``letter_file``: a PDF or Word document)
    if given. An outcome of "lift" or "escalate" changes the notice's status from that day;
    "revise" waits for the revised notice (``notice_revise``)."""
    _check_outcome(outcome)
    if held_on < notice.issued:
        raise ValidationError("A review cannot be held before the notice was issued.")
    if scheduled is not None and scheduled.notice_id != notice.pk:
        raise ValidationError("That review date belongs to another notice.")
    if scheduled is not None and scheduled.kind not in (NoticeDate.Kind.REVIEW, NoticeDate.Kind.FINAL_REVIEW):
        raise ValidationError("That date is not one of the notice's review dates.")
    if NoticeReview.objects.filter(notice=notice, held_on=held_on).exists():
        raise ValidationError(f"A review on {held_on:%-d %B %Y} is already recorded for this notice.")
    review = NoticeReview.objects.create(
        notice=notice,
        held_on=held_on,
        outcome=outcome,
        attendees=attendees,
        letter=letter,
        scheduled=scheduled,
        source_name=source_name,
    )
    _letter_attach(review.letter_file, letter_file)
    _outcome_apply(review)
    return review


@transaction.atomic
def notice_review_outcome_record(*, review: NoticeReview, outcome: str, letter_file=None) -> NoticeReview:
    """Record the outcome of a review held with none recorded (and its letter, if it came with it)."""
    if not outcome:
        raise ValidationError("Say what the review decided: continue, revise, lift or escalate.")
    _check_outcome(outcome)
    if review.outcome:
        raise ValidationError(f"The outcome of this review is already recorded: {review.get_outcome_display()}.")
    review.outcome = outcome
    review.save(update_fields=["outcome"])
    _letter_attach(review.letter_file, letter_file)
    _outcome_apply(review)
    return review


@transaction.atomic
def notice_lift(*, notice: ImprovementNotice, lifted_on: datetime.date, letter_file=None) -> ImprovementNotice:
    """Record that DfE lifted ``notice`` by letter, without a review (``lifted_on``: the letter's
    date; ``letter_file``: the letter, a PDF or Word document, optional); it ends that day. A lift
    decided at a review is ``notice_review_record(outcome="lift")``."""
    notice = ImprovementNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.status != ImprovementNotice.Status.IN_FORCE:
        raise ValidationError(
            f"This notice has already ended ({notice.get_status_display().lower()}, "
            f"{notice.status_changed_on:%-d %B %Y})."
        )
    if lifted_on < notice.issued:
        raise ValidationError("A notice cannot be lifted before it was issued.")
    later = notice.reviews.filter(held_on__gt=lifted_on).order_by("held_on").first()
    if later is not None:
        raise ValidationError(
            f"A review of this notice was held on {later.held_on:%-d %B %Y}, after that date: "
            "check the date of the letter."
        )
    notice.status, notice.status_changed_on = ImprovementNotice.Status.LIFTED, lifted_on
    notice.save(update_fields=["status", "status_changed_on"])
    _letter_attach(notice.lift_letter_file, letter_file)
    return notice


@transaction.atomic
def notice_supersede(*, previous: ImprovementNotice, notice: ImprovementNotice, relation: str) -> ImprovementNotice:
    """Link ``notice`` to the one it revises or replaces; the earlier one ends on its issue date."""
    if relation not in ImprovementNotice.Relation.values:
        raise ValidationError("Say whether the new notice revises or replaces the earlier one.")
    if previous.council_id != notice.council_id:
        raise ValidationError("A notice can only revise or replace a notice to the same council.")
    if notice.issued <= previous.issued:
        raise ValidationError("The new notice must be issued after the one it revises or replaces.")
    notice.previous, notice.relation = previous, relation
    notice.save(update_fields=["previous", "relation"])
    previous.status = (
        ImprovementNotice.Status.REPLACED
        if relation == ImprovementNotice.Relation.REPLACES
        else ImprovementNotice.Status.REVISED
    )
    previous.status_changed_on = notice.issued
    previous.save(update_fields=["status", "status_changed_on"])
    return notice


@transaction.atomic
def notice_revise(
    *,
    previous: ImprovementNotice,
    relation: str,
    issued: datetime.date,
    title: str,
    dates: Iterable[tuple[str, datetime.date]] = (),
    themes: Iterable[tuple[str, list[str]]] | None = None,
    inspection: Inspection | None = None,
    source_name: str = "",
) -> ImprovementNotice:
    """Record the notice that revises or replaces ``previous``: its dates and its themes and
    measures (``None``: the earlier notice's, carried over), resting on the same inspection unless
    another is given; the earlier notice then ends on its issue date (:func:`notice_supersede`)."""
    if themes is None:
        themes = [
            (theme.title, [m.text for m in theme.measures.order_by("number")])
            for theme in previous.themes.order_by("order")
        ]
    if issued <= previous.issued:
        raise ValidationError("The new notice must be issued after the one it revises or replaces.")
    notice = notice_create(
        council=previous.council,
        inspection=inspection or previous.inspection,
        issued=issued,
        title=title,
        dates=dates,
        themes=themes,
        source_name=source_name,
    )
    return notice_supersede(previous=previous, notice=notice, relation=relation)


@transaction.atomic
def ministerial_report_submitted(*, report_date: NoticeDate, submitted_on: datetime.date) -> NoticeDate:
    """Record when the chair's progress report to ministers was sent."""
    if report_date.kind != NoticeDate.Kind.MINISTERIAL_REPORT:
        raise ValidationError("That date is not a report to ministers.")
    if submitted_on < report_date.notice.issued:
        raise ValidationError("The report cannot have been sent before the notice was issued.")
    report_date.submitted_on = submitted_on
    report_date.save(update_fields=["submitted_on"])
    return report_date


@transaction.atomic
def statutory_direction_create(
    *,
    council: Council,
    issued: datetime.date,
    basis: str = "",
    follows_notice: ImprovementNotice | None = None,
    previous: StatutoryDirection | None = None,
    appointee_role: str = StatutoryDirection.Appointee.COMMISSIONER,
    appointee_name: str = "",
    instructions: str = "",
    report_due: datetime.date | None = None,
    next_review: datetime.date | None = None,
    source_name: str = "",
) -> StatutoryDirection:
    """Record a direction under section 497A. ``follows_notice`` is marked escalated; a
    ``previous`` direction is ended as replaced."""
    if follows_notice is not None and follows_notice.council_id != council.pk:
        raise ValidationError("The notice it escalates is another council's.")
    if previous is not None and previous.council_id != council.pk:
        raise ValidationError("The direction it replaces is another council's.")
    if report_due is not None and report_due < issued:
        raise ValidationError("The report cannot be due before the direction is issued.")
    if StatutoryDirection.objects.filter(council=council, issued=issued).exists():
        raise ValidationError(f"A direction of {issued:%-d %B %Y} is already recorded for {council.short_name}.")
    direction = StatutoryDirection(
        council=council,
        issued=issued,
        follows_notice=follows_notice,
        previous=previous,
        appointee_role=appointee_role,
        appointee_name=appointee_name,
        instructions=instructions,
        report_due=report_due,
        next_review=next_review,
        source_name=source_name,
    )
    if basis:
        direction.basis = basis
    direction.full_clean()
    direction.save()
    if follows_notice is not None and follows_notice.status == ImprovementNotice.Status.IN_FORCE:
        follows_notice.status, follows_notice.status_changed_on = ImprovementNotice.Status.ESCALATED, issued
        follows_notice.save(update_fields=["status", "status_changed_on"])
    if previous is not None and previous.ended_on is None:
        previous.ended_on, previous.end = issued, StatutoryDirection.End.REPLACED
        previous.save(update_fields=["ended_on", "end"])
    return direction


@transaction.atomic
def statutory_direction_report_record(
    *,
    direction: StatutoryDirection,
    submitted: datetime.date,
    recommendation: str,
    recommendation_as_written: str = "",
) -> StatutoryDirection:
    """The commissioner's or adviser's report and what it recommends for the council's services."""
    if recommendation not in StatutoryDirection.Recommendation.values:
        raise ValidationError(
            "Say what the report recommends: services stay, pass to a trust, another provider, or other."
        )
    if submitted < direction.issued:
        raise ValidationError("The report cannot come before the direction.")
    direction.report_submitted, direction.recommendation = submitted, recommendation
    direction.recommendation_as_written = recommendation_as_written
    direction.save(update_fields=["report_submitted", "recommendation", "recommendation_as_written"])
    return direction


@transaction.atomic
def statutory_direction_end(*, direction: StatutoryDirection, ended_on: datetime.date, end: str) -> StatutoryDirection:
    """Revoke a direction (``end`` = revoked or revoked_to_notice). Replacing one is
    ``statutory_direction_create(previous=...)``."""
    if end not in (StatutoryDirection.End.REVOKED, StatutoryDirection.End.REVOKED_TO_NOTICE):
        raise ValidationError(
            "A direction is ended by revoking it (to a notice or outright); replace it with a new one."
        )
    if ended_on < direction.issued:
        raise ValidationError("A direction cannot end before it was issued.")
    if direction.ended_on is not None:
        raise ValidationError("This direction has already ended.")
    direction.ended_on, direction.end = ended_on, end
    direction.save(update_fields=["ended_on", "end"])
    return direction
