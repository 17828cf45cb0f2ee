"""A board pack per meeting, and its way from draft to the members' inboxes.

The chair (or the board's secretary) prepares the pack for a meeting with a data cut-off
(default: :data:`settings.BOARD_PACK_CUTOFF_WORKING_DAYS` working days before it, see
:mod:`.point_in_time`). Then:

    drafted -> reviewed -> signed off by the chair -> sent to members (email with a link;
    the PDF stays behind sign-in)

While drafted or reviewed, the council and the chair may change their commentary; each change
renders the PDF again and takes the pack back to drafted. A signed-off pack never changes (no
service here will touch it, and a generation run will not claim it): a correction is a new
version that names the pack it corrects and why.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..boards.models import ImprovementBoard
from . import point_in_time
from .models import BoardReport

Stage = BoardReport.Stage
COMMENTARY_LIMIT = 4000


def previous_cutoff(pack: BoardReport) -> point_in_time.Cutoff:
    """What "change since the last pack" compares with: the cut-off of the board's latest other
    pack made before this one's cut-off; failing one, one meeting cycle before the cut-off."""
    cut = pack.cutoff.day
    earlier = [
        other.cutoff.day
        for other in BoardReport.objects.filter(board_id=pack.board_id, status=BoardReport.Status.READY)
        .exclude(pk=pack.pk)
        .exclude(meeting_date=pack.meeting_date or datetime.date.min)
        .only("period", "cutoff_day", "meeting_date")
    ]
    earlier = [day for day in earlier if day < cut]
    if earlier:
        return point_in_time.Cutoff(max(earlier))
    return point_in_time.Cutoff(cut - datetime.timedelta(weeks=pack.board.cadence_weeks))


def default_cutoff_day(meeting_date: datetime.date) -> datetime.date:
    return point_in_time.meeting_cutoff(meeting_date).day


def _enqueue_generation(report: BoardReport) -> None:
    from ..ops.outbox import enqueue
    from .tasks import generate_board_report

    enqueue(generate_board_report, report_id=report.pk)


@transaction.atomic
def board_pack_create(
    *,
    board: ImprovementBoard,
    meeting_date: datetime.date,
    requested_by,
    cutoff_day: datetime.date | None = None,
    today: datetime.date | None = None,
    queue: bool = True,
) -> BoardReport:
    """The pack for the board's meeting on ``meeting_date``, queued for rendering (unless not
    ``queue``: the caller renders it). A pack for that meeting still in draft is returned (with
    the cut-off asked for); a signed-off one must be corrected instead."""
    today = today or timezone.localdate()
    cutoff_day = cutoff_day or default_cutoff_day(meeting_date)
    if cutoff_day > meeting_date:
        raise ValidationError({"cutoff_day": "The data cut-off must be on or before the day of the meeting."})
    if cutoff_day >= today:
        raise ValidationError(
            {
                "cutoff_day": (
                    f"The data cut-off must be before today, so that everything it counts has been recorded. "
                    f"Choose an earlier date, or prepare the pack on or after {cutoff_day + datetime.timedelta(days=1):%-d %B %Y}."
                )
            }
        )
    ImprovementBoard.objects.select_for_update().filter(pk=board.pk).first()  # serialise version numbers
    packs = BoardReport.objects.filter(board=board, meeting_date=meeting_date)
    if packs.filter(stage__in=BoardReport.FROZEN).exists():
        raise ValidationError(
            {
                "meeting_date": (
                    f"The pack for the meeting on {meeting_date:%-d %B %Y} is signed off. To change it, correct it: "
                    "that makes a new version with the reason."
                )
            }
        )
    draft = packs.order_by("-version").first()
    if draft is not None:
        if draft.cutoff_day != cutoff_day:
            draft.cutoff_day = cutoff_day
            draft.save(update_fields=["cutoff_day"])
            _rerender(draft)
        return draft
    version = (packs.aggregate(v=Max("version"))["v"] or 0) + 1
    pack = BoardReport.objects.create(
        board=board,
        period=meeting_date.replace(day=1),
        meeting_date=meeting_date,
        cutoff_day=cutoff_day,
        version=version,
        requested_by=requested_by,
    )
    if queue:
        _enqueue_generation(pack)
    return pack


def _refuse_if_frozen(pack: BoardReport) -> None:
    if pack.stage in BoardReport.FROZEN:
        raise ValidationError("This pack is signed off and cannot change. Correct it to make a new version.")


def _rerender(pack: BoardReport) -> None:
    """Queue the pack to be drawn again (its commentary or cut-off changed), back at drafted."""
    changed = (
        BoardReport.objects.filter(pk=pack.pk, stage__in=[Stage.DRAFTED, Stage.REVIEWED])
        .exclude(status=BoardReport.Status.GENERATING)
        .update(status=BoardReport.Status.QUEUED, stage=Stage.DRAFTED, reviewed_by=None, reviewed_at=None)
    )
    if changed:
        _enqueue_generation(pack)


