"""Councils, inspection frameworks and their grade scales, inspections, judgements,
recommendations, and DfE improvement notices."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from . import rules
from .grading import Level


class Council(models.Model):
    class Kind(models.TextChoices):
        LONDON_BOROUGH = "london_borough", "London borough"
        COUNTY = "county", "County council"
        METROPOLITAN_DISTRICT = "metropolitan_district", "Metropolitan district"
        UNITARY = "unitary", "Unitary authority"

    name = models.CharField(max_length=200, unique=True, help_text="As the council styles itself.")
    short_name = models.CharField(max_length=100, help_text="As dashboards show it, e.g. 'Sutton'.")
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    la_number = models.CharField("DfE LA number", max_length=3, unique=True, null=True, blank=True)
    region = models.CharField(max_length=100, blank=True)
    # From the national releases (import_councils); empty for councils entered by hand.
    region_code = models.CharField(max_length=9, blank=True, help_text="ONS region code (E12...).")
    ofsted_region = models.CharField(max_length=100, blank=True)
    national_name = models.CharField(
        max_length=200, blank=True, help_text="The name as Ofsted's release writes it (the council's own name wins)."
    )
    dfe_name = models.CharField(max_length=200, blank=True, help_text="The name as DfE's release writes it.")
    is_current = models.BooleanField(
        default=True, help_text="False for councils abolished in a reorganisation (kept for their history)."
    )
    abolished = models.DateField(null=True, blank=True)
    previous_ons_codes = models.JSONField(default=list, blank=True, help_text="Earlier ONS codes, same council.")
    successor_ons_codes = models.JSONField(default=list, blank=True, help_text="For a former council.")

    class Meta:
        ordering = ["short_name"]
        constraints = [
            models.CheckConstraint(condition=Q(ons_code__regex=r"^E[0-9]{8}$"), name="council_ons_code_format"),
            models.CheckConstraint(
                condition=Q(la_number__isnull=True) | Q(la_number__regex=r"^[0-9]{3}$"),
                name="council_la_number_format",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("inspections:council", kwargs={"ons_code": self.ons_code})


class Organisation(models.Model):
    """A body named by a recommendation, represented on a board, or leading an action."""

    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        HEALTH = "health", "NHS body"
        LSCB = "lscb", "Safeguarding children board"
        POLICE = "police", "Police"
        GOVERNMENT = "government", "Government department"
        EDUCATION = "education", "Education and skills"
        VOLUNTARY = "voluntary", "Voluntary and community sector"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    council = models.ForeignKey(
        Council,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text="The council whose area the body serves, if local.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Framework(models.Model):
    """An inspection framework; its scale is data (``FrameworkGrade``), created from
    ``inspections.grading.FRAMEWORKS``."""

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=200)
    years = models.CharField(max_length=20, blank=True)
    higher_is_better = models.BooleanField(
        null=True, help_text="True when 4 is best, False when 1 is best, empty for word-only scales."
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class FrameworkGrade(models.Model):
    """One point on a framework's grade scale, and the normalised level it means."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="grades")
    label = models.CharField(max_length=100)
    value = models.PositiveSmallIntegerField(null=True, blank=True, help_text="The number as written, if any.")
    level = models.CharField(max_length=30, choices=Level.choices)

    class Meta:
        ordering = ["framework", "value", "label"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "label"], name="grade_label_unique_per_framework"),
            models.UniqueConstraint(fields=["framework", "value"], name="grade_value_unique_per_framework"),
            models.UniqueConstraint(fields=["framework", "level"], name="grade_level_unique_per_framework"),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=4) | Q(value__isnull=True), name="grade_value_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value} ({self.label})" if self.value is not None else self.label


