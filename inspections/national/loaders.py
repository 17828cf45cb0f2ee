"""Loaders: the national readers' records into the database.

One function per kind of release, each idempotent and in one transaction (a failure leaves the
database as it was), each returning an :class:`ImportResult` (rows read, created, updated,
unchanged, skipped and why, and messages a person should read) and recording an
:class:`~inspections.models.ImportRun`.

Decisions
---------
* **Councils**: the 153 current councils, plus the five former ones (Bournemouth, Poole, Dorset
  county, Northamptonshire, Cumbria) with ``is_current=False`` so that their inspection history,
  indicator values and 2021 neighbour sets are kept. Matched on the ONS code, then an earlier ONS
  code, then the LA number (so a council whose code changed is updated in place). An existing
  council keeps its name, short name and slug (the demo loader's "London Borough of Sutton"); the
  release's names go to ``national_name``/``dfe_name``. A London borough's DfE region (Inner or
  Outer London, E13) is stored as London (E12000007), the region the other releases compare with.
* **Inspections**: one per (council, framework, publication date); two records of the same day
  (Warrington's and Cornwall's two SLAC re-inspections of 25 February 2011) become one inspection
  with both sections. An inspection that exists with source ``document`` or ``manual`` is never
  touched: the council's version wins and every difference from the release is reported.
  National-data inspections are updated in place (their judgements made to match the release).
* **Shared workforce rows** ("940 / 941", "314 / 318"): stored once for each of the two councils,
  under its own ONS code, with ``shared_area_code`` saying the figure is their joint one. If a file
  has both a council's own row and a joint row for the same year, its own row wins.
* Rows that match no council are skipped and reported (the readers already fail on more than five).
"""

from __future__ import annotations

import datetime
import hashlib
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from inspections.models import (
    Council as CouncilModel,
)
from inspections.models import (
    ImportRun,
    PublishedIndicator,
    PublishedValue,
    StatisticalNeighbour,
)

from .councils import Council, CouncilList, FormerCouncil, read_councils
from .errors import NationalDataError
from .indicators import FILE_SPECS, read_indicator_file
from .neighbours import read_statistical_neighbours

MAX_UNMATCHED = 5
LONDON = ("E12000007", "London")
KINDS = {
    "E06": CouncilModel.Kind.UNITARY,
    "E08": CouncilModel.Kind.METROPOLITAN_DISTRICT,
    "E09": CouncilModel.Kind.LONDON_BOROUGH,
    "E10": CouncilModel.Kind.COUNTY,
}
INDICATOR_ORDER = [i.code for spec in FILE_SPECS for i in spec.indicators]


# --- results and progress -------------------------------------------------------------------


@dataclass
class ImportResult:
    kind: str
    file_name: str
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    messages: list[str] = field(default_factory=list)
    seed_differences: list[str] = field(default_factory=list)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def summary(self) -> list[str]:
        lines = [
            f"{self.kind} from {self.file_name}: {self.read} rows read, {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged, {self.skipped_total} skipped"
        ]
        lines += [f"  skipped {n}: {reason}" for reason, n in sorted(self.skipped.items())]
        lines += [f"  {m}" for m in self.messages]
        if self.seed_differences:
            lines.append(
                f"  {len(self.seed_differences)} difference(s) from inspections entered from documents "
                "or by hand (their version kept):"
            )
            lines += [f"    {d}" for d in self.seed_differences]
        return lines


class Progress:
    """A plain progress counter on a stream (stderr): "label: 120/663"; silent when disabled."""

    def __init__(self, stream=None, enabled: bool = True):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled

    def __call__(self, label: str, items, total: int | None = None):
        items = list(items) if total is None else items
        total = len(items) if total is None else total
        every = max(1, total // 20)
        for index, item in enumerate(items, start=1):
            yield item
            if self.enabled and (index % every == 0 or index == total):
                self.stream.write(f"\r{label}: {index}/{total}")
                if index == total:
                    self.stream.write("\n")
                self.stream.flush()


_SILENT = Progress(enabled=False)


def _checksum(*paths) -> str:
    digest = hashlib.sha256()
    for path in paths:
        if path:
            digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def _record_run(result: ImportResult, checksum: str, started) -> None:
    ImportRun.objects.create(
        kind=result.kind,
        file_name=result.file_name[:500],
        checksum=checksum,
        started_at=started,
        finished_at=timezone.now(),
        rows_read=result.read,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        skipped=result.skipped_total,
        messages=result.summary()[1:],
    )


# --- councils -------------------------------------------------------------------------------


def _region(code: str, name: str) -> tuple[str, str]:
    return LONDON if code.startswith("E13") else (code, name)


def _unique(base: str, taken: set[str], suffix: str) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base} {suffix}" if n == 2 else f"{base} {suffix} {n}"
        n += 1
    return candidate


