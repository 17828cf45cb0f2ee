"""Rule-based parser for English children's-services inspection documents (pure Python, no database).

    from inspections.parsing import parse_document, parse_text, validate
    result = parse_document("report.pdf", council_lookup=lambda name: ...)
    result.to_json_dict()

See :mod:`inspections.parsing.parser` for the rules and :mod:`inspections.parsing.model` for the result.
"""

from .model import (
    Finding,
    Judgement,
    Measure,
    NotAnInspectionError,
    NoticeDates,
    ParseResult,
    Recommendation,
)
from .parser import (
    FRAMEWORK_CODES,
    detect_framework,
    parse_document,
    parse_text,
    validate,
)
from .rules import bodies_of, timescale_code

__all__ = [
    "FRAMEWORK_CODES",
    "Finding",
    "Judgement",
    "Measure",
    "NoticeDates",
    "NotAnInspectionError",
    "ParseResult",
    "Recommendation",
    "bodies_of",
    "detect_framework",
    "parse_document",
    "parse_text",
    "timescale_code",
    "validate",
]
