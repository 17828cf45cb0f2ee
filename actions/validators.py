"""Checks shared by the plan's forms: evidence files (by their content, never their name),
evidence links, and indicator values against their unit."""

from __future__ import annotations

import decimal
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
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


def evidence_file_type(file) -> EvidenceType:
    """Check an uploaded evidence file and say what it is. Refuses files over the size limit,
    files whose content is not an accepted type, and files whose name claims another type."""
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
    if found is None:
        raise ValidationError(f"{name} must be {ALLOWED_DESCRIPTION}.", code="wrong_type")
    if extension not in found.extensions:
        claimed = next((t.name for t in ALLOWED_TYPES if extension in t.extensions), None)
        if claimed:
            raise ValidationError(
                f"{name} is named as a {claimed} but is not one. Upload the file itself.", code="name_mismatch"
            )
        raise ValidationError(f"{name} must be {ALLOWED_DESCRIPTION}, named to match.", code="name_mismatch")
    return found


def evidence_files_total(files) -> None:
    """Refuse evidence files that are too big together for one update (each is checked on its
    own by :func:`evidence_file_type`)."""
    limit = settings.EVIDENCE_MAX_BYTES_PER_UPDATE
    if sum(file.size or 0 for file in files) > limit:
        raise ValidationError(
            f"The files must be smaller than {filesizeformat(limit)} together. Upload fewer or "
            f"smaller files with this update, and the rest with another.",
            code="too_big_together",
        )


_url = URLValidator(schemes=["http", "https"])


def evidence_url(value: str) -> str:
    value = value.strip()
    try:
        _url(value)
    except ValidationError:
        raise ValidationError(f"{value} is not a web address. Enter it starting with https://", code="invalid_url")
    return value


def indicator_value(unit: str, value: decimal.Decimal) -> decimal.Decimal:
    """Check a value against its indicator's unit: a percentage is 0 to 100, a count a whole
    number of 0 or more, days and rates 0 or more."""
    from .models import PerformanceIndicator

    Unit = PerformanceIndicator.Unit
    if unit == Unit.PERCENT and not (0 <= value <= 100):
        raise ValidationError("A percentage must be between 0 and 100.", code="percent_range")
    if unit == Unit.COUNT and value != value.to_integral_value():
        raise ValidationError("A count must be a whole number, like 12.", code="count_whole")
    if value < 0:
        raise ValidationError("The value must be 0 or more.", code="negative")
    return value
