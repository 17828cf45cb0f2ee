"""Official national data (import_national_data): DfE's published indicators and their values
for every council, region and England, each council's statistical neighbours, and a record of
each import run. Models of the ``inspections`` app, re-exported by ``inspections.models``."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from . import formatting


class PublishedIndicator(models.Model):
    """A performance indicator DfE publishes for every council (e.g. re-referral rate)."""

    class Unit(models.TextChoices):
        PERCENT = "percent", "Per cent"
        RATIO = "ratio", "Ratio"
        COUNT = "count", "Count"
        RATE = "rate", "Rate"

    code = models.CharField(max_length=50, unique=True)
    name = models.CharField(max_length=300)
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    higher_is_better = models.BooleanField()
    source_file = models.CharField(max_length=300, help_text="The release file it was last imported from.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    def format(self, value) -> str:
        return formatting.indicator_value(value, self.unit)


class PublishedValue(models.Model):
    """One published value of an indicator for one area and year, or why it is missing.

    ``area_code`` is England's, a region's or the council's current ONS code. A value DfE
    publishes jointly for two councils (workforce rows "940 / 941", "314 / 318") is stored once
    for each of them, with ``shared_area_code``/``area_name`` saying it is the joint figure.
    """

    class Level(models.TextChoices):
        NATIONAL = "national", "England"
        REGIONAL = "regional", "Region"
        LOCAL_AUTHORITY = "local_authority", "Local authority"

    indicator = models.ForeignKey(PublishedIndicator, on_delete=models.CASCADE, related_name="values")
    geographic_level = models.CharField(max_length=20, choices=Level.choices)
    council = models.ForeignKey(
        "inspections.Council", null=True, blank=True, on_delete=models.CASCADE, related_name="published_values"
    )
    area_code = models.CharField(max_length=9)
    area_name = models.CharField(max_length=200)
    shared_area_code = models.CharField(
        max_length=40, blank=True, help_text="As written, when the value covers two councils jointly."
    )
    year_end = models.PositiveSmallIntegerField()
    year_label = models.CharField(max_length=20)
    value = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    missing_reason = models.CharField(
        max_length=10, blank=True, help_text="The file's marker: c, x, z, u, low, k or blank. Never a zero."
    )

    class Meta:
        ordering = ["indicator", "area_code", "year_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_code", "year_end"], name="published_value_unique_per_area_year"
            ),
            models.CheckConstraint(
                condition=(Q(value__isnull=True) & ~Q(missing_reason=""))
                | (Q(value__isnull=False) & Q(missing_reason="")),
                name="published_value_or_missing_reason",
            ),
            models.CheckConstraint(
                condition=Q(geographic_level="local_authority", council__isnull=False)
                | (~Q(geographic_level="local_authority") & Q(council__isnull=True)),
                name="published_value_council_iff_local",
            ),
        ]
        indexes = [models.Index(fields=["council", "indicator"], name="published_value_council")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area_name} {self.year_label}: {self.value or self.missing_reason}"


class StatisticalNeighbour(models.Model):
    """One of a council's ten DfE statistical neighbours (1 is the closest)."""

    council = models.ForeignKey("inspections.Council", on_delete=models.CASCADE, related_name="statistical_neighbours")
    neighbour = models.ForeignKey("inspections.Council", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    closeness = models.CharField(max_length=50, help_text="As written: 'Very Close', 'Close', ...")
    source_file = models.CharField(max_length=300)

    class Meta:
        ordering = ["council", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["council", "rank"], name="neighbour_rank_unique"),
            models.UniqueConstraint(fields=["council", "neighbour"], name="neighbour_unique"),
            models.CheckConstraint(condition=Q(rank__gte=1, rank__lte=10), name="neighbour_rank_1_to_10"),
            models.CheckConstraint(condition=~Q(council=F("neighbour")), name="neighbour_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.rank}: {self.neighbour}"


class ImportRun(models.Model):
    """One import of one national release file: what it read and what it changed."""

    kind = models.CharField(max_length=30)  # councils | inspection_history | indicators | statistical_neighbours
    file_name = models.CharField(max_length=500)
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the file(s).")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    messages = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} {self.started_at:%Y-%m-%d %H:%M}"
