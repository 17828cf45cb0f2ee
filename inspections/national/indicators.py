"""The performance indicators the product needs, from the DfE "explore education statistics" CSVs.

One reader, :func:`read_indicator_file`, recognises which published file it is given by its
header and returns the indicators that file carries, with one value per area and year.

Indicators and the measures chosen
----------------------------------
=============================  ==============================================  =======  ======
code                           source (file: filter -> column)                  unit     better
=============================  ==============================================  =======  ======
``rereferral_rate``            c1: ``rereferral_percent``                       percent  lower
``cpp_subsequent_plan``        d3: ``CPP_subsequent_percent``                   percent  lower
``sw_turnover_rate``           csww: ``turnover_rate_fte``                      percent  lower
``sw_agency_rate``             csww: ``agency_rate_fte``                        percent  lower
``sw_vacancy_rate``            csww: ``vacancy_rate_fte``                       percent  lower
``sw_caseload``                csww: ``caseload_fte``                           ratio    lower
``placement_moves_3_plus``     placement stability: CLA on 31 March, "With 3    percent  lower
                               or more placements during the year"
``placement_long_term``        placement stability: children looked after       percent  higher
                               for 2.5+ years aged under 16, "Living with the
                               same carer for at least 2 years"
``care_leavers_eet_19_21``     care leavers: 19 to 21 years, "Total in          percent  higher
                               education, employment or training"
=============================  ==============================================  =======  ======

Placement stability: the two measures DfE has long published as *the* short-term and long-term
stability indicators (and that improvement notices cite). The newer "3 or more placements during
the previous 2 years" series is not read. Care leavers: the 19 to 21 age group is the headline
statutory measure (DfE's "care leavers aged 19 to 21 in education, employment or training"); the
17 to 18 group is published too but not read. The FTE variants of the workforce rates are used
(DfE's headline figures); headcount variants are not read.

Values
------
A value is a :class:`~decimal.Decimal` exactly as written. Anything else is *missing*, with its
reason as written: ``c`` (confidential/suppressed), ``x`` (not available), ``z`` (not applicable),
``u`` (low reliability), ``low`` (fewer than the publication threshold), ``k`` (rounds to zero),
``..``/``:`` or blank. None of these is ever a zero. An unknown marker is an error (the release
format has changed and a person should look).

Areas
-----
``area_code`` is as written: ``E92000001`` for England, a region code (``E12...``, or ``E13...``
for inner and outer London), or a council's ONS code. Some workforce rows are shared by two
councils that run children's services together ("940 / 941", "E06000061 / E06000062"): the codes
are split into ``la_numbers`` and ``ons_codes`` has both councils. ``ons_codes`` is resolved through
the LA number (the stable key: the workforce CSV already uses Barnsley's and Sheffield's 2024
codes E08000038/E08000039 where the other releases use E08000016/E08000019); for a former council
(Cumbria, Northamptonshire, still present with ``z`` values in the looked-after children files)
it is that council's own code and ``current`` is False.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ._io import read_csv
from .councils import Council, CouncilList, _year_end
from .errors import NationalDataError

MISSING_MARKERS = {"c", "x", "z", "u", "low", "k", "..", ":", ""}

LEVELS = {"national": "national", "regional": "regional", "local authority": "local_authority"}


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str  # "percent" | "count" | "rate" | "ratio"
    higher_is_better: bool
    source_file: str
    column: str  # the CSV column the value comes from
    filters: tuple[tuple[str, str], ...] = ()  # (column, value) the row must have
    definition: str = ""


@dataclass(frozen=True)
class IndicatorValue:
    indicator_code: str
    geographic_level: str  # "national" | "regional" | "local_authority"
    area_code: str  # as written: "E92000001", "E12000007", "E09000029", "E06000061 / E06000062"
    area_name: str
    year_label: str  # time_period as written: "2025"
    year_end: int  # 2025
    value: Decimal | None
    missing_reason: str | None  # "c", "x", "z", "u", "low", "k", "blank"; None when there is a value
    la_numbers: tuple[str, ...] = ()  # ("319",), ("940", "941")
    ons_codes: tuple[str, ...] = ()  # resolved council codes (empty for national/regional)
    current: bool = True  # False if the area is a former council
    time_identifier: str = ""  # "Reporting year"
    source_row: int = 0  # line in the CSV


@dataclass(frozen=True)
class IndicatorFile:
    source_file: str
    indicators: tuple[Indicator, ...]
    values: tuple[IndicatorValue, ...]
    unmatched: tuple[str, ...]  # LA rows whose LA number is no known council, described

    def value(self, indicator: str, area_code: str, year_end: int) -> IndicatorValue | None:
        """The value for an area (ONS code as written, region code or England) and year."""
        for v in self.values:
            if (
                v.indicator_code == indicator
                and v.year_end == year_end
                and (v.area_code == area_code or area_code in v.ons_codes)
            ):
                return v
        return None


@dataclass(frozen=True)
class _FileSpec:
    name: str
    signature: tuple[str, ...]  # columns that identify the file
    indicators: tuple[Indicator, ...]
    min_rows: int


def _spec(name, signature, min_rows, *indicators):
    return _FileSpec(name, signature, tuple(indicators), min_rows)


FILE_SPECS = (
    _spec(
        "children in need referrals and re-referrals (c1)",
        ("rereferral_percent", "referral_count"),
        1500,
        Indicator(
            "rereferral_rate",
            "Re-referrals within 12 months of a previous referral",
            "percent",
            False,
            "c1_children_in_need_referrals_and_rereferrals",
            "rereferral_percent",
            definition="Percentage of referrals in the year that were within 12 months of a previous referral.",
        ),
    ),
    _spec(
        "child protection plans: second or subsequent plan (d3)",
        ("CPP_subsequent_percent",),
        1500,
        Indicator(
            "cpp_subsequent_plan",
            "Child protection plans that are a second or subsequent plan",
            "percent",
            False,
            "d3_cpps_subsequent_plan",
            "CPP_subsequent_percent",
            definition="Percentage of child protection plans starting in the year that were a second or "
            "subsequent plan (at any time).",
        ),
    ),
    _spec(
        "children's social work workforce indicators (csww)",
        ("turnover_rate_fte", "agency_rate_fte", "vacancy_rate_fte", "caseload_fte"),
        1000,
        Indicator(
            "sw_turnover_rate",
            "Children's social worker turnover rate (FTE)",
            "percent",
            False,
            "csww_indicators",
            "turnover_rate_fte",
        ),
        Indicator(
            "sw_agency_rate",
            "Agency children's social worker rate (FTE)",
            "percent",
            False,
            "csww_indicators",
            "agency_rate_fte",
        ),
        Indicator(
            "sw_vacancy_rate",
            "Children's social worker vacancy rate (FTE)",
            "percent",
            False,
            "csww_indicators",
            "vacancy_rate_fte",
        ),
        Indicator(
            "sw_caseload",
            "Average caseload per case-holding children's social worker (FTE)",
            "ratio",
            False,
            "csww_indicators",
            "caseload_fte",
            definition="Cases held divided by FTE case-holding social workers.",
        ),
    ),
    _spec(
        "looked after children: placement stability",
        ("cla_group", "placement_stability", "children_percent"),
        3000,
        Indicator(
            "placement_moves_3_plus",
            "Children looked after with 3 or more placements during the year",
            "percent",
            False,
            "la_cla_placement_stability",
            "children_percent",
            (("cla_group", "CLA on 31 March"), ("placement_stability", "With 3 or more placements during the year")),
        ),
        Indicator(
            "placement_long_term",
            "Children looked after for 2.5 years or more, aged under 16, living "
            "with the same carer for at least 2 years",
            "percent",
            True,
            "la_cla_placement_stability",
            "children_percent",
            (
                (
                    "cla_group",
                    "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years",
                ),
                ("placement_stability", "Living with the same carer for at least 2 years"),
            ),
        ),
    ),
    _spec(
        "care leavers' activity",
        ("care_leaver_age", "breakdown", "care_leaver_percent"),
        10000,
        Indicator(
            "care_leavers_eet_19_21",
            "Care leavers aged 19 to 21 in education, employment or training",
            "percent",
            True,
            "la_care_leavers_activity",
            "care_leaver_percent",
            (("care_leaver_age", "19 to 21 years"), ("breakdown", "Total in education, employment or training")),
        ),
    ),
)

_COMMON = ("time_period", "geographic_level", "region_code", "new_la_code", "old_la_code", "la_name")


def _which(path: Path) -> _FileSpec:
    """The spec whose signature columns the file's header has (read from the first line only)."""
    with open(path, "rb") as handle:
        first = handle.readline(65536)
    text = first.decode("utf-8-sig", "replace")
    header = {h.strip().strip('"') for h in text.strip().split(",")}
    for spec in FILE_SPECS:
        if all(c in header for c in spec.signature):
            return spec
    return None


