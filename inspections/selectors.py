"""Reads of councils and their inspection history."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, Q, QuerySet

from .formatting import indicator_number
from .models import Council, Inspection, Judgement, PublishedIndicator, PublishedValue, StatisticalNeighbour

ENGLAND = "E92000001"


def inspection_history(council: Council) -> QuerySet[Inspection]:
    """A council's inspections, newest first, with judgements and framework in three queries."""
    return (
        Inspection.objects.filter(council=council)
        .select_related("framework")
        .prefetch_related(Prefetch("judgements", queryset=Judgement.objects.select_related("section", "grade")))
        .order_by("-published")
    )


def statistical_neighbours(council: Council) -> list[StatisticalNeighbour]:
    return list(council.statistical_neighbours.select_related("neighbour").order_by("rank"))


@dataclass
class IndicatorComparison:
    """One indicator for one council over the years, against England, its region and the average of
    its statistical neighbours. Each series is a list aligned with ``years`` (None: no value)."""

    indicator: PublishedIndicator
    council: Council
    years: list[int]
    year_labels: list[str]
    own: list[Decimal | None]
    own_missing: list[str]  # the file's reason where ``own`` is None ("c", "z", ...); "" if no row
    england: list[Decimal | None]
    region: list[Decimal | None]
    region_name: str
    neighbours: list[Decimal | None]
    neighbours_counted: list[int]  # how many neighbours had a value that year
    shared_with: str = ""  # the joint area when a value covers two councils
    chart_svg: str = field(default="", repr=False)

    @property
    def unit(self) -> str:
        return self.indicator.unit

    @property
    def unit_label(self) -> str:
        return "per cent" if self.unit == "percent" else self.indicator.get_unit_display().lower()

    @property
    def series(self) -> list[tuple[str, list]]:
        out = [(self.council.short_name, self.own), ("England", self.england)]
        if self.region_name:
            out.append((self.region_name, self.region))
        if any(n is not None for n in self.neighbours):
            out.append(("Statistical neighbours (average)", self.neighbours))
        return out

    @property
    def rows(self) -> list[dict]:
        return [
            {
                "year": label,
                "own": indicator_number(self.own[i], missing=None),
                "own_missing": self.own_missing[i],
                "england": indicator_number(self.england[i], missing=None),
                "region": indicator_number(self.region[i], missing=None),
                "neighbours": indicator_number(self.neighbours[i], missing=None),
                "counted": self.neighbours_counted[i],
            }
            for i, label in enumerate(self.year_labels)
        ]

    @property
    def chart_label(self) -> str:
        return (
            f"Line chart: {self.indicator.name}, {self.council.short_name} against "
            + ", ".join(label for label, _ in self.series[1:])
            + f", {self.year_labels[0]} to {self.year_labels[-1]}"
        )

    def fmt(self, value) -> str:
        return self.indicator.format(value)

    @property
    def summary(self) -> str:
        """A sentence or two saying what the chart shows."""
        name = self.council.short_name
        latest = next((i for i in range(len(self.years) - 1, -1, -1) if self.own[i] is not None), None)
        better = "Higher is better." if self.indicator.higher_is_better else "Lower is better."
        if latest is None:
            return (
                f"No published value for {name} in any year ({self.year_labels[0]} to {self.year_labels[-1]}). {better}"
            )
        value = self.own[latest]
        parts = []
        for label, series in self.series[1:]:
            label = "its statistical neighbours' average" if label.startswith("Statistical") else label
            other = series[latest]
            if other is None:
                continue
            if value == other:
                parts.append(f"the same as {label} ({self.fmt(other)})")
            else:
                word = "higher" if value > other else "lower"
                good = (value > other) == self.indicator.higher_is_better
                parts.append(f"{word} than {label} ({self.fmt(other)}, {'better' if good else 'worse'})")
        text = f"In {self.year_labels[latest]} {name} was {self.fmt(value)}"
        text += (": " + "; ".join(parts) + ".") if parts else "."
        earlier = next((i for i in range(latest - 1, -1, -1) if self.own[i] is not None), None)
        if earlier is not None:
            change = value - self.own[earlier]
            if change:
                text += (
                    f" {'Up' if change > 0 else 'Down'} from {self.fmt(self.own[earlier])} in "
                    f"{self.year_labels[earlier]}."
                )
            else:
                text += f" Unchanged since {self.year_labels[earlier]}."
        if latest != len(self.years) - 1:
            reason = self.own_missing[-1]
            text += f" No value for {self.year_labels[-1]}" + (f" (marked '{reason}')." if reason else ".")
        if self.shared_with:
            text += f" Some years are a joint figure for {self.shared_with}."
        return f"{text} {better}"


def neighbours_average(values: list[Decimal]) -> Decimal | None:
    """The average of the statistical neighbours' values (those that have one), to one decimal
    place, half up; None when none has a value. The council page's charts and table and the
    overview's "worse than neighbours" count both compare against this."""
    if not values:
        return None
    return (sum(values) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def indicator_comparisons(
    council: Council, neighbours: list[StatisticalNeighbour] | None = None
) -> list[IndicatorComparison]:
    """Every published indicator for ``council``, in three queries whatever the number of values."""
    if neighbours is None:
        neighbours = statistical_neighbours(council)
    neighbour_ids = [n.neighbour_id for n in neighbours]
    indicators = list(PublishedIndicator.objects.all())
    if not indicators:
        return []
    areas = Q(area_code=ENGLAND) | Q(council=council) | Q(council_id__in=neighbour_ids)
    if council.region_code:
        areas |= Q(area_code=council.region_code)
    values = PublishedValue.objects.filter(areas).values_list(
        "indicator_id",
        "area_code",
        "council_id",
        "year_end",
        "year_label",
        "value",
        "missing_reason",
        "shared_area_code",
        "area_name",
    )
    by_indicator: dict[int, list] = {}
    for row in values:
        by_indicator.setdefault(row[0], []).append(row)
    out = []
    for indicator in indicators:
        rows = by_indicator.get(indicator.pk, [])
        own = {r[3]: r for r in rows if r[2] == council.pk}
        if not own:
            continue
        years = sorted({r[3] for r in rows if r[2] == council.pk or r[1] == ENGLAND})
        labels = {r[3]: r[4] for r in rows}
        england = {r[3]: r[5] for r in rows if r[1] == ENGLAND}
        region = {r[3]: r[5] for r in rows if r[2] is None and r[1] == council.region_code}
        neighbour_values: dict[int, list[Decimal]] = {}
        for r in rows:
            if r[2] in neighbour_ids and r[2] != council.pk and r[5] is not None:
                neighbour_values.setdefault(r[3], []).append(r[5])
        shared = next((r[8] for r in own.values() if r[7]), "")
        out.append(
            IndicatorComparison(
                indicator=indicator,
                council=council,
                years=years,
                year_labels=[labels[y] for y in years],
                own=[own[y][5] if y in own else None for y in years],
                own_missing=[own[y][6] if y in own else "" for y in years],
                england=[england.get(y) for y in years],
                region=[region.get(y) for y in years],
                region_name=council.region if council.region_code else "",
                neighbours=[neighbours_average(neighbour_values.get(y, [])) for y in years],
                neighbours_counted=[len(neighbour_values.get(y, [])) for y in years],
                shared_with=shared,
            )
        )
    return out