class Inspection(models.Model):
    class Source(models.TextChoices):
        DOCUMENT = "document", "Inspection document"
        NATIONAL_DATA = "national_data", "Ofsted national data"
        MANUAL = "manual", "Entered by hand"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="inspections")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="inspections")
    variant = models.CharField(max_length=50, blank=True, help_text="e.g. 're-inspection', 'short', 'standard'.")
    title = models.CharField(max_length=300)
    fieldwork_start = models.DateField(null=True, blank=True)
    fieldwork_end = models.DateField(null=True, blank=True)
    published = models.DateField()
    lead_inspector = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.DOCUMENT)
    source_name = models.CharField(max_length=300, blank=True, help_text="The document it was read from.")
    source_file = models.FileField(upload_to="inspections/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "published"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "framework", "published"], name="inspection_unique_per_council_framework_date"
            ),
            models.CheckConstraint(
                condition=Q(fieldwork_start__isnull=True)
                | Q(fieldwork_end__isnull=True)
                | Q(fieldwork_end__gte=F("fieldwork_start")),
                name="inspection_fieldwork_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(fieldwork_end__isnull=True) | Q(published__gte=F("fieldwork_end")),
                name="inspection_published_after_fieldwork",
            ),
        ]
        indexes = [models.Index(fields=["council", "-published"], name="inspection_council_published")]

    def __str__(self) -> str:
        return f"{self.council.short_name} {self.framework.code} {self.published:%Y}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:inspection", kwargs={"pk": self.pk})

    @property
    def wording_source(self) -> str:
        """Where the grades' wording comes from, for every "as written" the product shows:
        Ofsted's national data restates 2009-12 "Adequate" as "Requires improvement to be good"."""
        return {
            self.Source.DOCUMENT: "as the report writes it",
            self.Source.NATIONAL_DATA: "as Ofsted's national data writes it, not the report",
            self.Source.MANUAL: "as entered by hand",
        }.get(self.source, "")


class InspectionSection(models.Model):
    """A part of a report that judgements and recommendations sit under,
    e.g. 'Safeguarding services' or 'Services for looked after children'."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="sections")
    name = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["inspection", "order"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "name"], name="section_name_unique_per_inspection"),
        ]

    def __str__(self) -> str:
        return self.name


class Judgement(models.Model):
    """A graded judgement, stored as written and on its framework's scale.

    The database refuses a grade from another framework's scale, and a level that is not
    the grade's (triggers in migration 0002; SQLite and PostgreSQL alike).
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    section = models.ForeignKey(
        InspectionSection, null=True, blank=True, on_delete=models.CASCADE, related_name="judgements"
    )
    area = models.CharField(max_length=300, help_text="The area judged, as written.")
    grade_as_written = models.CharField(max_length=100)
    grade = models.ForeignKey(FrameworkGrade, on_delete=models.PROTECT, related_name="judgements")
    level = models.CharField(max_length=30, choices=Level.choices, db_index=True)
    order = models.PositiveSmallIntegerField(default=0)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["inspection", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "section", "area"],
                condition=Q(section__isnull=False),
                name="judgement_area_unique_per_section",
            ),
            models.UniqueConstraint(
                fields=["inspection", "area"],
                condition=Q(section__isnull=True),
                name="judgement_area_unique_without_section",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.grade_as_written}"


class Recommendation(models.Model):
    Timescale = rules.Timescale

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="recommendations")
    section = models.ForeignKey(
        InspectionSection, null=True, blank=True, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField(help_text="Its place in the report, from 1.")
    text = models.TextField()
    timescale = models.CharField(max_length=20, choices=Timescale.choices)
    timescale_as_written = models.CharField(max_length=100, blank=True)
    due_date = models.DateField(
        null=True,
        blank=True,
        help_text="From the publication date and the timescale; entered by hand for 'other'.",
    )
    bodies = models.ManyToManyField(Organisation, blank=True, related_name="recommendations")
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["inspection", "number"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "number"], name="recommendation_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="recommendation_number_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} R{self.number}"

    @property
    def short_text(self) -> str:
        return self.text if len(self.text) <= 90 else self.text[:87].rstrip() + "…"


