"""Background work for boards: each board's monthly report, and the email that it is ready.

Tasks take ids, load rows and call a service; retries and failure handling live here.
"""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from inspections.months import add_months, month_start

from ..boards.models import ImprovementBoard
from . import services
from .models import BoardReport

logger = logging.getLogger(__name__)

# Worth another try: the database or the file storage was unavailable for a moment.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError)
MAX_RETRIES = 5


def retry_delay(retries: int) -> int:
    """Seconds before the next try: 30 s, 1, 2, 4, 8 minutes (exponential backoff, capped)."""
    return min(30 * 2**retries, 900)


# Held claims: a run that finds another's fresh claim asks again when it could be taken over.
MAX_CLAIM_WAITS = 3


# Time limits are the global ones (CELERY_TASK_SOFT_TIME_LIMIT, CELERY_TASK_TIME_LIMIT): the claim's
# expiry is reckoned from the hard limit, so the task must not set a longer one of its own.
# Acknowledged late and rejected when its worker is lost (settings): a worker killed while it
# renders leaves the message to be delivered again, and the new run takes over the stale claim.
@shared_task(
    name="improvement_board.tasks.generate_board_report",
    bind=True,
    max_retries=MAX_RETRIES,
    acks_late=True,
    reject_on_worker_lost=True,
)
def generate_board_report(self, report_id: int) -> str:
    """Make one board's report for one period (the row ``report_id`` says which)."""
    run = f"celery {self.name} {self.request.id or ''}".strip()
    if self.request.hostname:
        run = f"{run} on {self.request.hostname}"
    try:
        report = services.board_report_generate(report_id=report_id, generated_by=run)
    except services.ClaimHeld as exc:
        waits = self.request.retries
        if waits >= MAX_RETRIES + MAX_CLAIM_WAITS:
            logger.error("Board report %s: still held by another run; giving up", report_id)
            return "held by another run"
        logger.info("Board report %s: %s", report_id, exc)
        raise self.retry(exc=exc, countdown=exc.retry_in, max_retries=MAX_RETRIES + MAX_CLAIM_WAITS)
    except SoftTimeLimitExceeded:
        logger.error("Board report %s: ran out of time", report_id)
        raise
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            logger.error("Board report %s: failed after %s tries: %s", report_id, self.request.retries + 1, exc)
            raise
        delay = retry_delay(self.request.retries)
        services.board_report_requeue(
            report_id=report_id,
            note=f"Try {self.request.retries + 1} failed ({type(exc).__name__}: {exc}); trying again in {delay} s.",
        )
        raise self.retry(exc=exc, countdown=delay)
    return report.status if report else "nothing to do"


@shared_task(name="improvement_board.tasks.generate_monthly_reports")
def generate_monthly_reports(period: str | None = None) -> list[int]:
    """For every active board, queue the report for the month just ended (or ``period``,
    'YYYY-MM-01'), each board as its own task so one failure does not stop the others.
    A board that already has that month's report (or one under way) gets nothing new."""
    if period:
        month = datetime.date.fromisoformat(period).replace(day=1)
    else:
        month = add_months(month_start(timezone.localdate()), -1)
    queued = []
    for board in ImprovementBoard.objects.filter(is_active=True).order_by("pk"):
        try:
            report, created = services.board_report_request(board=board, period=month, only_if_missing=True)
        except Exception:  # noqa: BLE001 - one board's trouble must not stop the rest
            logger.exception("Monthly report for board %s (%s) could not be queued", board.pk, month)
            continue
        if created:
            queued.append(report.pk)
    return queued


@shared_task(name="improvement_board.tasks.send_board_report_ready", bind=True, max_retries=3, acks_late=True)
def send_board_report_ready(self, report_id: int) -> int:
    """Tell the board's members that a report is ready."""
    report = BoardReport.objects.select_related("board__council", "board__chair").get(pk=report_id)
    if report.status != BoardReport.Status.READY:
        return 0
    try:
        return services.board_report_notify(report=report)
    except (OSError, ConnectionError) as exc:
        raise self.retry(exc=exc, countdown=60 * (self.request.retries + 1))
