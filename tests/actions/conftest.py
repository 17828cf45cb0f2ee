"""Fixtures for the plan's view and service tests: a Sutton action owned by Sutton's officer,
an indicator, and evidence files of each kind (made in memory, content as the real types)."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def sutton_action(sutton_plan, make_action, sutton_officer, today):
    return make_action(
        sutton_plan,
        title="Audit all child protection plans",
        owner=sutton_officer,
        start_date=today - datetime.timedelta(days=60),
        due_date=today + datetime.timedelta(days=30),
    )


@pytest.fixture
def overdue_action(sutton_plan, make_action, sutton_officer, today):
    return make_action(
        sutton_plan,
        title="Recruit permanent team managers",
        owner=sutton_officer,
        start_date=today - datetime.timedelta(days=90),
        due_date=today - datetime.timedelta(days=5),
    )


@pytest.fixture
def sutton_indicator(sutton_plan):
    from actions.models import PerformanceIndicator

    return PerformanceIndicator.objects.create(
        plan=sutton_plan,
        name="Initial assessments within timescale",
        definition="Completed within 7 working days.",
        unit="percent",
        polarity="higher",
        target=85,
        target_date=datetime.date(2014, 1, 31),
    )


@pytest.fixture
def count_indicator(sutton_plan):
    from actions.models import PerformanceIndicator

    return PerformanceIndicator.objects.create(
        plan=sutton_plan,
        name="Children with a child protection plan",
        definition="At month end.",
        unit="count",
        polarity="lower",
        target=120,
        target_date=datetime.date(2014, 1, 31),
        order=1,
    )


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def office_bytes(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


@pytest.fixture
def upload():
    """An uploaded file: ``upload("audit.pdf")`` has PDF content; ``upload("x.pdf", b"...")`` any."""
    contents = {
        ".pdf": pdf_bytes,
        ".png": png_bytes,
        ".docx": lambda: office_bytes("docx"),
        ".xlsx": lambda: office_bytes("xlsx"),
        ".jpg": lambda: b"\xff\xd8\xff\xe0" + b"\x00" * 64,
    }

    def make(name: str, content: bytes | None = None) -> SimpleUploadedFile:
        if content is None:
            content = contents[name[name.rfind(".") :]]()
        return SimpleUploadedFile(name, content, content_type="application/octet-stream")

    return make


@pytest.fixture
def notice_measures(frameworks, sutton):
    """Two measures of an improvement notice of Sutton's (for counting the actions that answer them)."""
    from inspections.models import ImprovementNotice, Inspection, NoticeMeasure, NoticeTheme

    inspection = Inspection.objects.create(
        council=sutton, framework=frameworks["SLAC"], title="Safeguarding", published=datetime.date(2012, 5, 18)
    )
    notice = ImprovementNotice.objects.create(council=sutton, inspection=inspection, issued=datetime.date(2012, 7, 5))
    theme = NoticeTheme.objects.create(notice=notice, title="Leadership and management", order=1)
    return [
        NoticeMeasure.objects.create(theme=theme, number=1, text="Strengthen management oversight."),
        NoticeMeasure.objects.create(theme=theme, number=2, text="Recruit a stable workforce."),
    ]
