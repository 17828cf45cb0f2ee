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

import calendar
import datetime
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import IntegrityError, transaction

from . import grading, rules, services
from .models import (
    Council,
    Framework,
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
from .parsing import ParseResult, parse_document
from .parsing.councils import core_name, lookup_from_names

MAX_BYTES = 20 * 1024 * 1024
MAX_SIZE_LABEL = "20 MB"


class ImportRefused(Exception):
    """A document that cannot be imported; ``str(exc)`` is the message to show."""


class DocumentUnreadable(ImportRefused):
    """Empty, too large, binary, or a PDF with no text."""


class NotAnInspection(ImportRefused):
    pass


class CouncilUnknown(ImportRefused):
    pass


class AlreadyImported(ImportRefused):
    pass


@dataclass
class ImportOutcome:
    inspections: list[Inspection] = field(default_factory=list)
    notice: ImprovementNotice | None = None
    reconciled: list[Inspection] = field(default_factory=list)  # rows the national data import made
    messages: list[str] = field(default_factory=list)
    dry_run: bool = False

    saved: list[str] = field(default_factory=list)  # one line per inspection or notice

    @property
    def summary(self) -> str:
        return "; ".join(self.saved)


def _describe(inspection: Inspection) -> str:
    return (f"{inspection.council.short_name}'s {inspection.framework.code} inspection published "
            f"{inspection.published:%-d %B %Y}")


# ----------------------------------------------------------------------------- reading


def council_lookup_from_db():
    """A ``name -> ONS code`` lookup over every council in the database: its name, short name,
    and the names the national releases use, compared without "London Borough of", "Council"..."""
    return lookup_from_names(
        (council.ons_code, (council.name, council.short_name, council.national_name, council.dfe_name))
        for council in Council.objects.all())


def document_check(*, name: str, size: int, head: bytes) -> str:
    """'pdf' or 'text' for a file that may be an inspection document; raises DocumentUnreadable.
    ``head`` is the start of the file (a few KB)."""
    if size == 0 or not head.strip():
        raise DocumentUnreadable(f"{name} is empty: choose the inspection report itself (a PDF or text file).")
    if size > MAX_BYTES:
        raise DocumentUnreadable(
            f"{name} is {size / 1024 / 1024:.1f} MB; the largest file that can be imported is {MAX_SIZE_LABEL}. "
            "Ofsted's reports are well under that: check that this is the report.")
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if name.lower().endswith(".pdf"):
        raise DocumentUnreadable(f"{name} is not a valid PDF: its content does not start as a PDF does.")
    if b"\x00" in head or _looks_like_image(head):
        raise DocumentUnreadable(
            f"{name} is neither a PDF nor a text file (it looks like a binary or image file). "
            "Choose the report as a PDF or as text.")
    return "text"


def _looks_like_image(head: bytes) -> bool:
    return head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM"))


def document_read(*, path: Path | str, name: str | None = None, council_hint: str | None = None,
                  framework_hint: str | None = None, published_hint: datetime.date | None = None) -> ParseResult:
    """Check and parse the file at ``path`` (``name``: what the person called it, used in messages
    and for the date some file names carry). Raises DocumentUnreadable; never validates the
    framework or council (see :func:`result_check`)."""
    path = Path(path)
    name = name or path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        raise DocumentUnreadable(f"{name} could not be read: {exc.strerror or exc}.") from exc
    kind = document_check(name=name, size=size, head=head)
    wanted_suffix = ".pdf" if kind == "pdf" else ".txt"
    with tempfile.TemporaryDirectory(prefix="import-") as tmp:
        source = path
        if path.suffix.lower() != wanted_suffix or Path(name).name != path.name:
            # the parser reads by suffix and takes a date hint from the name: give it both
            safe = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).stem)[:100] or "document"
            source = Path(tmp) / f"{safe}{wanted_suffix}"
            shutil.copyfile(path, source)
        result = parse_document(source, council_hint=council_hint, framework_hint=framework_hint,
                                council_lookup=council_lookup_from_db(), published_hint=published_hint)
    result.source = name
    if not any(line.strip() for line in result.lines):
        if kind == "pdf":
            raise DocumentUnreadable(
                f"{name} has no text layer: it is probably a scanned image, which cannot be read. "
                "Use the PDF published by Ofsted (or the DfE), or a text version of the report.")
        raise DocumentUnreadable(f"{name} contains no text.")
    return result


