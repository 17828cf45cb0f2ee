"""What a document says about itself: publication date, fieldwork dates, lead inspector,
title, ILACS variant, and its council."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

from . import councils as council_rules
from .document import Doc
from .model import ParseResult
from .text import parse_date, parse_date_range, strip_footnote_digits


def read_metadata(doc: Doc, result: ParseResult, fw: str) -> None:
    for i, c in enumerate(doc.c):
        m = re.match(r"^(?:report\s+)?(?:date\s+)?published:?\s*(.+)$", c, re.I)
        if m and result.published is None:
            result.published = parse_date(m.group(1))
        m = re.match(r"^(?:inspection\s+dates?|dates?\s+of\s+inspection)\s*:?\s*(.+)$", c, re.I)
        if m and result.fieldwork_start is None:
            result.fieldwork_start, result.fieldwork_end = parse_date_range(m.group(1))
        m = re.match(r"^(?:lead|reporting)\s+inspector\s*:?\s*(.+)$", c, re.I)
        if m and result.lead_inspector is None:
            name = re.split(r",|\s+(?:Her|His) Majesty|\s+HMI\b", m.group(1))[0].strip()
            result.lead_inspector = name or None
            if not result.lead_inspector and i + 1 < doc.n:
                result.lead_inspector = doc.c[i + 1] or None
    if result.published is None and fw in ("APA", "JAR", "YOT"):
        # letters and council reports: the date of the document
        for c in doc.c[:60]:
            if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4}", c) and parse_date(c):
                result.published = parse_date(c)
                break
            m = re.search(r"\bDate:\s*(\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\s+\w+\s+\d{4})", c)
            if m:
                result.published = parse_date(m.group(1))
                break
    # title
    for i, c in enumerate(doc.c[:60]):
        if re.match(r"^(?:Inspection of|Improvement Notice|Review of|Report title)", c, re.I) or re.search(
            r"ANNUAL PERFORMANCE ASSESSMENT\b.*\b(?:OF|IN)\b", c
        ):
            title = re.sub(r"^Report title:\s*", "", c, flags=re.I)
            j = i + 1
            while (
                fw in ("SIF", "ILACS")
                and j < min(doc.n, i + 6)
                and doc.c[j]
                and not re.match(r"^(?:Inspection dates?|Lead inspector|Report published|Judgement)", doc.c[j], re.I)
            ):
                title += " " + doc.c[j]
                j += 1
            result.title = strip_footnote_digits(title.strip())
            break
    if fw == "ILACS":
        full = " ".join(doc.c).lower()
        if re.search(r"\bshort inspection\b", full):
            result.ilacs_variant = "short"
        elif re.search(r"\bstandard inspection\b", full):
            result.ilacs_variant = "standard"
        elif result.fieldwork_start and result.fieldwork_end:
            # standard inspections have two weeks on site, short ones one week
            days = (result.fieldwork_end - result.fieldwork_start).days
            result.ilacs_variant = "short" if days <= 7 else "standard"


def read_council(doc: Doc, result: ParseResult, council_hint, council_lookup) -> None:
    hint = [str(council_hint)] if council_hint else []
    code, name, warnings = council_rules.resolve(
        itertools.chain(hint, council_rules.find_candidates(doc.c)), council_lookup
    )
    result.warnings += warnings
    result.council = code
    result.council_name = name
    if code is None:
        result.warnings.append(
            f"council not identified{' (found ' + repr(name) + ')' if name else ''}: council is null"
        )


# Measured on 79 ILACS reports (which print their inspection dates, not their publication date):
# Ofsted publishes a report 0 to 6 days after its PDF was made (mostly the next working day), and
# 26 to 152 days (median 46) after the inspection's last day.
_DAYS_AFTER_FIELDWORK = 46


def infer_published(result: ParseResult, made_on: date | None) -> None:
    """A publication date the report does not print, inferred from its own dates, with a warning:
    the next working day after the PDF was made (when that is after the inspection), else the
    inspection's last day plus the usual interval. Nothing is inferred without fieldwork dates."""
    end = result.fieldwork_end
    if end is None:
        return
    if made_on is not None and end <= made_on <= end + timedelta(days=366):
        day = made_on + timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        result.published = day
        how = f"the next working day after the PDF was made ({made_on:%-d %B %Y})"
    else:
        result.published = end + timedelta(days=_DAYS_AFTER_FIELDWORK)
        how = f"{_DAYS_AFTER_FIELDWORK} days after the inspection ended ({end:%-d %B %Y}), the usual interval"
    result.warnings.append(
        f"publication date not printed in the report: inferred as {result.published:%-d %B %Y}, {how}; check it"
    )
