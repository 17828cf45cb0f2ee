"""The task outbox: queue Celery tasks so that a broker outage loses nothing.

``enqueue(task, **kwargs)`` writes an ``OutboxMessage`` row in the caller's transaction and, when
that transaction commits, tries to send it to the broker at once. If the broker (Redis) does not
answer, the row stays unsent and the page that asked for the work answers as usual; the beat
entry ``drain-outbox`` (every ``OUTBOX_DRAIN_SECONDS``) sends every unsent row when Redis is back.

A row is claimed before it is sent (a filtered update), so the request that made it and a drain
running at the same moment cannot both send it. A claim left by a process that died between the
claim and the send is taken again after ``STALE_CLAIM``. The tasks themselves are idempotent
(the report claim, the reminder claim), so a rare second delivery does no harm.

``OutboxScheduler`` is the beat scheduler: a scheduled run that beat cannot publish because the
broker is down (a reminder run, the monthly reports) is written to the outbox instead of being
dropped, and sent with the rest when the broker is back.
"""

from __future__ import annotations

import datetime
import logging

from celery import current_app, shared_task
from celery.beat import PersistentScheduler
from django.db import close_old_connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from . import observability

logger = logging.getLogger(__name__)

STALE_CLAIM = datetime.timedelta(minutes=5)
DRAIN_TASK = "improvement_board.outbox.drain_outbox"
DRAIN_BATCH = 200


def _task_name(task) -> str:
    return task if isinstance(task, str) else task.name


def enqueue(task, *args, **kwargs):
    """Record ``task`` (a task or its name) with its arguments, and send it once the current
    transaction commits. Returns the outbox row. Never raises because the broker is down."""
    from .models import OutboxMessage

    with transaction.atomic():
        message = OutboxMessage.objects.create(
            task=_task_name(task),
            args=list(args),
            kwargs=kwargs,
            request_id=observability.get_request_id() or "",
        )
    transaction.on_commit(lambda: send(message.pk), robust=True)
    return message


def _claim(pk: int) -> bool:
    from .models import OutboxMessage

    now = timezone.now()
    return bool(
        OutboxMessage.objects.filter(pk=pk, sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_CLAIM))
        .update(claimed_at=now, attempts=F("attempts") + 1)
    )


def _task(app, name: str):
    """The registered task of that name, importing its module if need be (a web process has not
    imported every tasks module)."""
    task = app.tasks.get(name)
    if task is None and "." in name:
        import importlib

        try:
            importlib.import_module(name.rsplit(".", 1)[0])
        except ImportError:
            return None
        task = app.tasks.get(name)
    return task


def send(pk: int) -> bool:
    """Send one outbox row to the broker. True when it was sent by this call; False when the
    broker did not take it (the row waits for the drain) or someone else has it."""
    from .models import OutboxMessage

    if not _claim(pk):
        return False
    message = OutboxMessage.objects.get(pk=pk)
    app = current_app
    task = _task(app, message.task)
    headers = {"request_id": message.request_id} if message.request_id else {}
    if app.conf.task_always_eager and task is not None:
        # No broker (development, tests): the task runs here and now. Marked sent first, since a
        # failure of the task itself is the task's business (recorded on its own rows), not a
        # delivery failure to retry.
        OutboxMessage.objects.filter(pk=pk).update(sent_at=timezone.now(), last_error="")
        task.apply_async(args=message.args, kwargs=message.kwargs, headers=headers)
        return True
    try:
        if task is not None:
            result = task.apply_async(args=message.args, kwargs=message.kwargs, headers=headers, retry=False)
        else:
            result = app.send_task(message.task, args=message.args, kwargs=message.kwargs, headers=headers, retry=False)
    except Exception as exc:  # noqa: BLE001 - any broker failure leaves the row for the drain
        OutboxMessage.objects.filter(pk=pk).update(claimed_at=None, last_error=f"{type(exc).__name__}: {exc}"[:2000])
        logger.warning("Outbox %s (%s): the broker did not take it; it waits for the drain: %s", pk, message.task, exc)
        return False
    OutboxMessage.objects.filter(pk=pk).update(sent_at=timezone.now(), task_id=result.id or "", last_error="")
    logger.info("Outbox %s (%s) sent as task %s", pk, message.task, result.id)
    return True


def drain(limit: int = DRAIN_BATCH) -> int:
    """Send unsent rows, oldest first; stops at the first the broker refuses. Returns how many
    were sent."""
    from .models import OutboxMessage

    now = timezone.now()
    pending = list(
        OutboxMessage.objects.filter(sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_CLAIM))
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in pending:
        if send(pk):
            sent += 1
        elif OutboxMessage.objects.filter(pk=pk, sent_at__isnull=True, claimed_at__isnull=True).exists():
            break  # refused by the broker: the rest would be too
    if pending:
        logger.info("Outbox drain: %s of %s sent", sent, len(pending))
    return sent


@shared_task(name=DRAIN_TASK, ignore_result=True)
def drain_outbox() -> int:
    return drain()


class OutboxScheduler(PersistentScheduler):
    """Celery beat's scheduler, but a run it cannot publish (broker down) goes to the outbox."""

    def apply_async(self, entry, producer=None, advance=True, **kwargs):
        try:
            return super().apply_async(entry, producer=producer, advance=advance, **kwargs)
        except Exception as exc:
            if entry.task == DRAIN_TASK:
                raise  # the drain itself is simply tried again at its next turn
            try:
                close_old_connections()
                message = enqueue_without_sending(entry.task, *(entry.args or ()), **(entry.kwargs or {}))
            except Exception:
                logger.exception("Beat: %s could not be published nor recorded in the outbox", entry.name)
                raise exc from None
            logger.warning(
                "Beat: %s could not be published (%s); kept as outbox %s until the broker is back",
                entry.name,
                exc,
                message.pk,
            )
            return None


def enqueue_without_sending(task, *args, **kwargs):
    """Record a task in the outbox for the drain to send (used when the broker is known down)."""
    from .models import OutboxMessage

    return OutboxMessage.objects.create(
        task=_task_name(task), args=list(args), kwargs=kwargs, request_id=observability.get_request_id() or ""
    )
