"""The monthly board reports: one row per generated version."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from ..accounts.models import User
from ..boards.models import ImprovementBoard


class BoardReport(models.Model):
    """One generated version of a board's monthly report. A board and period has one
    current version; regenerating adds a version and keeps the old ones."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        GENERATING = "generating", "Generating"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    board = models.ForeignKey(ImprovementBoard, on_delete=models.PROTECT, related_name="reports")
    period = models.DateField(help_text="The first day of the month reported on.")
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to="board-reports/%Y/", blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    checksum = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the file.")
    requested_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    generated_by = models.CharField(max_length=200, blank=True, help_text="The task or command that made it.")
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When a run last claimed it for generating; a claim older than the task's hard time limit "
                  "belongs to a run that died, and another run may take it over.",
    )
    claimed_by = models.CharField(max_length=200, blank=True, help_text="The run that last claimed it.")

    class Meta:
        ordering = ["board", "-period", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["board", "period", "version"], name="report_version_unique"),
            models.CheckConstraint(condition=Q(period__day=1), name="report_period_is_first_of_month"),
            models.CheckConstraint(
                condition=~Q(status="ready") | (Q(size__isnull=False) & ~Q(checksum="") & Q(generated_at__isnull=False)),
                name="ready_report_has_file_facts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board} report {self.period:%B %Y} v{self.version}"

    @property
    def filename(self) -> str:
        return f"{self.board.council.slug}-improvement-board-{self.period:%Y-%m}.pdf"
