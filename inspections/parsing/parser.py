"""Rule-based parser for English children's-services inspection documents.

Entry points: :func:`parse_document` (a file path or text) and :func:`parse_text`.
Both never raise on any input; problems go into ``ParseResult.warnings``. Text that is not an
inspection document gives ``framework=None`` (with a warning); :func:`validate` turns that into
:class:`NotAnInspectionError` for callers who want an exception.

How the rules are organised (each item records the 1-based line it came from):

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
* notice measures: bullets under theme headings (and the top-level lettered measures, theme "Overall").
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from . import councils as council_rules
from .model import Judgement, Measure, NoticeDates, NotAnInspectionError, ParseResult, Recommendation
from .rules import (GRADE_AT_END_RE, GRADE_WORD, NUMBERED_RE, ROMAN_RE, Item, bodies_of, continues,
                    ends_sentence, timescale_code, timescale_heading, timescale_phrase)
from .text import (all_months, bullet_of, clean, header_key, is_page_number, parse_date, parse_date_range,
                   read_document, running_headers, split_lines, strip_footnote_digits, strip_markup)

FRAMEWORK_CODES = ("APA", "JAR", "SLAC", "CPI", "TLAC", "SIF", "ILACS", "NOTICE", "YOT")

OVERALL = "Overall effectiveness"
LA = "Local authority"
LSCB = "Local Safeguarding Children Board"
SECTION_NAMES = {
    "APA": "Annual performance assessment",
    "JAR": "Joint area review",
    "YOT": "Youth offending team inspection",
    "CPI": "Child protection",
    "TLAC": "Services for looked after children",
    "SLAC": "Safeguarding services",
}
SLAC_SECTIONS = ("Safeguarding services", "Services for looked after children")


def _normalise(framework: str | None, grade: str) -> str | None:
    try:
        from inspections.grading import normalise
    except Exception:  # pragma: no cover - grading is part of the project
        return None
    try:
        level = normalise(framework or "", grade)
    except Exception:  # noqa: BLE001
        return None
    return str(level.value) if level is not None else None


# ====================================================================== public API

def parse_document(path_or_text, *, council_hint: str | None = None, framework_hint: str | None = None,
                   council_lookup=None, published_hint: date | None = None) -> ParseResult:
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
            return parse_text(text, council_hint=council_hint, framework_hint=framework_hint,
                              council_lookup=council_lookup, published_hint=published_hint)
        text, warnings = read_document(path)
        hint = published_hint
        hint_source = "the published_hint argument"
        if hint is None:
            m = re.search(r"(\d{4})-(\d{2})-(\d{2})", path.name)
            if m:
                try:
                    hint = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                    hint_source = f"the file name {path.name!r}"
                except ValueError:
                    hint = None
        result = parse_text(text, council_hint=council_hint, framework_hint=framework_hint,
                            council_lookup=council_lookup, published_hint=hint, _hint_source=hint_source)
        result.source = str(path)
        result.warnings[:0] = warnings
        return result
    except Exception as exc:  # noqa: BLE001 - the contract is: never raise
        return ParseResult(warnings=[f"parser error: {exc.__class__.__name__}: {exc}"])


def parse_text(text: str, *, council_hint: str | None = None, framework_hint: str | None = None,
               council_lookup=None, published_hint: date | None = None, _hint_source: str = "the published_hint argument") -> ParseResult:
    """Parse extracted text. Never raises: a failing rule adds a warning and the rest still runs."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    lines = split_lines(text)
    result = ParseResult(lines=lines)
    try:
        _parse(result, council_hint, framework_hint, council_lookup, published_hint, _hint_source)
    except Exception as exc:  # noqa: BLE001
        result.warnings.append(f"parser error: {exc.__class__.__name__}: {exc}")
    return result


def validate(result: ParseResult) -> ParseResult:
    """Raise :class:`NotAnInspectionError` if ``result`` is not an inspection document; else return it."""
    if result.framework is None:
        reason = "; ".join(result.warnings) or "no inspection framework recognised"
        raise NotAnInspectionError(reason)
    return result


# ====================================================================== document helper

