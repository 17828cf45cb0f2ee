"""A small plan with known answers for Sutton's October 2012 report, and records made after
October that the report must not count (the point-in-time rule).

At 31 October 2012 23:59:
- RAG: Red 2 (1 overdue with a pending revision, 6 overdue whose revision was agreed only in
  November), Amber 1 (2), Green 3 (3, 5, 7), Blue 1 (4). A month earlier all 7 were Green.
- Overdue: actions 1 and 6.
- Revised dates awaiting the board: actions 1 and 6; agreed since the last report: action 5.
- Indicator "Initial assessments within timescale": 71% in October against a target of 80%
  (a November value of 85% exists and must not count).
- Milestones: due in October 1 (achieved), missed 1 (achieved only in November), next month 1.
- Previous meeting 2 October 2012 with two decisions; not updated since: 1, 5, 6, 7.
"""

from __future__ import annotations

import datetime
import os
import uuid
import zoneinfo
from decimal import Decimal

import pytest

from actions import services as action_services
from actions.models import IndicatorValue, Milestone, PerformanceIndicator
from improvement_board.boards import services as board_services
from improvement_board.models import BoardMember, Decision, Meeting
from inspections.models import (
    ImprovementNotice,
    Inspection,
    NoticeDate,
    NoticeMeasure,
    NoticeTheme,
    Organisation,
    Recommendation,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")
OCTOBER = datetime.date(2012, 10, 1)


def at(y, m, d, hh=10, mm=0) -> datetime.datetime:
    return datetime.datetime(y, m, d, hh, mm, tzinfo=LONDON)


@pytest.fixture
def known_report(db, frameworks, sutton, sutton_board, sutton_plan, sutton_officer, sutton_chair, make_action):
    inspection = Inspection.objects.create(
        council=sutton,
        framework=frameworks["SLAC"],
        title="Inspection of safeguarding and looked after children",
        published=datetime.date(2012, 5, 18),
    )
    notice = ImprovementNotice.objects.create(council=sutton, inspection=inspection, issued=datetime.date(2012, 7, 5))
    for kind, day in [
        (NoticeDate.Kind.MINISTERIAL_REPORT, datetime.date(2012, 10, 31)),
        (NoticeDate.Kind.MINISTERIAL_REPORT, datetime.date(2013, 1, 31)),
        (NoticeDate.Kind.REVIEW, datetime.date(2012, 12, 31)),
        (NoticeDate.Kind.COMPLIANCE, datetime.date(2014, 1, 31)),
    ]:
        NoticeDate.objects.create(notice=notice, kind=kind, date=day)
    sutton_board.notice = notice
    sutton_board.save()
    sutton_plan.notice = notice
    sutton_plan.save()

    leadership = NoticeTheme.objects.create(notice=notice, title="Leadership and management", order=1)
    practice = NoticeTheme.objects.create(notice=notice, title="Quality of practice", order=2)
    m11 = NoticeMeasure.objects.create(theme=leadership, number=1, text="Strengthen management oversight of casework.")
    m12 = NoticeMeasure.objects.create(theme=leadership, number=2, text="Recruit and retain a stable workforce.")
    m21 = NoticeMeasure.objects.create(theme=practice, number=1, text="Complete initial assessments within timescale.")

    r1 = Recommendation.objects.create(
        inspection=inspection, number=1, text="Ensure all child protection plans are audited.", timescale="immediately"
    )
    r2 = Recommendation.objects.create(
        inspection=inspection, number=2, text="Recruit permanent team managers.", timescale="within_3_months"
    )
    Recommendation.objects.create(
        inspection=inspection, number=3, text="Improve the voice of the child in plans.", timescale="within_6_months"
    )

    officer = sutton_officer
    a1 = make_action(
        sutton_plan,
        reference="1.1",
        title="Audit all child protection plans",
        due_date=datetime.date(2012, 9, 30),
        owner=officer,
    )
    a2 = make_action(
        sutton_plan,
        reference="1.2",
        title="Recruit permanent team managers",
        due_date=datetime.date(2012, 12, 31),
        owner=officer,
    )
    a3 = make_action(
        sutton_plan, reference="1.3", title="Train managers in supervision", due_date=datetime.date(2012, 11, 30)
    )
    a4 = make_action(
        sutton_plan, reference="2.1", title="Publish the audit findings", due_date=datetime.date(2012, 10, 15)
    )
    a5 = make_action(
        sutton_plan, reference="2.2", title="Introduce practice standards", due_date=datetime.date(2012, 9, 30)
    )
    a6 = make_action(
        sutton_plan, reference="2.3", title="Review the duty and assessment team", due_date=datetime.date(2012, 10, 1)
    )
    a7 = make_action(
        sutton_plan, reference="2.4", title="Launch the children's panel", due_date=datetime.date(2013, 3, 31)
    )
    a1.measures.add(m11)
    a2.measures.add(m12)
    a3.measures.add(m11)
    a4.measures.add(m11)
    for a in (a5, a6, a7):
        a.measures.add(m21)
    a1.recommendations.add(r1)
    a4.recommendations.add(r1)
    a2.recommendations.add(r2)

    def update(action, when, status, rag, narrative, remedial="", evidence=None):
        action.refresh_from_db()
        return action_services.progress_update_create(
            action=action,
            author=officer,
            narrative=narrative,
            status=status,
            rag=rag,
            remedial_action=remedial,
            evidence_of_impact=evidence,
            at=when,
        )

    update(
        a1,
        at(2012, 8, 15),
        "in_progress",
        "green",
        "Audit tool agreed; first 40 plans audited.",
        remedial="Two extra auditors from the LSCB from November.",
    )
    update(
        a2,
        at(2012, 10, 5),
        "in_progress",
        "amber",
        "Second recruitment round attracted two applicants.",
        remedial="Agency managers cover two teams until January.",
    )
    update(a3, at(2012, 10, 20), "in_progress", "green", "Half of managers trained.")
    update(a3, at(2012, 11, 5), "in_progress", "red", "Trainer withdrew (NOVEMBER UPDATE).")
    update(a4, at(2012, 10, 10), "complete", "blue", "Findings published to staff.", evidence="Audit report, Oct 2012")
    update(a5, at(2012, 9, 10), "in_progress", "green", "Standards drafted.")

    r5 = action_services.revised_date_propose(
        action=a5,
        proposed_by=officer,
        proposed_date=datetime.date(2012, 12, 31),
        reason="Consultation with unions",
        at=at(2012, 9, 1),
    )
    meeting = Meeting.objects.create(
        board=sutton_board, date=datetime.date(2012, 10, 2), location="Sutton Civic Offices"
    )
    Decision.objects.create(meeting=meeting, number=1, text="The board agreed the audit programme.")
    Decision.objects.create(meeting=meeting, number=2, text="Agreed revised date for 2.2 to 31 December 2012.")
    board_services.revision_decide(
        revision=r5, decided_by=sutton_chair, agree=True, meeting=meeting, at=at(2012, 10, 2, 12)
    )
    action_services.revised_date_propose(
        action=a1,
        proposed_by=officer,
        proposed_date=datetime.date(2013, 1, 31),
        reason="Audit volume doubled",
        at=at(2012, 10, 10),
    )
    r6 = action_services.revised_date_propose(
        action=a6,
        proposed_by=officer,
        proposed_date=datetime.date(2013, 2, 28),
        reason="Team restructure delayed",
        at=at(2012, 9, 20),
    )
    later = Meeting.objects.create(board=sutton_board, date=datetime.date(2012, 11, 6))
    Decision.objects.create(meeting=later, number=1, text="NOVEMBER DECISION must not appear.")
    board_services.revision_decide(revision=r6, decided_by=sutton_chair, agree=True, meeting=later, at=at(2012, 11, 10))

    ia = PerformanceIndicator.objects.create(
        plan=sutton_plan,
        name="Initial assessments within timescale",
        definition="Completed within 10 working days.",
        unit="percent",
        polarity="higher",
        target=Decimal("80"),
        target_date=datetime.date(2013, 3, 31),
        order=1,
    )
    ia.measures.add(m21)
    for month, value in zip(range(5, 12), ["55", "58", "60", "62", "65", "71", "85"]):
        # Each month's value entered on the 25th of that month (the pack counts values by when they were recorded).
        IndicatorValue.objects.create(
            indicator=ia, month=datetime.date(2012, month, 1), value=Decimal(value), entered_at=at(2012, month, 25)
        )
    rr = PerformanceIndicator.objects.create(
        plan=sutton_plan,
        name="Re-referral rate",
        definition="Referrals within 12 months of a previous one.",
        unit="percent",
        polarity="lower",
        target=Decimal("20"),
        target_date=datetime.date(2013, 3, 31),
        order=2,
    )
    IndicatorValue.objects.create(
        indicator=rr, month=datetime.date(2012, 10, 1), value=Decimal("18"), entered_at=at(2012, 10, 25)
    )

    Milestone.objects.create(
        plan=sutton_plan,
        title="Audit programme complete",
        due_date=datetime.date(2012, 10, 15),
        achieved_on=datetime.date(2012, 10, 12),
        measure=m11,
    )
    Milestone.objects.create(
        plan=sutton_plan,
        title="Workforce strategy agreed",
        due_date=datetime.date(2012, 9, 30),
        achieved_on=datetime.date(2012, 11, 5),
        measure=m12,
    )
    Milestone.objects.create(
        plan=sutton_plan, title="Practice standards launched", due_date=datetime.date(2012, 11, 30)
    )

    org = Organisation.objects.get_or_create(name="Sutton and Merton PCT", defaults={"kind": "health"})[0]
    BoardMember.objects.create(
        board=sutton_board,
        name="Dr A Member",
        organisation=org,
        email="member@example.org",
        joined=datetime.date(2012, 6, 1),
    )
    return {
        "board": sutton_board,
        "plan": sutton_plan,
        "actions": [a1, a2, a3, a4, a5, a6, a7],
        "indicator": ia,
        "meeting": meeting,
    }


@pytest.fixture
def eager_celery():
    """Tasks run in-process, whatever REDIS_URL says (in CI it is set, and the Celery app may
    have read its configuration before the test settings applied)."""
    from improvement_board.celery import app

    before = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = before


def _forget_connections_and_routes(app):
    """The app caches its broker pools and its queue and route tables on first use; drop them so
    that the configuration a test sets (and then restores) is the one used."""
    app._pool = None  # not closed: kombu's global pools may share it
    app.amqp._producer_pool = None
    app.amqp._rtable = None
    for name in ("queues", "default_queue", "router"):
        app.amqp.__dict__.pop(name, None)


@pytest.fixture
def real_broker():
    """``real_broker(fallback_url, prefix)``: point the Celery app at a real Redis broker
    (REDIS_URL, else ``fallback_url``) and a queue of the test's own, with tasks no longer eager;
    returns (url, queue), and restores the app after the test. Fails (never skips) without Redis."""
    import redis

    from improvement_board.celery import app

    used = []

    def connect(fallback_url: str, prefix: str) -> tuple[str, str]:
        url = os.environ.get("REDIS_URL") or fallback_url
        try:
            redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        except redis.RedisError as exc:
            pytest.fail(
                f"This test needs a real Redis broker at {url} (set REDIS_URL, or start Redis on 127.0.0.1:6379: "
                f"redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save ''). Redis said: {exc}"
            )
        queue = f"{prefix}-{uuid.uuid4().hex[:8]}"  # a queue of its own: no stray messages
        keys = ("broker_url", "result_backend", "task_always_eager", "task_default_queue")
        used.append((url, queue, {key: app.conf[key] for key in keys}))
        app.conf.update(broker_url=url, result_backend=None, task_always_eager=False, task_default_queue=queue)
        _forget_connections_and_routes(app)
        return url, queue

    yield connect
    for url, queue, saved in reversed(used):
        app.conf.update(saved)
        _forget_connections_and_routes(app)
        redis.Redis.from_url(url).delete(queue)
