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
from datetime import date

from .document import Doc
from .model import Finding, ParseResult
from .rules import NUMBERED_RE, Item, continues
from .text import MONTH_RE, bullet_of, parse_date, parse_date_range, parse_month

KINDS = (  # the letter's title line starts so ("Focused visit to Barnsley children's services")
    ("jtai", re.compile(r"^joint targeted area inspection\b", re.I)),
    ("focused_visit", re.compile(r"^focused visit\b", re.I)),
    ("monitoring_visit", re.compile(r"^(?:\w+\s+)?monitoring visit\b", re.I)),
)

# In a monitoring visit letter the headline paragraphs under these headings are its statements
# of progress since the inspection (a focused visit's or JTAI's overview is not).
_PROGRESS_HEADING = re.compile(r"^(?:headline findings|overview|summary of findings|overall progress)\b", re.I)

KINDS_BY_NAME = dict(KINDS)

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
    if result.title is None:
        result.title = next((c for c in doc.c[:30] if c and len(c) < 160 and KINDS_BY_NAME[kind].match(c)), None)
    if result.lead_inspector is None:  # the letter's signatory: the name under "Yours sincerely"
        sign = doc.find(r"^yours\s+sincerely\b")
        if sign is not None:
            name = next((c for c in doc.c[sign + 1 : sign + 4] if c), "")
            if name and len(name) < 60 and not re.search(r"\d|\binspector\b", name, re.I):
                result.lead_inspector = name
    result.follows_as_written, result.follows_on = inspection_followed(text)
    result.findings = findings(doc, progress=kind == "monitoring_visit")
    if not result.findings:
        result.warnings.append("no findings found under the letter's headings")


# "since the local authority was judged inadequate in March 2019", "following the inspection of
# Barnsley's children's services in November 2018", "judged inadequate (published 4 June 2019)"
_FOLLOWS = re.compile(
    r"\b(?:judged|found\s+to\s+be|graded)\s+(?:as\s+)?inadequate\b[^.]{0,80}?"
    r"(?P<when>(?:\d{1,2}\s+)?" + MONTH_RE + r"\s+\d{4}|\b\d{4}\b)"
    r"|\b(?:following|since)\s+(?:the|its)\s+(?:last\s+|previous\s+)?(?:full\s+|standard\s+)?inspection\b"
    r"[^.]{0,80}?\b(?:in|on|published)\s+(?P<when2>(?:\d{1,2}\s+)?" + MONTH_RE + r"\s+\d{4}|\d{4})",
    re.I,
)


def inspection_followed(text: str) -> tuple[str | None, date | None]:
    """(the phrase, its date) of the inspection a letter says it follows, or (None, None)."""
    m = _FOLLOWS.search(text)
    if not m:
        return None, None
    when = m.group("when") or m.group("when2")
    on = parse_date(when) or parse_month(when)
    if on is None and re.fullmatch(r"\d{4}", when):
        on = date(int(when), 1, 1)
    return re.sub(r"\s+", " ", m.group(0)).strip(), on


def findings(doc: Doc, *, progress: bool = False) -> list[Finding]:
    """Bullets or numbered items under each findings heading, in order; a heading followed by
    prose alone gives one finding per paragraph-like run of lines. With ``progress`` (monitoring
    visits), the headline paragraphs are progress statements."""
    out: list[Finding] = []
    kind = heading = None
    item: Item | None = None
    gap = False
    listed = False  # the section's findings are bullets or numbers: prose after them is not one

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
        if found is None and progress and len(c) < 80 and _PROGRESS_HEADING.match(c):
            found = "progress"
        if found and not c.endswith("."):
            flush()
            kind, heading, gap, listed = found, c.rstrip(":?").strip(), False, False
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
            gap, listed = False, True
            continue
        if item is not None and continues(item, c, gap):
            item.parts.append(c)
            gap = False
            continue
        flush()
        if listed:  # a paragraph after the section's list: the letter has moved on
            kind = None
            continue
        item = Item(text=c, line=i + 1)
        gap = False
    flush()
    return out
