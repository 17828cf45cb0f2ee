"""The national loaders' writes: inspections and judgements from Ofsted's release, many at once.

Each judgement is graded on its framework's scale by ``inspections.services.grade_lookup`` and
built by ``judgement_build`` (the grade's level with it), as one judgement from a document is;
here they are written in bulk (a few statements per thousand rows) so that a full import stays
well under a minute.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from inspections.models import Framework, FrameworkGrade, Inspection, InspectionSection, Judgement
from inspections.services import grade_lookup, judgement_build


@dataclass(frozen=True)
class JudgementRow:
    """One judgement as a release states it."""

    section: str | None
    area: str
    grade_as_written: str
    order: int
    source_line: int | None = None


class Grades:
    """``grade_lookup`` once per framework and grade as written."""

    def __init__(self) -> None:
        self._found: dict[tuple[int, str], FrameworkGrade] = {}

    def __call__(self, framework: Framework, text: str) -> FrameworkGrade:
        key = (framework.pk, text)
        if key not in self._found:
            self._found[key] = grade_lookup(framework, text)
        return self._found[key]


@transaction.atomic
def national_inspections_create(
    *, inspections: Iterable[tuple[Inspection, list[JudgementRow]]], grades: Grades | None = None
) -> list[Inspection]:
    """Save new (unsaved) inspections with their sections and judgements, in bulk."""
    grades = grades or Grades()
    pairs = list(inspections)
    Inspection.objects.bulk_create([inspection for inspection, _ in pairs], batch_size=500)
    sections: dict[tuple[int, str], InspectionSection] = {}
    for inspection, rows in pairs:
        for order, name in enumerate(dict.fromkeys(r.section for r in rows if r.section), start=1):
            sections[(id(inspection), name)] = InspectionSection(inspection=inspection, name=name, order=order)
    InspectionSection.objects.bulk_create(list(sections.values()), batch_size=1000)
    Judgement.objects.bulk_create(
        [
            judgement_build(
                inspection=inspection,
                section=sections[(id(inspection), r.section)] if r.section else None,
                area=r.area,
                grade=grades(inspection.framework, r.grade_as_written),
                grade_as_written=r.grade_as_written,
                order=r.order,
                source_line=r.source_line,
            )
            for inspection, rows in pairs
            for r in rows
        ],
        batch_size=1000,
    )
    return [inspection for inspection, _ in pairs]


@transaction.atomic
def national_judgements_sync(*, inspection: Inspection, rows: list[JudgementRow], grades: Grades | None = None) -> bool:
    """Make a national-data inspection's judgements those the release states (add, regrade,
    reorder, remove); True if anything changed."""
    grades = grades or Grades()
    current = {(j.section.name if j.section else None, j.area): j for j in inspection.judgements.all()}
    sections = {s.name: s for s in inspection.sections.all()}
    changed = False
    wanted = set()
    for r in rows:
        wanted.add((r.section, r.area))
        grade = grades(inspection.framework, r.grade_as_written)
        judgement = current.get((r.section, r.area))
        if judgement is None:
            if r.section and r.section not in sections:
                sections[r.section] = InspectionSection.objects.create(
                    inspection=inspection, name=r.section, order=len(sections) + 1
                )
            judgement_build(
                inspection=inspection,
                section=sections.get(r.section) if r.section else None,
                area=r.area,
                grade=grade,
                grade_as_written=r.grade_as_written,
                order=r.order,
                source_line=r.source_line,
            ).save()
            changed = True
            continue
        wanted_now = judgement_build(
            inspection=inspection,
            section=judgement.section,
            area=r.area,
            grade=grade,
            grade_as_written=r.grade_as_written,
            order=r.order,
            source_line=r.source_line,
        )
        fields = ["grade_as_written", "grade_id", "level", "order", "source_line"]
        if any(getattr(judgement, f) != getattr(wanted_now, f) for f in fields):
            for f in fields:
                setattr(judgement, f, getattr(wanted_now, f))
            judgement.save(update_fields=["grade_as_written", "grade", "level", "order", "source_line"])
            changed = True
    for key, judgement in current.items():
        if key not in wanted:
            judgement.delete()
            changed = True
    return changed
