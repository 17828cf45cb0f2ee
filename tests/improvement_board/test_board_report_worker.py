"""The report task through a real Celery worker and a real Redis broker: the wiring (task
registration, JSON serialisation of the id, on-commit queuing, the worker's database access
and storage) proven end to end. The eager tests prove the logic; this proves the plumbing.

In CI, REDIS_URL is set and used. Without it, the test uses redis://127.0.0.1:6379/15 and fails
(it does not skip) if Redis is not answering there."""

from __future__ import annotations

import datetime
import time

import pytest
from celery.contrib.testing.worker import start_worker

from improvement_board.celery import app
from improvement_board.models import BoardReport
from improvement_board.reports import services

OCTOBER = datetime.date(2012, 10, 1)  # the month of the known report (conftest.py)

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

FALLBACK_REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_broker(real_broker):
    return real_broker(FALLBACK_REDIS, "test-board-reports")[1]


def test_a_real_worker_takes_the_task_from_redis_and_stores_the_report(known_report, redis_broker, settings):
    board = known_report["board"]
    with start_worker(
        app, pool="solo", concurrency=1, perform_ping_check=False, queues=[redis_broker], shutdown_timeout=30
    ):
        report, created = services.board_report_request(board=board, period=OCTOBER, requested_by=board.chair)
        assert created
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            report.refresh_from_db()
            if report.status in (BoardReport.Status.READY, BoardReport.Status.FAILED):
                break
            time.sleep(0.2)
    assert report.status == BoardReport.Status.READY, report.error or report.status
    assert report.generated_by.startswith("celery improvement_board.tasks.generate_board_report ")
    assert report.file.open("rb").read(5) == b"%PDF-"
    assert report.attempts == 1
