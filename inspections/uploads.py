"""Checks of uploaded files by their content, never their name: the one check every upload goes
through (evidence on the plan's actions, DfE's review letters); and the one way a held file is
given back (:func:`file_response`). The lowest layer, so that ``actions``, ``inspections`` and the
project's pages and API share it."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat


@dataclass(frozen=True)
class EvidenceType:
    name: str
    content_type: str
    extensions: tuple[str, ...]


PDF = EvidenceType("PDF", "application/pdf", (".pdf",))
PNG = EvidenceType("PNG image", "image/png", (".png",))
JPEG = EvidenceType("JPEG image", "image/jpeg", (".jpg", ".jpeg"))
DOCX = EvidenceType(
    "Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
)
XLSX = EvidenceType(
    "Excel spreadsheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
)
DOC = EvidenceType("Word document", "application/msword", (".doc",))
XLS = EvidenceType("Excel spreadsheet", "application/vnd.ms-excel", (".xls",))
ALLOWED_TYPES = (PDF, DOCX, DOC, XLSX, XLS, PNG, JPEG)
ALLOWED_EXTENSIONS = tuple(ext for t in ALLOWED_TYPES for ext in t.extensions)
ALLOWED_DESCRIPTION = "a PDF, Word document, Excel spreadsheet, PNG or JPEG"
LETTER_TYPES = (PDF, DOCX, DOC)
LETTER_DESCRIPTION = "a PDF or Word document"

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sniff(head: bytes, file, extension: str) -> EvidenceType | None:
    """What the bytes say the file is, or None if it is none of the types we accept."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
        return None
    if head.startswith(_OLE2):
        # Old Office files share one container format; the name says which application's.
        return {".doc": DOC, ".xls": XLS}.get(extension)
    return None


def uploaded_file_type(
    file, *, allowed: tuple[EvidenceType, ...] = ALLOWED_TYPES, description: str = ALLOWED_DESCRIPTION
) -> EvidenceType:
    """Check an uploaded file and say what it is. Refuses files over the size limit, files whose
    content is not one of the ``allowed`` types (``description`` says which, in words), and files
    whose name claims another type."""
    name = PurePath(file.name or "").name
    limit = settings.EVIDENCE_MAX_BYTES
    if file.size == 0:
        raise ValidationError(f"{name} is empty.", code="empty")
    if file.size > limit:
        raise ValidationError(f"{name} must be smaller than {filesizeformat(limit)}.", code="too_big")
    extension = PurePath(name).suffix.lower()
    file.seek(0)
    head = file.read(16)
    found = _sniff(head, file, extension)
    file.seek(0)
    if found is None or found not in allowed:
        raise ValidationError(f"{name} must be {description}.", code="wrong_type")
    if extension not in found.extensions:
        claimed = next((t.name for t in ALLOWED_TYPES if extension in t.extensions), None)
        if claimed:
            raise ValidationError(
                f"{name} is named as a {claimed} but is not one. Upload the file itself.", code="name_mismatch"
            )
        raise ValidationError(f"{name} must be {description}, named to match.", code="name_mismatch")
    return found


def letter_file_type(file) -> EvidenceType:
    """Check an uploaded letter (DfE's review letters): a PDF or Word document, by its content."""
    return uploaded_file_type(file, allowed=LETTER_TYPES, description=LETTER_DESCRIPTION)


def file_response(field_file, *, filename: str, content_type: str) -> FileResponse:
    """A held file as a download under ``filename``, an attachment. Every file is behind sign-in,
    so no cache keeps it: ``ops.security.NoStoreForSignedInMiddleware`` marks the response."""
    return FileResponse(field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type)


def letter_response(field_file) -> FileResponse:
    """A held letter (a PDF or Word document) as a download under its own name, typed by its name,
    which the upload check made match its content."""
    name = PurePath(field_file.name).name
    kind = next((t for t in LETTER_TYPES if name.lower().endswith(t.extensions)), None)
    return file_response(
        field_file, filename=name, content_type=kind.content_type if kind else "application/octet-stream"
    )


def held_letter_response(field_file, missing: str) -> FileResponse:
    """:func:`letter_response` for a letter field that may hold none (404 with ``missing``)."""
    if not field_file:
        raise Http404(missing)
    return letter_response(field_file)
