"""The one rule that says where a council stands in DfE intervention on a given day.

A notice's state on a day, from its record:

- **lifted** / **escalated**: a review with that outcome was held (or the notice's own status
  says so, dated);
- **revised** / **replaced**: a later notice that revises or replaces it has been issued;
- **outcome not recorded**: its final review date (or last review date, if none is marked
  final) has passed and no review outcome ends it: the record stops, so the product says so
  and never "in force";
- **in force** otherwise, from its issue date.

A council's stage: under a statutory direction (any in force), else under a notice (one in
force), else "outcome not recorded" (its latest notice's record stops), else "intervention
ended" (it had one), else no intervention. Month-only dates ("April 2013") count as passed
only once the month is over.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Prefetch

from .models import Council, ImprovementNotice, NoticeDate, NoticeReview, StatutoryDirection


class NoticeState(models.TextChoices):
    NOT_YET = "not_yet", "Not yet issued"
    IN_FORCE = "in_force", "In force"
    LIFTED = "lifted", "Lifted"
    ESCALATED = "escalated", "Escalated to a statutory direction"
    REVISED = "revised", "Revised"
    REPLACED = "replaced", "Replaced"
    OUTCOME_NOT_RECORDED = "outcome_not_recorded", "Outcome not recorded"


class Stage(models.TextChoices):
    DIRECTION = "direction", "Statutory direction"
    NOTICE = "notice", "Improvement notice"
    OUTCOME_NOT_RECORDED = "outcome_not_recorded", "Outcome not recorded"
    ENDED = "ended", "Intervention ended"
    NONE = "none", "No intervention"


REVIEW_KINDS = (NoticeDate.Kind.REVIEW, NoticeDate.Kind.FINAL_REVIEW)


@dataclass
class NoticeStatus:
    state: NoticeState
    since: datetime.date | None = None


@dataclass
class InterventionStage:
    stage: Stage
    since: datetime.date | None = None
    notice: ImprovementNotice | None = None
    direction: StatutoryDirection | None = None
    next_review: datetime.date | None = None
    next_review_label: str = ""
    reviews_without_outcome: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.stage.label

    @property
    def under_intervention(self) -> bool:
        return self.stage in (Stage.DIRECTION, Stage.NOTICE)


def _review_dates(notice: ImprovementNotice) -> list[NoticeDate]:
    return sorted((d for d in notice.dates.all() if d.kind in REVIEW_KINDS), key=lambda d: d.date)


def _held(notice: ImprovementNotice, on: datetime.date) -> list[NoticeReview]:
    return sorted((r for r in notice.reviews.all() if r.held_on <= on), key=lambda r: r.held_on)


def notice_status(
    notice: ImprovementNotice, *, on: datetime.date, successors: list[ImprovementNotice] = ()
) -> NoticeStatus:
    """A notice's state on ``on``. ``successors``: the council's notices whose ``previous`` is it."""
    if notice.issued > on:
        return NoticeStatus(NoticeState.NOT_YET)
    for review in _held(notice, on):
        if review.outcome == NoticeReview.Outcome.LIFT:
            return NoticeStatus(NoticeState.LIFTED, review.held_on)
        if review.outcome == NoticeReview.Outcome.ESCALATE:
            return NoticeStatus(NoticeState.ESCALATED, review.held_on)
    for later in sorted(successors, key=lambda n: n.issued):
        if later.issued <= on:
            state = (
                NoticeState.REPLACED if later.relation == ImprovementNotice.Relation.REPLACES else NoticeState.REVISED
            )
            return NoticeStatus(state, later.issued)
    if (
        notice.status != ImprovementNotice.Status.IN_FORCE
        and notice.status_changed_on
        and notice.status_changed_on <= on
    ):
        return NoticeStatus(NoticeState(notice.status), notice.status_changed_on)
    reviews = _review_dates(notice)
    finals = [d for d in reviews if d.kind == NoticeDate.Kind.FINAL_REVIEW] or reviews[-1:]
    if finals and finals[-1].is_past(on):
        return NoticeStatus(NoticeState.OUTCOME_NOT_RECORDED, finals[-1].date)
    return NoticeStatus(NoticeState.IN_FORCE, notice.issued)


def reviews_without_outcome(
    notice: ImprovementNotice, *, on: datetime.date, until: datetime.date | None = None
) -> list[str]:
    """Labels of the notice's reviews that should have an outcome by ``on`` and have none: review
    dates passed (before the notice ended, ``until``) with no review holding an outcome, and
    reviews held with no outcome."""
    flagged = []
    answered = {r.scheduled_id for r in notice.reviews.all() if r.outcome and r.scheduled_id}
    for date in _review_dates(notice):
        if date.is_past(on) and (until is None or date.date < until) and date.pk not in answered:
            flagged.append(f"{date.get_kind_display()} due {date.label}")
    for review in _held(notice, on):
        if not review.outcome:
            flagged.append(f"Review held {review.held_on:%-d %B %Y}")
    return flagged


def _next_review(notice: ImprovementNotice, on: datetime.date) -> NoticeDate | None:
    held = {r.scheduled_id for r in notice.reviews.all() if r.scheduled_id}
    for date in _review_dates(notice):
        if not date.is_past(on) and date.pk not in held:
            return date
    return None


def stage_from(
    notices: list[ImprovementNotice], directions: list[StatutoryDirection], *, on: datetime.date
) -> InterventionStage:
    """The stage from one council's notices (with ``dates`` and ``reviews`` loaded) and directions."""
    flags: list[str] = []
    successors: dict[int, list[ImprovementNotice]] = {}
    for n in notices:
        if n.previous_id:
            successors.setdefault(n.previous_id, []).append(n)
    statuses = {n.pk: notice_status(n, on=on, successors=successors.get(n.pk, [])) for n in notices}
    for n in notices:
        status = statuses[n.pk]
        if status.state != NoticeState.NOT_YET:
            ended = (
                status.since if status.state not in (NoticeState.IN_FORCE, NoticeState.OUTCOME_NOT_RECORDED) else None
            )
            flags += [f"{n}: {label}" for label in reviews_without_outcome(n, on=on, until=ended)]
    in_force = [d for d in directions if d.in_force_on(on)]
    if in_force:
        direction = max(in_force, key=lambda d: d.issued)
        review = direction.next_review if direction.next_review and direction.next_review >= on else None
        return InterventionStage(
            Stage.DIRECTION,
            direction.issued,
            direction=direction,
            next_review=review,
            next_review_label=f"{review:%-d %B %Y}" if review else "",
            reviews_without_outcome=flags,
        )
    issued = sorted((n for n in notices if statuses[n.pk].state != NoticeState.NOT_YET), key=lambda n: n.issued)
    current = [n for n in issued if statuses[n.pk].state == NoticeState.IN_FORCE]
    if current:
        notice = current[-1]
        review = _next_review(notice, on)
        return InterventionStage(
            Stage.NOTICE,
            notice.issued,
            notice=notice,
            next_review=review.date if review else None,
            next_review_label=review.label if review else "",
            reviews_without_outcome=flags,
        )
    if issued and statuses[issued[-1].pk].state == NoticeState.OUTCOME_NOT_RECORDED:
        notice = issued[-1]
        return InterventionStage(
            Stage.OUTCOME_NOT_RECORDED, statuses[notice.pk].since, notice=notice, reviews_without_outcome=flags
        )
    ended = [statuses[n.pk].since for n in issued] + [d.ended_on for d in directions if d.ended_on and d.ended_on <= on]
    if ended:
        return InterventionStage(Stage.ENDED, max(ended), reviews_without_outcome=flags)
    return InterventionStage(Stage.NONE, reviews_without_outcome=flags)


def _notices_queryset():
    return ImprovementNotice.objects.prefetch_related(
        Prefetch("dates", queryset=NoticeDate.objects.order_by("date")),
        Prefetch("reviews", queryset=NoticeReview.objects.order_by("held_on")),
    ).select_related("council")


def intervention_stages(councils, *, on: datetime.date) -> dict[int, InterventionStage]:
    """Each council's stage on ``on``, by council id, in four queries whatever the number."""
    ids = [c.pk for c in councils]
    notices: dict[int, list] = {i: [] for i in ids}
    directions: dict[int, list] = {i: [] for i in ids}
    for n in _notices_queryset().filter(council_id__in=ids):
        notices[n.council_id].append(n)
    for d in StatutoryDirection.objects.filter(council_id__in=ids).select_related("council"):
        directions[d.council_id].append(d)
    return {i: stage_from(notices[i], directions[i], on=on) for i in ids}


def intervention_stage(council: Council, *, on: datetime.date) -> InterventionStage:
    """Where ``council`` stands in DfE intervention on ``on``."""
    return intervention_stages([council], on=on)[council.pk]