def import_councils(
    ofsted_2025_path, dfe_csv_path, history_2023_path=None, *, progress: Progress = _SILENT
) -> ImportResult:
    councils = read_councils(ofsted_2025_path, dfe_csv_path, history_2023_path)
    names = ", ".join(Path(p).name for p in (ofsted_2025_path, dfe_csv_path, history_2023_path) if p)
    result = ImportResult("councils", names)
    started = timezone.now()
    with transaction.atomic():
        existing = list(CouncilModel.objects.select_for_update())
        by_ons = {c.ons_code: c for c in existing}
        for c in existing:
            for code in c.previous_ons_codes or ():
                by_ons.setdefault(code, c)
        by_number = {c.la_number: c for c in existing if c.la_number}
        taken_names = {c.name for c in existing}
        taken_slugs = {c.slug for c in existing}
        region_of = {}
        seen = set()

        def save(record, values: dict, name: str, short_name: str, slug_base: str):
            council = by_ons.get(record.ons_code) or by_number.get(record.la_number)
            if council is None and isinstance(record, Council):
                council = next((by_ons[c] for c in record.previous_ons_codes if c in by_ons), None)
            values = {"ons_code": record.ons_code, "la_number": record.la_number, **values}
            if values["abolished"]:
                values["abolished"] = datetime.date.fromisoformat(values["abolished"])
            if council is None:
                name = _unique(name, taken_names, f"({record.ons_code})")
                base = slugify(slug_base)[:90] or record.ons_code.lower()
                slug, n = base, 2
                while slug in taken_slugs:
                    slug, n = f"{base}-{n}", n + 1
                taken_names.add(name)
                taken_slugs.add(slug)
                council = CouncilModel.objects.create(name=name, short_name=short_name, slug=slug, **values)
                result.created += 1
            else:
                changed = [k for k, v in values.items() if getattr(council, k) != v]
                if changed:
                    for k in changed:
                        setattr(council, k, values[k])
                    council.save(update_fields=changed)
                    result.updated += 1
                else:
                    result.unchanged += 1
            seen.add(council.pk)
            return council

        for record in progress("councils", councils.councils):
            result.read += 1
            region_code, region = _region(record.region_code, record.region_name)
            region_of[record.ons_code] = (region_code, region)
            save(
                record,
                {
                    "kind": KINDS[record.ons_code[:3]],
                    "region": region,
                    "region_code": region_code,
                    "ofsted_region": record.ofsted_region,
                    "national_name": record.name,
                    "dfe_name": record.dfe_name,
                    "is_current": True,
                    "abolished": None,
                    "previous_ons_codes": list(record.previous_ons_codes),
                    "successor_ons_codes": [],
                },
                record.name,
                record.name,
                record.name,
            )
        for record in progress("former councils", councils.former):
            result.read += 1
            region_code, region = next((region_of[c] for c in record.successor_ons_codes if c in region_of), ("", ""))
            year = (record.abolished or str(record.last_reporting_year))[:4]
            label = f"{record.name} (until {year})"
            save(
                record,
                {
                    "kind": KINDS.get(record.ons_code[:3], CouncilModel.Kind.UNITARY),
                    "region": region,
                    "region_code": region_code,
                    "ofsted_region": "",
                    "national_name": record.name,
                    "dfe_name": record.name,
                    "is_current": False,
                    "abolished": record.abolished,
                    "previous_ons_codes": [],
                    "successor_ons_codes": list(record.successor_ons_codes),
                },
                f"{record.name} (former council, abolished {year})",
                label,
                f"{record.name} {year}",
            )
        stale = [c for c in existing if c.pk not in seen and c.national_name]
        if stale:
            result.messages.append(
                f"{len(stale)} council(s) from an earlier release are not in this one (left as they are): "
                + ", ".join(c.name for c in stale)
            )
        result.messages.append(
            f"{len(councils)} current councils and {len(councils.former)} former councils "
            "(kept for their history) in this release"
        )
        _record_run(result, _checksum(ofsted_2025_path, dfe_csv_path, history_2023_path), started)
    return result