class Doc:
    def __init__(self, lines: list[str]):
        self.raw = lines
        self.t = [strip_markup(x) for x in lines]  # tabs kept
        self.c = [re.sub(r"\s+", " ", x).strip() for x in self.t]
        self.headers = running_headers(lines)
        self.n = len(lines)

    def noise(self, i: int) -> bool:
        c = self.c[i]
        return (not c) or is_page_number(c) or header_key(self.raw[i]) in self.headers

    def prev_text(self, i: int, limit: int = 4) -> int | None:
        """Index of the previous non-blank, non-page-number line (at most ``limit`` lines up)."""
        j = i - 1
        while j >= 0 and i - j <= limit + 3:
            if self.c[j] and not is_page_number(self.c[j]):
                return j
            j -= 1
        return None

    def find(self, pattern: str, start: int = 0, end: int | None = None, flags=re.I) -> int | None:
        rx = re.compile(pattern, flags)
        for i in range(start, self.n if end is None else min(end, self.n)):
            if rx.search(self.c[i]):
                return i
        return None


# ====================================================================== detection

def detect_framework(doc: Doc) -> str | None:
    head = " ".join(doc.c[:80]).lower().replace("’", "'")
    full = " ".join(doc.c).lower().replace("’", "'")
    if re.search(r"\bimprovement notice\b", head) and re.search(r"\bmeasures?\b", full):
        return "NOTICE"
    if "impact of leaders on social work practice" in full or re.search(
            r"inspection of .{0,80}local authority children's services", head):
        return "ILACS"
    if re.search(r"inspection of services for children in need of help and protection", head):
        return "SIF"
    if re.search(r"inspection of safeguarding and looked after children", head):
        return "SLAC"
    if re.search(r"arrangements for the protection of children", head):
        return "CPI"
    if re.search(r"inspection of (?:local authority )?services for looked after children", head):
        return "TLAC"
    if re.search(r"annual performance assessment (?:\(apa\) )?(?:of|process|letter)", head):
        return "APA"
    if re.search(r"joint area review", head):
        return "JAR"
    if re.search(r"annual performance assessment", head):
        return "APA"
    if re.search(r"youth offending (?:team|service)s? inspection|inspection of youth offending", head):
        return "YOT"
    return None


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
    detected = detect_framework(doc)
    if fw and detected and detected != fw:
        result.warnings.append(f"framework hint {fw} overrides detected framework {detected}")
    fw = fw or detected
    result.framework = fw
    if fw is None:
        result.warnings.append("not an inspection document: no known framework title found")
        return

    _metadata(doc, result, fw)
    _council(doc, result, council_hint, council_lookup)

    steps = {
        "SLAC": _slac, "CPI": _slac, "TLAC": _slac,
        "SIF": _sif, "ILACS": _ilacs,
        "APA": _letters, "JAR": _letters, "YOT": _letters,
        "NOTICE": _notice,
    }
    steps[fw](doc, result)

    if result.published is None and published_hint is not None:
        result.published = published_hint
        result.warnings.append(f"publication date not stated in the text; taken from {hint_source}")
    if result.published is None:
        result.warnings.append("publication date not found")
    if fw != "NOTICE" and fw != "YOT" and not result.judgements:
        result.warnings.append("no graded judgements found")
    if fw == "NOTICE" and not result.measures:
        result.warnings.append("no measures found in the improvement notice")
    for part in result.parts:
        part.council = result.council
        part.council_name = result.council_name


# ---------------------------------------------------------------------- metadata

def _metadata(doc: Doc, result: ParseResult, fw: str) -> None:
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
                r"ANNUAL PERFORMANCE ASSESSMENT\b.*\b(?:OF|IN)\b", c):
            title = re.sub(r"^Report title:\s*", "", c, flags=re.I)
            j = i + 1
            while fw in ("SIF", "ILACS") and j < min(doc.n, i + 6) and doc.c[j] and not re.match(
                    r"^(?:Inspection dates?|Lead inspector|Report published|Judgement)", doc.c[j], re.I):
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


def _council(doc: Doc, result: ParseResult, council_hint, council_lookup) -> None:
    candidates = []
    if council_hint:
        candidates.append(str(council_hint))
    candidates += council_rules.find_candidates(doc.c)
    code, name, warnings = council_rules.resolve(candidates, council_lookup)
    result.warnings += warnings
    result.council = code
    result.council_name = name
    if code is None:
        result.warnings.append(
            f"council not identified{' (found ' + repr(name) + ')' if name else ''}: council is null")


# ---------------------------------------------------------------------- judgements helpers

