"""Rule-based parser for English children's-services inspection documents.

Entry points: :func:`parse_document` (a file path or text) and :func:`parse_text`.
Both never raise on any input (except ``PdfLimitError`` for a PDF decompression bomb); problems go into ``ParseResult.warnings``. Text that is not an
inspection document gives ``framework=None`` (with a warning); :func:`validate` turns that into
:class:`NotAnInspectionError` for callers who want an exception.

How the rules are organised (one module per framework family) (each item records the 1-based line it came from):

* framework detection from the title block (``detect_framework``);
* judgements, per framework family:
  - SLAC / CPI / TLAC: "Grade N (Word)" headings, with the area on the same line or the line above,
    section from the section headings; the "Record of main findings" table is aligned with the
    headings in order and only adds the judgements that have no heading (one source each);
  - SIF: the numbered judgement table on the first page, the overall sentence
    ("Children's services in X are good" / "The overall judgement is good") and the LSCB sentence;
  - ILACS: the "Judgement / Grade" table;
  - APA / JAR / YOT: tab-separated "area<TAB>grade" tables; the lines just above a table say which
    inspection it belongs to, so one council report can carry JAR, APA and YOT grades
    (the first is the result, the others go to ``result.parts``);
* recommendations: bulleted lists under timescale headings (SLAC, JAR), numbered lists under
  "Recommendations" / "Areas for improvement" (SIF), bullets under "What needs to improve" (ILACS),
  bullets after a sentence introducing recommendations (APA letters, JAR summaries);
* notice measures: bullets under theme headings (and the top-level lettered measures, under the notice's own lead-in words as their theme).
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from . import apa_jar, ilacs, notices, sif, slac, visits
from .detect import FRAMEWORK_CODES, detect_framework
from .document import Doc
from .metadata import infer_published, read_council, read_metadata
from .model import NotAnInspectionError, ParseResult
from .text import PdfLimitError, pdf_made_on, read_document, split_lines

__all__ = ["FRAMEWORK_CODES", "detect_framework", "parse_document", "parse_text", "validate"]


# ====================================================================== public API


def parse_document(
    path_or_text,
    *,
    council_hint: str | None = None,
    framework_hint: str | None = None,
    council_lookup=None,
    published_hint: date | None = None,
    use_file_name: bool = True,
) -> ParseResult:
    """Parse a document given as a path (.pdf or text file) or as its text.

    A ``str`` is taken as a path when it has no newline and names an existing file. When the text
    states no publication date, ``published_hint`` is used, else an ISO date in the file name
    (``sutton-ilacs-2022-02-01.pdf``); both are reported in ``warnings``.
    """
    try:
        path = None
        if isinstance(path_or_text, (os.PathLike, Path)):
            path = Path(path_or_text)
        elif isinstance(path_or_text, str) and "\n" not in path_or_text and len(path_or_text) < 4096:
            try:
                if os.path.isfile(path_or_text):
                    path = Path(path_or_text)
            except (OSError, ValueError):
                path = None
        if path is None:
            text = path_or_text if isinstance(path_or_text, str) else ""
            if isinstance(path_or_text, bytes):
                text = path_or_text.decode("utf-8", "replace")
            return parse_text(
                text,
                council_hint=council_hint,
                framework_hint=framework_hint,
                council_lookup=council_lookup,
                published_hint=published_hint,
            )
        text, warnings = read_document(path)
        hint = published_hint
        hint_source = "the published_hint argument"
        if hint is None and use_file_name:
            m = re.search(r"(\d{4})-(\d{2})-(\d{2})", path.name)
            if m:
                try:
                    hint = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                    hint_source = f"the file name {path.name!r}"
                except ValueError:
                    hint = None
        result = parse_text(
            text,
            council_hint=council_hint,
            framework_hint=framework_hint,
            council_lookup=council_lookup,
            published_hint=hint,
            _hint_source=hint_source,
            _made_on=pdf_made_on(path) if hint is None else None,
        )
        result.source = str(path)
        result.warnings[:0] = warnings
        return result
    except PdfLimitError:
        raise  # a decompression bomb is refused, not read as an empty document
    except Exception as exc:  # noqa: BLE001 - the contract is: never raise
        return ParseResult(warnings=[f"parser error: {exc.__class__.__name__}: {exc}"])


def parse_text(
    text: str,
    *,
    council_hint: str | None = None,
    framework_hint: str | None = None,
    council_lookup=None,
    published_hint: date | None = None,
    _hint_source: str = "the published_hint argument",
    _made_on: date | None = None,
) -> ParseResult:
    """Parse extracted text. Never raises: a failing rule adds a warning and the rest still runs."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    lines = split_lines(text)
    result = ParseResult(lines=lines)
    try:
        _parse(result, council_hint, framework_hint, council_lookup, published_hint, _hint_source)
        if result.published is None and (result.activity_kind or result.framework not in (None, "NOTICE")):
            infer_published(result, _made_on)
    except Exception as exc:  # noqa: BLE001
        result.warnings.append(f"parser error: {exc.__class__.__name__}: {exc}")
    return result


def validate(result: ParseResult) -> ParseResult:
    """Raise :class:`NotAnInspectionError` if ``result`` is not an inspection document; else return it."""
    if result.framework is None:
        reason = "; ".join(result.warnings) or "no inspection framework recognised"
        raise NotAnInspectionError(reason)
    return result


# ====================================================================== main


def _parse(result: ParseResult, council_hint, framework_hint, council_lookup, published_hint, hint_source):
    doc = Doc(result.lines)
    if not any(doc.c):
        result.warnings.append("empty document: no text to parse")
        return
    fw = None
    if framework_hint:
        fw = str(framework_hint).strip().upper()
        if fw not in FRAMEWORK_CODES:
            result.warnings.append(f"unknown framework hint {framework_hint!r} ignored")
            fw = None
    letter = None if fw else visits.detect(doc)
    if letter:  # a monitoring or focused visit letter, or a JTAI: ungraded, findings only
        read_metadata(doc, result, "VISIT")
        read_council(doc, result, council_hint, council_lookup)
        visits.read(doc, result, letter)
        return
    detected = detect_framework(doc)
    if fw and detected and detected != fw:
        result.warnings.append(f"framework hint {fw} overrides detected framework {detected}")
    fw = fw or detected
    result.framework = fw
    if fw is None:
        result.warnings.append("not an inspection document: no known framework title found")
        return

    read_metadata(doc, result, fw)
    read_council(doc, result, council_hint, council_lookup)

    steps = {
        "SLAC": slac.read,
        "CPI": slac.read,
        "TLAC": slac.read,
        "SIF": sif.read,
        "ILACS": ilacs.read,
        "APA": apa_jar.read,
        "JAR": apa_jar.read,
        "YOT": apa_jar.read,
        "NOTICE": notices.read,
    }
    steps[fw](doc, result)

    if result.published is None and published_hint is not None:
        result.published = published_hint
        result.warnings.append(f"publication date not stated in the text; taken from {hint_source}")
    if result.published is None and (fw == "NOTICE" or not result.fieldwork_end):
        result.warnings.append("publication date not found")
    if fw != "NOTICE" and fw != "YOT" and not result.judgements:
        result.warnings.append("no graded judgements found")
    if fw == "NOTICE" and not result.measures:
        result.warnings.append("no measures found in the improvement notice")
    for part in result.parts:
        part.council = result.council
        part.council_name = result.council_name
