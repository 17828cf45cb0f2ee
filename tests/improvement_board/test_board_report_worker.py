"""The report task through a real Celery worker and a real Redis broker: the wiring (task
registration, JSON serialisation of the id, on-commit queuing, the worker's database access
and storage) proven end to end. The eager tests prove the logic; this proves the plumbing.

In CI, REDIS_URL is set and used. Without it, the test uses redis://127.0.0.1:6379/15 and fails
(it does not skip) if Redis is not answering there."""

from __future__ import annotations

import datetime
import os
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker

from improvement_board.celery import app
from improvement_board.models import BoardReport
from improvement_board.reports import services

OCTOBER = datetime.date(2012, 10, 1)  # the month of the known report (conftest.py)

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

FALLBACK_REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_broker():
    import redis

    url = os.environ.get("REDIS_URL") or FALLBACK_REDIS
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.fail(
            f"This test needs a real Redis broker at {url} (set REDIS_URL, or start Redis on 127.0.0.1:6379: "
            f"redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save ''). Redis said: {exc}"
        )
    queue = f"test-board-reports-{uuid.uuid4().hex[:8]}"  # a queue of its own: no stray messages
    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager", "task_default_queue")}
    app.conf.update(broker_url=url, result_backend=None, task_always_eager=False, task_default_queue=queue)
    _forget_connections_and_routes()
    yield queue
    app.conf.update(saved)
    _forget_connections_and_routes()
    redis.Redis.from_url(url).delete(queue)


def _forget_connections_and_routes():
    """The app caches its broker pools and its queue and route tables on first use; drop them so
    that the configuration this test sets (and then restores) is the one used."""
    app._pool = None  # not closed: kombu's global pools may share it
    app.amqp._producer_pool = None
    app.amqp._rtable = None
    for name in ("queues", "default_queue", "router"):
        app.amqp.__dict__.pop(name, None)


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
