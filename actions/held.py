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
    held = HeldFile(
        token=uuid.uuid4(),
        owner=owner,
        purpose=purpose,
        original_name=original,
        size=file.size,
        content_type=content_type or getattr(file, "content_type", "") or "",
        expires_at=timezone.now() + KEEP_FOR,
    )
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
    return list(
        HeldFile.objects.filter(token__in=valid, owner=owner, purpose=purpose, expires_at__gt=timezone.now()).order_by(
            "created_at"
        )
    )


def held_file_delete(held: HeldFile) -> None:
    held.file.storage.delete(held.file.name)
    held.delete()


def held_files_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete every expired held file and its stored copy. Returns how many."""
    expired = list(HeldFile.objects.filter(expires_at__lte=now or timezone.now()))
    for held in expired:
        held_file_delete(held)
    return len(expired)


class HeldUpload:
    """A held file read back as an upload, for the service that stores evidence."""

    def __init__(self, held: HeldFile):
        self.held = held
        self.name = held.original_name
        self.size = held.size
        self.content_type = held.content_type
        self._file = held.file.open("rb")

    def read(self, *args):
        return self._file.read(*args)

    def seek(self, *args):
        return self._file.seek(*args)

    def tell(self):
        return self._file.tell()

    def chunks(self, chunk_size=64 * 1024):
        self._file.seek(0)
        while chunk := self._file.read(chunk_size):
            yield chunk

    def multiple_chunks(self, chunk_size=None):
        return self.size > (chunk_size or 64 * 1024)

    def __iter__(self):
        return iter(self.chunks())

    def close(self):
        self._file.close()


EVIDENCE = "evidence"


def evidence_keep(*, request, form_files) -> list[HeldFile]:
    """The evidence files this form already holds (minus any the person removed), plus the new
    valid ones uploaded with a form that failed validation, kept so they need not be chosen again."""
    kept = held_files_for(tokens=request.POST.getlist("held_evidence"), owner=request.user, purpose=EVIDENCE)
    removed = set(request.POST.getlist("remove_evidence"))
    for item in [h for h in kept if str(h.token) in removed]:
        held_file_delete(item)
    kept = [h for h in kept if str(h.token) not in removed]
    for file in form_files or []:
        kept.append(held_file_create(file=file, owner=request.user, purpose=EVIDENCE))
    return kept
