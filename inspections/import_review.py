"""Pending imports: the review page keeps the extraction in the session as JSON, shows it with
the source lines each item came from, and rebuilds it with the reviewer's corrections."""

from __future__ import annotations

import datetime
import json

from . import grading
from .parsing import ParseResult
from .parsing.document import LA, OVERALL, SECTION_NAMES


def _iso(d: datetime.date | None) -> str | None:
    return d.isoformat() if d else None


def _day(s: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(s) if s else None


def result_to_data(result: ParseResult, *, context: int = 1) -> dict:
    """A JSON-safe copy of everything the import uses, with the source lines each item came from
    (``context`` lines before it too) instead of the whole text."""
    wanted: set[int] = set()
    items = [
        *result.judgements,
        *result.recommendations,
        *result.measures,
        *(i for p in result.parts for i in (*p.judgements, *p.recommendations)),
        *result.findings,
    ]
    for item in items:
        if item.line:
            wanted.update(range(max(1, item.line - context), item.line + 1))
    data = result_fields(result)
    data["parts"] = [result_fields(p) for p in result.parts]
    data["lines"] = {str(n): result.line_text(n) for n in sorted(wanted)}
    if result.activity_kind:  # a letter is short: it is kept whole, as written
        data["letter_text"] = "\n".join(result.lines)
    return data


def result_fields(result: ParseResult) -> dict:
    data = result.to_json_dict()
    for rec, item in zip(data["recommendations"], result.recommendations):
        rec["timescale_as_written"] = item.timescale_as_written
    dates = result.notice_dates
    data.update(
        {
            "title": result.title,
            "fieldwork_start": _iso(result.fieldwork_start),
            "fieldwork_end": _iso(result.fieldwork_end),
            "lead_inspector": result.lead_inspector,
            "ilacs_variant": result.ilacs_variant,
            "source": result.source,
            "council_name": result.council_name,
            "follows_as_written": result.follows_as_written,
            "follows_on": _iso(result.follows_on),
            "notice_dates": None
            if dates is None
            else {
                "compliance": _iso(dates.compliance),
                "ministerial_reports": [_iso(d) for d in dates.ministerial_reports],
                "reviews": [_iso(d) for d in dates.reviews],
                "final_review": _iso(dates.final_review),
                "inspection_report": _iso(dates.inspection_report),
                "issued": _iso(dates.issued),
                "as_written": dict(dates.as_written),
            },
        }
    )
    return data


def result_from_data(data: dict) -> ParseResult:
    """The ParseResult :func:`result_to_data` described (its ``lines`` left empty)."""
    from .parsing import Finding, Measure, NoticeDates
    from .parsing import Judgement as FoundJudgement
    from .parsing import Recommendation as FoundRecommendation

    nd = data.get("notice_dates")
    result = ParseResult(
        framework=data["framework"],
        council=data.get("council"),
        published=_day(data.get("published")),
        judgements=[
            FoundJudgement(
                section=j["section"],
                area=j["area"],
                grade=j["grade"],
                level=j["level"],
                line=j["line"],
                framework=data["framework"],
            )
            for j in data["judgements"]
        ],
        recommendations=[
            FoundRecommendation(
                section=r["section"],
                timescale=r["timescale"],
                text=r["text"],
                bodies=list(r["bodies"]),
                line=r["line"],
                timescale_as_written=r.get("timescale_as_written"),
            )
            for r in data["recommendations"]
        ],
        measures=[Measure(theme=m["theme"], text=m["text"], line=m["line"]) for m in data["measures"]],
        warnings=list(data.get("warnings", [])),
        council_name=data.get("council_name"),
        fieldwork_start=_day(data.get("fieldwork_start")),
        fieldwork_end=_day(data.get("fieldwork_end")),
        lead_inspector=data.get("lead_inspector"),
        title=data.get("title"),
        ilacs_variant=data.get("ilacs_variant"),
        source=data.get("source"),
        activity_kind=data.get("activity_kind"),
        visit_number=data.get("visit_number"),
        follows_as_written=data.get("follows_as_written"),
        follows_on=_day(data.get("follows_on")),
        lines=(data.get("letter_text") or "").split("\n") if data.get("letter_text") else [],
        findings=[
            Finding(kind=f["kind"], text=f["text"], heading=f["heading"], line=f["line"])
            for f in data.get("findings", [])
        ],
        notice_dates=None
        if nd is None
        else NoticeDates(
            compliance=_day(nd["compliance"]),
            ministerial_reports=[_day(d) for d in nd["ministerial_reports"]],
            reviews=[_day(d) for d in nd["reviews"]],
            final_review=_day(nd["final_review"]),
            inspection_report=_day(nd["inspection_report"]),
            issued=_day(nd["issued"]),
            as_written=dict(nd.get("as_written") or {}),
        ),
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


def result_from_review(
    data: dict,
    *,
    header: dict,
    judgements: list[dict],
    recommendations: list[dict],
    measures: list[dict],
    findings: list[dict] = (),
) -> ParseResult:
    """The pending extraction with the reviewer's corrections: ``header`` (title, published,
    lead_inspector; for a letter the visit's ``number``; ``overall``, the overall judgement the
    reviewer gave when it could not be read) for the main inspection; one dict per extracted item,
    in order, with ``keep`` and the corrected fields. Levels are worked out again from corrected
    grades."""
    data = json_copy(data)
    if header.get("number"):
        data["visit_number"] = header["number"]
    data["findings"] = [
        {"kind": form["kind"], "text": form["text"].strip(), "heading": item["heading"], "line": item["line"]}
        for item, form in zip(data.get("findings", []), findings)
        if form.get("keep")
    ]
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
        parts[item["part"]]["judgements"].append(
            {
                "section": form["section"].strip(),
                "area": form["area"].strip(),
                "grade": grade,
                "level": str(level.value) if level else None,
                "line": item["line"],
            }
        )
    if header.get("overall"):
        level = grading.normalise(data["framework"], header["overall"])
        data["judgements"].insert(
            0,
            {
                "section": SECTION_NAMES.get(data["framework"], LA),
                "area": OVERALL,
                "grade": header["overall"],
                "level": str(level.value) if level else None,
                "line": 0,
            },
        )
    for item, form in zip(found_recommendations, recommendations):
        if not form.get("keep"):
            continue
        as_written = item.get("timescale_as_written")
        if form["timescale"] != item["timescale"]:
            as_written = None  # the reviewer's choice, not the document's words
        parts[item["part"]]["recommendations"].append(
            {
                "section": form["section"].strip(),
                "timescale": form["timescale"],
                "text": form["text"].strip(),
                "bodies": item["bodies"],
                "line": item["line"],
                "timescale_as_written": as_written,
            }
        )
    data["measures"] = [
        {"theme": form["theme"].strip(), "text": form["text"].strip(), "line": item["line"]}
        for item, form in zip(data["measures"], measures)
        if form.get("keep")
    ]
    return result_from_data(data)


def json_copy(data: dict) -> dict:
    return json.loads(json.dumps(data))


def overall_given(result: ParseResult, grade: str) -> None:
    """Add the overall judgement a person gave (the report's could not be read) to ``result``."""
    from .parsing import Judgement as FoundJudgement

    level = grading.normalise(result.framework or "", grade)
    result.judgements.insert(
        0,
        FoundJudgement(
            section=SECTION_NAMES.get(result.framework, LA),
            area=OVERALL,
            grade=grade,
            level=str(level.value) if level else None,
            line=0,
            framework=result.framework,
            source="given",
        ),
    )
