"""Safeguarding and looked after children inspections, child protection inspections and the
2009-13 looked after children inspections (SLAC, CPI, TLAC): "Grade N (Word)" headings, the
"Record of main findings" table, and "Areas for improvement" lists under timescale headings."""

from __future__ import annotations

import re

from .document import (
    OVERALL,
    SECTION_NAMES,
    SLAC_SECTIONS,
    Doc,
    area_name,
    has_overall,
    judgement,
    normalise_grade,
    overall_sentence,
)
from .model import Judgement, ParseResult, Recommendation
from .rules import (
    GRADE_AT_END_RE,
    GRADE_WORD,
    NUMBERED_RE,
    Bullets,
    ends_sentence,
    timescale_heading,
)
from .text import bullet_of, clean

_GRADE_HEAD_RE = re.compile(
    r"^(?P<area>.*?)[\s:\-–]*\(?\bGrade\s*(?P<num>[1-4])\b\s*(?P<word>\(\s*[A-Za-z ]+\s*\))?\s*\)?\s*$", re.I
)
_GRADE_OPEN_RE = re.compile(r"\bGrade\s*[1-4]\s*(?:\(\s*[A-Za-z ]*)?$", re.I)


def read(doc: Doc, result: ParseResult) -> None:
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
        if _GRADE_OPEN_RE.search(text) and "(" in text[-20:] and ")" not in text[text.rfind("(") :]:
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
            grade = text[m.start("area") + len(m.group("area")) :].strip(" :-–()")
            gm = re.search(r"Grade\s*[1-4]\s*(?:\(\s*[A-Za-z ]+\s*\))?", text, re.I)
            grade = gm.group(0) if gm else grade
            if area and re.fullmatch(GRADE_WORD + r"\s*\(?", area, re.I):
                i += 1
                continue  # a scale description ("Outstanding (Grade 1)")
            if not area:
                p = doc.prev_text(i)
                area = doc.c[p] if p is not None else ""
                # a heading wrapped over two lines ("Overall effectiveness of services for looked /
                # after children and young people"): the lower-case line continues the one above
                while p is not None and area[:1].islower() and (q := doc.prev_text(p)) is not None:
                    area, p = f"{doc.c[q]} {area}", q
            if area and not section_rx.match(area):
                body.append(judgement(fw, section, area, grade, i + 1, "heading"))
            elif area:
                body.append(judgement(fw, section, OVERALL, grade, i + 1, "heading"))
        i += 1

    judgements = list(body)
    if record is not None:
        judgements = _align_record(doc, fw, record, body, sections, result)

    # overall effectiveness stated only as a sentence
    for idx, (start, sec) in enumerate(section_starts):
        if has_overall(judgements, sec):
            continue
        stop = section_starts[idx + 1][0] if idx + 1 < len(section_starts) else end
        found = overall_sentence(doc, start, stop)
        if found and (idx > 0 or len(section_starts) == 1 or sec == section_starts[0][1]):
            line, grade = found
            judgements.insert(
                0 if idx == 0 else len(judgements), judgement(fw, sec, OVERALL, grade, line + 1, "sentence")
            )
    result.judgements = judgements
    if not body and record is None:
        result.warnings.append("no 'Grade N (...)' headings and no record of main findings table found")
    result.recommendations = bullet_recommendations(doc, result, section_rx, sections)


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
    return re.sub(r"[^a-z0-9]+", " ", area_name(area, None).lower()).strip()


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
            level = normalise_grade(fw, grade)
            if level != body[match].level:
                result.warnings.append(
                    f"line {i + 1}: record of main findings gives {grade!r} for {area!r}, "
                    f"the heading at line {body[match].line} gives {body[match].grade!r}; heading kept"
                )
            continue
        section = last_section or table_section or sections[0]
        j = judgement(fw, section, area, grade, i + 1, "table")
        if insert_after is not None and insert_after in out:
            out.insert(out.index(insert_after) + 1, j)
        else:
            out.append(j)
        insert_after = j
    return out


def bullet_recommendations(doc: Doc, result: ParseResult, section_rx, sections) -> list[Recommendation]:
    """'Areas for improvement' lists: bullets under 'Immediately:' / 'Within three months:' ..."""
    section = sections[0]
    collecting = False
    timescale = None
    bullets = Bullets(framework=result.framework)
    bulletless = False
    just_headed = False

    def flush():
        bullets.flush(section, timescale)

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
            bullets.gap = True
            continue
        ts = timescale_heading(c)
        if ts:
            flush()
            timescale = ts
            bullets.gap = False
            just_headed = True
            bulletless = False
            continue
        is_b, rest = bullet_of(c)
        if is_b:
            flush()
            bulletless = False
            just_headed = False
            if rest:
                bullets.start(rest, i + 1)
            else:
                result.warnings.append(f"line {i + 1}: empty bullet ignored")
            bullets.gap = False
            continue
        if timescale is None:
            bullets.gap = False
            continue  # the sentence introducing the lists
        # bullets lost in extraction: under a timescale heading, each line is one item
        # until something that looks like a heading (after a blank line, capitalised, no full stop)
        if (bullets.item is None and just_headed) or (
            bulletless and not (bullets.gap and c[:1].isupper() and not ends_sentence(c)) and not NUMBERED_RE.match(c)
        ):
            flush()
            bulletless = True
            just_headed = False
            bullets.start(c, i + 1)
            continue
        if bullets.extend(c):
            continue
        flush()
        collecting = False
        bullets.gap = False
    flush()
    return bullets.recs
