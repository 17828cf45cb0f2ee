"""Redis down: pages and "generate now" still answer, the task is recorded in the outbox and sent
once when the broker is back (the beat's drain); a scheduled run beat cannot publish is kept."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from improvement_board.celery import app
from improvement_board.models import BoardReport, OutboxMessage
from improvement_board.ops import outbox

pytestmark = pytest.mark.django_db(transaction=True)

CLOSED = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _forget_connections():
    app._pool = None
    app.amqp._producer_pool = None
    app.amqp._rtable = None
    for name in ("queues", "default_queue", "router"):
        app.amqp.__dict__.pop(name, None)
    app.__dict__.pop("backend", None)
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def broker_down(_eager_celery):
    saved = {
        k: app.conf[k]
        for k in (
            "broker_url",
            "result_backend",
            "task_always_eager",
            "broker_connection_timeout",
            "broker_transport_options",
        )
    }
    app.conf.update(
        broker_url=CLOSED,
        result_backend=None,
        task_always_eager=False,
        broker_connection_timeout=1,
        broker_transport_options={"socket_connect_timeout": 1},
    )
    _forget_connections()
    yield
    app.conf.update(saved)
    _forget_connections()


@pytest.fixture
def sent(monkeypatch, _eager_celery):
    """A broker that takes everything: records what was published."""
    published = []

    class Result:
        def __init__(self, n):
            self.id = f"task-{n}"

    def apply_async(task, args=None, kwargs=None, **options):
        published.append((task.name, kwargs, options.get("headers")))
        return Result(len(published))

    monkeypatch.setattr("celery.app.task.Task.apply_async", apply_async)
    app.conf.task_always_eager = False  # the autouse _eager_celery fixture puts it back
    return published


def test_generate_now_with_redis_down_is_recorded_and_answers(client, sutton_chair, sutton_board, broker_down):
    client.force_login(sutton_chair)
    response = client.post(
        reverse("board_report_generate", kwargs={"slug": sutton_board.slug}),
        {"period_0": "10", "period_1": "2012"},
        HTTP_X_REQUEST_ID="chair-click",
    )
    assert response.status_code == 302
    report = BoardReport.objects.get()
    assert report.status == BoardReport.Status.QUEUED
    message = OutboxMessage.objects.get()
    assert message.task == "improvement_board.tasks.generate_board_report"
    assert message.kwargs == {"report_id": report.pk} and message.request_id == "chair-click"
    assert message.sent_at is None and message.claimed_at is None and message.last_error
    # Pages keep working meanwhile.
    assert client.get(response["Location"]).status_code == 200
    assert client.get(sutton_board.get_absolute_url()).status_code == 200


def test_the_drain_sends_each_message_once_and_marks_it_sent(sutton_board, sent):
    from improvement_board.reports.tasks import generate_board_report

    first = outbox.enqueue_without_sending(generate_board_report, report_id=1)
    second = outbox.enqueue_without_sending("actions.tasks.send_due_reminders", on="2012-10-01")
    assert outbox.drain() == 2
    assert outbox.drain() == 0
    assert [name for name, *_ in sent] == [
        "improvement_board.tasks.generate_board_report",
        "actions.tasks.send_due_reminders",
    ]
    for message in (first, second):
        message.refresh_from_db()
        assert message.sent_at is not None and message.task_id.startswith("task-")


def test_the_drain_leaves_messages_while_the_broker_is_down(broker_down):
    message = outbox.enqueue_without_sending("actions.tasks.send_due_reminders", on="2012-10-01")
    assert outbox.drain() == 0
    message.refresh_from_db()
    assert message.sent_at is None and message.attempts == 1 and message.claimed_at is None


def test_enqueue_sends_after_commit_with_the_request_id(sent):
    from improvement_board.ops import observability

    token = observability.set_request_id("abc")
    try:
        message = outbox.enqueue("actions.tasks.send_due_reminders", on="2012-10-01")
    finally:
        observability.reset_request_id(token)
    message.refresh_from_db()
    assert message.sent_at is not None
    assert sent == [("actions.tasks.send_due_reminders", {"on": "2012-10-01"}, {"request_id": "abc"})]


def test_a_stale_claim_is_taken_again_but_a_fresh_one_is_not(sent):
    from django.utils import timezone

    message = outbox.enqueue_without_sending("actions.tasks.send_due_reminders")
    OutboxMessage.objects.filter(pk=message.pk).update(claimed_at=timezone.now())
    assert outbox.drain() == 0
    OutboxMessage.objects.filter(pk=message.pk).update(claimed_at=timezone.now() - datetime.timedelta(hours=1))
    assert outbox.drain() == 1


def test_beat_keeps_a_scheduled_run_it_cannot_publish(broker_down, tmp_path):
    from celery.beat import ScheduleEntry

    scheduler = outbox.OutboxScheduler(app=app, schedule_filename=str(tmp_path / "beat"), lazy=True)
    entry = ScheduleEntry(name="due-reminders", task="actions.tasks.send_due_reminders", schedule=60, app=app)
    assert scheduler.apply_async(entry, producer=None) is None
    message = OutboxMessage.objects.get()
    assert message.task == "actions.tasks.send_due_reminders" and message.sent_at is None
