"""Writes for board reports: request, claim, render, store, notify.

A report is made in three steps (STYLE.md, practice 11):

1. **Request**: a ``BoardReport`` row is created first, queued, with the next version number for
   its board and period (the board row is locked so two requests cannot take the same number).
2. **Claim**: the task moves the row from queued to generating with a filtered ``update()``; a
   second run of the same task finds nothing to claim and does nothing.
3. **Render and store**: the PDF is rendered in memory, saved through the storage API, and the
   row is marked ready with its size and checksum in one filtered update. If anything fails after
   the file was saved, the file is deleted: a failed run leaves no file and no 'ready' row.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from inspections.months import month_start

from ..boards.models import ImprovementBoard
from ..ops.email import send_email
from . import papers as meeting_papers
from . import printing
from .content import report_content
from .models import BoardReport

logger = logging.getLogger(__name__)


# --- Rendering --------------------------------------------------------------------------------


def report_title(board: ImprovementBoard, period: datetime.date, meeting_date: datetime.date | None = None) -> str:
    if meeting_date:
        return f"{board.name}: pack for the meeting on {meeting_date:%-d %B %Y}"
    return f"{board.name}: monthly report, {period:%B %Y}"


def board_report_html(
    *,
    board: ImprovementBoard,
    period: datetime.date,
    generated_at: datetime.datetime,
    version: int | None = None,
    pack: BoardReport | None = None,
    inline_stylesheet: bool = True,
    papers: list[meeting_papers.Paper] | None = None,
) -> str:
    """The pack as HTML. With ``inline_stylesheet`` (the default) it stands alone, its print
    stylesheet in its ``<style>``, for any printer (bench/board_report.py times Chromium on it);
    :func:`board_report_pdf` leaves it out and gives WeasyPrint the worker's parsed copy.
    ``pack`` gives a meeting's cut-off, commentary and stage, and its agenda's ``papers``
    (:mod:`.papers`; read here unless given)."""
    from . import charts
    from .packs import previous_cutoff

    meeting_date = pack.meeting_date if pack else None
    cut = pack.cutoff if pack and pack.cutoff_day else None
    since = previous_cutoff(pack) if pack and pack.meeting_date else None
    content = report_content(board, period, cut=cut, since=since, meeting_date=meeting_date)
    for progress in content.indicators:
        svg = charts.indicator_trend_svg(progress, plan_start=content.plan.agreed_on if content.plan else None)
        progress.chart = charts.as_data_uri(svg)
    for comparison in content.comparisons:
        comparison.chart = charts.as_data_uri(charts.published_indicator_svg(comparison))
    local = timezone.localtime(generated_at)
    heading = f"Meeting of {meeting_date:%-d %B %Y}" if meeting_date else f"Monthly report, {content.period:%B %Y}"
    margins = printing.page_margins_css(
        header_left=f"{board.council.name} · {board.name}",
        header_right=heading,
        footer_left=f"Data to {content.period_end:%-d %B %Y} · generated {local:%-d %b %Y %H:%M}",
    )
    if papers is None:
        papers = meeting_papers.meeting_papers(board, meeting_date)
    stage = pack.get_stage_display() if pack else BoardReport.Stage.DRAFTED.label
    return render_to_string(
        "pdf/board_report.html",
        {
            "r": content,
            "pack": pack,
            "stage_label": stage,
            "css": mark_safe(printing.stylesheet_source()) if inline_stylesheet else "",
            "page_margins": margins,
            "title": report_title(board, content.period, meeting_date),
            "author": f"{board.council.name} for the {board.name}",
            "generated_at": local,
            "version": version,
            "papers": papers,
        },
    )


def board_report_pdf(
    *,
    board: ImprovementBoard,
    period: datetime.date,
    generated_at: datetime.datetime | None = None,
    version: int | None = None,
    pack: BoardReport | None = None,
) -> bytes:
    """The pack as a tagged PDF (PDF/UA-1), A4, with title, author and language metadata; a
    meeting's pack has its agenda papers appended (:mod:`.papers`). Made without the garbage
    collector's pauses (:func:`.printing.collected_once`)."""
    generated_at = generated_at or timezone.now()
    with printing.collected_once():
        papers = meeting_papers.meeting_papers(board, pack.meeting_date if pack else None)
        html = board_report_html(
            board=board,
            period=period,
            generated_at=generated_at,
            version=version,
            pack=pack,
            inline_stylesheet=False,
            papers=papers,
        )
        return meeting_papers.append(printing.html_to_pdf(html), papers)


# --- Requesting, claiming, storing -----------------------------------------------------------


def current_report(board: ImprovementBoard, period: datetime.date) -> BoardReport | None:
    """The report a board and period has: its latest ready version."""
    return (
        BoardReport.objects.filter(board=board, period=period, status=BoardReport.Status.READY)
        .order_by("-version")
        .first()
    )


