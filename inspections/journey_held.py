"""Letters uploaded on a journey recording's form, held in storage (under ``journey-held/``) until
the person confirms on the check-your-answers page. Confirming or replacing a letter releases it;
a journey left unfinished leaves its letter behind, and :func:`journey_held_files_purge` (run
hourly by beat) deletes whatever has been held longer than a day."""

from __future__ import annotations

import datetime
import os
import uuid
from pathlib import PurePath

from django.core.files.storage import default_storage
from django.utils import timezone

HELD = "journey-held"
KEEP_FOR = datetime.timedelta(days=1)


def hold(upload) -> list[str]:
    """Keep an uploaded file until the person confirms: [where it is held, its name]."""
    name = PurePath(upload.name or "letter").name
    upload.seek(0)
    path = default_storage.save(f"{HELD}/{uuid.uuid4().hex}/{name}", upload)
    return [path, name]


def release(draft: dict | None) -> None:
    """Delete the files a draft holds (``draft["files"]``: name -> [path, original name])."""
    for path, _name in (draft or {}).get("files", {}).values():
        if path.startswith(f"{HELD}/"):
            default_storage.delete(path)


def journey_held_files_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete every held file last written more than :data:`KEEP_FOR` before ``now``, and the
    folders they leave empty. Returns how many files."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    return _purge(HELD, cutoff)


def _purge(folder: str, cutoff: datetime.datetime) -> int:
    if not default_storage.exists(folder):
        return 0
    folders, files = default_storage.listdir(folder)
    deleted = 0
    for name in files:
        path = f"{folder}/{name}"
        if _older(path, cutoff):
            default_storage.delete(path)
            deleted += 1
    for name in folders:
        inside = _purge(f"{folder}/{name}", cutoff)
        _remove_if_empty(f"{folder}/{name}", emptied=inside > 0, cutoff=cutoff)
        deleted += inside
    return deleted


def _older(path: str, cutoff: datetime.datetime) -> bool:
    try:
        return default_storage.get_modified_time(path) < cutoff
    except FileNotFoundError:  # confirmed (and so released) meanwhile
        return False


def _remove_if_empty(folder: str, *, emptied: bool, cutoff: datetime.datetime) -> None:
    """A file system keeps empty folders (object stores have none): remove one whose letter was
    just deleted, or that has been empty since before the cutoff (a folder made this moment is
    about to receive its letter)."""
    try:
        local = default_storage.path(folder)
    except NotImplementedError:
        return
    folders, files = default_storage.listdir(folder)
    if not folders and not files and (emptied or _older(folder, cutoff)):
        try:
            os.rmdir(local)
        except OSError:  # a file arrived meanwhile
            pass
