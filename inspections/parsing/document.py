"""What every framework's rules share: the document's lines, judgement rows, headline sentences.

:class:`Doc` holds the extracted lines three ways (as extracted, markup stripped with tabs kept,
and cleaned) and knows the running headers and footers; the helpers below read the structures
that recur across frameworks: a judgement row whose area and grade wrap over several lines, the
headline sentence that states the overall judgement, and the area names frameworks rename.
"""

from __future__ import annotations

import re

from .model import Judgement
from .rules import GRADE_AT_END_RE, GRADE_WORD
from .text import (
    clean,
    header_key,
    is_page_number,
    running_headers,
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
        level = normalise(framework or "", grade)
    except Exception:  # noqa: BLE001
        return None
    return str(level.value) if level is not None else None


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


def judgement(result_fw: str | None, section: str, area: str, grade: str, line: int, source: str) -> Judgement:
    area_written = area
    area = area_name(area, result_fw)
    return Judgement(section=section, area=area, grade=grade.strip(), level=normalise_grade(result_fw, grade),
                     line=line, area_as_written=area_written, framework=result_fw, source=source)


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


def has_overall(judgements, section) -> bool:
    return any(j.area == OVERALL and j.section == section for j in judgements)


ROW_NUM_RE = re.compile(r"^(\d(?:\.\d)?)\.?\s+(?=[A-Za-z])")


def scan_rows(doc: Doc, start: int, end: int, numbered: bool, fw: str, section: str,
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