def council_list_from_db() -> CouncilList:
    """The councils in the database as the readers' :class:`CouncilList` (to match release rows)."""
    current, former = [], []
    for c in CouncilModel.objects.exclude(la_number=None).exclude(national_name="").order_by("ons_code"):
        if c.is_current:
            current.append(
                Council(
                    ons_code=c.ons_code,
                    la_number=c.la_number,
                    name=c.national_name,
                    dfe_name=c.dfe_name or c.name,
                    ofsted_region=c.ofsted_region,
                    region_code=c.region_code,
                    region_name=c.region,
                    authority_type=c.kind,
                    previous_ons_codes=tuple(c.previous_ons_codes or ()),
                )
            )
        else:
            former.append(
                FormerCouncil(
                    ons_code=c.ons_code,
                    la_number=c.la_number,
                    name=c.national_name,
                    last_reporting_year=0,
                    abolished=c.abolished.isoformat() if c.abolished else None,
                    successor_ons_codes=tuple(c.successor_ons_codes or ()),
                )
            )
    if not current:
        raise NationalDataError(
            None, "there are no councils from the national releases in the database: run import_councils first"
        )
    return CouncilList(tuple(current), tuple(former))


def _councils_by_code() -> dict[str, CouncilModel]:
    out = {}
    for c in CouncilModel.objects.all():
        out[c.ons_code] = c
        for code in c.previous_ons_codes or ():
            out.setdefault(code, c)
    return out


def _check_unmatched(result: ImportResult, path, unmatched: list[str]) -> None:
    if unmatched:
        result.messages.append(f"{len(unmatched)} row(s) match no council (skipped): " + "; ".join(unmatched[:10]))
    if len(unmatched) > MAX_UNMATCHED:
        raise NationalDataError(
            path,
            f"{len(unmatched)} rows match no council in the database (more than "
            f"{MAX_UNMATCHED}; is this the right file, and are the councils imported?): " + "; ".join(unmatched[:10]),
        )


# --- indicators -----------------------------------------------------------------------------

_Q = Decimal("0.0001")


def import_indicators(path, *, progress: Progress = _SILENT) -> ImportResult:
    councils = council_list_from_db()
    data = read_indicator_file(path, councils)
    result = ImportResult("indicators", Path(path).name)
    started = timezone.now()
    with transaction.atomic():
        indicators = {}
        for spec in data.indicators:
            values = {
                "name": spec.name,
                "definition": spec.definition,
                "unit": spec.unit,
                "higher_is_better": spec.higher_is_better,
                "source_file": spec.source_file,
                "order": INDICATOR_ORDER.index(spec.code) + 1 if spec.code in INDICATOR_ORDER else 99,
            }
            indicator, created = PublishedIndicator.objects.get_or_create(code=spec.code, defaults=values)
            if not created and any(getattr(indicator, k) != v for k, v in values.items()):
                PublishedIndicator.objects.filter(pk=indicator.pk).update(**values)
            indicators[spec.code] = indicator
        by_code = _councils_by_code()
        existing = {
            (v.indicator_id, v.area_code, v.year_end): v
            for v in PublishedValue.objects.filter(indicator__in=indicators.values())
        }
        seen: dict[tuple, bool] = {}  # key -> was a shared row
        to_create, to_update, unmatched = {}, {}, []
        # A council's own row before any joint row for the same year.
        ordered = sorted(data.values, key=lambda v: len(v.ons_codes) > 1)
        for value in progress(f"values ({Path(path).name})", ordered):
            result.read += 1
            indicator = indicators[value.indicator_code]
            amount = value.value.quantize(_Q) if value.value is not None else None
            rows = []
            if value.geographic_level == "local_authority":
                if not value.ons_codes:
                    unmatched.append(f"line {value.source_row} {value.area_name} ({value.area_code})")
                    result.skipped["the local authority is not a known council"] += 1
                    continue
                shared = value.area_code if len(value.ons_codes) > 1 else ""
                for code in value.ons_codes:
                    council = by_code.get(code)
                    if council is None:
                        unmatched.append(f"line {value.source_row} {value.area_name} ({code})")
                        continue
                    rows.append((council, council.ons_code, shared))
            else:
                rows.append((None, value.area_code, ""))
            for council, area_code, shared in rows:
                key = (indicator.pk, area_code, value.year_end)
                if key in seen:
                    result.skipped[
                        "a council's own row and a joint row for the same year (own row kept)"
                        if shared
                        else "the same area and year twice in the file (first kept)"
                    ] += 1
                    continue
                seen[key] = bool(shared)
                fields = {
                    "geographic_level": value.geographic_level,
                    "council": council,
                    "area_name": value.area_name[:200],
                    "shared_area_code": shared,
                    "year_label": value.year_label,
                    "value": amount,
                    "missing_reason": value.missing_reason or "",
                }
                current = existing.get(key)
                if current is None:
                    to_create[key] = PublishedValue(
                        indicator=indicator, area_code=area_code, year_end=value.year_end, **fields
                    )
                elif any(
                    getattr(current, "council_id" if k == "council" else k)
                    != (v.pk if k == "council" and v is not None else v)
                    for k, v in fields.items()
                ):
                    for k, v in fields.items():
                        setattr(current, k, v)
                    to_update[key] = current
                else:
                    result.unchanged += 1
        _check_unmatched(result, path, unmatched)
        PublishedValue.objects.bulk_create(to_create.values(), batch_size=2000)
        PublishedValue.objects.bulk_update(
            to_update.values(),
            ["geographic_level", "council", "area_name", "shared_area_code", "year_label", "value", "missing_reason"],
            batch_size=1000,
        )
        result.created, result.updated = len(to_create), len(to_update)
        missing = Counter(v.missing_reason for v in data.values if v.missing_reason)
        if missing:
            result.messages.append(
                "stored as missing (never zero): "
                + ", ".join(f"{n} marked {reason!r}" for reason, n in sorted(missing.items()))
            )
        shared = sum(1 for v in data.values if len(v.ons_codes) > 1)
        if shared:
            result.messages.append(f"{shared} joint row(s) for two councils stored under each of them")
        left = len(set(existing) - set(seen))
        if left:
            result.messages.append(f"{left} value(s) from an earlier release are not in this one (left as they are)")
        _record_run(result, _checksum(path), started)
    return result