def _judgement(result_fw: str | None, section: str, area: str, grade: str, line: int, source: str) -> Judgement:
    area_written = area
    area = _area_name(area, result_fw)
    return Judgement(section=section, area=area, grade=grade.strip(), level=_normalise(result_fw, grade),
                     line=line, area_as_written=area_written, framework=result_fw, source=source)


def _area_name(area: str, fw: str | None) -> str:
    a = strip_footnote_digits(clean(area))
    a = re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", a)
    a = a.strip(" :-–\t.")
    low = a.lower().replace("’", "'")
    if low.startswith("overall effectiveness") or low in ("overall judgement", "overall"):
        return OVERALL
    if fw == "APA" and "contribution" in low and re.search(r"children'?s services", low):
        return OVERALL  # the APA children's services grade is the overall judgement
    return a


_OVERALL_SENTENCES = [
    re.compile(r"\bchildren['’]s services in (?:the )?[A-Z][\w'’ \-]{1,60}? (?:are|is) (?P<grade>" + GRADE_WORD + r")\b", re.I),
    re.compile(r"\bthe overall effectiveness of [^.]{3,120}? (?:is|are) (?:judged (?:to be )?)?(?P<grade>" + GRADE_WORD + r")\b", re.I),
    re.compile(r"\bthe overall judgement (?:is|was) (?:that (?:it|services) (?:is|are) )?(?P<grade>" + GRADE_WORD + r")\b", re.I),
]


def overall_sentence(doc: Doc, start: int = 0, end: int | None = None) -> tuple[int, str] | None:
    """(index, grade as written) of the first sentence stating the overall judgement."""
    for i in range(start, doc.n if end is None else min(end, doc.n)):
        for rx in _OVERALL_SENTENCES:
            m = rx.search(doc.c[i])
            if m:
                return i, m.group("grade")
    return None


def _has_overall(judgements, section) -> bool:
    return any(j.area == OVERALL and j.section == section for j in judgements)


# ---------------------------------------------------------------------- SLAC / CPI / TLAC

_GRADE_HEAD_RE = re.compile(
    r"^(?P<area>.*?)[\s:\-–]*\(?\bGrade\s*(?P<num>[1-4])\b\s*(?P<word>\(\s*[A-Za-z ]+\s*\))?\s*\)?\s*$", re.I)
_GRADE_OPEN_RE = re.compile(r"\bGrade\s*[1-4]\s*(?:\(\s*[A-Za-z ]*)?$", re.I)


def _slac(doc: Doc, result: ParseResult) -> None:
    fw = result.framework
    sections = SLAC_SECTIONS if fw == "SLAC" else (SECTION_NAMES[fw],)
    section = sections[0]
    record = doc.find(r"^record of (?:the )?main findings\s*:?\s*$")
    end = record if record is not None else doc.n
    section_rx = re.compile(r"^(" + "|".join(re.escape(s) for s in sections) + r")\s*:?\s*$", re.I)
    body: list[Judgement] = []
    section_starts: list[tuple[int, str]] = [(0, section)]
    i = 0
    while i < end:
        c = doc.c[i]
        m = section_rx.match(c)
        if m:
            section = next(s for s in sections if s.lower() == m.group(1).lower())
            section_starts.append((i, section))
            i += 1
            continue
        text = c
        if _GRADE_OPEN_RE.search(text) and "(" in text[-20:] and ")" not in text[text.rfind("("):]:
            j = i + 1
            while j < end and not doc.c[j]:
                j += 1
            if j < end and re.match(r"^[A-Za-z ]*\)", doc.c[j]):
                text = text + " " + doc.c[j]
        elif re.search(r"\bGrade\s*[1-4]\s*$", text, re.I):
            j = i + 1
            while j < end and not doc.c[j]:
                j += 1
            if j < end and re.fullmatch(r"\(\s*[A-Za-z ]+\s*\)", doc.c[j]):
                text = text + " " + doc.c[j]
        m = _GRADE_HEAD_RE.match(text)
        if m:
            area = m.group("area").strip()
            grade = text[m.start("area") + len(m.group("area")):].strip(" :-–()")
            gm = re.search(r"Grade\s*[1-4]\s*(?:\(\s*[A-Za-z ]+\s*\))?", text, re.I)
            grade = gm.group(0) if gm else grade
            if area and re.fullmatch(GRADE_WORD + r"\s*\(?", area, re.I):
                i += 1
                continue  # a scale description ("Outstanding (Grade 1)")
            if not area:
                p = doc.prev_text(i)
                area = doc.c[p] if p is not None else ""
            if area and not section_rx.match(area):
                body.append(_judgement(fw, section, area, grade, i + 1, "heading"))
            elif area:
                body.append(_judgement(fw, section, OVERALL, grade, i + 1, "heading"))
        i += 1

    judgements = list(body)
    if record is not None:
        judgements = _align_record(doc, fw, record, body, sections, result)

    # overall effectiveness stated only as a sentence
    for idx, (start, sec) in enumerate(section_starts):
        if _has_overall(judgements, sec):
            continue
        stop = section_starts[idx + 1][0] if idx + 1 < len(section_starts) else end
        found = overall_sentence(doc, start, stop)
        if found and (idx > 0 or len(section_starts) == 1 or sec == section_starts[0][1]):
            line, grade = found
            judgements.insert(0 if idx == 0 else len(judgements), _judgement(fw, sec, OVERALL, grade, line + 1, "sentence"))
    result.judgements = judgements
    if not body and record is None:
        result.warnings.append("no 'Grade N (...)' headings and no record of main findings table found")
    result.recommendations = _bullet_recommendations(doc, result, section_rx, sections)


