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