def read_indicator_file(path: str | Path, councils: CouncilList | None = None) -> IndicatorFile:
    """The indicators of one DfE CSV (c1, d3, csww, placement stability or care leavers).

    ``councils`` resolves LA numbers to ONS codes; by default the councils of the vendored files.
    """
    path = Path(path)
    if councils is None:
        from .readers import load_councils

        councils = load_councils()
    spec = _which(path) if path.is_file() else None
    if spec is None:
        # Let the generic checks name the problem (wrong kind, empty...) before "unknown file".
        read_csv(path, (), 0)
        raise NationalDataError(
            path,
            "is not one of the DfE files this reader knows (c1 referrals, d3 child protection plans, csww "
            "workforce, placement stability, care leavers): its header has none of their indicator columns",
        )
    columns = (
        _COMMON + tuple({i.column for i in spec.indicators}) + tuple({c for i in spec.indicators for c, _ in i.filters})
    )
    _, rows = read_csv(path, columns, spec.min_rows)
    values: list[IndicatorValue] = []
    unmatched: list[str] = []
    levels_seen = set()
    for line, row in enumerate(rows, start=2):
        level = LEVELS.get(row["geographic_level"].strip().casefold())
        if level is None:
            continue  # other geographies (e.g. local authority district) are not read
        levels_seen.add(level)
        for indicator in spec.indicators:
            if any(row[c].strip() != v for c, v in indicator.filters):
                continue
            values.append(_value(path, line, row, level, indicator, councils, unmatched))
    missing_levels = {"national", "local_authority"} - levels_seen
    if missing_levels:
        raise NationalDataError(path, f"has no {' or '.join(sorted(missing_levels))} rows")
    for indicator in spec.indicators:
        if not any(v.indicator_code == indicator.code for v in values):
            filters = ", ".join(f"{c} = {v!r}" for c, v in indicator.filters)
            raise NationalDataError(path, f"has no rows for {indicator.name} ({filters or indicator.column})")
    if len(set(unmatched)) > 5:
        raise NationalDataError(
            path,
            f"{len(set(unmatched))} local authorities are not known councils: "
            + "; ".join(sorted(set(unmatched))[:10]),
        )
    indicators = tuple(
        Indicator(i.code, i.name, i.unit, i.higher_is_better, path.name, i.column, i.filters, i.definition)
        for i in spec.indicators
    )
    return IndicatorFile(path.name, indicators, tuple(values), tuple(sorted(set(unmatched))))