@transaction.atomic
def board_report_request(
    *,
    board: ImprovementBoard,
    period: datetime.date,
    requested_by=None,
    only_if_missing: bool = False,
    queue: bool = True,
) -> tuple[BoardReport, bool]:
    """Queue a report for a board and period; returns ``(report, created)``.

    A version already queued or generating is returned rather than a second one (a double click
    makes one report). With ``only_if_missing`` (the monthly schedule), a ready version also
    counts, so a repeated schedule run makes nothing new. Otherwise a new version is made and the
    old ones kept. The task is queued when the transaction commits (unless ``queue`` is false:
    the caller generates it itself)."""
    period = month_start(period)
    ImprovementBoard.objects.select_for_update().filter(pk=board.pk).first()  # serialise version numbers
    existing = BoardReport.objects.filter(board=board, period=period)
    busy = [BoardReport.Status.QUEUED, BoardReport.Status.GENERATING]
    if only_if_missing:
        busy.append(BoardReport.Status.READY)
    found = existing.filter(status__in=busy).order_by("-version").first()
    if found is not None:
        return found, False
    version = (existing.aggregate(v=Max("version"))["v"] or 0) + 1
    report = BoardReport.objects.create(board=board, period=period, version=version, requested_by=requested_by)
    if queue:
        from ..ops.outbox import enqueue
        from .tasks import generate_board_report

        # Through the outbox: sent when the transaction commits, or by the drain if Redis is down.
        # (robust: when tasks run eagerly, a failure is recorded on the row and logged.)
        enqueue(generate_board_report, report_id=report.pk)
    return report, True


class ClaimHeld(Exception):
    """The report is being generated by another run whose claim is still fresh. That run may yet
    finish it, or it may have died: ask again in ``retry_in`` seconds, when the claim can be taken
    over if it is still not done."""

    def __init__(self, report_id: int, retry_in: int):
        super().__init__(f"Board report {report_id} is being generated by another run; try again in {retry_in} s.")
        self.retry_in = retry_in


def claim_expiry() -> datetime.timedelta:
    """How old a claim must be before another run may take it over: the report task's hard time
    limit (a run still alive has been killed by then), plus a margin for clocks that differ."""
    margin = getattr(settings, "BOARD_REPORT_CLAIM_MARGIN_SECONDS", 30)
    return datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + margin)


def _claim(report_id: int, claimed_by: str = "") -> datetime.datetime | None:
    """Move the report to generating, in one filtered update: a queued report, or one whose
    generating claim is older than :func:`claim_expiry` (its run died: a worker killed while it
    rendered, whose task Celery delivers again because it is acknowledged only when done).
    Returns the claim's time, which the run presents when it stores the file, or None."""
    now = timezone.now()
    stale = now - claim_expiry()
    generating = BoardReport.Status.GENERATING
    takeable = (
        Q(status=BoardReport.Status.QUEUED)
        | Q(status=generating, claimed_at__lt=stale)
        | Q(status=generating, claimed_at__isnull=True, requested_at__lt=stale)  # claimed before claims were dated
    )
    claimed = (
        BoardReport.objects.filter(takeable, pk=report_id)
        .exclude(stage__in=BoardReport.FROZEN)
        .update(
            status=generating,
            attempts=F("attempts") + 1,
            claimed_at=now,
            claimed_by=claimed_by[:200],
        )
    )
    return now if claimed else None


def _held_for(report_id: int) -> int | None:
    """Seconds until another run's generating claim on the report may be taken over, or None
    when the report is not being generated (it is done, failed or gone)."""
    row = (
        BoardReport.objects.filter(pk=report_id, status=BoardReport.Status.GENERATING)
        .values("claimed_at", "requested_at")
        .first()
    )
    if row is None:
        return None
    since = row["claimed_at"] or row["requested_at"]
    return max(1, int((since + claim_expiry() - timezone.now()).total_seconds()) + 1)


