"""DfE intervention after the notice is issued: reviews and their outcomes, and statutory
directions under section 497A of the Education Act 1996.

Imported by ``inspections.models``. The stage a council is at on a given day is one rule:
``inspections.intervention.intervention_stage``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class NoticeReview(models.Model):
    """A DfE review of an improvement notice, as held, with its outcome (empty: not recorded)."""

    class Outcome(models.TextChoices):
        CONTINUE = "continue", "Continue the notice"
        REVISE = "revise", "Revise the notice"
        LIFT = "lift", "Lift the notice"
        ESCALATE = "escalate", "Escalate to a statutory direction"

    notice = models.ForeignKey("inspections.ImprovementNotice", on_delete=models.CASCADE, related_name="reviews")
    scheduled = models.OneToOneField(
        "inspections.NoticeDate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_held",
        help_text="The review date of the notice this review answers, if any.",
    )
    held_on = models.DateField()
    attendees = models.TextField(blank=True, help_text="Who attended, as recorded.")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    letter = models.TextField(blank=True, help_text="The review letter, as written.")
    letter_file = models.FileField(
        upload_to="intervention/reviews/%Y/", blank=True, help_text="The review letter (a PDF or Word document)."
    )
    source_name = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["notice", "held_on"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "held_on"], name="notice_review_unique_per_day"),
        ]

    def __str__(self) -> str:
        outcome = self.get_outcome_display() if self.outcome else "outcome not recorded"
        return f"Review of {self.held_on:%-d %B %Y}: {outcome}"


class StatutoryDirection(models.Model):
    """A direction under section 497A of the Education Act 1996."""

    class Appointee(models.TextChoices):
        COMMISSIONER = "commissioner", "Children's services commissioner"
        ADVISER = "adviser", "Improvement adviser"
        NONE = "none", "No appointment"

    class Recommendation(models.TextChoices):
        STAY = "stay", "Services stay with the council"
        TRUST = "trust", "Services pass to a trust"
        OTHER_PROVIDER = "other_provider", "Services pass to another provider"
        OTHER = "other", "Other (as written)"

    class End(models.TextChoices):
        REVOKED = "revoked", "Revoked"
        REVOKED_TO_NOTICE = "revoked_to_notice", "Revoked and replaced by an improvement notice"
        REPLACED = "replaced", "Replaced by a new direction"

    council = models.ForeignKey("inspections.Council", on_delete=models.PROTECT, related_name="directions")
    issued = models.DateField()
    basis = models.CharField(max_length=300, default="Section 497A(4B) of the Education Act 1996")
    follows_notice = models.ForeignKey(
        "inspections.ImprovementNotice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directions",
        help_text="The notice it escalates, if any.",
    )
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next",
        help_text="The direction it replaces.",
    )
    appointee_role = models.CharField(max_length=15, choices=Appointee.choices, default=Appointee.COMMISSIONER)
    appointee_name = models.CharField(max_length=200, blank=True)
    instructions = models.TextField(blank=True, help_text="What the direction requires, as written.")
    report_due = models.DateField(null=True, blank=True, help_text="The commissioner's or adviser's report.")
    report_submitted = models.DateField(null=True, blank=True)
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices, blank=True)
    recommendation_as_written = models.TextField(blank=True)
    next_review = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end = models.CharField(max_length=20, choices=End.choices, blank=True)
    source_name = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["council", "issued"]
        constraints = [
            models.UniqueConstraint(fields=["council", "issued"], name="direction_unique_per_council_date"),
            models.CheckConstraint(
                condition=(Q(ended_on__isnull=True) & Q(end="")) | (Q(ended_on__isnull=False) & ~Q(end="")),
                name="direction_end_dated_and_named",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("issued")),
                name="direction_ends_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(report_submitted__isnull=True) | Q(report_submitted__gte=F("issued")),
                name="direction_report_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return f"Statutory direction, {self.council.short_name}, {self.issued:%-d %B %Y}"

    def in_force_on(self, on) -> bool:
        return self.issued <= on and (self.ended_on is None or self.ended_on > on)
