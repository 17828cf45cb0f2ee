"""Request ids, JSON log lines, the id carried into tasks, Sentry off by default."""

from __future__ import annotations

import json
import logging

import pytest
from django.conf import settings

from improvement_board.ops import observability
from improvement_board.ops.middleware import HEADER

pytestmark = pytest.mark.django_db


def test_every_response_has_a_request_id(client):
    response = client.get("/account/sign-in/")
    assert len(response[HEADER]) == 32


def test_a_sane_caller_id_is_kept_and_an_insane_one_replaced(client):
    assert client.get("/account/sign-in/", HTTP_X_REQUEST_ID="abc-123.x:y")[HEADER] == "abc-123.x:y"
    for bad in ["has space", "x" * 101, "new\nline", '{"json": 1}']:
        got = client.get("/account/sign-in/", HTTP_X_REQUEST_ID=bad)[HEADER]
        assert got != bad and observability.SANE_REQUEST_ID.match(got)


def _json_line(record: logging.LogRecord) -> dict:
    handler_config = settings.LOGGING["handlers"]["console"]
    assert handler_config["formatter"] == "json"
    formatter = observability.JsonFormatter()
    observability.RequestIdFilter().filter(record)
    line = formatter.format(record)
    assert "\n" not in line
    return json.loads(line)


def test_log_lines_are_json_objects_with_the_request_id():
    token = observability.set_request_id("req-1")
    try:
        record = logging.LogRecord("improvement_board.x", logging.WARNING, __file__, 1, "hello %s", ("world",), None)
        line = _json_line(record)
    finally:
        observability.reset_request_id(token)
    assert line["message"] == "hello world" and line["level"] == "WARNING"
    assert line["logger"] == "improvement_board.x" and line["request_id"] == "req-1" and line["time"]


def test_the_request_log_line_carries_the_id(client, caplog):
    caplog.set_level(logging.INFO, logger="improvement_board.request")
    client.get("/account/sign-in/", HTTP_X_REQUEST_ID="trace-me")
    records = [r for r in caplog.records if r.name == "improvement_board.request"]
    assert records and records[-1].request_id == "trace-me" and records[-1].status == 200


def test_a_task_published_in_a_request_carries_the_id_and_logs_with_it():
    token = observability.set_request_id("req-42")
    headers = {}
    try:
        observability._add_request_id_header(headers=headers)
    finally:
        observability.reset_request_id(token)
    assert headers == {"request_id": "req-42"}

    # In the worker, no request is running; the header is put back for the task's log lines.
    class Request:
        request_id = "req-42"
        is_eager = False

    class Task:
        name = "improvement_board.tasks.generate_board_report"
        request = Request()

    observability._task_started(task_id="t1", task=Task())
    try:
        record = logging.LogRecord("improvement_board.tasks", logging.INFO, __file__, 1, "rendering", (), None)
        line = _json_line(record)
    finally:
        observability._task_finished(task_id="t1")
    assert line["request_id"] == "req-42" and line["task_id"] == "t1" and line["task_name"].endswith("report")
    assert observability.get_request_id() is None


def test_sentry_is_off_by_default_and_sends_no_personal_data(monkeypatch):
    import sentry_sdk

    assert not settings.SENTRY_DSN
    assert observability.sentry_init("") is False
    calls = {}
    monkeypatch.setattr(sentry_sdk, "init", lambda **kw: calls.update(kw))
    assert observability.sentry_init("https://key@sentry.example/1") is True
    assert calls["send_default_pii"] is False and calls["include_local_variables"] is False
