"""The transactional outbox for Celery tasks."""

from __future__ import annotations

from django.db import models


class OutboxMessage(models.Model):
    """A task to be sent to the Celery broker, written in the same transaction as the change that
    asked for it (``improvement_board.ops.outbox.enqueue``). Sent straight after the commit when the
    broker answers; otherwise the beat's ``drain-outbox`` entry sends it when the broker is back.
    Nothing queued while Redis is down is lost."""

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True, help_text="When a sender took it (cleared on failure).")
    sent_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=100, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "created_at"], name="outbox_unsent")]

    def __str__(self) -> str:
        return f"{self.task} #{self.pk} ({'sent' if self.sent_at else 'waiting'})"
