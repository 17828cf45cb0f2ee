"""Importing an inspection document: read it, check it, and save what the parser extracted.

The parser (:mod:`inspections.parsing`) never touches the database; this module is the Django
side of it, used by the ``import_inspection`` command and the upload-review-confirm page.

Reading (:func:`document_read`) refuses, with a message a person can act on, what cannot be an
inspection document: an empty file, a file over 20 MB, a binary file that is neither a PDF nor
text, a PDF with no text layer (a scan). It then parses with a council lookup over every council
in the database.

Saving (:func:`inspection_import`) happens in one transaction:

* **An inspection report** becomes an ``Inspection`` with its sections, judgements and
  recommendations (bodies named by a recommendation become ``Organisation`` rows; "the council",
  "the authority" and the like are the council itself; lower-case role phrases such as
  "commissioners" stay in the text only).
* **Already imported**: a report whose council, framework and publication date match an
  inspection entered from a document (or by hand) is refused; nothing is changed.
* **Reconciliation with national data**: when the matching inspection came from Ofsted's
  national data, the document's fuller detail is added to that row: title, fieldwork dates, lead
  inspector, variant (when the row has none), source name and file, every recommendation, and
  each judgement the row does not already hold. A document judgement is "already there" when the
  words of a national judgement's section and area are all among the words of the document
  judgement's section and area (the closest such match; "Safeguarding / Overall effectiveness"
  is the document's "Safeguarding services / Overall effectiveness", "Impact of leaders" is
  "The impact of leaders on social work practice ..."). The national judgement is kept as it is
  (its ``source_line`` now points at the document's line); a different level in the document is
  reported as a warning, not silently changed. The row's source becomes ``document``.
* **Multi-inspection documents** (Southwark's 2009 report to its Executive summarises the JAR,
  the APA and the YOT inspection): each part is imported as its own ``Inspection`` of its own
  framework, in the same transaction. A part that states no publication date of its own takes
  the document's date, with a warning, so that it can be corrected on the review page.
* **An improvement notice** becomes an ``ImprovementNotice`` (themes, measures, dates) resting on
  the council's inspection published on the date the notice cites; that inspection must be in the
  product first. A notice carries no publication date in its text as a rule: the issue date must
  then be given (``--published`` on the command, the date field on the review page). A notice for
  the same council and the same issue date, or resting on the same inspection, is refused.
  Month-only dates ("by January 2014") are stored as the month's last day, precision "month".

``dry_run=True`` does all of the above inside the transaction and rolls it back, so every check
(including the database's constraints) runs and nothing is saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import IntegrityError, transaction

from . import rules, services
from .import_errors import (
    AlreadyImported,
    CouncilUnknown,
    DocumentUnreadable,
    ImportRefused,
    NotAnInspection,
    QuestionsLeft,
    describe,
)
from .import_letters import describe_activity, inspection_followed, letter_import
from .import_notices import notice_import
from .import_reading import (
    MAX_BYTES,
    MAX_SIZE_LABEL,
    council_lookup_from_db,
    document_check,
    document_read,
    document_read_upload,
    grade_on_scale,
    result_check,
    result_questions,
)
from .import_review import (
    _day,
    flat_items,
    json_copy,
    overall_given,
    result_from_data,
    result_from_review,
    result_to_data,
)
from .models import (
    Council,
    Framework,
    ImprovementNotice,
    Inspection,
    Judgement,
    NoticeMeasure,
    OfstedActivity,
    Organisation,
)
from .parsing import ParseResult
from .parsing.councils import core_name

__all__ = [
    "MAX_BYTES",
    "MAX_SIZE_LABEL",
    "AlreadyImported",
    "CouncilUnknown",
    "DocumentUnreadable",
    "ImportOutcome",
    "ImportRefused",
    "NotAnInspection",
    "QuestionsLeft",
    "overall_given",
    "council_lookup_from_db",
    "document_check",
    "document_read",
    "document_read_upload",
    "flat_items",
    "inspection_import",
    "json_copy",
    "result_check",
    "result_questions",
    "grade_on_scale",
    "inspection_followed",
    "result_from_data",
    "result_from_review",
    "result_to_data",
    "_day",
]


@dataclass
class ImportOutcome:
    inspections: list[Inspection] = field(default_factory=list)
    notice: ImprovementNotice | None = None
    activity: OfstedActivity | None = None  # a letter between inspections
    reconciled: list[Inspection] = field(default_factory=list)  # rows the national data import made
    messages: list[str] = field(default_factory=list)
    dry_run: bool = False

    saved: list[str] = field(default_factory=list)  # one line per inspection or notice

    @property
    def summary(self) -> str:
        return "; ".join(self.saved)


def inspection_import(
    *,
    result: ParseResult,
    council: Council,
    file=None,
    user=None,
    dry_run: bool = False,
    follows: Inspection | None = None,
    accept_questions: bool = False,
) -> ImportOutcome:
    """Save what ``result`` holds for ``council`` (see the module docstring for the rules).

    ``file``: the document (a ``django.core.files.File`` or a path) to keep as the inspection's
    ``source_file``; ``user`` is who imported it (named in the messages); ``follows``: for a
    letter, the inspection it follows when a reviewer chose it. Raises ImportRefused, and
    QuestionsLeft when something could not be read with confidence (no overall judgement, a grade
    that is not on its scale) unless ``accept_questions``: the person must give it, not a guess.
    """
    result_check(result, council=council)
    questions = result_questions(result.to_json_dict(include_parts=True))
    if questions and not accept_questions:
        raise QuestionsLeft(questions, result.framework)
    if result.framework and not Framework.objects.filter(code=result.framework).exists():
        services.frameworks_sync()
    outcome = ImportOutcome(dry_run=dry_run)
    try:
        with transaction.atomic():
            if result.activity_kind:
                activity = outcome.activity = letter_import(
                    result=result, council=council, file=None if dry_run else file, follows=follows
                )
                outcome.saved.append(describe_activity(activity))
            elif result.framework == "NOTICE":
                notice = outcome.notice = notice_import(result, council, outcome)
                outcome.saved.append(
                    f"imported the improvement notice to {council.short_name} issued {notice.issued:%-d %B %Y}: "
                    f"{NoticeMeasure.objects.filter(theme__notice=notice).count()} measures under "
                    f"{notice.themes.count()} themes, {notice.dates.count()} dates"
                )
            else:
                parts = [result, *result.parts]
                for part in parts:
                    if part is not result and part.published is None:
                        part.published = result.published
                        if part.published is not None:
                            outcome.messages.append(
                                f"The {part.framework} part states no publication date of its own: the "
                                f"document's date ({part.published:%-d %B %Y}) is used."
                            )
                    if part.title is None:
                        part.title = result.title
                    part.source = part.source or result.source
                    _refuse_if_imported(part, council)
                for part in parts:
                    inspection = _inspection_save(part, council, outcome)
                    outcome.inspections.append(inspection)
                    verb = "added the document's detail to" if inspection in outcome.reconciled else "imported"
                    outcome.saved.append(
                        f"{verb} {describe(inspection)}: {inspection.judgements.count()} judgements, "
                        f"{inspection.recommendations.count()} recommendations"
                    )
                if file is not None and not dry_run:
                    _store_file(outcome.inspections, file, result.source)
            if user is not None and not dry_run:
                outcome.messages.append(f"Imported by {user.get_username()}.")
            if dry_run:
                transaction.set_rollback(True)
    except IntegrityError as exc:
        raise ImportRefused(f"The import was refused by the database ({exc}); nothing was saved.") from exc
    return outcome


def _refuse_if_imported(part: ParseResult, council: Council) -> None:
    if part.published is None:
        raise ImportRefused(f"The {part.framework} report states no publication date. Give the date and try again.")
    existing = Inspection.objects.filter(
        council=council, framework__code=part.framework, published=part.published
    ).first()
    if existing is not None and existing.source != Inspection.Source.NATIONAL_DATA:
        how = ("from " + existing.source_name) if existing.source_name else existing.get_source_display().lower()
        raise AlreadyImported(f"{describe(existing)} is already in the product ({how}). Nothing was saved.")


def _inspection_save(part: ParseResult, council: Council, outcome: ImportOutcome) -> Inspection:
    framework = Framework.objects.get(code=part.framework)
    existing = (
        Inspection.objects.select_for_update()
        .filter(council=council, framework=framework, published=part.published, source=Inspection.Source.NATIONAL_DATA)
        .first()
    )
    source_name = (part.source or "")[:300]
    if existing is None:
        inspection = Inspection.objects.create(
            council=council,
            framework=framework,
            published=part.published,
            variant=part.ilacs_variant or "",
            title=(part.title or f"{framework.name}")[:300],
            fieldwork_start=part.fieldwork_start,
            fieldwork_end=part.fieldwork_end,
            lead_inspector=(part.lead_inspector or "")[:200],
            source=Inspection.Source.DOCUMENT,
            source_name=source_name,
        )
        matched: dict[int, Judgement] = {}
    else:
        inspection = existing
        outcome.reconciled.append(inspection)
        inspection.title = (part.title or inspection.title)[:300]
        inspection.fieldwork_start = part.fieldwork_start or inspection.fieldwork_start
        inspection.fieldwork_end = part.fieldwork_end or inspection.fieldwork_end
        inspection.lead_inspector = (part.lead_inspector or inspection.lead_inspector)[:200]
        inspection.variant = inspection.variant or part.ilacs_variant or ""
        inspection.source = Inspection.Source.DOCUMENT
        inspection.source_name = source_name or inspection.source_name
        inspection.save()
        matched = _match_judgements(list(inspection.judgements.select_related("section")), part.judgements)
        outcome.messages.append(
            f"{describe(inspection)} was in the product from Ofsted's national data: the document's detail "
            f"was added to it ({len(matched)} of its judgements were already there)."
        )

    # sections in document order, after any the row already has
    names = list(
        dict.fromkeys(
            [j.section for j in part.judgements if j.section] + [r.section for r in part.recommendations if r.section]
        )
    )
    for name in names:
        services.section_get_or_create(inspection=inspection, name=name[:300])
    sections = {s.name: s for s in inspection.sections.all()}

    order = max((j.order for j in inspection.judgements.all()), default=0)
    seen = {(j.section_id, j.area) for j in inspection.judgements.all()}
    for index, item in enumerate(part.judgements):
        where = f"line {item.line}: " if item.line else ""
        if index in matched:
            kept = matched[index]
            kept.source_line = item.line or kept.source_line
            kept.save(update_fields=["source_line"])
            if item.level and item.level != kept.level:
                outcome.messages.append(
                    f"{where}the document grades {item.area!r} {item.grade!r}; the national data's "
                    f"{kept.grade_as_written!r} was kept (a different level: check it)."
                )
            continue
        if not grade_on_scale(framework.code, item.grade):  # only saved this way with accept_questions
            outcome.messages.append(
                f"{where}{item.grade!r} is not a grade on the {framework.code} scale: "
                f"the judgement {item.area!r} was not saved."
            )
            continue
        section = sections.get(item.section) if item.section else None
        area = item.area[:300]
        if (section.pk if section else None, area) in seen:
            outcome.messages.append(f"{where}a second judgement of {item.area!r} was not saved.")
            continue
        seen.add((section.pk if section else None, area))
        order += 1
        services.judgement_create(
            inspection=inspection,
            section=section.name if section else None,
            area=area,
            grade_as_written=item.grade[:100],
            order=order,
            source_line=item.line or None,
        )

    number = max((r.number for r in inspection.recommendations.all()), default=0)
    texts = {_words(r.text) for r in inspection.recommendations.all()}
    for item in part.recommendations:
        if _words(item.text) in texts:
            continue
        texts.add(_words(item.text))
        number += 1
        timescale = item.timescale if item.timescale in rules.Timescale.values else rules.Timescale.OTHER
        services.recommendation_create(
            inspection=inspection,
            section=item.section if item.section in sections else None,
            number=number,
            text=item.text,
            timescale=timescale,
            timescale_as_written=(item.timescale_as_written or "")[:100],
            bodies=[b for b in (_organisation_for(name, council) for name in item.bodies) if b is not None],
            source_line=item.line or None,
        )
    return inspection


def _store_file(inspections: list[Inspection], file, name: str | None) -> None:
    """Keep the document with each inspection made from it (one stored copy per inspection,
    through the storage API)."""
    if isinstance(file, (str, Path)):
        path = Path(file)
        with path.open("rb") as fh:
            _store_file(inspections, File(fh, name=name or path.name), name)
        return
    base = Path(name or getattr(file, "name", "") or "document").name
    for inspection in inspections:
        file.seek(0)
        inspection.source_file.save(base, file, save=True)


# --- judgements already there (reconciliation) --------------------------------------------------

_STOP = {"the", "of", "and", "a", "an", "for", "on", "to", "in", "with", "who", "by", "s"}


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower()))


def _tokens(*texts: str) -> set[str]:
    return {w for t in texts for w in re.findall(r"[a-z0-9]+", (t or "").lower()) if w not in _STOP}


def _match_judgements(existing: list[Judgement], found) -> dict[int, Judgement]:
    """{index of a document judgement: the existing judgement that states it}. A pair matches
    when every word of the existing section and area is among the document's; each existing
    judgement takes the closest (fewest extra words) unmatched document judgement."""
    matched: dict[int, Judgement] = {}
    for judgement in existing:
        wanted = _tokens(judgement.section.name if judgement.section else "", judgement.area)
        if not wanted:
            continue
        best = None
        for index, item in enumerate(found):
            if index in matched:
                continue
            have = _tokens(item.section, item.area)
            if wanted <= have and (best is None or len(have) < best[0]):
                best = (len(have), index)
        if best is not None:
            matched[best[1]] = judgement
    return matched


# --- bodies --------------------------------------------------------------------------------------

_COUNCIL_ITSELF = re.compile(r"^the (?:local )?(?:council|authority)\b", re.I)


def _organisation_for(name: str, council: Council) -> Organisation | None:
    """The Organisation a body named by a recommendation is: the council itself for "the council",
    "the authority" ...; a named body (capitalised) as itself; None for lower-case role phrases
    ("commissioners"), which stay in the recommendation's text."""
    name = re.sub(r"\s+", " ", name or "").strip(" .,;:")
    if not name:
        return None
    if _COUNCIL_ITSELF.match(name) or core_name(name) in {core_name(council.name), core_name(council.short_name)}:
        return services.organisation_get_or_create(council.name, kind=Organisation.Kind.COUNCIL, council=council)
    if not name[0].isupper():
        return None
    return services.organisation_get_or_create(
        name[:200], kind=_kind_of(name), council=council if council.short_name in name else None
    )


def _kind_of(name: str) -> str:
    n = name.lower()
    if re.search(r"\blscb\b|safeguarding children board|safeguarding children partnership", n):
        return Organisation.Kind.LSCB
    if re.search(r"\bnhs\b|hospital|\bpct\b|primary care|clinical commissioning|\bccg\b|health|trust\b", n):
        return Organisation.Kind.HEALTH
    if "police" in n:
        return Organisation.Kind.POLICE
    if re.search(r"skills|school|college|education", n):
        return Organisation.Kind.EDUCATION
    if re.search(r"\bcouncil\b|\bborough\b", n):
        return Organisation.Kind.COUNCIL
    return Organisation.Kind.OTHER