def result_check(result: ParseResult, *, council: Council | None = None) -> Council:
    """The council the document is about; raises NotAnInspection or CouncilUnknown."""
    if result.framework is None:
        raise NotAnInspection(
            "This does not look like an inspection report: no inspection framework's title was found "
            "(APA, JAR, safeguarding and looked after children, child protection, looked after children, "
            "SIF, ILACS or an improvement notice).")
    if council is not None:
        return council
    if not result.council:
        found = f" (it names {result.council_name!r})" if result.council_name else ""
        raise CouncilUnknown(f"The report's council could not be identified{found}. Choose the council and try again.")
    council = Council.objects.filter(ons_code=result.council).first()
    if council is None:
        named = f"{result.council_name} ({result.council})" if result.council_name else result.council
        raise CouncilUnknown(
            f"The report is for {named}, a council the product does not know. "
            "Import the councils first (import_councils) or ask an administrator to add it.")
    return council


# ----------------------------------------------------------------------------- saving


def inspection_import(*, result: ParseResult, council: Council, file=None, user=None,
                      dry_run: bool = False) -> ImportOutcome:
    """Save what ``result`` holds for ``council`` (see the module docstring for the rules).

    ``file``: the document (a ``django.core.files.File`` or a path) to keep as the inspection's
    ``source_file``; ``user`` is who imported it (named in the messages). Raises ImportRefused.
    """
    result_check(result, council=council)
    if not Framework.objects.filter(code=result.framework).exists():
        services.frameworks_sync()
    outcome = ImportOutcome(dry_run=dry_run)
    try:
        with transaction.atomic():
            if result.framework == "NOTICE":
                notice = outcome.notice = _notice_import(result, council, outcome)
                outcome.saved.append(
                    f"imported the improvement notice to {council.short_name} issued {notice.issued:%-d %B %Y}: "
                    f"{NoticeMeasure.objects.filter(theme__notice=notice).count()} measures under "
                    f"{notice.themes.count()} themes, {notice.dates.count()} dates")
            else:
                parts = [result, *result.parts]
                for part in parts:
                    if part is not result and part.published is None:
                        part.published = result.published
                        if part.published is not None:
                            outcome.messages.append(
                                f"The {part.framework} part states no publication date of its own: the "
                                f"document's date ({part.published:%-d %B %Y}) is used.")
                    if part.title is None:
                        part.title = result.title
                    part.source = part.source or result.source
                    _refuse_if_imported(part, council)
                for part in parts:
                    inspection = _inspection_save(part, council, outcome)
                    outcome.inspections.append(inspection)
                    verb = "added the document's detail to" if inspection in outcome.reconciled else "imported"
                    outcome.saved.append(
                        f"{verb} {_describe(inspection)}: {inspection.judgements.count()} judgements, "
                        f"{inspection.recommendations.count()} recommendations")
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
        raise ImportRefused(
            f"The {part.framework} report states no publication date. Give the date and try again.")
    existing = Inspection.objects.filter(council=council, framework__code=part.framework,
                                         published=part.published).first()
    if existing is not None and existing.source != Inspection.Source.NATIONAL_DATA:
        how = ("from " + existing.source_name) if existing.source_name else existing.get_source_display().lower()
        raise AlreadyImported(
            f"{_describe(existing)} is already in the product ({how}). Nothing was saved.")


