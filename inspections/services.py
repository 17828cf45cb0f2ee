"""Writes for councils, frameworks, inspections and notices."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction

from . import grading, rules
from .models import (
    Council,
    Framework,
    FrameworkGrade,
    ImprovementNotice,
    Inspection,
    InspectionSection,
    Judgement,
    NoticeDate,
    NoticeMeasure,
    NoticeTheme,
    Organisation,
    Recommendation,
)


class GradeNotOnScale(ValueError):
    """A grade as written that the framework's scale does not have."""


@transaction.atomic
def frameworks_sync() -> dict[str, Framework]:
    """Create or update every framework and its grade scale from ``grading.FRAMEWORKS``.
    Idempotent: running it again writes nothing (no UPDATE of an unchanged row, so nothing that
    watches the tables, such as the dashboards' versions, sees a change)."""
    result = {}
    for spec in grading.FRAMEWORKS.values():
        framework = _row_sync(
            Framework,
            {"code": spec.code},
            name=spec.name,
            years=spec.years,
            higher_is_better=spec.higher_is_better,
            description=spec.description,
        )
        for grade in spec.grades:
            _row_sync(
                FrameworkGrade, {"framework": framework, "level": grade.level}, label=grade.label, value=grade.value
            )
        result[spec.code] = framework
    return result


def _row_sync(model, lookup: dict, **values):
    """The row of ``model`` that ``lookup`` finds, created with ``values`` or brought up to date
    with them; saved only when a value differs."""
    row, created = model.objects.get_or_create(**lookup, defaults=values)
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if not created and changed:
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=changed)
    return row


def grade_lookup(framework: Framework, grade_as_written: str) -> FrameworkGrade:
    """The framework's grade that ``grade_as_written`` states; raises GradeNotOnScale."""
    grade = grading.grade_for(framework.code, grade_as_written)
    if grade is None:
        raise GradeNotOnScale(f"{grade_as_written!r} is not a grade on the {framework.code} scale")
    return FrameworkGrade.objects.get(framework=framework, level=grade.level)


def section_get_or_create(*, inspection: Inspection, name: str | None) -> InspectionSection | None:
    if not name:
        return None
    section, _ = InspectionSection.objects.get_or_create(
        inspection=inspection, name=name, defaults={"order": inspection.sections.count() + 1}
    )
    return section


def judgement_create(
    *,
    inspection: Inspection,
    area: str,
    grade_as_written: str,
    section: str | None = None,
    order: int = 0,
    source_line: int | None = None,
) -> Judgement:
    judgement = judgement_build(
        inspection=inspection,
        section=section_get_or_create(inspection=inspection, name=section),
        area=area,
        grade=grade_lookup(inspection.framework, grade_as_written),
        grade_as_written=grade_as_written,
        order=order,
        source_line=source_line,
    )
    judgement.save()
    return judgement


def judgement_build(
    *,
    inspection: Inspection,
    section: InspectionSection | None,
    area: str,
    grade: FrameworkGrade,
    grade_as_written: str,
    order: int = 0,
    source_line: int | None = None,
) -> Judgement:
    """An unsaved judgement at ``grade`` (from :func:`grade_lookup`), with the grade's level: for
    :func:`judgement_create` and the national release's bulk writes (inspections.national.services)."""
    return Judgement(
        inspection=inspection,
        section=section,
        area=area,
        grade_as_written=grade_as_written,
        grade=grade,
        level=grade.level,
        order=order,
        source_line=source_line,
    )


def organisation_get_or_create(
    name: str, *, kind: str = Organisation.Kind.OTHER, council: Council | None = None
) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "council": council})
    return organisation


def recommendation_create(
    *,
    inspection: Inspection,
    number: int,
    text: str,
    timescale_as_written: str,
    section: str | None = None,
    bodies: Iterable[Organisation] = (),
    due_date: datetime.date | None = None,
    source_line: int | None = None,
    timescale: str | None = None,
) -> Recommendation:
    """A recommendation with its timescale read from how the report words it (or ``timescale``,
    when the importer or a reviewer has decided it), and the due date that timescale gives (or
    ``due_date`` for timescales the rules cannot date)."""
    timescale = timescale or rules.timescale_from_text(timescale_as_written)
    recommendation = Recommendation.objects.create(
        inspection=inspection,
        section=section_get_or_create(inspection=inspection, name=section),
        number=number,
        text=text,
        timescale=timescale,
        timescale_as_written=timescale_as_written,
        due_date=rules.recommendation_due_date(inspection.published, timescale) or due_date,
        source_line=source_line,
    )
    recommendation.bodies.set(bodies)
    return recommendation


@transaction.atomic
def notice_create(
    *,
    council: Council,
    inspection: Inspection,
    issued: datetime.date,
    title: str,
    dates: Iterable[tuple[str, datetime.date]],
    themes: Iterable[tuple[str, list[str]]],
    source_name: str = "",
) -> ImprovementNotice:
    """Record an improvement notice: its dates (to the day) and its measures under their themes,
    in the order given. The inspection must be the council's own."""
    from django.core.exceptions import ValidationError

    if inspection.council_id != council.pk:
        raise ValidationError({"inspection": "Choose one of this council's inspections"})
    notice = ImprovementNotice.objects.create(
        council=council, inspection=inspection, issued=issued, title=title, source_name=source_name
    )
    for kind, date in dates:
        NoticeDate.objects.create(notice=notice, kind=kind, date=date, precision=NoticeDate.Precision.DAY)
    for order, (theme_title, measures) in enumerate(themes, start=1):
        theme = NoticeTheme.objects.create(notice=notice, title=theme_title, order=order)
        NoticeMeasure.objects.bulk_create(
            NoticeMeasure(theme=theme, number=number, text=text) for number, text in enumerate(measures, start=1)
        )
    return notice