class ImprovementNotice(models.Model):
    class Status(models.TextChoices):
        IN_FORCE = "in_force", "In force"
        LIFTED = "lifted", "Lifted"
        ESCALATED = "escalated", "Escalated to a statutory direction"
        REVISED = "revised", "Revised by a later notice"
        REPLACED = "replaced", "Replaced by a later notice"

    class Relation(models.TextChoices):
        REVISES = "revises", "Revises"
        REPLACES = "replaces", "Replaces"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="notices")
    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="notices", help_text="The inspection it rests on."
    )
    issued = models.DateField()
    title = models.CharField(max_length=300, default="Improvement Notice")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_FORCE)
    status_changed_on = models.DateField(null=True, blank=True)
    source_name = models.CharField(max_length=300, blank=True)
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next",
        help_text="The notice this one revises or replaces.",
    )
    relation = models.CharField(max_length=10, choices=Relation.choices, blank=True)
    # Nullable, so that SQLite adds the column in place: rebuilding this table (as SQLite must to add a
    # NOT NULL column) would trip the dashboards' version triggers on the tables that refer to it.
    lift_letter_file = models.FileField(
        upload_to="intervention/notices/%Y/",
        null=True,
        blank=True,
        help_text="DfE's letter lifting the notice, where it was lifted by letter (a PDF or Word document).",
    )

    class Meta:
        ordering = ["council", "-issued"]
        constraints = [
            models.UniqueConstraint(fields=["council", "issued"], name="notice_unique_per_council_date"),
            models.CheckConstraint(
                condition=Q(status="in_force") | Q(status_changed_on__isnull=False),
                name="notice_status_change_dated",
            ),
            models.CheckConstraint(
                condition=(Q(previous__isnull=True) & Q(relation="")) | (Q(previous__isnull=False) & ~Q(relation="")),
                name="notice_previous_with_relation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.council.short_name}, {self.issued:%B %Y}"

    def dates_of(self, kind: str) -> list["NoticeDate"]:
        return [d for d in self.dates.all() if d.kind == kind]

    @property
    def compliance_date(self) -> "NoticeDate | None":
        found = self.dates_of(NoticeDate.Kind.COMPLIANCE)
        return found[0] if found else None


class NoticeDate(models.Model):
    """A date the notice sets: compliance, a ministerial progress report, or a review.

    Notices give most of these as months ("October 2012"); ``precision`` keeps that, and
    ``date`` holds the month's last day (for "by January 2014") so that deadlines compare.
    """

    class Kind(models.TextChoices):
        COMPLIANCE = "compliance", "All indicators and milestones met"
        MINISTERIAL_REPORT = "ministerial_report", "Progress report to ministers"
        REVIEW = "review", "DfE review"
        FINAL_REVIEW = "final_review", "Final DfE review"

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"

    notice = models.ForeignKey(ImprovementNotice, on_delete=models.CASCADE, related_name="dates")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField()
    precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.MONTH)
    submitted_on = models.DateField(
        null=True, blank=True, help_text="Ministerial reports: when the chair's report was sent."
    )

    class Meta:
        ordering = ["notice", "date"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "kind", "date"], name="notice_date_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"

    @property
    def label(self) -> str:
        return f"{self.date:%B %Y}" if self.precision == self.Precision.MONTH else f"{self.date:%-d %B %Y}"

    def is_past(self, on: datetime.date) -> bool:
        return self.date < on

    @classmethod
    def ahead_of(cls, day: datetime.date) -> Q:
        """Dates still ahead at the end of ``day``: a day after it, or a month-only date whose month
        is not over ("October 2012" is still ahead in October's report, whose period ends on
        31 October, the day it is stored as)."""
        return Q(date__gt=day) | Q(precision=cls.Precision.MONTH, date__gte=day)


class NoticeTheme(models.Model):
    notice = models.ForeignKey(ImprovementNotice, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["notice", "order"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "title"], name="theme_title_unique_per_notice"),
        ]

    def __str__(self) -> str:
        return self.title


class NoticeMeasure(models.Model):
    theme = models.ForeignKey(NoticeTheme, on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveSmallIntegerField(help_text="Its place under the theme, from 1.")
    text = models.TextField()
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["theme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "number"], name="measure_number_unique_per_theme"),
        ]

    def __str__(self) -> str:
        return f"{self.theme.order}.{self.number} {self.short_text}"

    @property
    def reference(self) -> str:
        return f"M{self.theme.order}.{self.number}"

    @property
    def short_text(self) -> str:
        return self.text if len(self.text) <= 90 else self.text[:87].rstrip() + "…"


# Official national data (import_national_data), Ofsted activity between inspections, and DfE
# intervention after the notice: models of this app kept in their own modules.
from .intervention_models import NoticeReview, StatutoryDirection  # noqa: E402,F401
from .national_models import ImportRun, PublishedIndicator, PublishedValue, StatisticalNeighbour  # noqa: E402,F401
from .ofsted_models import OfstedActivity, OfstedFinding, PostInspectionPlan  # noqa: E402,F401