def _record_rows(doc: Doc, record: int, sections) -> list[tuple[int, str | None, str, str]]:
    """(index, table section, area, grade) rows of the 'Record of main findings' table."""
    rows = []
    table_section = None
    pending_area: tuple[int, str] | None = None
    section_rx = re.compile(r"^(" + "|".join(re.escape(s) for s in sections) + r")\s*:?\s*$", re.I)
    for i in range(record + 1, doc.n):
        c = doc.c[i]
        if not c or doc.noise(i):
            continue
        if len(c) > 200:
            break  # back into prose
        sm = section_rx.match(c)
        if sm:
            table_section = next(s for s in sections if s.lower() == sm.group(1).lower())
            pending_area = None
            continue
        if re.fullmatch(GRADE_WORD + r"\.?", c, re.I) and pending_area:
            rows.append((i, table_section, pending_area[1], c.rstrip(".")))
            pending_area = None
            continue
        m = GRADE_AT_END_RE.match(doc.t[i].replace("\t", "  "))
        if m and m.group("area").strip():
            rows.append((i, table_section, m.group("area").strip(), clean(m.group("grade"))))
            pending_area = None
            continue
        if pending_area and c[:1].islower():
            pending_area = (pending_area[0], pending_area[1] + " " + c)
            continue
        pending_area = (i, c)
    return rows