def _value(path, line, row, level, indicator, councils, unmatched) -> IndicatorValue:
    raw = row[indicator.column].strip()
    value, reason = None, None
    if raw.casefold() in MISSING_MARKERS:
        reason = raw.casefold() or "blank"
    else:
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            raise NationalDataError(
                path,
                f"line {line}, column {indicator.column!r}: {raw!r} is neither a number nor a known "
                "missing-value marker (c, x, z, u, low, k, blank)",
            ) from None
        if not value.is_finite():
            raise NationalDataError(path, f"line {line}, column {indicator.column!r}: {raw!r} is not a number")
    la_numbers: tuple[str, ...] = ()
    ons_codes: tuple[str, ...] = ()
    current = True
    if level == "national":
        code, name = row.get("country_code", "").strip() or "E92000001", row.get("country_name", "").strip()
    elif level == "regional":
        code, name = row["region_code"].strip(), row["region_name"].strip()
    else:
        code, name = row["new_la_code"].strip(), row["la_name"].strip()
        la_numbers = tuple(p.strip() for p in re.split(r"\s*/\s*", row["old_la_code"].strip()) if p.strip())
        written_codes = tuple(p.strip() for p in re.split(r"\s*/\s*", code) if p.strip())
        resolved = []
        for position, number in enumerate(la_numbers):
            council = councils.by_la_number(number)
            if council is None and position < len(written_codes):
                council = councils.by_ons_code(written_codes[position])
            if council is None:
                unmatched.append(f"{name} ({row['old_la_code']}, {code})")
                continue
            resolved.append(council.ons_code)
            current = current and isinstance(council, Council)
        ons_codes = tuple(resolved)
    return IndicatorValue(
        indicator_code=indicator.code,
        geographic_level=level,
        area_code=code,
        area_name=name,
        year_label=row["time_period"].strip(),
        year_end=_year_end(path, row["time_period"]),
        value=value,
        missing_reason=reason,
        la_numbers=la_numbers,
        ons_codes=ons_codes,
        current=current,
        time_identifier=row.get("time_identifier", "").strip(),
        source_row=line,
    )
