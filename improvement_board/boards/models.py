"""Improvement boards, their members, meetings, attendance and decisions."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from inspections.models import Council, ImprovementNotice, Organisation

from ..accounts.models import User


class ImprovementBoard(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="boards")
    notice = models.ForeignKey(
        ImprovementNotice, null=True, blank=True, on_delete=models.PROTECT, related_name="boards"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    chair = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_boards",
        help_text="The independent chair's account.",
    )
    cadence_weeks = models.PositiveSmallIntegerField(default=4, help_text="Every 4 weeks; 6 only if DfE agrees.")
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
        SECRETARY = "secretary", "Board secretary"

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
            models.CheckConstraint(
                condition=Q(left__isnull=True) | Q(left__gte=F("joined")), name="member_leaves_after_joining"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Meeting(models.Model):
    board = models.ForeignKey(ImprovementBoard, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    location = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    quorum_note = models.CharField(
        max_length=300, blank=True, help_text="Empty if quorate under the terms of reference in force; else why not."
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes_approved",
        help_text="The later meeting that approved these minutes.",
    )
    minutes = models.TextField(blank=True, help_text="The minutes: a draft until a later meeting approves them.")
    minutes_approved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text="Who recorded the approval."
    )
    minutes_approved_on = models.DateTimeField(null=True, blank=True)
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

    def __str__(self) -> str:
        return f"{self.member.name} at {self.meeting}: {'present' if self.present else 'absent'}"


class MeetingRevision(models.Model):
    """A revised due date that a board meeting agreed or rejected. The link lives on the boards
    side: the plan (``actions.DueDateRevision``) knows nothing of boards and meetings."""

    revision = models.OneToOneField(
        "actions.DueDateRevision",
        on_delete=models.CASCADE,
        related_name="decided_in",
        help_text="The revised due date decided.",
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="revision_decisions",
        help_text="The board meeting that decided it.",
    )

    class Meta:
        ordering = ["meeting", "revision"]

    def __str__(self) -> str:
        return f"{self.revision} at {self.meeting}"


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
