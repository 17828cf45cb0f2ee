"""Periodic work for the inspections app (scheduled in settings.CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from . import journey_held


@shared_task
def purge_journey_held_files() -> int:
    """Delete letters held for journey recordings left unfinished for more than a day."""
    return journey_held.journey_held_files_purge()
