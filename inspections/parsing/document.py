"""What every framework's rules share: the document's lines, judgement rows, headline sentences.

:class:`Doc` holds the extracted lines three ways (as extracted, markup stripped with tabs kept,
and cleaned) and knows the running headers and footers; the helpers below read the structures
that recur across frameworks: a judgement row whose area and grade wrap over several lines, the
headline sentence that states the overall judgement, and the area names frameworks rename.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from .model import Judgement
from .rules import GRADE_AT_END_RE, GRADE_WORD
from .text import (
    clean,
    is_page_number,
    strip_footnote_digits,
    strip_markup,
)

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


def normalise_grade(framework: str | None, grade: str) -> str | None:
    try:
        from inspections.grading import normalise
    except Exception:  # pragma: no cover - grading is part of the project
        return None
    try:
        level = normalise(framework or "", grade_as_scale(grade))
    except Exception:  # noqa: BLE001
        return None
    return str(level.value) if level is not None else None


class Doc:
    def __init__(self, lines: list[str]):
        self.raw = lines
        self.t = [strip_markup(x) for x in lines]  # tabs kept
        self.c = [re.sub(r"\s+", " ", x).strip() for x in self.t]
        # running headers and footers: lines (page numbers removed) that repeat on many pages
        self.keys = [re.sub(r"\s*\d{1,3}\s*$", "", c).lower() for c in self.c]
        self.headers = {k for k, n in Counter(self.keys).items() if n >= 3 and len(k) >= 15}
        self.n = len(lines)
        self._joined: str | None = None
        self._offsets: list[int] = []

    def noise(self, i: int) -> bool:
        c = self.c[i]
        return (not c) or is_page_number(c) or self.keys[i] in self.headers

    def prev_text(self, i: int, limit: int = 4) -> int | None:
        """Index of the previous non-blank, non-page-number line (at most ``limit`` lines up)."""
        j = i - 1
        while j >= 0 and i - j <= limit + 3:
            if self.c[j] and not is_page_number(self.c[j]):
                return j
            j -= 1
        return None

    def search_joined(self, rx: re.Pattern, start: int = 0, end: int | None = None) -> tuple[int, str] | None:
        """Search the cleaned lines joined by spaces (so a sentence may wrap anywhere); the first
        match starting in lines [start, end) as (line index of its ``grade`` group, grade)."""
        if self._joined is None:
            offsets, pos = [], 0
            for c in self.c:
                offsets.append(pos)
                pos += len(c) + 1
            self._joined, self._offsets = " ".join(self.c), offsets
        end = self.n if end is None else min(end, self.n)
        if start >= end:
            return None
        lo = self._offsets[start]
        hi = self._offsets[end] if end < self.n else len(self._joined)
        m = rx.search(self._joined, lo, min(len(self._joined), hi + 400))
        if not m or m.start() >= hi:
            return None
        line = bisect.bisect_right(self._offsets, m.start("grade")) - 1
        return line, re.sub(r"\s+", " ", m.group("grade"))

    def find(self, pattern: str, start: int = 0, end: int | None = None, flags=re.I) -> int | None:
        rx = re.compile(pattern, flags)
        for i in range(start, self.n if end is None else min(end, self.n)):
            if rx.search(self.c[i]):
                return i
        return None


def judgement(result_fw: str | None, section: str, area: str, grade: str, line: int, source: str) -> Judgement:
    area_written = area
    area = area_name(area, result_fw)
    return Judgement(
        section=section,
        area=area,
        grade=grade.strip(),
        level=normalise_grade(result_fw, grade),
        line=line,
        area_as_written=area_written,
        framework=result_fw,
        source=source,
    )


def area_name(area: str, fw: str | None) -> str:
    a = strip_footnote_digits(clean(area))
    a = re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", a)
    a = a.strip(" :-–\t.")
    low = a.lower().replace("’", "'")
    if low.startswith("overall effectiveness") or low in ("overall judgement", "overall"):
        return OVERALL
    if fw == "APA" and "contribution" in low and re.search(r"children'?s services", low):
        return OVERALL  # the APA children's services grade is the overall judgement
    return a


# Headline sentences, read across line breaks (the text layer wraps them anywhere):
# "Children's services in Brent require improvement to be good", "The overall judgement is that
# children's services are good", "The overall effectiveness of services ... is adequate".
SENTENCE_GRADE = (
    r"(?:requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|adequate|inadequate)"
    r"(?=\s*(?:[.,;:)]|because|and\b|but\b|$|[A-Z0-9\u2022]))"
)
_OVERALL_SENTENCES = [
    re.compile(
        r"\b[Cc]hildren['’]s\s+(?:social\s+care\s+)?services\s+(?:in|for)\s+(?:the\s+)?[A-Z][^.]{0,90}?\s"
        r"(?:(?:are|is|were)\s+(?:judged\s+(?:to\s+be\s+)?)?)?(?P<grade>" + SENTENCE_GRADE + ")"
    ),
    re.compile(
        r"\b[Tt]he\s+overall\s+effectiveness\s+of\s+[^.]{3,160}?\s(?:is|are)\s+(?:judged\s+(?:to\s+be\s+)?)?"
        r"(?P<grade>" + SENTENCE_GRADE + ")"
    ),
    re.compile(
        r"\b[Tt]he\s+overall\s+judgement\s+(?:is|was)\s+(?:that\s+(?:(?:[Cc]hildren['’]s\s+)?services|it)\s+"
        r"(?:in\s+[^.]{1,60}?\s+)?(?:(?:is|are)\s+)?)?(?P<grade>" + SENTENCE_GRADE + ")"
    ),
]


def grade_as_scale(written: str) -> str:
    """A grade as written in the scale's words, for finding its level: "require improvement to
    be good" (plural, in a sentence) -> "Requires improvement to be good"."""
    g = re.sub(r"\s+", " ", written or "").strip()
    return re.sub(r"^[Rr]equire\b", "Requires", g)


