"""Importing Ofsted's letters between inspections: monitoring visits, focused visits and joint
targeted area inspections become an ``OfstedActivity`` with its findings as written, through the
one write path, :func:`inspections.ofsted_services.record_ofsted_activity`.

* **The inspection it follows** (:func:`inspection_followed`): the one the letter names ("judged
  inadequate in March 2019": published, or inspected, in that month; a year alone: that year),
  else, for a monitoring visit (which only follows an inadequate judgement), the council's latest
  inspection before the visit judged inadequate overall. A monitoring visit whose inspection is
  not in the product is refused with a message saying which inspection to import first: nothing
  is guessed.
* **Its number**: the ordinal the letter gives ("the second monitoring visit"); without it the
  service numbers it after those recorded.
* **Already imported**: the same kind of activity for the same council, visit dates and letter
  date is refused (the service's check), and nothing is saved.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File

from . import ofsted_services
from .grading import Level
from .import_errors import AlreadyImported, ImportRefused
from .models import Council, Inspection, OfstedActivity
from .parsing import ParseResult
from .parsing.text import MONTH_RE

KIND_NAMES = {
    "monitoring_visit": "monitoring visit letter",
    "focused_visit": "focused visit letter",
    "jtai": "joint targeted area inspection letter",
}


def inspection_followed(*, council: Council, result: ParseResult) -> Inspection | None:
    """The graded inspection the letter follows (see the module docstring), or None."""
    visit = result.fieldwork_start or result.published
    inspections = Inspection.objects.filter(council=council).select_related("framework")
    if visit is not None:
        inspections = inspections.filter(published__lte=visit)
    inspections = inspections.order_by("-published")
    named = result.follows_on
    if named is not None:
        by_month = bool(re.search(MONTH_RE, result.follows_as_written or "", re.I))
        for inspection in inspections:
            days = [d for d in (inspection.published, inspection.fieldwork_start, inspection.fieldwork_end) if d]
            if any((d.year, d.month) == (named.year, named.month) if by_month else d.year == named.year for d in days):
                return inspection
    if result.activity_kind == OfstedActivity.Kind.MONITORING_VISIT:
        return inspections.filter(judgements__area="Overall effectiveness", judgements__level=Level.INADEQUATE).first()
    return None


def letter_import(*, result: ParseResult, council: Council, file=None, follows: Inspection | None = None):
    """Save the letter as an Ofsted activity (inside the caller's transaction) and return it.
    ``follows``: the inspection a reviewer chose (default: :func:`inspection_followed`). Raises
    ImportRefused (AlreadyImported for a second import of the same letter)."""
    kind = result.activity_kind
    what = KIND_NAMES.get(kind, "letter")
    if result.published is None and result.fieldwork_start is None:
        raise ImportRefused(f"The {what} states neither the date of the visit nor its own date. Give the date.")
    follows = follows or inspection_followed(council=council, result=result)
    if kind == OfstedActivity.Kind.MONITORING_VISIT and follows is None:
        named = f" (it says {result.follows_as_written!r})" if result.follows_as_written else ""
        raise ImportRefused(
            f"This {what} follows an inspection of {council.short_name} that is not in the product{named}. "
            "Import that inspection report first, then this letter. Nothing was saved."
        )
    try:
        activity = ofsted_services.record_ofsted_activity(
            council=council,
            kind=kind,
            follows=follows,
            number=result.visit_number if kind == OfstedActivity.Kind.MONITORING_VISIT else None,
            title=(result.title or "")[:300],
            started=result.fieldwork_start,
            ended=result.fieldwork_end,
            published=result.published,
            lead_inspector=(result.lead_inspector or "")[:200],
            letter_text="\n".join(result.lines),
            source_name=(result.source or "")[:300],
            findings=[
                ofsted_services.Finding(
                    kind=f.kind, text=f.text, heading_as_written=f.heading[:300], source_line=f.line
                )
                for f in result.findings
            ],
        )
    except ValidationError as exc:
        message = " ".join(exc.messages)
        if "already recorded" in message:
            raise AlreadyImported(f"{message} Nothing was saved.") from exc
        raise ImportRefused(f"{message} Nothing was saved.") from exc
    if file is not None:
        _store_file(activity, file, result.source)
    return activity


def describe_activity(activity: OfstedActivity) -> str:
    findings = activity.findings.count()
    follows = activity.follows
    after = ""
    if follows is not None:
        after = f", following the {follows.framework.code} inspection published {follows.published:%-d %B %Y}"
    return f"imported the {activity.label}{after}: {findings} finding{'' if findings == 1 else 's'}"


def _store_file(activity: OfstedActivity, file, name: str | None) -> None:
    if isinstance(file, (str, Path)):
        path = Path(file)
        with path.open("rb") as fh:
            _store_file(activity, File(fh, name=name or path.name), name)
        return
    file.seek(0)
    activity.source_file.save(Path(name or getattr(file, "name", "") or "letter").name, file, save=True)
