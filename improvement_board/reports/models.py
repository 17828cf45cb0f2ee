"""The monthly board reports: one row per generated version."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from ..accounts.models import User
from ..boards.models import ImprovementBoard


class BoardReport(models.Model):
    """One version of a board pack: for a meeting (``meeting_date``, with its data cut-off) or for
    a month (the monthly packs beat makes). Regenerating a monthly pack adds a version and keeps the
    old ones; a meeting's pack moves drafted -> reviewed -> signed off -> sent (:mod:`.packs`),
    and once signed off never changes: a correction is a new version naming it, with the reason."""

    class Stage(models.TextChoices):
        DRAFTED = "drafted", "Drafted"
        REVIEWED = "reviewed", "Reviewed"
        SIGNED_OFF = "signed_off", "Signed off by the chair"
        SENT = "sent", "Sent to members"

    FROZEN = (Stage.SIGNED_OFF, Stage.SENT)

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
        null=True,
        blank=True,
        help_text="When a run last claimed it for generating; a claim older than the task's hard time limit "
        "belongs to a run that died, and another run may take it over.",
    )
    claimed_by = models.CharField(max_length=200, blank=True, help_text="The run that last claimed it.")
    meeting_date = models.DateField(
        null=True, blank=True, help_text="The meeting the pack is for; empty for a monthly pack."
    )
    cutoff_day = models.DateField(
        null=True, blank=True, help_text="Records made by the end of this day count; empty: the month's last day."
    )
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.DRAFTED)
    council_commentary = models.TextField(blank=True, help_text="Key messages drafted by the council.")
    chair_commentary = models.TextField(blank=True, help_text="Key messages from the chair.")
    reviewed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_to = models.PositiveIntegerField(null=True, blank=True, help_text="How many members it was sent to.")
    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections")
    correction_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["board", "-period", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "period", "version"],
                condition=Q(meeting_date__isnull=True),
                name="report_version_unique",
            ),
            models.UniqueConstraint(
                fields=["board", "meeting_date", "version"],
                condition=Q(meeting_date__isnull=False),
                name="pack_version_unique_per_meeting",
            ),
            models.CheckConstraint(
                condition=Q(cutoff_day__isnull=True)
                | Q(meeting_date__isnull=True)
                | Q(cutoff_day__lte=F("meeting_date")),
                name="pack_cutoff_by_the_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(stage__in=["signed_off", "sent"]) | Q(signed_off_at__isnull=False),
                name="signed_off_pack_says_when",
            ),
            models.CheckConstraint(condition=~Q(stage="sent") | Q(sent_at__isnull=False), name="sent_pack_says_when"),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""), name="correction_has_a_reason"
            ),
            models.CheckConstraint(condition=Q(period__day=1), name="report_period_is_first_of_month"),
            models.CheckConstraint(
                condition=~Q(status="ready")
                | (Q(size__isnull=False) & ~Q(checksum="") & Q(generated_at__isnull=False)),
                name="ready_report_has_file_facts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board} report {self.period:%B %Y} v{self.version}"

    @property
    def filename(self) -> str:
        if self.meeting_date:
            return f"{self.board.council.slug}-improvement-board-pack-{self.meeting_date:%Y-%m-%d}.pdf"
        return f"{self.board.council.slug}-improvement-board-{self.period:%Y-%m}.pdf"

    def download_filename(self, current: BoardReport | None) -> str:
        """The name a download gets: :attr:`filename` for the board's current version of the
        period (``current``), with ``-v<version>`` for any other."""
        if current and current.pk == self.pk:
            return self.filename
        return self.filename.replace(".pdf", f"-v{self.version}.pdf")

    @property
    def cutoff(self):
        """The pack's data cut-off (:class:`.point_in_time.Cutoff`)."""
        from .point_in_time import Cutoff, month_cutoff

        return Cutoff(self.cutoff_day) if self.cutoff_day else month_cutoff(self.period)

    @property
    def is_frozen(self) -> bool:
        return self.stage in self.FROZEN
