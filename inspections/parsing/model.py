"""Result dataclasses of the inspection document parser.

Everything here is plain data: :meth:`ParseResult.to_json_dict` gives the JSON shape the
import command and the review page use; the other attributes (fieldwork dates, lead
inspector, title, ``timescale_as_written``, ILACS variant, notice dates, the extracted
``lines``) are for the Django layer and are deliberately not in the JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


class NotAnInspectionError(ValueError):
    """Raised by :func:`inspections.parsing.validate` when the text is not an inspection document.

    :func:`parse_text` / :func:`parse_document` never raise it: they return a result whose
    ``framework`` is ``None`` with a warning, and callers that want an exception call
    ``validate(result)``.
    """


@dataclass
class Judgement:
    section: str
    area: str
    grade: str  # as written ("Grade 4 (Inadequate)", "3 – Good", "Requires improvement to be good")
    level: str | None  # from inspections.grading.normalise
    line: int  # 1-based line of the grade in ParseResult.lines
    area_as_written: str = ""  # before renaming to "Overall effectiveness" etc.
    framework: str | None = None
    source: str = ""  # which rule produced it: "heading", "table", "sentence"

    def to_json_dict(self) -> dict:
        return {"section": self.section, "area": self.area, "grade": self.grade, "level": self.level, "line": self.line}


@dataclass
class Recommendation:
    section: str
    timescale: str  # immediately | within_3_months | within_6_months | other
    text: str
    bodies: list[str]
    line: int
    timescale_as_written: str | None = None
    framework: str | None = None

    def to_json_dict(self) -> dict:
        return {
            "section": self.section,
            "timescale": self.timescale,
            "text": self.text,
            "bodies": list(self.bodies),
            "line": self.line,
        }


@dataclass
class Measure:
    theme: str
    text: str
    line: int

    def to_json_dict(self) -> dict:
        return {"theme": self.theme, "text": self.text, "line": self.line}


@dataclass
class Finding:
    """A finding of an Ofsted letter (monitoring or focused visit, JTAI), as written."""

    kind: str  # priority_action | area_for_improvement | area_for_development | strength | progress
    text: str
    heading: str
    line: int

    def to_json_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "heading": self.heading, "line": self.line}


@dataclass
class NoticeDates:
    """Dates an improvement notice sets. Month-only dates ("January 2014") are the 1st of the month;
    ``as_written`` keeps the phrases."""

    compliance: date | None = None
    ministerial_reports: list[date] = field(default_factory=list)
    reviews: list[date] = field(default_factory=list)  # includes the final review
    final_review: date | None = None
    inspection_report: date | None = None
    issued: date | None = None
    as_written: dict[str, str] = field(default_factory=dict)


@dataclass
class ParseResult:
    framework: str | None = None
    council: str | None = None  # ONS code
    published: date | None = None
    judgements: list[Judgement] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # not in the JSON
    lines: list[str] = field(default_factory=list)
    council_name: str | None = None  # the name as found in the text
    fieldwork_start: date | None = None
    fieldwork_end: date | None = None
    lead_inspector: str | None = None
    title: str | None = None
    ilacs_variant: str | None = None  # "standard" | "short" | None
    notice_dates: NoticeDates | None = None
    parts: list["ParseResult"] = field(default_factory=list)  # further inspections in the document
    source: str | None = None  # file path, when parsed from a file
    # Ofsted letters between inspections (see parsing.visits); in the JSON only for a letter
    activity_kind: str | None = None  # monitoring_visit | focused_visit | jtai
    visit_number: int | None = None
    findings: list[Finding] = field(default_factory=list)
    # the inspection a letter says it follows ("judged inadequate in March 2019"): the phrase and
    # its date (the 1st of the month when only a month is given, 1 January for a year alone)
    follows_as_written: str | None = None
    follows_on: date | None = None

    def line_text(self, line: int) -> str:
        """The extracted text of a 1-based line ("" when out of range)."""
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def to_json_dict(self, *, include_parts: bool = False) -> dict:
        data = {
            "framework": self.framework,
            "council": self.council,
            "published": self.published.isoformat() if self.published else None,
            "judgements": [j.to_json_dict() for j in self.judgements],
            "recommendations": [r.to_json_dict() for r in self.recommendations],
            "measures": [m.to_json_dict() for m in self.measures],
            "warnings": list(self.warnings),
        }
        if self.activity_kind:
            data.update(
                {
                    "activity_kind": self.activity_kind,
                    "visit_number": self.visit_number,
                    "findings": [f.to_json_dict() for f in self.findings],
                }
            )
        if include_parts and self.parts:
            data["parts"] = [p.to_json_dict() for p in self.parts]
        return data
