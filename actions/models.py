"""Improvement plans: actions, progress updates and evidence, revised due dates,
performance indicators and their monthly values, and milestones."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from inspections.models import Council, ImprovementNotice, NoticeMeasure, Organisation, Recommendation

from . import rules
from .rules import Rag, Status


class ImprovementPlanQuerySet(models.QuerySet):
    def active(self) -> "ImprovementPlanQuerySet":
        """The plans in use: at most one per council (the constraint below); the others are
        archived, kept to be read."""
        return self.filter(is_active=True)


class ImprovementPlan(models.Model):
    objects = ImprovementPlanQuerySet.as_manager()

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="plans")
    notice = models.ForeignKey(ImprovementNotice, null=True, blank=True, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_plans",
        help_text="The council's officer or administrator who keeps the plan up to date.",
    )
    agreed_on = models.DateField(help_text="When the council, its partners and the board agreed it.")
    is_active = models.BooleanField(default=True)
    is_synthetic = models.BooleanField(
        default=False, help_text="Generated for measuring speed at national scale; not a real plan."
    )
    officers_may_edit = models.BooleanField(
        "Officers may change the plan's structure",
        default=False,
        help_text="The council's setting: whether its officers (not only its administrators) may add, edit, "
        "reorder, close and reassign objectives, actions, milestones and indicators.",
    )

    class Meta:
        ordering = ["council__short_name", "-agreed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["council"], condition=Q(is_active=True), name="one_active_plan_per_council"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_archived(self) -> bool:
        """An archived (inactive) plan is kept to be read: nothing in it may change."""
        return not self.is_active


ARCHIVED_PLAN_MESSAGE = "This plan is archived: it can be read but not changed."


class Objective(models.Model):
    """What the plan sets out to achieve, stated as an outcome for children; actions sit under it."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.PROTECT, related_name="objectives")
    reference = models.CharField(max_length=20, help_text="As the plan numbers it, e.g. '1'.")
    title = models.CharField(max_length=300)
    outcome = models.TextField(
        "Outcome for children", blank=True, help_text="What will be different for children when this is achieved."
    )
    order = models.PositiveIntegerField(default=0)
    closed_on = models.DateField(null=True, blank=True, help_text="When the board agreed it was achieved.")

    class Meta:
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "reference"], name="objective_reference_unique_per_plan"),
            models.CheckConstraint(condition=~Q(title=""), name="objective_has_title"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class Action(models.Model):
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.PROTECT, related_name="actions")
    objective = models.ForeignKey(Objective, null=True, blank=True, on_delete=models.PROTECT, related_name="actions")
    reference = models.CharField(max_length=20, help_text="As the plan numbers it, e.g. '1.3'.")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="actions")
    measures = models.ManyToManyField(NoticeMeasure, blank=True, related_name="actions")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="owned_actions"
    )
    lead_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="led_actions")
    start_date = models.DateField()
    due_date = models.DateField()
    revised_due_date = models.DateField(
        null=True, blank=True, help_text="The revised due date the board agreed; set only by an agreement."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    reported_rag = models.CharField(
        "RAG as last reported",
        max_length=10,
        choices=Rag.choices,
        blank=True,
        help_text="The owner's rating with the latest update; the rules may override it (see rag_on).",
    )
    evidence_of_impact = models.TextField(blank=True)
    success_measure = models.TextField(blank=True, help_text="What will show the action has made a difference.")
    is_draft = models.BooleanField(default=False, help_text="Made from a recommendation; not yet agreed into the plan.")
    is_illustrative = models.BooleanField(
        default=False, help_text="Demo data dated relative to the day it was loaded; not part of any published plan."
    )
    completed_on = models.DateField(null=True, blank=True, help_text="The day an update first marked it complete.")
    finished_late = models.BooleanField(
        default=False, help_text="Completed after its due date (or agreed revised due date)."
    )
    last_updated_at = models.DateTimeField(null=True, blank=True, help_text="When progress was last logged.")
    version = models.PositiveIntegerField(default=1, help_text="Incremented by every change; refuses stale edits.")
    history = HistoricalRecords(excluded_fields=["last_updated_at"])

    class Meta:
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "reference"], name="action_reference_unique_per_plan"),
            models.CheckConstraint(condition=Q(due_date__gte=F("start_date")), name="action_due_not_before_start"),
            models.CheckConstraint(
                condition=Q(revised_due_date__isnull=True) | Q(revised_due_date__gte=F("start_date")),
                name="action_revised_due_not_before_start",
            ),
        ]
        indexes = [
            models.Index(fields=["plan", "status", "due_date"], name="action_plan_status_due"),
            models.Index(fields=["owner", "status", "due_date"], name="action_owner_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("actions:action", kwargs={"pk": self.pk})

    def is_overdue(self, *, on: datetime.date | None = None) -> bool:
        return rules.is_overdue(
            status=self.status,
            due_date=self.due_date,
            agreed_revised_due_date=self.revised_due_date,
            on=on or timezone.localdate(),
        )

    @property
    def later_than_timescale(self) -> bool:
        """Due after the timescale of a recommendation it answers (use with the recommendations
        prefetched in lists)."""
        return rules.later_than_timescale(
            rules.deadline(self.due_date, self.revised_due_date), [r.due_date for r in self.recommendations.all()]
        )

    def rag_on(self, on: datetime.date | None = None) -> Rag:
        return rules.rag(
            status=self.status,
            reported_rag=self.reported_rag,
            evidenced=rules.is_evidenced(self.evidence_of_impact),
            due_date=self.due_date,
            agreed_revised_due_date=self.revised_due_date,
            on=on or timezone.localdate(),
        )


class RedactingIterable(models.query.ModelIterable):
    """Progress updates as read: an update an administrator redacted shows its redaction's
    text instead of what was written (the row itself is never changed). One query per list."""

    def __iter__(self):
        updates = list(super().__iter__())
        if updates:
            latest = {}
            for redaction in Redaction.objects.filter(update_id__in=[u.pk for u in updates]).order_by("at", "pk"):
                latest[redaction.update_id] = redaction
            for update in updates:
                redaction = latest.get(update.pk)
                if redaction is not None:
                    update.narrative = redaction.narrative
                    update.remedial_action = redaction.remedial_action
                update.redaction = redaction
        yield from updates


class ProgressUpdateQuerySet(models.QuerySet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._iterable_class = RedactingIterable


class ProgressUpdate(models.Model):
    """A dated entry in an action's history. Never edited or deleted: a correction is a new
    update (the database refuses an UPDATE; see migration 0002). Text that identifies a child
    is redacted by a :class:`Redaction`, which the default manager applies when reading."""

    objects = ProgressUpdateQuerySet.as_manager()

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_updates")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    narrative = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices)
    rag = models.CharField("RAG", max_length=10, choices=Rag.choices)
    remedial_action = models.TextField(blank=True, help_text="Where it is not going to plan: what is being done.")

    class Meta:
        ordering = ["action", "-created_at", "-id"]
        get_latest_by = "created_at"
        indexes = [models.Index(fields=["action", "-created_at"], name="update_action_latest")]
        constraints = [models.CheckConstraint(condition=~Q(narrative=""), name="update_has_narrative")]

    def __str__(self) -> str:
        return f"{self.action.reference} update {self.created_at:%Y-%m-%d}"


class Redaction(models.Model):
    """An administrator's redaction of a progress update that identified a child: the text
    shown from now on, and who redacted it, when and why. Kept for ever (the database refuses
    an UPDATE); a later redaction of the same update supersedes an earlier one."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.PROTECT, related_name="redactions")
    redacted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="redactions")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(help_text="Why the text was redacted.")
    narrative = models.TextField(
        default="[Redacted: this update held personal information.]",
        help_text="The text shown instead of the update's narrative.",
    )
    remedial_action = models.TextField(blank=True, help_text="The text shown instead of its remedial action.")

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="redaction_has_reason")]

    def __str__(self) -> str:
        return f"Redaction of {self.update} by {self.redacted_by} on {self.at:%Y-%m-%d}"


class Evidence(models.Model):
    """A file or a link offered as evidence with a progress update. Files are stored in
    private media and served only through a view that checks permission."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.PROTECT, related_name="evidence")
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to="evidence/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(~Q(file="") & Q(url="")) | (Q(file="") & ~Q(url="")),
                name="evidence_is_a_file_or_a_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DueDateRevisionQuerySet(models.QuerySet):
    def pending(self) -> "DueDateRevisionQuerySet":
        """Proposals not yet decided, withdrawn or replaced (at most one per action)."""
        return self.filter(status=DueDateRevision.Status.PENDING)

    def awaiting_board(self) -> "DueDateRevisionQuerySet":
        """Pending proposals the board can decide: those on an active plan (an archived plan
        cannot change, so a proposal left pending on it is not put to the board)."""
        return self.pending().filter(action__plan__is_active=True)


class DueDateRevision(models.Model):
    """A proposed revised due date, pending until the board chair agrees or rejects it. The board
    meeting that decided it, if any, is recorded on the boards side (``revision.decided_in``)."""

    objects = DueDateRevisionQuerySet.as_manager()

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting the board"
        AGREED = "agreed", "Agreed"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"
        REPLACED = "replaced", "Replaced by a later proposal"

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="revisions")
    proposed_date = models.DateField()
    reason = models.TextField()
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    agreed_date = models.DateField(
        null=True, blank=True, help_text="The date the board agreed, when it differs from the one proposed."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["action"], condition=Q(status="pending"), name="one_pending_revision_per_action"
            ),
            models.CheckConstraint(
                condition=(Q(status="pending") & Q(decided_by__isnull=True) & Q(decided_at__isnull=True))
                | (~Q(status="pending") & Q(decided_by__isnull=False) & Q(decided_at__isnull=False)),
                name="revision_decided_iff_not_pending",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="revision_has_reason"),
            models.CheckConstraint(
                condition=Q(agreed_date__isnull=True) | Q(status="agreed"), name="revision_agreed_date_only_when_agreed"
            ),
        ]

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def decided_date(self) -> datetime.date | None:
        """The date that became the action's revised due date, if agreed."""
        if self.status != self.Status.AGREED:
            return None
        return self.agreed_date or self.proposed_date

    def __str__(self) -> str:
        return f"{self.action.reference} to {self.proposed_date} ({self.get_status_display()})"


class Milestone(models.Model):
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.PROTECT, related_name="milestones")
    title = models.CharField(max_length=300)
    due_date = models.DateField()
    achieved_on = models.DateField(null=True, blank=True)
    measure = models.ForeignKey(
        NoticeMeasure, null=True, blank=True, on_delete=models.SET_NULL, related_name="milestones"
    )
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "due_date"]
        constraints = [models.UniqueConstraint(fields=["plan", "title"], name="milestone_title_unique_per_plan")]

    def __str__(self) -> str:
        return self.title

    def state(self, *, on: datetime.date) -> rules.MilestoneState:
        return rules.milestone_state(due_date=self.due_date, achieved_on=self.achieved_on, on=on)

    def is_missed(self, *, on: datetime.date) -> bool:
        return self.state(on=on) in rules.MISSED_STATES


