"""Ofsted's letters between inspections: monitoring visits, focused visits and joint targeted
area inspections (JTAI). They are ungraded; what they hold is findings under headings ("Areas
for priority action", "What needs to improve ...", "Areas for improvement", "Strengths"), the
visit's dates and, for monitoring visits, the visit's number.

The parse result names the kind in ``activity_kind`` (``inspections.ofsted_models.OfstedActivity``'s
kinds) and lists the findings in ``findings``; ``framework`` stays None, so the import of graded
inspections refuses a letter with a message that says what it is.
"""

from __future__ import annotations

import re

from .document import Doc
from .model import Finding, ParseResult
from .rules import NUMBERED_RE, Item, continues
from .text import bullet_of, parse_date, parse_date_range

KINDS = (  # the letter's title line starts so ("Focused visit to Barnsley children's services")
    ("jtai", re.compile(r"^joint targeted area inspection\b", re.I)),
    ("focused_visit", re.compile(r"^focused visit\b", re.I)),
    ("monitoring_visit", re.compile(r"^(?:\w+\s+)?monitoring visit\b", re.I)),
)

_HEADINGS = [
    ("priority_action", re.compile(r"^areas? for priority action\b", re.I)),
    (
        "area_for_improvement",
        re.compile(
            r"^(?:what needs to improve\b|areas? for improvement\b|"
            r"areas? (?:that|which) (?:need|require)s? (?:further )?improvement)",
            re.I,
        ),
    ),
    ("area_for_development", re.compile(r"^areas? for development\b", re.I)),
    ("strength", re.compile(r"^(?:strengths?|what is working well|key strengths)\b", re.I)),
]
# a short line without a full stop that starts another part of the letter
_OTHER_HEADING = re.compile(
    r"^(?:findings|overview|headline findings|case study|next steps|the inspection|"
    r"yours sincerely|areas covered|context|introduction|summary|evaluation)\b",
    re.I,
)
_ORDINALS = {
    w: i
    for i, w in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"], start=1
    )
}


def detect(doc: Doc) -> str | None:
    """The kind of letter, from a title line among the first lines, or None (a graded report that
    mentions a visit has a judgement table, and is not a letter)."""
    head = [c for c in doc.c[:30] if c]
    if any(re.match(r"^judgements?\s+grades?\b|^overall effectiveness\b", c, re.I) for c in head):
        return None
    for c in head:
        for kind, rx in KINDS:
            if len(c) < 160 and rx.match(c):
                return kind
    return None


def read(doc: Doc, result: ParseResult, kind: str) -> None:
    result.activity_kind = kind
    text = " ".join(doc.c[:80])
    m = re.search(
        r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2})(?:st|nd|rd|th)?"
        r"\s+monitoring\s+visit",
        text,
        re.I,
    )
    if kind == "monitoring_visit" and m:
        word = m.group(1).lower()
        result.visit_number = _ORDINALS.get(word) or int(word)
    m = re.search(
        r"\b(?:visit|inspection|visited)\b[^.]{0,160}?\bon\s+(\d{1,2}(?:\s*(?:and|to|-|–)\s*\d{1,2})?"
        r"(?:\s+[A-Z][a-z]+)?(?:\s*(?:and|to|-|–)\s*\d{1,2})?\s+[A-Z][a-z]+\s+\d{4})",
        text,
    )
    if m:
        start, end = parse_date_range(m.group(1))
        result.fieldwork_start, result.fieldwork_end = start or parse_date(m.group(1)), end or parse_date(m.group(1))
    for c in doc.c[:40]:  # the letter's date, on a line of its own
        if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}", c) and parse_date(c):
            result.published = parse_date(c)
            break
    result.findings = findings(doc)
    if not result.findings:
        result.warnings.append("no findings found under the letter's headings")


def findings(doc: Doc) -> list[Finding]:
    """Bullets or numbered items under each findings heading, in order; a heading followed by
    prose alone gives one finding per paragraph-like run of lines."""
    out: list[Finding] = []
    kind = heading = None
    item: Item | None = None
    gap = False

    def flush():
        nonlocal item
        if item is not None and item.full and kind:
            out.append(Finding(kind=kind, text=item.full, heading=heading or "", line=item.line))
        item = None

    for i in range(doc.n):
        c = doc.c[i]
        if doc.noise(i):
            gap = True
            continue
        found = next((k for k, rx in _HEADINGS if rx.match(c)), None) if len(c) < 120 else None
        if found and not c.endswith("."):
            flush()
            kind, heading, gap = found, c.rstrip(":?").strip(), False
            continue
        if kind is None:
            continue
        if (
            len(c) < 80
            and not re.search(r"[.;,]$", c)
            and (_OTHER_HEADING.match(c) or (gap and c[:1].isupper() and item is None))
        ):
            flush()
            kind = None
            continue
        is_b, rest = bullet_of(c)
        nm = NUMBERED_RE.match(c)
        if is_b or nm:
            flush()
            item = Item(text=rest if is_b else c[nm.end() :], line=i + 1)
            gap = False
            continue
        if item is not None and continues(item, c, gap):
            item.parts.append(c)
            gap = False
            continue
        flush()
        item = Item(text=c, line=i + 1)
        gap = False
    flush()
    return out