def _inspection_save(part: ParseResult, council: Council, outcome: ImportOutcome) -> Inspection:
    framework = Framework.objects.get(code=part.framework)
    existing = Inspection.objects.select_for_update().filter(
        council=council, framework=framework, published=part.published,
        source=Inspection.Source.NATIONAL_DATA).first()
    source_name = (part.source or "")[:300]
    if existing is None:
        inspection = Inspection.objects.create(
            council=council, framework=framework, published=part.published,
            variant=part.ilacs_variant or "", title=(part.title or f"{framework.name}")[:300],
            fieldwork_start=part.fieldwork_start, fieldwork_end=part.fieldwork_end,
            lead_inspector=(part.lead_inspector or "")[:200], source=Inspection.Source.DOCUMENT,
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
            f"{_describe(inspection)} was in the product from Ofsted's national data: the document's detail "
            f"was added to it ({len(matched)} of its judgements were already there).")

    # sections in document order, after any the row already has
    names = list(dict.fromkeys([j.section for j in part.judgements if j.section]
                               + [r.section for r in part.recommendations if r.section]))
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
                    f"{kept.grade_as_written!r} was kept (a different level: check it).")
            continue
        grade = grading.grade_for(framework.code, item.grade)
        if grade is None:
            outcome.messages.append(f"{where}{item.grade!r} is not a grade on the {framework.code} scale: "
                                    f"the judgement {item.area!r} was not saved.")
            continue
        section = sections.get(item.section) if item.section else None
        area = item.area[:300]
        if (section.pk if section else None, area) in seen:
            outcome.messages.append(f"{where}a second judgement of {item.area!r} was not saved.")
            continue
        seen.add((section.pk if section else None, area))
        order += 1
        frame_grade = services.grade_lookup(framework, item.grade)
        Judgement.objects.create(
            inspection=inspection, section=section, area=area, grade_as_written=item.grade[:100],
            grade=frame_grade, level=frame_grade.level, order=order, source_line=item.line or None,
        )

    number = max((r.number for r in inspection.recommendations.all()), default=0)
    texts = {_words(r.text) for r in inspection.recommendations.all()}
    for item in part.recommendations:
        if _words(item.text) in texts:
            continue
        texts.add(_words(item.text))
        number += 1
        timescale = item.timescale if item.timescale in rules.Timescale.values else rules.Timescale.OTHER
        recommendation = Recommendation.objects.create(
            inspection=inspection, section=sections.get(item.section) if item.section else None,
            number=number, text=item.text, timescale=timescale,
            timescale_as_written=(item.timescale_as_written or "")[:100],
            due_date=rules.recommendation_due_date(inspection.published, timescale),
            source_line=item.line or None,
        )
        bodies = [b for b in (_organisation_for(name, council) for name in item.bodies) if b is not None]
        if bodies:
            recommendation.bodies.set(bodies)
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
    return services.organisation_get_or_create(name[:200], kind=_kind_of(name),
                                               council=council if council.short_name in name else None)


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


# --- improvement notices ---------------------------------------------------------------------


def _notice_import(result: ParseResult, council: Council, outcome: ImportOutcome) -> ImprovementNotice:
    dates = result.notice_dates
    issued = result.published or (dates.issued if dates else None)
    if issued is None:
        raise ImportRefused(
            "The improvement notice states no issue date. Give the date it was issued and try again.")
    if ImprovementNotice.objects.filter(council=council, issued=issued).exists():
        raise AlreadyImported(
            f"The improvement notice to {council.short_name} issued {issued:%-d %B %Y} is already in the product. "
            "Nothing was saved.")
    rests_on = dates.inspection_report if dates else None
    inspections = Inspection.objects.filter(council=council)
    if rests_on is not None:
        inspection = inspections.filter(published=rests_on).order_by("framework__code").first()
        if inspection is None:
            raise ImportRefused(
                f"The notice follows the inspection report of {rests_on:%-d %B %Y}, which is not in the product "
                f"for {council.short_name}. Import that report first.")
    else:
        inspection = inspections.filter(published__lte=issued).order_by("-published").first()
        if inspection is None:
            raise ImportRefused(
                f"The notice names no inspection report and {council.short_name} has no inspection before "
                f"{issued:%-d %B %Y}. Import the report it follows first.")
        outcome.messages.append(f"The notice names no inspection report: it is attached to {_describe(inspection)}.")
    if ImprovementNotice.objects.filter(inspection=inspection).exists():
        raise AlreadyImported(
            f"An improvement notice following {_describe(inspection)} is already in the product. Nothing was saved.")
    notice = ImprovementNotice.objects.create(
        council=council, inspection=inspection, issued=issued,
        title=(result.title or "Improvement Notice")[:300], source_name=(result.source or "")[:300],
    )
    themes: dict[str, NoticeTheme] = {}
    counts: dict[str, int] = {}
    for measure in result.measures:
        theme_title = (measure.theme or "Overall")[:300]
        if theme_title not in themes:
            themes[theme_title] = NoticeTheme.objects.create(notice=notice, title=theme_title, order=len(themes) + 1)
        counts[theme_title] = counts.get(theme_title, 0) + 1
        NoticeMeasure.objects.create(theme=themes[theme_title], number=counts[theme_title], text=measure.text,
                                     source_line=measure.line or None)
    if dates is not None:
        written = dates.as_written or {}
        wanted: list[tuple[str, datetime.date, str]] = []
        if dates.compliance:
            wanted.append((NoticeDate.Kind.COMPLIANCE, dates.compliance, written.get("compliance", "")))
        for d in dates.ministerial_reports:
            wanted.append((NoticeDate.Kind.MINISTERIAL_REPORT, d, written.get("ministerial_reports", "")))
        for d in dates.reviews:
            if d != dates.final_review:
                wanted.append((NoticeDate.Kind.REVIEW, d, written.get("reviews", "")))
        if dates.final_review:
            wanted.append((NoticeDate.Kind.FINAL_REVIEW, dates.final_review, written.get("reviews", "")))
        for kind, d, phrase in wanted:
            stored, precision = _notice_date(d, phrase)
            NoticeDate.objects.get_or_create(notice=notice, kind=kind, date=stored, defaults={"precision": precision})
    return notice


