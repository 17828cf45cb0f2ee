"""The board's own governance: its action log, risk register, terms of reference, agenda items
with their papers, and the approval of minutes.

Single-row rules live here (a risk's score, an action's lateness); every write goes through
:mod:`improvement_board.boards.governance_services`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .models import BoardMember, ImprovementBoard, Meeting

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]

# The one rule for a risk's score: likelihood times impact on the NHS's 5 x 5 risk matrix, 1 to 25,
# read in four bands. The pages and the pack show it with this meaning.
RISK_BANDS = ((3, "Low"), (6, "Moderate"), (12, "High"), (25, "Extreme"))
RISK_SCORE_MEANING = (
    "The score is likelihood times impact, each from 1 to 5, so from 1 to 25: "
    "1 to 3 is low, 4 to 6 moderate, 8 to 12 high and 15 to 25 extreme."
)


def risk_score(likelihood: int, impact: int) -> int:
    """Likelihood times impact, 1 to 25."""
    return int(likelihood) * int(impact)


def risk_band(score: int) -> str:
    """Low, Moderate, High or Extreme (see ``RISK_SCORE_MEANING``)."""
    return next(label for top, label in RISK_BANDS if score <= top)


class BoardAction(models.Model):
    """A follow-up the board asked for ("Epsom and St Helier to report to the next meeting"),
    tracked from the meeting that raised it to the one that closed it."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    board = models.ForeignKey(ImprovementBoard, on_delete=models.CASCADE, related_name="board_actions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    owner = models.CharField(max_length=200, help_text="Who is to do it (a person or an organisation).")
    owner_member = models.ForeignKey(
        BoardMember,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_actions",
        help_text="The board member who owns it, if a member does; they may record its progress.",
    )
    due = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    raised_at = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions_raised")
    closed_at = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="actions_closed"
    )
    plan_actions = models.ManyToManyField("actions.Action", blank=True, related_name="board_actions")
    progress = models.TextField(blank=True, help_text="The owner's latest note on progress.")
    progress_at = models.DateTimeField(null=True, blank=True)
    progress_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.ForeignKey(
        "Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_actions",
        help_text="The meeting's decision this action tracks, if it was made from one.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "number"]
        constraints = [
            models.UniqueConstraint(fields=["board", "number"], name="board_action_number_unique"),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True) | ~Q(status="open") & Q(closed_at__isnull=False),
                name="board_action_closed_at_a_meeting_unless_open",
            ),
        ]

    def __str__(self) -> str:
        return f"Board action {self.number}: {self.text[:60]}"

    def is_overdue(self, *, on: datetime.date) -> bool:
        return self.status == self.Status.OPEN and self.due < on


class BoardRisk(models.Model):
    class Trend(models.TextChoices):
        RISING = "rising", "Rising"
        STEADY = "steady", "No change"
        FALLING = "falling", "Falling"

    board = models.ForeignKey(ImprovementBoard, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(max_length=300)
    cause = models.TextField()
    likelihood = models.PositiveSmallIntegerField(validators=ONE_TO_FIVE, help_text="1 (rare) to 5 (almost certain).")
    impact = models.PositiveSmallIntegerField(validators=ONE_TO_FIVE, help_text="1 (minimal) to 5 (severe).")
    owner = models.CharField(max_length=200)
    mitigations = models.TextField()
    trend = models.CharField(max_length=10, choices=Trend.choices, default=Trend.STEADY)
    review_date = models.DateField()
    escalated = models.BooleanField(default=False, help_text="Escalated for the board's decision.")
    closed = models.BooleanField(default=False)
    reviewed_on = models.DateField(null=True, blank=True, help_text="When the risk was last reviewed.")
    review_note = models.TextField(blank=True, help_text="What the last review found.")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "-escalated", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(likelihood__gte=1, likelihood__lte=5), name="risk_likelihood_1_to_5"),
            models.CheckConstraint(condition=Q(impact__gte=1, impact__lte=5), name="risk_impact_1_to_5"),
            models.UniqueConstraint(fields=["board", "title"], name="risk_title_unique_per_board"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        """Likelihood times impact, 1 to 25 (:func:`risk_score`)."""
        return risk_score(self.likelihood, self.impact)

    @property
    def band(self) -> str:
        return risk_band(self.score)

    def is_review_overdue(self, *, on: datetime.date) -> bool:
        return not self.closed and self.review_date < on


class TermsOfReference(models.Model):
    """One version of the board's terms of reference; the latest agreed by a date is in force then."""

    class Inquorate(models.TextChoices):
        WARN = "warn", "The meeting may go ahead; its decisions are recorded as taken without a quorum"
        REFUSE = "refuse", "The meeting may not make decisions or agree revised dates"

    board = models.ForeignKey(ImprovementBoard, on_delete=models.CASCADE, related_name="terms")
    version = models.PositiveSmallIntegerField()
    agreed_on = models.DateField()
    remit = models.TextField()
    quorum = models.PositiveSmallIntegerField(help_text="How many members must be present.")
    substitutes_count = models.BooleanField(
        default=True, help_text="A named substitute sent in a member's place counts towards the quorum."
    )
    inquorate = models.CharField(
        max_length=10,
        choices=Inquorate.choices,
        default=Inquorate.WARN,
        help_text="What happens when a meeting is not quorate.",
    )
    membership = models.TextField()
    escalation = models.TextField()
    review_date = models.DateField()

    class Meta:
        ordering = ["board", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["board", "version"], name="terms_version_unique"),
            models.CheckConstraint(condition=Q(quorum__gte=1), name="terms_quorum_at_least_one"),
            models.CheckConstraint(condition=Q(review_date__gt=F("agreed_on")), name="terms_reviewed_after_agreed"),
        ]

    def __str__(self) -> str:
        return f"{self.board} terms of reference v{self.version}"


class AgendaItem(models.Model):
    meeting_date = models.DateField(help_text="The meeting the item is for (it may not be recorded yet).")
    board = models.ForeignKey(ImprovementBoard, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    presenter = models.CharField(max_length=200, blank=True)
    paper = models.FileField(upload_to="board-papers/%Y/", blank=True)
    paper_title = models.CharField(max_length=300, blank=True)
    paper_name = models.CharField(max_length=255, blank=True, help_text="The paper's file name as uploaded.")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["board", "meeting_date", "order"]
        constraints = [models.UniqueConstraint(fields=["board", "meeting_date", "order"], name="agenda_order_unique")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class MinutesCorrection(models.Model):
    """A correction to approved minutes, recorded at a later meeting (approved minutes are never
    edited)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_corrections")
    recorded_at = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="corrections_recorded")
    text = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "created_at"]

    def __str__(self) -> str:
        return f"Correction to the minutes of {self.meeting}"