def _key(area: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", _area_name(area, None).lower()).strip()


def _align_record(doc: Doc, fw, record: int, body: list[Judgement], sections, result) -> list[Judgement]:
    """Match table rows to the graded headings in order; rows without a heading are added.

    The table's own section rows are unreliable in extracted text (two-column layouts put a
    section title in the middle of the other section's rows), so a row takes the section of the
    heading it matches, and an unmatched row the section of the last matched row.
    """
    rows = _record_rows(doc, record, sections)
    out = list(body)
    p = 0
    last_section = None
    insert_after: Judgement | None = None
    for i, table_section, area, grade in rows:
        k = _key(area)
        match = None
        for j in range(p, len(body)):
            if _key(body[j].area) == k:
                match = j
                break
        if match is not None:
            p = match + 1
            last_section = body[match].section
            insert_after = body[match]
            level = _normalise(fw, grade)
            if level != body[match].level:
                result.warnings.append(
                    f"line {i + 1}: record of main findings gives {grade!r} for {area!r}, "
                    f"the heading at line {body[match].line} gives {body[match].grade!r}; heading kept")
            continue
        section = last_section or table_section or sections[0]
        j = _judgement(fw, section, area, grade, i + 1, "table")
        if insert_after is not None and insert_after in out:
            out.insert(out.index(insert_after) + 1, j)
        else:
            out.append(j)
        insert_after = j
    return out


def _bullet_recommendations(doc: Doc, result: ParseResult, section_rx, sections) -> list[Recommendation]:
    """'Areas for improvement' lists: bullets under 'Immediately:' / 'Within three months:' ..."""
    recs: list[Recommendation] = []
    section = sections[0]
    collecting = False
    timescale = None
    item: Item | None = None
    gap = False
    bulletless = False
    just_headed = False

    def flush():
        nonlocal item
        if item is not None:
            text = item.full
            if text:
                recs.append(Recommendation(section=section, timescale=timescale_code(timescale), text=text,
                                           bodies=bodies_of(text), line=item.line,
                                           timescale_as_written=timescale, framework=result.framework))
        item = None

    for i in range(doc.n):
        c = doc.c[i]
        sm = section_rx.match(c)
        if sm:
            flush()
            collecting = False
            section = next(s for s in sections if s.lower() == sm.group(1).lower())
            continue
        if re.match(r"^(?:areas for (?:improvement|development)|recommendations)\s*:?\s*$", c, re.I):
            flush()
            collecting = True
            timescale = None
            continue
        if not collecting:
            continue
        if doc.noise(i):
            gap = True
            continue
        ts = timescale_heading(c)
        if ts:
            flush()
            timescale = ts
            gap = False
            just_headed = True
            bulletless = False
            continue
        is_b, rest = bullet_of(c)
        if is_b:
            flush()
            bulletless = False
            just_headed = False
            if rest:
                item = Item(text=rest, line=i + 1)
            else:
                result.warnings.append(f"line {i + 1}: empty bullet ignored")
            gap = False
            continue
        if timescale is None:
            gap = False
            continue  # the sentence introducing the lists
        # bullets lost in extraction: under a timescale heading, each line is one item
        # until something that looks like a heading (after a blank line, capitalised, no full stop)
        if (item is None and just_headed) or (bulletless and not (gap and c[:1].isupper() and not ends_sentence(c))
                                              and not NUMBERED_RE.match(c)):
            flush()
            bulletless = True
            just_headed = False
            item = Item(text=c, line=i + 1)
            gap = False
            continue
        if item is not None and continues(item, c, gap):
            item.parts.append(c)
            gap = False
            continue
        flush()
        collecting = False
        gap = False
    flush()
    return recs


# ---------------------------------------------------------------------- SIF

_ROW_NUM_RE = re.compile(r"^(\d(?:\.\d)?)\.?\s+(?=[A-Za-z])")


def _scan_rows(doc: Doc, start: int, end: int, numbered: bool, fw: str, section: str,
               stop_after_overall: bool = True) -> list[Judgement]:
    """Judgement table rows whose area and grade may wrap over several lines."""
    out: list[Judgement] = []
    acc: list[tuple[int, str]] = []
    last: Judgement | None = None
    tail_ok = False
    for i in range(start, min(end, doc.n)):
        c = doc.c[i]
        if not c or is_page_number(c):
            continue
        if numbered:
            nm = _ROW_NUM_RE.match(c)
            if nm:
                acc = [(i, c)]
            elif acc:
                acc.append((i, c))
            elif last is not None and tail_ok and c[:1].islower():
                last.area = _area_name(last.area + " " + c, fw)  # "Good" printed before the wrapped area
                last.area_as_written += " " + c
                tail_ok = False
                continue
            else:
                tail_ok = False
                continue
        else:
            acc.append((i, c))
        joined = " ".join(x for _, x in acc)
        m = GRADE_AT_END_RE.match(joined)
        if m:
            grade = m.group("grade")
            area = m.group("area")
            # the line where the grade is written
            line = acc[-1][0]
            if len(acc) > 1 and not re.search(GRADE_WORD.replace("(?:", "(?:", 1), acc[-1][1], re.I):
                line = acc[-2][0]
            if area.strip():
                last = _judgement(fw, section, area, grade, line + 1, "table")
                out.append(last)
                tail_ok = True
            acc = []
            if stop_after_overall and last is not None and last.area == OVERALL:
                break
            continue
        if len(acc) > 4:
            acc = acc[-1:] if not numbered else []
    return out


def _sif(doc: Doc, result: ParseResult) -> None:
    fw = result.framework
    front_end = doc.find(r"^(?:executive summary|contents|summary of key findings)\b") or min(doc.n, 150)
    judgements: list[Judgement] = []
    ov = overall_sentence(doc, 0, front_end)
    first_row = None
    for i in range(front_end):
        if _ROW_NUM_RE.match(doc.c[i]) and re.search(r"[A-Za-z]{4}", doc.c[i]):
            first_row = i
            break
    if ov:
        judgements.append(_judgement(fw, LA, OVERALL, ov[1], ov[0] + 1, "sentence"))
    if first_row is not None:
        rows = _scan_rows(doc, first_row, front_end, True, fw, LA, stop_after_overall=False)
        lscb_rx = re.compile(r"local safeguarding children board|\blscb\b", re.I)
        judgements += [r for r in rows if not lscb_rx.search(r.area)]
    if not any(j.area == OVERALL for j in judgements):
        ov = overall_sentence(doc)
        if ov:
            judgements.insert(0, _judgement(fw, LA, OVERALL, ov[1], ov[0] + 1, "sentence"))
        else:
            result.warnings.append("overall judgement not found")
    if first_row is None:
        result.warnings.append("judgement table not found on the first page")
    lscb_rx = re.compile(r"^(?:the\s+)?(?:effectiveness\s+of\s+the\s+)?(?:local\s+safeguarding\s+children\s+board|lscb)"
                         r"(?:\s*\(lscb\))?\s+is\s+(?:judged\s+(?:to\s+be\s+)?)?(" + GRADE_WORD + r")\b", re.I)
    for i, c in enumerate(doc.c):
        m = lscb_rx.match(c)
        if m:
            judgements.append(_judgement(fw, LSCB, "Effectiveness of the Local Safeguarding Children Board",
                                         m.group(1), i + 1, "sentence"))
            break
    result.judgements = judgements
    lscb_start = doc.n
    for i in range(5, doc.n):
        c = doc.c[i]
        if re.search(r"\d\s*$", c):
            continue
        if re.match(r"^(?:Section\s+\d+\s*:\s*)?The\s+(?:effectiveness\s+of\s+the\s+)?Local\s+Safeguarding\s+Children(?:\s+Board)?(?:\s*\(LSCB\))?\s*$", c, re.I):
            lscb_start = i
            break
    result.recommendations = _numbered_recommendations(doc, result, lscb_start)


def _numbered_recommendations(doc: Doc, result: ParseResult, lscb_start: int) -> list[Recommendation]:
    recs: list[Recommendation] = []
    collecting = False
    timescale: str | None = None
    item: Item | None = None
    gap = False
    last_num = None

    def flush():
        nonlocal item
        if item is not None and item.full:
            text = item.full
            if not re.search(r"\b(?:did not|does not|do not) (?:find|identify) any\b|\bno areas for\b", text, re.I):
                sec = LSCB if item.line - 1 >= lscb_start else LA
                recs.append(Recommendation(section=sec, timescale=timescale_code(timescale), text=text,
                                           bodies=bodies_of(text), line=item.line,
                                           timescale_as_written=timescale, framework=result.framework))
        item = None

    for i in range(doc.n):
        c = doc.c[i]
        hm = re.match(r"^(recommendations|areas for improvement|priority and immediate action|"
                      r"what needs to improve|what (?:does|do) the (?:local authority|lscb|board) need to improve)\s*[?:]?\s*$",
                      c, re.I)
        if hm:
            flush()
            collecting = True
            head = hm.group(1).lower()
            timescale = "Priority and immediate action" if head.startswith("priority") else None
            last_num = None
            gap = False
            continue
        if not collecting:
            continue
        if doc.noise(i):
            gap = True
            continue
        nm = NUMBERED_RE.match(c)
        is_b, rest = bullet_of(c)
        if nm and (last_num is None or int(nm.group(1)) == last_num + 1 or item is None or ends_sentence(item.full)):
            flush()
            last_num = int(nm.group(1))
            item = Item(text=c[nm.end():], line=i + 1, label=nm.group(1))
            gap = False
            continue
        if is_b and rest:
            flush()
            item = Item(text=rest, line=i + 1)
            gap = False
            continue
        # a numbered recommendation may hold several sentences: a full-width line straight after
        # a finished sentence still belongs to it; a short line without a full stop is a heading
        more = (item is not None and item.label is not None and not gap and ends_sentence(item.full)
                and (len(c) >= 60 or ends_sentence(c)) and not timescale_heading(c))
        if item is not None and (more or continues(item, c, gap)):
            item.parts.append(c)
            gap = False
            continue
        flush()
        collecting = False
        gap = False
    flush()
    return recs


# ---------------------------------------------------------------------- ILACS

def _ilacs(doc: Doc, result: ParseResult) -> None:
    fw = result.framework
    head = doc.find(r"^judgements?\s+grades?\s*$", 0, 200)
    judgements: list[Judgement] = []
    if head is not None:
        judgements = _scan_rows(doc, head + 1, min(doc.n, head + 40), False, fw, LA)
    else:
        # no header: look for the 'Overall effectiveness' row and read the rows above it
        ov = doc.find(r"^overall effectiveness\b.*" + GRADE_WORD + r"\s*$", 0, 200)
        if ov is not None:
            start = max(0, ov - 16)
            judgements = _scan_rows(doc, start, ov + 1, False, fw, LA)
            result.warnings.append("no 'Judgement Grade' header: table read from the lines above 'Overall effectiveness'")
        else:
            result.warnings.append("judgement table not found")
    if not _has_overall(judgements, LA):
        ov = overall_sentence(doc)
        if ov:
            judgements.append(_judgement(fw, LA, OVERALL, ov[1], ov[0] + 1, "sentence"))
    result.judgements = judgements
    result.recommendations = _numbered_recommendations(doc, result, doc.n)


# ---------------------------------------------------------------------- APA / JAR / YOT

_TAB_ROW_RE = re.compile(
    r"^(?:[-\u2022\u25aa\u25fc\ue000-\uf8ff]\s*)?(?P<area>[A-Za-z(].*?)\s*(?P<sep>\t+|\s{2,}|\s)\s*"
    r"(?P<grade>[1-4](?:\s*[–—-]\s*(?:very good|good|adequate|inadequate|outstanding|excellent|satisfactory|poor|unsatisfactory))?"
    r"|very good|outstanding|excellent|good|adequate|inadequate|satisfactory|unsatisfactory|poor)\s*$", re.I)

_OUTCOME_RX = re.compile(
    r"^(?:being healthy|staying safe|enjoying and achieving|making a positive contribution|"
    r"achieving economic well-?being|economic well-?being|service management|"
    r"(?:the )?council'?s management of (?:its )?services.*|capacity to improve.*|"
    r"(?:the )?management of services.*)$", re.I)


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


def _letters(doc: Doc, result: ParseResult) -> None:
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
            by_fw.setdefault(tfw, []).append(_judgement(tfw, section, area, grade, i + 1, "table"))
    result.judgements = by_fw.get(fw, [])
    for other in order:
        if other == fw:
            continue
        part = ParseResult(framework=other, lines=result.lines, judgements=by_fw[other])
        part.title = f"{FRAMEWORK_TITLES.get(other, other)} (summarised in {result.title or 'this document'})"
        pm = None
        for c in doc.c:
            if other in ("APA",) and re.search(r"\bAPA\b.*\b(?:19|20)\d\d\b|annual performance assessment", c, re.I):
                pm = pm or re.search(r"\(published ([^)]*)\)", " ".join(doc.c[doc.c.index(c): doc.c.index(c) + 3]))
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


FRAMEWORK_TITLES = {"APA": "Annual performance assessment", "JAR": "Joint area review",
                    "YOT": "Youth offending team inspection"}

_INTRO_RX = re.compile(r"recommend|\bactions?\b.{0,60}\b(?:immediate|months|be taken|be implemented)|"
                       r"\bfor (?:immediate )?action\b|actions? for (?:immediate action|implementation)", re.I)
_NOT_INTRO_RX = re.compile(r"\b(?:council|authority|local authority) (?:has|have|is)\b|\bunderway\b|\bprogress\b|"
                           r"\bresponse\b|put in place", re.I)


def _introduced_recommendations(doc: Doc, result: ParseResult) -> list[Recommendation]:
    """Bullets after a sentence that introduces recommendations ('The JAR highlighted one
    recommendation for immediate action:'), with timescale headings ('Immediate:', 'Next six months:')."""
    fw = result.framework
    recs: list[Recommendation] = []
    section = SECTION_NAMES.get("JAR") if fw == "JAR" else None
    default_section = section or "Recommendations"
    collecting = False
    timescale: str | None = None
    item: Item | None = None
    gap = False

    def flush():
        nonlocal item
        if item is not None and item.full:
            text = item.full
            recs.append(Recommendation(section=section or default_section, timescale=timescale_code(timescale),
                                       text=text, bodies=bodies_of(text), line=item.line,
                                       timescale_as_written=timescale, framework=fw))
        item = None

    for i in range(doc.n):
        c = doc.c[i]
        if c and len(c) < 140 and "\t" not in doc.t[i] and _OUTCOME_RX.match(c.rstrip(":")) \
                and not ends_sentence(c) and not re.search(r"\d\s*$|" + GRADE_WORD + r"\s*$", c, re.I):
            flush()
            section = c.rstrip(":").strip()
            collecting = False
            continue
        if doc.noise(i):
            gap = True
            continue
        ts = timescale_heading(c)
        if ts and (collecting or item is None):
            flush()
            if collecting:
                timescale = ts
            gap = False
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
            gap = False
            continue
        if not collecting:
            continue
        if is_b:
            flush()
            if rest:
                item = Item(text=rest, line=i + 1)
            gap = False
            continue
        if item is not None and continues(item, c, gap):
            item.parts.append(c)
            gap = False
            continue
        flush()
        collecting = False
        gap = False
    flush()
    return recs


# ---------------------------------------------------------------------- improvement notice

def _notice(doc: Doc, result: ParseResult) -> None:
    measures: list[Measure] = []
    theme: str | None = None
    mode = None  # "overall" | "themes"
    item: Item | None = None
    item_theme = None
    gap = False

    def flush():
        nonlocal item
        if item is not None and item.full:
            measures.append(Measure(theme=item_theme or "Overall", text=item.full, line=item.line))
        item = None

    for i in range(doc.n):
        c = doc.c[i]
        if re.search(r"\bmust take (?:the following )?action to:?\s*$", c, re.I):
            flush()
            mode, theme = "overall", "Overall"
            continue
        if re.search(r"\b(?:by|through) the following:?\s*$", c, re.I) and mode is not None:
            flush()
            mode, theme = "themes", None
            continue
        if mode is None:
            continue
        if doc.noise(i):
            gap = True
            continue
        is_b, rest = bullet_of(c)
        rm = ROMAN_RE.match(rest if is_b else c)
        if is_b or (mode == "overall" and rm):
            flush()
            body = rest if is_b else c
            body = ROMAN_RE.sub("", body).strip() if mode == "overall" else body
            if body:
                item = Item(text=body, line=i + 1)
                item_theme = theme
            gap = False
            continue
        if item is not None and continues(item, c, gap):
            item.parts.append(c)
            gap = False
            continue
        flush()
        if mode == "themes" and len(c) < 100 and not ends_sentence(c) and c[:1].isupper() \
                and not re.search(r"support measures|taking account|assessed as follows|failure to comply", c, re.I):
            theme = c.strip(" :")
            gap = False
            continue
        if mode == "overall" and not re.search(r"\bby the following", c, re.I):
            gap = False
            continue  # prose between the top-level measures and the themes
        mode = None
        gap = False
    flush()
    result.measures = measures
    result.notice_dates = _notice_dates(doc)
    if result.notice_dates.issued:
        result.published = result.notice_dates.issued


def _notice_dates(doc: Doc) -> NoticeDates:
    nd = NoticeDates()
    text = " ".join(c for c in doc.c if c)
    for sentence in re.split(r"(?<=[.;])\s+", text):
        low = sentence.lower()
        if "ministers" in low and re.search(r"receive|report|information", low):
            nd.ministerial_reports = [d for d, _ in all_months(sentence)]
            nd.as_written["ministerial_reports"] = sentence
        elif re.search(r"\breview", low) and all_months(sentence) and "progress" in low or "final review" in low:
            for d, phrase in all_months(sentence):
                if d not in nd.reviews:
                    nd.reviews.append(d)
            fm = re.search(r"final review (?:in|on|by)?\s*([A-Za-z]+ \d{4})", sentence, re.I)
            if fm:
                from .text import parse_month
                nd.final_review = parse_month(fm.group(1))
            nd.as_written["reviews"] = (nd.as_written.get("reviews", "") + " " + sentence).strip()
        if re.search(r"indicators and milestones by|comply .* by|compliance .* by", low):
            months = all_months(sentence.split(" by ", 1)[-1])
            if months:
                nd.compliance = months[0][0]
                nd.as_written["compliance"] = sentence
        if "inspection" in low and "dated" in low and nd.inspection_report is None:
            m = re.search(r"dated\s+(.{0,30})", sentence)
            if m:
                nd.inspection_report = parse_date(m.group(1))
                nd.as_written["inspection_report"] = m.group(0)
    for c in doc.c:
        m = re.match(r"^Date(?:d)?\s*:\s*(.+)$", c)
        if m and parse_date(m.group(1)):
            nd.issued = parse_date(m.group(1))
    return nd