def _clean_commentary(text: str, who: str) -> str:
    text = (text or "").strip()
    if len(text) > COMMENTARY_LIMIT:
        raise ValidationError(
            {
                f"{who}_commentary": f"Commentary must be {COMMENTARY_LIMIT:,} characters or fewer "
                f"(this is {len(text):,})."
            }
        )
    return text


@transaction.atomic
def board_pack_commentary_save(
    *, pack: BoardReport, council_commentary: str | None = None, chair_commentary: str | None = None
) -> BoardReport:
    """Save the council's and/or the chair's key messages; the PDF is drawn again."""
    pack = BoardReport.objects.select_for_update().get(pk=pack.pk)
    _refuse_if_frozen(pack)
    fields = []
    if council_commentary is not None:
        pack.council_commentary = _clean_commentary(council_commentary, "council")
        fields.append("council_commentary")
    if chair_commentary is not None:
        pack.chair_commentary = _clean_commentary(chair_commentary, "chair")
        fields.append("chair_commentary")
    if fields:
        pack.save(update_fields=fields)
        _rerender(pack)
    pack.refresh_from_db()
    return pack


def _step(pack: BoardReport, *, from_stage: str, to_stage: str, refusal: str, **changes) -> BoardReport:
    done = BoardReport.objects.filter(pk=pack.pk, stage=from_stage, status=BoardReport.Status.READY).update(
        stage=to_stage, **changes
    )
    if not done:
        raise ValidationError(refusal)
    pack.refresh_from_db()
    return pack


def board_pack_review(*, pack: BoardReport, by) -> BoardReport:
    return _step(
        pack,
        from_stage=Stage.DRAFTED,
        to_stage=Stage.REVIEWED,
        reviewed_by=by,
        reviewed_at=timezone.now(),
        refusal="Only a drafted pack whose PDF is ready can be marked as reviewed.",
    )


def board_pack_sign_off(*, pack: BoardReport, by) -> BoardReport:
    if not (by.is_authenticated and (pack.board.chair_id == by.pk or by.is_superuser)):
        raise ValidationError("Only the board's chair can sign off its pack.")
    return _step(
        pack,
        from_stage=Stage.REVIEWED,
        to_stage=Stage.SIGNED_OFF,
        signed_off_by=by,
        signed_off_at=timezone.now(),
        refusal="Only a reviewed pack whose PDF is ready can be signed off.",
    )


@transaction.atomic
def board_pack_send(*, pack: BoardReport, by, base_url: str = "") -> int:
    """Email the board's current members a link to the signed-off pack (behind sign-in)."""
    from .services import board_report_recipients

    recipients = board_report_recipients(pack.board)
    if not recipients:
        raise ValidationError("No current member of the board has an email address: add them on the board first.")
    pack = _step(
        pack,
        from_stage=Stage.SIGNED_OFF,
        to_stage=Stage.SENT,
        sent_at=timezone.now(),
        sent_to=len(recipients),
        refusal="Only a signed-off pack can be sent to members.",
    )
    site = (base_url or settings.SITE_URL).rstrip("/")
    context = {
        "pack": pack,
        "board": pack.board,
        "pack_url": site + reverse("board_report", kwargs={"slug": pack.board.slug, "pk": pack.pk}),
    }
    message = EmailMultiAlternatives(
        subject=render_to_string("emails/board_pack_sent_subject.txt", context).strip(),
        body=render_to_string("emails/board_pack_sent.txt", context),
        to=[settings.DEFAULT_FROM_EMAIL],
        bcc=recipients,
    )
    message.attach_alternative(render_to_string("emails/board_pack_sent.html", context), "text/html")
    transaction.on_commit(message.send)
    return len(recipients)


@transaction.atomic
def board_pack_correct(*, pack: BoardReport, by, reason: str) -> BoardReport:
    """A new version of a signed-off pack, with the reason; the signed-off one stays as it was."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the pack needs correcting."})
    if pack.stage not in BoardReport.FROZEN:
        raise ValidationError("Only a signed-off pack is corrected; change this one's commentary instead.")
    ImprovementBoard.objects.select_for_update().filter(pk=pack.board_id).first()
    same = BoardReport.objects.filter(board=pack.board, meeting_date=pack.meeting_date, period=pack.period)
    version = (same.aggregate(v=Max("version"))["v"] or 0) + 1
    correction = BoardReport.objects.create(
        board=pack.board,
        period=pack.period,
        meeting_date=pack.meeting_date,
        cutoff_day=pack.cutoff_day,
        version=version,
        requested_by=by,
        corrects=pack,
        correction_reason=reason[:2000],
        council_commentary=pack.council_commentary,
        chair_commentary=pack.chair_commentary,
    )
    _enqueue_generation(correction)
    return correction
