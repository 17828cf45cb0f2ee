"""Letters held between a recording's form and its check page, when the journey is abandoned:
beat's hourly task deletes those held more than a day (by the file's own modified time), and
keeps the rest. Real files in a real MEDIA_ROOT, dated with os.utime."""

from __future__ import annotations

import datetime
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from improvement_board.celery import app
from inspections import tasks

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HOUR = 3600


@pytest.fixture
def hold_letter(client, administrator, sutton_notice, day):
    """Fill in the review form with a letter and walk away: the letter held on disk."""
    client.force_login(administrator)
    url = f"/councils/E09000029/intervention/notices/{sutton_notice.pk}/review/"

    def hold(name: str, *, age_hours: float) -> Path:
        data = {**day("held_on", datetime.date(2012, 12, 14)), "outcome": "none"}
        response = client.post(url, {**data, "letter_file": SimpleUploadedFile(name, PDF)})
        assert response.status_code == 302
        (path,) = [p for p in Path(settings.MEDIA_ROOT, "journey-held").rglob(name)]
        then = time.time() - age_hours * HOUR
        os.utime(path, (then, then))
        return path

    return hold


def test_a_letter_held_over_a_day_is_deleted_with_its_folder_and_a_newer_one_stays(hold_letter, sutton_notice):
    old = hold_letter("abandoned.pdf", age_hours=25)
    # Another person's letter, held 23 hours: still within the day.
    Path(settings.MEDIA_ROOT, "journey-held", "fresh").mkdir()
    fresh = Path(settings.MEDIA_ROOT, "journey-held", "fresh", "recent.pdf")
    fresh.write_bytes(PDF)
    then = time.time() - 23 * HOUR
    os.utime(fresh, (then, then))

    assert tasks.purge_journey_held_files() == 1

    assert not old.exists() and not old.parent.exists()
    assert fresh.read_bytes() == PDF


def test_nothing_held_deletes_nothing():
    assert tasks.purge_journey_held_files() == 0


def test_a_letter_being_checked_still_reaches_the_check_page_after_a_purge(
    client, hold_letter, sutton_notice, administrator
):
    held = hold_letter("in progress.pdf", age_hours=1)
    assert tasks.purge_journey_held_files() == 0
    check = client.get(f"/councils/E09000029/intervention/notices/{sutton_notice.pk}/review/check/")
    assert "in progress.pdf" in check.content.decode()
    assert held.exists()


def test_beat_runs_the_purge_hourly_and_the_worker_knows_the_task():
    entry = settings.CELERY_BEAT_SCHEDULE["purge-journey-held-files"]
    assert entry["task"] == "inspections.tasks.purge_journey_held_files"
    assert entry["schedule"].minute == {40} and len(entry["schedule"].hour) == 24
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks


def test_an_empty_folder_left_by_a_confirmed_journey_goes_after_a_day_and_a_new_one_stays(
    client, hold_letter, sutton_notice
):
    confirmed = hold_letter("confirmed.pdf", age_hours=0)
    assert client.post(f"/councils/E09000029/intervention/notices/{sutton_notice.pk}/review/check/").status_code == 302
    assert not confirmed.exists() and confirmed.parent.exists()  # the letter was stored; its folder stays
    then = time.time() - 25 * HOUR
    os.utime(confirmed.parent, (then, then))
    just_made = Path(settings.MEDIA_ROOT, "journey-held", "just-made")
    just_made.mkdir()  # a letter about to be written into it

    assert tasks.purge_journey_held_files() == 0

    assert not confirmed.parent.exists()
    assert just_made.exists()