# --- statistical neighbours -----------------------------------------------------------------


def import_statistical_neighbours(path, *, progress: Progress = _SILENT) -> ImportResult:
    councils = council_list_from_db()
    data = read_statistical_neighbours(path, councils)
    result = ImportResult("statistical_neighbours", Path(path).name)
    started = timezone.now()
    with transaction.atomic():
        by_code = _councils_by_code()
        existing = defaultdict(dict)
        for n in StatisticalNeighbour.objects.all():
            existing[n.council_id][n.rank] = (n.neighbour_id, n.closeness, n.source_file)
        unmatched, done, to_create = [], set(), []
        for neighbour_set in progress("neighbour sets", data.sets):
            result.read += len(neighbour_set.neighbours)
            owner = by_code.get(neighbour_set.ons_code or "")
            if owner is None:
                unmatched.append(f"line {neighbour_set.source_row} {neighbour_set.name_as_written}")
                result.skipped["the council is not known"] += len(neighbour_set.neighbours)
                continue
            if owner.pk in done:
                result.skipped["a second set for the same council"] += len(neighbour_set.neighbours)
                continue
            done.add(owner.pk)
            wanted = {}
            for n in neighbour_set.neighbours:
                other = by_code.get(n.ons_code or "")
                if other is None or other.pk == owner.pk:
                    unmatched.append(f"line {neighbour_set.source_row} neighbour {n.rank} ({n.la_number})")
                    result.skipped["the neighbour is not a known council"] += 1
                    continue
                wanted[n.rank] = (other.pk, n.closeness, data.source_file)
            have = existing.get(owner.pk, {})
            if have == wanted:
                result.unchanged += len(wanted)
                continue
            result.created += len(set(wanted) - set(have))
            result.updated += sum(1 for r in wanted if r in have and have[r] != wanted[r])
            StatisticalNeighbour.objects.filter(council=owner).delete()
            to_create += [
                StatisticalNeighbour(council=owner, neighbour_id=pk, rank=rank, closeness=closeness, source_file=source)
                for rank, (pk, closeness, source) in wanted.items()
            ]
        _check_unmatched(result, path, unmatched)
        StatisticalNeighbour.objects.bulk_create(to_create)
        if data.councils_without_set:
            result.messages.append(
                "no set in this file for: "
                + ", ".join(by_code[c].short_name if c in by_code else c for c in data.councils_without_set)
            )
        _record_run(result, _checksum(path), started)
    return result
