"""Annual performance assessment letters, joint area reviews and youth offending team
inspections, 2005-09 (APA, JAR, YOT): "area<TAB>grade" tables, which inspection each table belongs
to (one council report can carry all three), and recommendations introduced by a sentence."""

from __future__ import annotations

import re

from .document import SECTION_NAMES, Doc, judgement
from .model import Judgement, ParseResult, Recommendation
from .rules import (
    GRADE_WORD,
    Bullets,
    ends_sentence,
    timescale_heading,
    timescale_phrase,
)
from .text import bullet_of, is_page_number, parse_date

_TAB_ROW_RE = re.compile(
    r"^(?:[-\u2022\u25aa\u25fc\ue000-\uf8ff]\s*)?(?P<area>[A-Za-z(].*?)\s*(?P<sep>\t+|\s{2,}|\s)\s*"
    r"(?P<grade>[1-4](?:\s*[–—-]\s*(?:very good|good|adequate|inadequate|outstanding|excellent|satisfactory|poor|unsatisfactory))?"
    r"|very good|outstanding|excellent|good|adequate|inadequate|satisfactory|unsatisfactory|poor)\s*$",
    re.I,
)

_OUTCOME_RX = re.compile(
    r"^(?:being healthy|staying safe|enjoying and achieving|making a positive contribution|"
    r"achieving economic well-?being|economic well-?being|service management|"
    r"(?:the )?council'?s management of (?:its )?services.*|capacity to improve.*|"
    r"(?:the )?management of services.*)$",
    re.I,
)


def _tab_rows(doc: Doc) -> list[tuple[int, str, str]]:
    rows = []
    for i, t in enumerate(doc.t):
        if not t or len(t) > 260 or t.rstrip().endswith("."):
            continue
        m = _TAB_ROW_RE.match(t)
        if not m:
            continue
        area, sep, grade = m.group("area"), m.group("sep"), m.group("grade")
        if "\t" not in sep and not (grade[:1].isdigit() and (len(sep) >= 2 or "–" in grade or "-" in grade)):
            continue  # a word grade at the end of a sentence is prose, not a table row
        if re.match(r"^a service that\b", area, re.I) or len(area) < 3:
            continue
        if re.search(r"\b(?:19|20)\d\d$", area):
            continue
        rows.append((i, area, grade))
    return rows


def _table_framework(doc: Doc, first_row: int, primary: str) -> str | None:
    """Which inspection a table belongs to, from the (up to) three lines above it."""
    ctx = []
    j = first_row - 1
    while j >= 0 and len(ctx) < 3 and first_row - j < 12:
        if doc.c[j] and not is_page_number(doc.c[j]):
            ctx.append(doc.c[j])
        j -= 1
    text = " ".join(ctx)
    if re.search(r"descriptor", text, re.I):
        return None  # the grade scale explained, not grades
    if re.search(r"youth offending|\bYOT\b|probation", text, re.I):
        return "YOT"
    if re.search(r"\bAPA\b|annual performance assessment", text, re.I):
        return "APA"
    if re.search(r"\bJAR\b|joint area review|key lines? of enquiry", text, re.I):
        return "JAR"
    return primary


def read(doc: Doc, result: ParseResult) -> None:
    fw = result.framework
    rows = _tab_rows(doc)
    tables: list[list[tuple[int, str, str]]] = []
    for row in rows:
        if tables and row[0] - tables[-1][-1][0] <= 3:
            tables[-1].append(row)
        else:
            tables.append([row])
    by_fw: dict[str, list[Judgement]] = {}
    order: list[str] = []
    for table in tables:
        tfw = _table_framework(doc, table[0][0], fw)
        if tfw is None:
            continue
        if tfw not in order:
            order.append(tfw)
        section = SECTION_NAMES.get(tfw, tfw)
        for i, area, grade in table:
            by_fw.setdefault(tfw, []).append(judgement(tfw, section, area, grade, i + 1, "table"))
    result.judgements = by_fw.get(fw, [])
    for other in order:
        if other == fw:
            continue
        part = ParseResult(framework=other, lines=result.lines, judgements=by_fw[other])
        part.title = f"{FRAMEWORK_TITLES.get(other, other)} (summarised in {result.title or 'this document'})"
        pm = None
        for c in doc.c:
            if other in ("APA",) and re.search(r"\bAPA\b.*\b(?:19|20)\d\d\b|annual performance assessment", c, re.I):
                pm = pm or re.search(r"\(published ([^)]*)\)", " ".join(doc.c[doc.c.index(c) : doc.c.index(c) + 3]))
        if pm:
            part.published = parse_date(pm.group(1))
            if part.published is None:
                part.warnings.append(f"publication date given as {pm.group(1)!r} only")
        if other == "YOT":
            part.warnings.append("YOT inspections give component scores and no overall grade")
        if part.published is None:
            part.warnings.append("publication date not found")
        result.parts.append(part)
    result.recommendations = _introduced_recommendations(doc, result)


FRAMEWORK_TITLES = {
    "APA": "Annual performance assessment",
    "JAR": "Joint area review",
    "YOT": "Youth offending team inspection",
}

_INTRO_RX = re.compile(
    r"recommend|\bactions?\b.{0,60}\b(?:immediate|months|be taken|be implemented)|"
    r"\bfor (?:immediate )?action\b|actions? for (?:immediate action|implementation)",
    re.I,
)
_NOT_INTRO_RX = re.compile(
    r"\b(?:council|authority|local authority) (?:has|have|is)\b|\bunderway\b|\bprogress\b|"
    r"\bresponse\b|put in place",
    re.I,
)


def _introduced_recommendations(doc: Doc, result: ParseResult) -> list[Recommendation]:
    """Bullets after a sentence that introduces recommendations ('The JAR highlighted one
    recommendation for immediate action:'), with timescale headings ('Immediate:', 'Next six months:')."""
    fw = result.framework
    section = SECTION_NAMES.get("JAR") if fw == "JAR" else None
    default_section = section or "Recommendations"
    collecting = False
    timescale: str | None = None
    bullets = Bullets(framework=fw)

    def flush():
        bullets.flush(section or default_section, timescale)

    for i in range(doc.n):
        c = doc.c[i]
        if (
            c
            and len(c) < 140
            and "\t" not in doc.t[i]
            and _OUTCOME_RX.match(c.rstrip(":"))
            and not ends_sentence(c)
            and not re.search(r"\d\s*$|" + GRADE_WORD + r"\s*$", c, re.I)
        ):
            flush()
            section = c.rstrip(":").strip()
            collecting = False
            continue
        if doc.noise(i):
            bullets.gap = True
            continue
        ts = timescale_heading(c)
        if ts and (collecting or bullets.item is None):
            flush()
            if collecting:
                timescale = ts
            bullets.gap = False
            continue
        is_b, rest = bullet_of(c)
        if c.endswith(":") and not is_b:
            flush()
            sentences = re.split(r"(?<=[.!?])\s+", c)
            last = sentences[-1]
            if _INTRO_RX.search(last) and not _NOT_INTRO_RX.search(last):
                collecting = True
                timescale = timescale_phrase(last) or timescale_phrase(c)
            else:
                collecting = False
            bullets.gap = False
            continue
        if not collecting:
            continue
        if is_b:
            flush()
            if rest:
                bullets.start(rest, i + 1)
            bullets.gap = False
            continue
        if bullets.extend(c):
            continue
        flush()
        collecting = False
        bullets.gap = False
    flush()
    return bullets.recs
