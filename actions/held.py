"""Files kept while their form is put right: evidence attached to a progress update that failed
validation, a spreadsheet waiting for its import to be confirmed. Each is private to the person
who uploaded it, stored out of public reach, and deleted when it expires (a day)."""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePath

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from .models import HeldFile

KEEP_FOR = datetime.timedelta(hours=24)


@transaction.atomic
def held_file_create(*, file, owner, purpose: str, content_type: str = "") -> HeldFile:
    original = PurePath(file.name).name[:255]
    held = HeldFile(token=uuid.uuid4(), owner=owner, purpose=purpose, original_name=original, size=file.size,
                    content_type=content_type or getattr(file, "content_type", "") or "",
                    expires_at=timezone.now() + KEEP_FOR)
    file.seek(0)
    held.file.save(f"{held.token.hex}{PurePath(original).suffix.lower()}", file, save=False)
    held.save()
    return held


def held_file_get(*, token, owner, purpose: str) -> HeldFile:
    """The held file, for its owner only, while it has not expired (else 404)."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        raise Http404("No such file.") from None
    held = HeldFile.objects.filter(token=token, owner=owner, purpose=purpose, expires_at__gt=timezone.now()).first()
    if held is None:
        raise Http404("This upload has expired or is not yours. Upload the file again.")
    return held


def held_files_for(*, tokens, owner, purpose: str) -> list[HeldFile]:
    """Those of ``tokens`` still held for ``owner`` (unknown or expired ones are dropped)."""
    valid = []
    for token in tokens:
        try:
            valid.append(uuid.UUID(str(token)))
        except ValueError:
            continue
    return list(HeldFile.objects.filter(token__in=valid, owner=owner, purpose=purpose,
                                        expires_at__gt=timezone.now()).order_by("created_at"))


def held_file_delete(held: HeldFile) -> None:
    held.file.storage.delete(held.file.name)
    held.delete()


def held_files_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete every expired held file and its stored copy. Returns how many."""
    expired = list(HeldFile.objects.filter(expires_at__lte=now or timezone.now()))
    for held in expired:
        held_file_delete(held)
    return len(expired)
