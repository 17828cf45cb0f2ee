"""The report's selectors make a fixed number of queries, whatever the size of the plan: the
same count for the 7-action plan with known answers and for that plan with 24 more actions (each
with updates, a pending revised date, a measure and a recommendation) and 3 more indicators."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actions import services as action_services
from actions.models import IndicatorValue, PerformanceIndicator
from improvement_board.reports import content as reports
from improvement_board.reports import services
from inspections.models import NoticeMeasure, Recommendation

OCTOBER = datetime.date(2012, 10, 1)  # the month of the known report (conftest.py)
LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(y, m, d, hh=10, mm=0) -> datetime.datetime:
    return datetime.datetime(y, m, d, hh, mm, tzinfo=LONDON)


pytestmark = pytest.mark.django_db

QUERY_BOUND = 40  # the pack adds the board's actions and risks, Ofsted activity and the published comparisons


def _queries(board) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as selectors:
        reports.report_content(board, OCTOBER)
    with CaptureQueriesContext(connection) as html:
        services.board_report_html(board=board, period=OCTOBER, generated_at=timezone.now())
    return len(selectors), len(html)


def _grow(plan, officer, make_action, extra: int = 24) -> None:
    measures = list(NoticeMeasure.objects.filter(theme__notice=plan.notice))
    recommendations = list(Recommendation.objects.filter(inspection=plan.notice.inspection))
    for n in range(extra):
        action = make_action(
            plan,
            reference=f"9.{n + 1}",
            title=f"Extra action {n + 1}",
            owner=officer,
            due_date=datetime.date(2012, 9, 30) if n % 3 == 0 else datetime.date(2013, 3, 31),
        )
        action.measures.add(measures[n % len(measures)])
        action.recommendations.add(recommendations[n % len(recommendations)])
        for month in (8, 9, 10):
            action.refresh_from_db()
            action_services.progress_update_create(
                action=action,
                author=officer,
                narrative=f"Update in month {month}.",
                status="in_progress",
                rag="red" if n % 3 == 0 and month == 10 else ["green", "amber", "red"][(n + month) % 3],
                remedial_action="More staff.",
                evidence_of_impact=None,
                at=at(2012, month, 12),
            )
        action_services.revised_date_propose(
            action=action,
            proposed_by=officer,
            reason="Slipped",
            proposed_date=datetime.date(2013, 6, 30),
            at=at(2012, 10, 20),
        )
    for i in range(3):
        indicator = PerformanceIndicator.objects.create(
            plan=plan,
            name=f"Extra indicator {i}",
            definition="Monthly.",
            unit="number",
            polarity="higher",
            target=Decimal("10"),
            target_date=datetime.date(2013, 3, 31),
            order=10 + i,
        )
        indicator.measures.add(measures[i % len(measures)])
        for month in range(1, 11):
            IndicatorValue.objects.create(
                indicator=indicator, month=datetime.date(2012, month, 1), value=Decimal(month)
            )


def test_the_report_makes_the_same_number_of_queries_for_a_larger_plan(
    known_report, sutton_plan, sutton_officer, make_action
):
    board = known_report["board"]
    small = _queries(board)
    _grow(sutton_plan, sutton_officer, make_action)
    content = reports.report_content(board, OCTOBER)
    assert len(content.actions) == 31 and len(content.indicators) == 5  # the plan did grow
    large = _queries(board)
    assert large == small
    assert large[0] <= large[1] <= QUERY_BOUND, large