def overall_sentence(doc: Doc, start: int = 0, end: int | None = None) -> tuple[int, str] | None:
    """(index of the line, grade as written) of the first sentence in lines
    [start, end) stating the overall judgement."""
    best = None
    for rx in _OVERALL_SENTENCES:
        found = doc.search_joined(rx, start, end)
        if found and (best is None or found[0] < best[0]):
            best = found
    return best


def has_overall(judgements, section) -> bool:
    return any(j.area == OVERALL and j.section == section for j in judgements)


ROW_NUM_RE = re.compile(r"^(\d(?:\.\d)?)\.?\s+(?=[A-Za-z])")


def scan_rows(
    doc: Doc, start: int, end: int, numbered: bool, fw: str, section: str, stop_after_overall: bool = True
) -> list[Judgement]:
    """Judgement table rows whose area and grade may wrap over several lines."""
    out: list[Judgement] = []
    acc: list[tuple[int, str]] = []
    last: Judgement | None = None
    tail_ok = False
    skip: set[int] = set()
    for i in range(start, min(end, doc.n)):
        c = doc.c[i]
        if not c or is_page_number(c) or i in skip:
            continue
        if numbered:
            nm = ROW_NUM_RE.match(c)
            if nm:
                acc = [(i, c)]
            elif acc:
                acc.append((i, c))
            elif last is not None and tail_ok and c[:1].islower():
                last.area = area_name(last.area + " " + c, fw)  # "Good" printed before the wrapped area
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
            if re.fullmatch(r"requires\s+improvement", grade, re.I):
                # "Requires improvement / to be good" wrapped in the grade column: one grade,
                # never a judgement named "to be"
                j = next((k for k in range(i + 1, min(end, doc.n)) if doc.c[k]), None)
                wrap = re.match(r"^to\s+be\s+good\b\.?", doc.c[j], re.I) if j is not None else None
                if wrap:
                    grade = f"{grade} {wrap.group(0).rstrip('.')}"
                    rest = doc.c[j][wrap.end() :].strip()
                    if not rest:
                        skip.add(j)
                    else:
                        doc.c[j] = rest  # a row's area printed after the wrapped grade
            if area.strip():
                last = judgement(fw, section, area, grade, line + 1, "table")
                out.append(last)
                tail_ok = True
            acc = []
            if stop_after_overall and last is not None and last.area == OVERALL:
                break
            continue
        if len(acc) > 4:
            acc = acc[-1:] if not numbered else []
    return out