def board_report_generate(*, report_id: int, generated_by: str = "") -> BoardReport | None:
    """Claim a report, render and store it. Returns the ready report, or None when there is
    nothing to do (it is done, or failed and not requeued). Raises :class:`ClaimHeld` when another
    run holds a fresh claim on it. On any error the stored file is removed, the row is marked
    failed with the error, and the error is raised again for the caller (the task) to retry or
    not. Only the run holding the current claim may store or fail the report: a run whose claim
    was taken over (it was presumed dead) finds nothing to update and removes its own file."""
    claimed_at = _claim(report_id, claimed_by=generated_by)
    if claimed_at is None:
        held_for = _held_for(report_id)
        if held_for is not None:
            raise ClaimHeld(report_id, held_for)
        logger.info("Board report %s: nothing to claim", report_id)
        return None
    report = BoardReport.objects.select_related("board__council").get(pk=report_id)
    stored_name = ""
    recorded = []  # filled when the ready row is committed: from then on the file is the report's
    try:
        generated_at = timezone.now()
        pdf = board_report_pdf(
            board=report.board, period=report.period, generated_at=generated_at, version=report.version, pack=report
        )
        name = f"{Path(report.filename).stem}-v{report.version}.pdf"
        _remove_leftover(report, name)
        report.file.save(name, ContentFile(pdf), save=False)
        stored_name = report.file.name
        with transaction.atomic():
            done = BoardReport.objects.filter(
                pk=report.pk,
                status=BoardReport.Status.GENERATING,
                claimed_at=claimed_at,
            ).update(
                status=BoardReport.Status.READY,
                file=stored_name,
                size=len(pdf),
                checksum=hashlib.sha256(pdf).hexdigest(),
                generated_at=generated_at,
                generated_by=generated_by[:200],
                error="",
            )
            if not done:
                raise RuntimeError(f"Board report {report.pk} was no longer being generated when it was stored.")
            transaction.on_commit(lambda: recorded.append(True))
            if report.meeting_date is None:  # a meeting's pack is sent when the chair has signed it off
                transaction.on_commit(lambda: _queue_notification(report.pk), robust=True)
    except BaseException as exc:
        if recorded:  # stopped (a worker's shutdown) after the ready row was committed: keep its file
            raise
        if stored_name:
            try:
                report.file.storage.delete(stored_name)
            except Exception:  # noqa: BLE001 - the original error matters more
                logger.exception("Board report %s: could not delete %s", report.pk, stored_name)
        _mark_failed(report.pk, exc, claimed_at)
        raise
    report.refresh_from_db()
    return report


def _remove_leftover(report: BoardReport, name: str) -> None:
    """Delete a file a dead run of this same version stored under its name and never recorded
    (it died between storing and marking ready), so that no orphan stays in storage."""
    target = report.file.field.generate_filename(report, name)
    storage = report.file.storage
    try:
        if storage.exists(target):
            storage.delete(target)
            logger.warning("Board report %s: removed %s left by a run that died", report.pk, target)
    except OSError:
        logger.exception("Board report %s: could not check for a leftover %s", report.pk, target)


def _mark_failed(report_id: int, exc: BaseException, claimed_at: datetime.datetime | None = None) -> None:
    try:
        mine = {"claimed_at": claimed_at} if claimed_at is not None else {}
        BoardReport.objects.filter(pk=report_id, status=BoardReport.Status.GENERATING, **mine).update(
            status=BoardReport.Status.FAILED,
            file="",
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
    except Exception:  # noqa: BLE001 - the database may be the thing that is down
        logger.exception("Board report %s: could not record the failure", report_id)


def board_report_requeue(*, report_id: int, note: str = "") -> bool:
    """Put a failed report back in the queue for a retry, keeping its error for the chair."""
    return bool(
        BoardReport.objects.filter(pk=report_id, status=BoardReport.Status.FAILED).update(
            status=BoardReport.Status.QUEUED, error=F("error") if not note else note[:2000]
        )
    )


def _queue_notification(report_id: int) -> None:
    from ..ops.outbox import enqueue
    from .tasks import send_board_report_ready

    enqueue(send_board_report_ready, report_id=report_id)


def board_report_recipients(board: ImprovementBoard) -> list[str]:
    """Current members' addresses (their own, or their account's), and the chair's."""
    addresses = []
    for member in board.members.filter(left__isnull=True).select_related("user"):
        address = member.email or (member.user.email if member.user else "")
        if address:
            addresses.append(address)
    if board.chair and board.chair.email:
        addresses.append(board.chair.email)
    return sorted(set(addresses), key=str.lower)


def board_report_notify(*, report: BoardReport, base_url: str = "") -> int:
    """Email the board's members that a new report is ready; one message, members in Bcc."""
    recipients = board_report_recipients(report.board)
    if not recipients:
        return 0
    site = (base_url or settings.SITE_URL).rstrip("/")
    context = {
        "report": report,
        "board": report.board,
        "base_url": site,
        # Full links (an email has no page to be relative to); signing in leads on to them.
        "board_url": site + reverse("board", kwargs={"slug": report.board.slug}),
        "report_url": site + reverse("board_report", kwargs={"slug": report.board.slug, "pk": report.pk}),
        "download_url": site + reverse("board_report_download", kwargs={"slug": report.board.slug, "pk": report.pk}),
    }
    return send_email(to=recipients, template="board_report_ready", context=context, hide_recipients=True)


def reports_for_board(board: ImprovementBoard):
    return board.reports.order_by("-period", "-version").select_related("requested_by")
