"""Checks shared by the plan's forms: evidence files (by their content, never their name, in
:mod:`inspections.uploads`), evidence links, and indicator values against their unit."""

from __future__ import annotations

import decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat

from inspections import uploads


def evidence_file_type(file) -> uploads.EvidenceType:
    """Check an uploaded evidence file and say what it is (:func:`inspections.uploads.uploaded_file_type`)."""
    return uploads.uploaded_file_type(file)


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