def _notice_date(d: datetime.date, phrase: str) -> tuple[datetime.date, str]:
    """Month-only dates (the parser gives the 1st) become the month's last day, precision month."""
    month = calendar.month_name[d.month]
    if d.day == 1 and not re.search(rf"\b1(?:st)?\s+{month}\b|\b{month}\s+1(?:st)?\b", phrase or "", re.I):
        return d.replace(day=calendar.monthrange(d.year, d.month)[1]), NoticeDate.Precision.MONTH
    return d, NoticeDate.Precision.DAY


# --- pending imports (the review page keeps the extraction in the session) ---------------------


def _iso(d: datetime.date | None) -> str | None:
    return d.isoformat() if d else None


def _day(s: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(s) if s else None


def result_to_data(result: ParseResult, *, context: int = 1) -> dict:
    """A JSON-safe copy of everything the import uses, with the source lines each item came from
    (``context`` lines before it too) instead of the whole text."""
    wanted: set[int] = set()
    items = [*result.judgements, *result.recommendations, *result.measures,
             *(i for p in result.parts for i in (*p.judgements, *p.recommendations))]
    for item in items:
        if item.line:
            wanted.update(range(max(1, item.line - context), item.line + 1))
    data = _result_fields(result)
    data["parts"] = [_result_fields(p) for p in result.parts]
    data["lines"] = {str(n): result.line_text(n) for n in sorted(wanted)}
    return data


def _result_fields(result: ParseResult) -> dict:
    data = result.to_json_dict()
    for rec, item in zip(data["recommendations"], result.recommendations):
        rec["timescale_as_written"] = item.timescale_as_written
    dates = result.notice_dates
    data.update({
        "title": result.title, "fieldwork_start": _iso(result.fieldwork_start),
        "fieldwork_end": _iso(result.fieldwork_end), "lead_inspector": result.lead_inspector,
        "ilacs_variant": result.ilacs_variant, "source": result.source, "council_name": result.council_name,
        "notice_dates": None if dates is None else {
            "compliance": _iso(dates.compliance), "ministerial_reports": [_iso(d) for d in dates.ministerial_reports],
            "reviews": [_iso(d) for d in dates.reviews], "final_review": _iso(dates.final_review),
            "inspection_report": _iso(dates.inspection_report), "issued": _iso(dates.issued),
            "as_written": dict(dates.as_written),
        },
    })
    return data


def result_from_data(data: dict) -> ParseResult:
    """The ParseResult :func:`result_to_data` described (its ``lines`` left empty)."""
    from .parsing import Judgement as FoundJudgement, Measure, NoticeDates, Recommendation as FoundRecommendation

    nd = data.get("notice_dates")
    result = ParseResult(
        framework=data["framework"], council=data.get("council"), published=_day(data.get("published")),
        judgements=[FoundJudgement(section=j["section"], area=j["area"], grade=j["grade"], level=j["level"],
                                   line=j["line"], framework=data["framework"]) for j in data["judgements"]],
        recommendations=[FoundRecommendation(section=r["section"], timescale=r["timescale"], text=r["text"],
                                             bodies=list(r["bodies"]), line=r["line"],
                                             timescale_as_written=r.get("timescale_as_written"))
                         for r in data["recommendations"]],
        measures=[Measure(theme=m["theme"], text=m["text"], line=m["line"]) for m in data["measures"]],
        warnings=list(data.get("warnings", [])), council_name=data.get("council_name"),
        fieldwork_start=_day(data.get("fieldwork_start")), fieldwork_end=_day(data.get("fieldwork_end")),
        lead_inspector=data.get("lead_inspector"), title=data.get("title"), ilacs_variant=data.get("ilacs_variant"),
        source=data.get("source"),
        notice_dates=None if nd is None else NoticeDates(
            compliance=_day(nd["compliance"]), ministerial_reports=[_day(d) for d in nd["ministerial_reports"]],
            reviews=[_day(d) for d in nd["reviews"]], final_review=_day(nd["final_review"]),
            inspection_report=_day(nd["inspection_report"]), issued=_day(nd["issued"]),
            as_written=dict(nd.get("as_written") or {})),
        parts=[result_from_data({**p, "parts": []}) for p in data.get("parts", [])],
    )
    return result


def flat_items(data: dict, kind: str) -> list[dict]:
    """The judgements (or recommendations) of a pending import and of its parts, in one list, each
    with ``part`` (0 for the document's main inspection) and ``framework``."""
    out = []
    for index, part in enumerate([data, *data.get("parts", [])]):
        for item in part[kind]:
            out.append({**item, "part": index, "framework": part["framework"]})
    return out


def result_from_review(data: dict, *, header: dict, judgements: list[dict], recommendations: list[dict],
                       measures: list[dict]) -> ParseResult:
    """The pending extraction with the reviewer's corrections: ``header`` (title, published,
    lead_inspector) for the main inspection; one dict per extracted item, in order, with ``keep``
    and the corrected fields. Levels are worked out again from corrected grades."""
    data = json_copy(data)
    found_judgements, found_recommendations = flat_items(data, "judgements"), flat_items(data, "recommendations")
    data["title"] = header.get("title") or data.get("title")
    data["published"] = _iso(header.get("published")) or data.get("published")
    if "lead_inspector" in header:
        data["lead_inspector"] = header.get("lead_inspector") or None
    parts = [data, *data.get("parts", [])]
    for part in parts:
        part["judgements"], part["recommendations"] = [], []
    for item, form in zip(found_judgements, judgements):
        if not form.get("keep"):
            continue
        grade = form["grade"].strip()
        level = grading.normalise(item["framework"], grade)
        parts[item["part"]]["judgements"].append({
            "section": form["section"].strip(), "area": form["area"].strip(), "grade": grade,
            "level": str(level.value) if level else None, "line": item["line"]})
    for item, form in zip(found_recommendations, recommendations):
        if not form.get("keep"):
            continue
        as_written = item.get("timescale_as_written")
        if form["timescale"] != item["timescale"]:
            as_written = None  # the reviewer's choice, not the document's words
        parts[item["part"]]["recommendations"].append({
            "section": form["section"].strip(), "timescale": form["timescale"], "text": form["text"].strip(),
            "bodies": item["bodies"], "line": item["line"], "timescale_as_written": as_written})
    data["measures"] = [{"theme": form["theme"].strip(), "text": form["text"].strip(), "line": item["line"]}
                        for item, form in zip(data["measures"], measures) if form.get("keep")]
    return result_from_data(data)


def json_copy(data: dict) -> dict:
    return json.loads(json.dumps(data))


def document_read_upload(*, upload, council: Council | None = None,
                         published_hint: datetime.date | None = None) -> ParseResult:
    """:func:`document_read` for an uploaded file (copied to a temporary file first)."""
    name = Path(upload.name or "document").name
    with tempfile.TemporaryDirectory(prefix="upload-") as tmp:
        path = Path(tmp) / (re.sub(r"[^A-Za-z0-9._-]+", "-", name)[:120] or "document")
        with path.open("wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        return document_read(path=path, name=name, council_hint=council.ons_code if council else None,
                             published_hint=published_hint)
