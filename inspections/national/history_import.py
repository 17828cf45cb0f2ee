"""Loading the Ofsted inspection history (the 2023 sheet and the 2025 ILACS sheet, combined) into
inspections and judgements, checked against the seed documents' records."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from inspections import headlines, services
from inspections.models import (
    Framework,
    Inspection,
    Judgement,
)

from . import services as national_services
from .combine import CombinedHistory, combine_histories
from .errors import NationalDataError
from .history import (
    InspectionHistory,
    InspectionRecord,
    read_ilacs_history_2025,
    read_inspection_history_2023,
)
from .loaders import (
    _SILENT,
    ImportResult,
    Progress,
    _check_unmatched,
    _checksum,
    _councils_by_code,
    _record_run,
    council_list_from_db,
)

# --- inspection history ---------------------------------------------------------------------


def _judgement_place(record: InspectionRecord, section: str) -> tuple[str | None, str]:
    """(section name or None, area) a national judgement is stored under."""
    if record.framework == "SLAC":
        return section, "Overall effectiveness"
    return None, section


def _title(framework: str, variant: str, sections: list[str]) -> str:
    if variant == "re-inspection":
        if framework == "SLAC" and len(sections) == 1:
            return f"SLAC re-inspection of {sections[0][0].lower()}{sections[0][1:]}"
        return f"{framework} re-inspection"
    if variant:
        return f"{framework} {variant} inspection"
    return f"{framework} inspection"


def _words(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in (text or "").lower()).split())


def _seed_counterpart(judgements: list[Judgement], section: str | None, area: str) -> Judgement | None:
    """The judgement of a document/manual inspection that states what the release's judgement states."""
    wanted = _words(section or area)
    found = [j for j in judgements if wanted and wanted in _words(f"{j.section.name if j.section else ''} {j.area}")]
    if section:  # SLAC: the overall judgement of that section
        found = [j for j in found if headlines.is_overall(j.area)] or found
    elif wanted == "overall effectiveness":
        found = [j for j in found if j.section is None] or found
    return found[0] if found else None