class ReminderLog(models.Model):
    """A reminder claimed for a person on a day. The unique row is the claim: a second run on
    the same day cannot create it again, so nobody gets the same reminder twice."""

    class Kind(models.TextChoices):
        DUE = "due", "Actions due soon or overdue"
        PRE_MEETING = "pre_meeting", "Update before the board meets"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    actions = models.ManyToManyField(Action, blank=True, related_name="reminders")

    class Meta:
        ordering = ["-day", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "day"], name="reminder_once_per_person_kind_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user} on {self.day}"


class PlanChange(models.Model):
    """One change to a plan's structure, in words, with who made it and when: "Due date changed
    from 30 November 2026 to 31 January 2027". Written by the service that made the change, in
    the same transaction; never edited."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="changes")
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.CASCADE, related_name="changes")
    subject = models.CharField(max_length=400, help_text="What was changed, e.g. 'Action 1.3 Audit plans'.")
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["plan", "-at"], name="planchange_plan_at"),
            models.Index(fields=["action", "-at"], name="planchange_action_at"),
        ]

    def __str__(self) -> str:
        return self.sentence

    @property
    def sentence(self) -> str:
        who = (self.by.get_full_name() or self.by.get_username()) if self.by else "the system"
        return f"{self.text} by {who}, {timezone.localtime(self.at):%-d %B %Y}"


class HeldFile(models.Model):
    """An uploaded file kept while its form is put right (a failed validation, a spreadsheet
    awaiting confirmation): private to the person who uploaded it, deleted when it expires."""

    token = models.UUIDField(unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="held_files")
    purpose = models.CharField(max_length=20)  # evidence, plan_import
    file = models.FileField(upload_to="held/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="heldfile_expires")]

    def __str__(self) -> str:
        return self.original_name


# A plan's performance indicators, their monthly values and trajectories: models of this app
# kept in their own module.
from .indicator_models import (  # noqa: E402,F401
    OFF_TARGET,
    IndicatorValue,
    PerformanceIndicator,
    PerformanceIndicatorQuerySet,
    TrajectoryPoint,
)
