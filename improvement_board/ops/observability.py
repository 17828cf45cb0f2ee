"""Request ids, JSON logs and Sentry.

Every request gets an id (``RequestIdMiddleware``: the caller's ``X-Request-ID`` when it looks
sane, else a new one), returned in the response's ``X-Request-ID`` header and put on every log
line written while the request is handled. A task queued by the request carries the id in its
message headers (``before_task_publish``) and the worker puts it back for the task's own log lines
(``task_prerun``), so one id follows a "generate now" from the click to the PDF.

Logs are one JSON object per line (``JsonFormatter``) on standard error: ``time``, ``level``,
``logger``, ``message``, ``request_id``, and ``task_id``/``task_name`` in a worker.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

from celery import signals

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
_task: contextvars.ContextVar[tuple[str, str] | None] = contextvars.ContextVar("task", default=None)

# A caller's id is kept only if it is short and plain: letters, digits and - _ . : (no spaces,
# no control characters, nothing to forge a log line with).
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")


def new_request_id() -> str:
    return uuid.uuid4().hex


def clean_request_id(value: str | None) -> str:
    """The caller's id if sane, else a new one."""
    if value and SANE_REQUEST_ID.match(value):
        return value
    return new_request_id()


def get_request_id() -> str | None:
    return _request_id.get()


def set_request_id(value: str | None):
    return _request_id.set(value)


def reset_request_id(token) -> None:
    _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Puts ``request_id`` (and ``task_id``, ``task_name`` in a task) on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = _request_id.get()
        task = _task.get()
        if task and not getattr(record, "task_id", None):
            record.task_id, record.task_name = task
        return True


def _json_formatter_base():
    from pythonjsonlogger.json import JsonFormatter

    return JsonFormatter


class JsonFormatter(_json_formatter_base()):
    """One JSON object per line, with fixed names for the standard fields."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", False)
        super().__init__(*args, **kwargs)

    def add_fields(self, log_record, record, message_dict):
        super().add_fields(log_record, record, message_dict)
        log_record.setdefault("request_id", getattr(record, "request_id", None))
        for name in ("task_id", "task_name"):
            value = getattr(record, name, None)
            if value:
                log_record.setdefault(name, value)


# --- Celery: carry the id into tasks ---------------------------------------------------------


@signals.before_task_publish.connect(weak=False)
def _add_request_id_header(headers=None, **kwargs):
    request_id = _request_id.get()
    if headers is not None and request_id and not headers.get("request_id"):
        headers["request_id"] = request_id


def _task_request_id(task) -> str | None:
    request = getattr(task, "request", None)
    if request is None:
        return None
    value = getattr(request, "request_id", None)
    if not value:
        value = (getattr(request, "headers", None) or {}).get("request_id")
    return value if value and SANE_REQUEST_ID.match(str(value)) else None


_tokens: dict[str, tuple] = {}


@signals.task_prerun.connect(weak=False)
def _task_started(task_id=None, task=None, **kwargs):
    request_id = _task_request_id(task)
    if request_id is None and getattr(task.request, "is_eager", False):
        request_id = _request_id.get()  # eager: run inside the request itself
    _tokens[task_id] = (_request_id.set(request_id), _task.set((task_id, task.name)))


@signals.task_postrun.connect(weak=False)
def _task_finished(task_id=None, **kwargs):
    tokens = _tokens.pop(task_id, None)
    if tokens:
        try:
            _task.reset(tokens[1])
            _request_id.reset(tokens[0])
        except ValueError:  # reset from another context: just clear
            _task.set(None)
            _request_id.set(None)


@signals.setup_logging.connect(weak=False)
def _celery_uses_django_logging(**kwargs):
    """Keep Django's LOGGING (JSON lines) in the worker and beat instead of Celery's own format."""
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


# --- Sentry -----------------------------------------------------------------------------------


def sentry_init(dsn: str, *, environment: str = "", release: str = "", traces_sample_rate: float = 0.0) -> bool:
    """Switch on error reporting to Sentry (only when ``SENTRY_DSN`` is set). No personal data
    is sent: no user details, cookies, request bodies or local variables."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        environment=environment or None,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
    )
    return True