def import_inspection_history(
    history_2023_path=None, ilacs_2025_path=None, *, progress: Progress = _SILENT
) -> ImportResult:
    if not history_2023_path and not ilacs_2025_path:
        raise NationalDataError(None, "give the 2023 Ofsted underlying data, the 2025 inspection outcomes, or both")
    councils = council_list_from_db()
    empty = InspectionHistory((), ())
    h2023 = read_inspection_history_2023(history_2023_path, councils) if history_2023_path else empty
    h2025 = read_ilacs_history_2025(ilacs_2025_path, councils) if ilacs_2025_path else empty
    combined: CombinedHistory = combine_histories(h2023, h2025)
    names = ", ".join(Path(p).name for p in (history_2023_path, ilacs_2025_path) if p)
    result = ImportResult("inspection_history", names)
    started = timezone.now()
    with transaction.atomic():
        frameworks = {f.code: f for f in Framework.objects.all()}
        if not {"SLAC", "CPI", "TLAC", "SIF", "ILACS"} <= frameworks.keys():
            frameworks = services.frameworks_sync()
        grade = national_services.Grades()

        by_code = _councils_by_code()
        unmatched = [
            f"{u.source_sheet} row {u.source_row} {u.name_as_written!r}: {u.reason}" for u in combined.unmatched
        ]
        groups: dict[tuple, list[InspectionRecord]] = defaultdict(list)
        for record in combined.inspections:
            result.read += 1
            council = by_code.get(record.council.ons_code or "")
            if council is None:
                if record.council.ons_code:
                    unmatched.append(
                        f"{record.source_sheet} row {record.source_row} {record.council.name_as_written!r}"
                    )
                result.skipped["the council is not in the database"] += 1
                continue
            if not record.judgements:
                result.skipped["a publication date with no judgement"] += 1
                continue
            groups[(council, record.framework, record.publication_date)].append(record)
        _check_unmatched(result, names, unmatched)
        merged = sum(len(rs) - 1 for rs in groups.values())
        if merged:
            result.messages.append(
                f"{merged} record(s) published the same day as another of the same council and "
                "framework were merged into that inspection (e.g. two SLAC re-inspections)"
            )
        for conflict in combined.conflicts:
            result.messages.append(
                f"ILACS {conflict.ons_code} {conflict.publication_date}: {conflict.section} is "
                f"{conflict.grade_2023!r} in the 2023 sheet and {conflict.grade_2025!r} in the 2025 sheet (2025 kept)"
            )
        not_judged = sum(len(r.not_judged) for rs in groups.values() for r in rs)
        if not_judged:
            result.messages.append(f"{not_judged} area(s) marked '-' (not judged) were not stored as judgements")

        existing = {
            (i.council_id, i.framework_id, i.published): i
            for i in Inspection.objects.filter(
                framework__code__in=["SLAC", "CPI", "TLAC", "SIF", "ILACS"]
            ).prefetch_related("judgements__section", "sections")
        }
        new_inspections = []
        for (council, code, published), records in progress("inspections", list(groups.items())):
            framework = frameworks[code]
            desired: list[national_services.JudgementRow] = []
            for record in records:
                for judgement in record.judgements:
                    section, area = _judgement_place(record, judgement.section)
                    desired.append(
                        national_services.JudgementRow(
                            section, area, judgement.grade_as_written, len(desired) + 1, record.source_row
                        )
                    )
            variants = sorted({r.variant for r in records})
            variant = variants[0] if len(variants) == 1 else ", ".join(variants)
            sections = [j.section for r in records for j in r.judgements]
            fields = {
                "variant": variant,
                "title": _title(code, variant, sections),
                "fieldwork_start": min((r.inspection_date for r in records if r.inspection_date), default=None),
                "source_name": "; ".join(
                    sorted({f"Ofsted, {r.source_file}, sheet {r.source_sheet} row {r.source_row}" for r in records})
                )[:300],
            }
            inspection = existing.get((council.pk, framework.pk, published))
            if inspection is not None and inspection.source != Inspection.Source.NATIONAL_DATA:
                result.skipped["an inspection entered from a document or by hand exists (its version kept)"] += 1
                result.seed_differences += _compare_with_seed(inspection, council, code, published, desired, grade)
                continue
            if inspection is None:
                inspection = Inspection(
                    council=council,
                    framework=framework,
                    published=published,
                    source=Inspection.Source.NATIONAL_DATA,
                    **fields,
                )
                new_inspections.append((inspection, desired))
                result.created += 1
                continue
            changed = [k for k, v in fields.items() if getattr(inspection, k) != v]
            for k in changed:
                setattr(inspection, k, fields[k])
            if changed:
                inspection.save(update_fields=changed)
            if national_services.national_judgements_sync(inspection=inspection, rows=desired, grades=grade) or changed:
                result.updated += 1
            else:
                result.unchanged += 1

        national_services.national_inspections_create(inspections=new_inspections, grades=grade)
        in_release = {(c.pk, frameworks[code].pk, published) for c, code, published in groups}
        read_frameworks = {frameworks[c].pk for c in _frameworks_read(history_2023_path, ilacs_2025_path)}
        left = [
            key
            for key, i in existing.items()
            if i.source == Inspection.Source.NATIONAL_DATA and key not in in_release and key[1] in read_frameworks
        ]
        if left:
            result.messages.append(
                f"{len(left)} inspection(s) imported from an earlier release are not in this one (left as they are)"
            )
        _record_run(result, _checksum(history_2023_path, ilacs_2025_path), started)
    return result


def _frameworks_read(history_2023_path, ilacs_2025_path) -> set[str]:
    return ({"SLAC", "CPI", "TLAC", "SIF", "ILACS"} if history_2023_path else set()) | (
        {"ILACS"} if ilacs_2025_path else set()
    )


def _compare_with_seed(inspection: Inspection, council, code, published, desired, grade) -> list[str]:
    judgements = list(inspection.judgements.all())
    where = f"{council.short_name} {code} {published:%-d %B %Y}"
    out = []
    for row in desired:
        section, area, text = row.section, row.area, row.grade_as_written
        grade_stated = grade(inspection.framework, text)
        label = f"{section}: {area}" if section else area
        seed = _seed_counterpart(judgements, section, area)
        if seed is None:
            out.append(
                f"{where}: the release has {label} {text!r}; the {inspection.get_source_display().lower()} "
                "has no such judgement"
            )
        elif seed.grade_as_written.strip() != text.strip() or seed.level != grade_stated.level:
            same = (
                "same level"
                if seed.level == grade_stated.level
                else f"a DIFFERENT level: {seed.get_level_display()} kept, release says "
                f"{grade_stated.get_level_display()}"
            )
            seed_label = f"{seed.section.name}: {seed.area}" if seed.section else seed.area
            out.append(
                f"{where}: {seed_label} is {seed.grade_as_written!r} in the "
                f"{inspection.get_source_display().lower()}; the release restates it as {text!r} ({same})"
            )
    return out
