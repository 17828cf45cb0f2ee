"""Daily reminder runs (scheduled in settings.CELERY_BEAT_SCHEDULE). Each calls a service; the
service's claim rows make a second run on the same day send nothing."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.utils import timezone

from . import services


def _day(on: str | None) -> datetime.date:
    return datetime.date.fromisoformat(on) if on else timezone.localdate()


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=3)
def send_due_reminders(on: str | None = None) -> int:
    """Email each owner their actions due within 7 days and overdue."""
    return services.due_reminders_send(on=_day(on))


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=3)
def send_pre_meeting_reminders(on: str | None = None) -> int:
    """Email owners of actions not updated since the last meeting, 5 working days before the next."""
    return services.pre_meeting_reminders_send(on=_day(on))


@shared_task
def purge_held_files() -> int:
    """Delete files kept for unfinished forms once they expire (a day after upload)."""
    from . import held

    return held.held_files_purge()
