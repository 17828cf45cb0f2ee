"""Users and their roles, improvement boards, their members and meetings, and the monthly
board reports."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from inspections.models import Council, ImprovementNotice, Organisation


class User(AbstractUser):
    """A person who signs in. What they may see and do follows from ``role``
    (see ``improvement_board.permissions``)."""

    class Role(models.TextChoices):
        OFFICER = "officer", "Council officer"
        CHAIR = "chair", "Improvement board chair"
        OBSERVER = "observer", "DfE observer"
        ADMINISTRATOR = "administrator", "Administrator"

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.OFFICER)
    council = models.ForeignKey(
        Council, null=True, blank=True, on_delete=models.PROTECT, related_name="officers",
        help_text="The council an officer works for.",
    )
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    observes_all_councils = models.BooleanField(
        default=False, help_text="For DfE observers who follow every council."
    )
    observed_councils = models.ManyToManyField(Council, blank=True, related_name="observers")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="officer") | Q(council__isnull=False),
                name="officer_belongs_to_a_council",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class ImprovementBoard(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="boards")
    notice = models.ForeignKey(
        ImprovementNotice, null=True, blank=True, on_delete=models.PROTECT, related_name="boards"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    chair = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="chaired_boards",
        help_text="The independent chair's account.",
    )
    cadence_weeks = models.PositiveSmallIntegerField(
        default=4, help_text="Every 4 weeks; 6 only if DfE agrees."
    )
    cadence_agreed_by_dfe = models.BooleanField(default=False)
    established = models.DateField()
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["council__short_name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cadence_weeks=4) | Q(cadence_weeks=6, cadence_agreed_by_dfe=True),
                name="board_meets_4_weekly_or_6_with_dfe_agreement",
            ),
            models.UniqueConstraint(
                fields=["council"], condition=Q(is_active=True), name="one_active_board_per_council"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("board", kwargs={"slug": self.slug})


class BoardMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Independent chair"
        MEMBER = "member", "Member"
        DFE_OBSERVER = "dfe_observer", "DfE participant observer"
        ADVISER = "adviser", "Adviser"

    board = models.ForeignKey(ImprovementBoard, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="board_seats")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="board_seats")
    email = models.EmailField(blank=True)
    joined = models.DateField()
    left = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["board", "role", "name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "name", "organisation"], name="member_unique_per_board"),
            models.CheckConstraint(condition=Q(left__isnull=True) | Q(left__gte=F("joined")),
                                   name="member_leaves_after_joining"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Meeting(models.Model):
    board = models.ForeignKey(ImprovementBoard, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    location = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "date"]
        constraints = [models.UniqueConstraint(fields=["board", "date"], name="meeting_unique_per_board_date")]

    def __str__(self) -> str:
        return f"{self.board} meeting, {self.date:%-d %B %Y}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(BoardMember, on_delete=models.PROTECT, related_name="attendance")
    present = models.BooleanField(default=True)
    substitute = models.CharField(max_length=200, blank=True, help_text="Who attended in their place, if anyone.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once_per_member")]


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="decision_number_unique")]

    def __str__(self) -> str:
        return f"{self.meeting}: decision {self.number}"


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


class OutboxMessage(models.Model):
    """A task to be sent to the Celery broker, written in the same transaction as the change that
    asked for it (``improvement_board.outbox.enqueue``). Sent straight after the commit when the
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
