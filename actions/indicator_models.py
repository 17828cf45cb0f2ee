"""A plan's performance indicators: definition, unit, which direction is better, target and
target date; their monthly values (with who entered them, kept in history for the board pack's
point in time) and the trajectory expected on the way. Models of the ``actions`` app,
re-exported by ``actions.models``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from simple_history.models import HistoricalRecords

from inspections import formatting
from inspections.models import NoticeMeasure


class PerformanceIndicatorQuerySet(models.QuerySet):
    def with_latest_value(self) -> "PerformanceIndicatorQuerySet":
        """Each indicator with ``latest``, its latest month's value (None before any), in the same query."""
        latest = IndicatorValue.objects.filter(indicator=OuterRef("pk")).order_by("-month").values("value")[:1]
        return self.annotate(latest=Subquery(latest))

    def off_target(self) -> "PerformanceIndicatorQuerySet":
        """Of indicators annotated by :meth:`with_latest_value`, those whose latest value misses the
        target: the SQL half of :meth:`PerformanceIndicator.meets_target`."""
        return self.filter(OFF_TARGET)


class PerformanceIndicator(models.Model):
    objects = PerformanceIndicatorQuerySet.as_manager()

    class Unit(models.TextChoices):
        PERCENT = "percent", "Percentage"
        COUNT = "count", "Count"
        DAYS = "days", "Days"
        RATE = "rate", "Rate per 10,000 children"

    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"

    plan = models.ForeignKey("actions.ImprovementPlan", on_delete=models.PROTECT, related_name="indicators")
    name = models.CharField(max_length=200)
    definition = models.TextField()
    unit = models.CharField(max_length=10, choices=Unit.choices)
    polarity = models.CharField(max_length=10, choices=Polarity.choices)
    target = models.DecimalField(max_digits=10, decimal_places=2)
    target_date = models.DateField()
    baseline = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where the figures come from.")
    measures = models.ManyToManyField(NoticeMeasure, blank=True, related_name="indicators")
    order = models.PositiveSmallIntegerField(default=0)
    retired_on = models.DateField(null=True, blank=True, help_text="When the board stopped tracking it.")

    class Meta:
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="indicator_name_unique_per_plan"),
            models.CheckConstraint(
                condition=~Q(unit="percent") | Q(target__gte=0, target__lte=100), name="indicator_percent_target_0_100"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def meets_target(self, value) -> bool:
        return value >= self.target if self.polarity == self.Polarity.HIGHER else value <= self.target

    def format(self, value) -> str:
        """ "86.3%", "17%", "12 days": :func:`inspections.formatting.indicator_value`."""
        return formatting.indicator_value(value, self.unit)


# On indicators annotated with ``latest``: a value on the wrong side of the target.
OFF_TARGET = Q(polarity=PerformanceIndicator.Polarity.HIGHER, latest__lt=F("target")) | Q(
    polarity=PerformanceIndicator.Polarity.LOWER, latest__gt=F("target")
)


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(PerformanceIndicator, on_delete=models.PROTECT, related_name="values")
    month = models.DateField(help_text="The first day of the month the value is for.")
    value = models.DecimalField(max_digits=10, decimal_places=2)
    source = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "month"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "month"], name="indicator_value_once_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="indicator_value_month_is_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.month:%b %Y} = {self.value}"


class TrajectoryPoint(models.Model):
    """Where an indicator is expected to be at the end of a month on its way to the target."""

    indicator = models.ForeignKey(PerformanceIndicator, on_delete=models.CASCADE, related_name="trajectory")
    month = models.DateField(help_text="The first day of the month.")
    value = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["indicator", "month"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "month"], name="trajectory_once_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="trajectory_month_is_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: expected {self.value} by {self.month:%B %Y}"
