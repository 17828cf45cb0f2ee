"""Ofsted between and beside graded inspections: monitoring visits, focused visits, joint
targeted area inspections, annual engagement meetings, the 2009-12 unannounced inspections;
their findings as written; and the post-inspection action plan's deadlines.

Imported by ``inspections.models`` (same app, same tables namespace).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class OfstedActivity(models.Model):
    """One Ofsted visit, meeting or ungraded inspection, with its letter."""

    class Kind(models.TextChoices):
        PLANNING_VISIT = "planning_visit", "Planning visit"
        MONITORING_VISIT = "monitoring_visit", "Monitoring visit"
        FOCUSED_VISIT = "focused_visit", "Focused visit"
        JTAI = "jtai", "Joint targeted area inspection"
        ANNUAL_ENGAGEMENT = "annual_engagement", "Annual engagement meeting"
        UNANNOUNCED = "unannounced", "Unannounced inspection of contact, referral and assessment"

    council = models.ForeignKey("inspections.Council", on_delete=models.PROTECT, related_name="ofsted_activities")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    follows = models.ForeignKey(
        "inspections.Inspection",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        help_text="The graded inspection it follows (required for planning and monitoring visits).",
    )
    number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Monitoring visits: 1 for the first after the inspection, and so on."
    )
    title = models.CharField(max_length=300, blank=True)
    focus = models.CharField(
        max_length=300, blank=True, help_text="The theme or area looked at, as the letter names it."
    )
    started = models.DateField(null=True, blank=True, help_text="First day of the visit or meeting.")
    ended = models.DateField(null=True, blank=True)
    published = models.DateField(null=True, blank=True, help_text="Date of the letter.")
    lead_inspector = models.CharField(max_length=200, blank=True)
    inspectorates = models.CharField(
        max_length=300, blank=True, help_text="For joint inspections: e.g. 'Ofsted, CQC, HMICFRS, HMI Probation'."
    )
    judgement_as_written = models.CharField(
        max_length=200, blank=True, help_text="Empty when ungraded, as most of these are."
    )
    letter_text = models.TextField(blank=True, help_text="The letter as written.")
    source_name = models.CharField(max_length=300, blank=True, help_text="The document it was read from.")
    source_file = models.FileField(upload_to="ofsted/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "started", "published"]
        verbose_name_plural = "Ofsted activities"
        constraints = [
            models.CheckConstraint(
                condition=Q(started__isnull=False) | Q(published__isnull=False),
                name="ofsted_activity_dated",
            ),
            models.CheckConstraint(
                condition=Q(started__isnull=True) | Q(ended__isnull=True) | Q(ended__gte=F("started")),
                name="ofsted_activity_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ended__isnull=True) | Q(published__isnull=True) | Q(published__gte=F("ended")),
                name="ofsted_activity_letter_after_visit",
            ),
            models.CheckConstraint(
                condition=~Q(kind="monitoring_visit") | Q(number__gte=1, follows__isnull=False),
                name="monitoring_visit_numbered_and_linked",
            ),
            models.CheckConstraint(
                condition=~Q(kind="planning_visit") | Q(follows__isnull=False),
                name="planning_visit_linked",
            ),
            models.UniqueConstraint(
                fields=["follows", "kind", "number"],
                condition=Q(number__isnull=False),
                name="ofsted_activity_number_unique_per_inspection",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        name = self.get_kind_display()
        if self.kind == self.Kind.MONITORING_VISIT and self.number:
            name = f"{_ordinal(self.number)} monitoring visit"
        when = self.started or self.published
        return f"{name}, {self.council.short_name}, {when:%-d %B %Y}"

    @property
    def is_graded(self) -> bool:
        return bool(self.judgement_as_written)


def _ordinal(n: int) -> str:
    words = {
        1: "First",
        2: "Second",
        3: "Third",
        4: "Fourth",
        5: "Fifth",
        6: "Sixth",
        7: "Seventh",
        8: "Eighth",
        9: "Ninth",
        10: "Tenth",
    }
    return words.get(n, f"{n}th")


class OfstedFinding(models.Model):
    """One finding of an activity, as written, under the heading the letter puts it."""

    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"
        PRIORITY_ACTION = "priority_action", "Area for priority action"
        AREA_FOR_DEVELOPMENT = "area_for_development", "Area for development"
        PROGRESS = "progress", "Progress statement"

    activity = models.ForeignKey(OfstedActivity, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=25, choices=Kind.choices)
    text = models.TextField()
    heading_as_written = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["activity", "order"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "order"], name="ofsted_finding_order_unique"),
            models.CheckConstraint(condition=~Q(text=""), name="ofsted_finding_has_text"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class PostInspectionPlan(models.Model):
    """The written action plan a council owes Ofsted after an inspection or visit: one row per
    stage (draft, final), with the deadline in working days, the submission and Ofsted's reply."""

    class Stage(models.TextChoices):
        DRAFT = "draft", "Draft action plan"
        FINAL = "final", "Action plan"

    inspection = models.ForeignKey(
        "inspections.Inspection", null=True, blank=True, on_delete=models.CASCADE, related_name="action_plans"
    )
    activity = models.ForeignKey(
        OfstedActivity, null=True, blank=True, on_delete=models.CASCADE, related_name="action_plans"
    )
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.FINAL)
    counted_from = models.DateField(help_text="The report's or letter's date.")
    working_days = models.PositiveSmallIntegerField()
    due = models.DateField(help_text="counted_from plus working_days English working days.")
    basis = models.CharField(max_length=300, help_text="Where the deadline comes from, e.g. 'ILACS framework'.")
    submitted = models.DateField(null=True, blank=True)
    ofsted_response = models.TextField(blank=True, help_text="Ofsted's reply, as written.")
    ofsted_response_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due"]
        constraints = [
            models.CheckConstraint(
                condition=Q(inspection__isnull=False, activity__isnull=True)
                | Q(inspection__isnull=True, activity__isnull=False),
                name="action_plan_for_one_inspection_or_activity",
            ),
            models.UniqueConstraint(
                fields=["inspection", "stage"],
                condition=Q(inspection__isnull=False),
                name="action_plan_stage_unique_per_inspection",
            ),
            models.UniqueConstraint(
                fields=["activity", "stage"],
                condition=Q(activity__isnull=False),
                name="action_plan_stage_unique_per_activity",
            ),
            models.CheckConstraint(condition=Q(due__gt=F("counted_from")), name="action_plan_due_after_start"),
            models.CheckConstraint(
                condition=Q(submitted__isnull=True) | Q(submitted__gte=F("counted_from")),
                name="action_plan_submitted_after_report",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} due {self.due:%-d %B %Y}"

    @property
    def submitted_late(self) -> bool | None:
        return None if self.submitted is None else self.submitted > self.due
