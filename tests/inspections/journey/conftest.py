"""Sutton's journey between inspections, for the journey pages' tests: an inadequate 2012
inspection, its notice (review dates, a final review, reports to ministers) and a first
monitoring visit with findings. Personas come from tests/conftest.py."""

from __future__ import annotations

import datetime

import pytest

from inspections import services as inspection_services
from inspections.models import Inspection, NoticeDate
from inspections.ofsted_services import Finding, record_ofsted_activity

D = datetime.date


@pytest.fixture
def sutton_2012(frameworks, sutton):
    return Inspection.objects.create(
        council=sutton,
        framework=frameworks["SLAC"],
        title="Inspection of safeguarding and looked after children services",
        published=D(2012, 5, 29),
    )


@pytest.fixture
def sutton_notice(sutton, sutton_2012):
    return inspection_services.notice_create(
        council=sutton,
        inspection=sutton_2012,
        issued=D(2012, 6, 15),
        title="Improvement Notice",
        dates=[
            (NoticeDate.Kind.MINISTERIAL_REPORT, D(2012, 10, 31)),
            (NoticeDate.Kind.REVIEW, D(2012, 12, 14)),
            (NoticeDate.Kind.FINAL_REVIEW, D(2013, 6, 14)),
            (NoticeDate.Kind.COMPLIANCE, D(2014, 1, 31)),
        ],
        themes=[("Leadership", ["A permanent director in post"])],
    )


@pytest.fixture
def monitoring_visit(sutton, sutton_2012):
    return record_ofsted_activity(
        council=sutton,
        kind="monitoring_visit",
        follows=sutton_2012,
        started=D(2012, 9, 11),
        ended=D(2012, 9, 12),
        published=D(2012, 10, 5),
        lead_inspector="Jane Inspector",
        findings=[
            Finding("progress", "Leaders have acted quickly on the front door.", "Progress since the inspection"),
            Finding("area_for_improvement", "Supervision is not yet regular."),
        ],
    )


@pytest.fixture
def day():
    """A date as the GOV.UK date input posts it: ``day("held_on", D(2012, 12, 14))``."""

    def fields(name: str, value: datetime.date) -> dict:
        return {f"{name}_0": str(value.day), f"{name}_1": str(value.month), f"{name}_2": str(value.year)}

    return fields


@pytest.fixture
def record():
    """Fill in a recording's form, then confirm on its check page (``confirm=False``: only look
    at the check page). Returns (the check page, the response to confirming it or None)."""

    def do(client, url: str, data: dict, *, confirm: bool = True):
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert response.url == url + "check/"
        check = client.get(response.url)
        assert check.status_code == 200
        return check, (client.post(response.url) if confirm else None)

    return do


@pytest.fixture
def error_summary():
    """The error summary's (link, message) pairs on a page."""
    import html
    import re

    def find(response) -> list[tuple[str, str]]:
        page = response.content.decode()
        summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', page, re.S)
        assert summary, "no error summary on the page"
        return [
            (href, html.unescape(message))
            for href, message in re.findall(r'<a href="#([^"]*)">(.*?)</a>', summary.group(1))
        ]

    return find
