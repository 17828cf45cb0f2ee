"""Single inspection framework reports, 2013-18 (SIF): the judgement table on the first page, the
headline sentence for overall effectiveness (singular or plural, wrapped anywhere), the LSCB's
judgement."""

from __future__ import annotations

import re

from .document import (
    LA,
    LSCB,
    OVERALL,
    ROW_NUM_RE,
    SENTENCE_GRADE,
    Doc,
    judgement,
    overall_sentence,
    scan_rows,
)
from .lists import LIST_HEADING_RE, numbered_recommendations
from .model import Judgement, ParseResult
from .rules import ends_sentence


def read(doc: Doc, result: ParseResult) -> None:
    fw = result.framework
    front_end = doc.find(r"^(?:executive summary|contents|summary of key findings)\b") or min(doc.n, 150)
    judgements: list[Judgement] = []
    ov = overall_sentence(doc, 0, front_end)
    first_row = None
    for i in range(front_end):
        if ROW_NUM_RE.match(doc.c[i]) and re.search(r"[A-Za-z]{4}", doc.c[i]):
            first_row = i
            break
    if ov:
        judgements.append(judgement(fw, LA, OVERALL, ov[1], ov[0] + 1, "sentence"))
    if first_row is not None:
        rows = scan_rows(doc, first_row, front_end, True, fw, LA, stop_after_overall=False)
        lscb_rx = re.compile(r"local safeguarding children board|\blscb\b", re.I)
        judgements += [r for r in rows if not lscb_rx.search(r.area)]
    if not any(j.area == OVERALL for j in judgements):
        ov = overall_sentence(doc)
        if ov:
            judgements.insert(0, judgement(fw, LA, OVERALL, ov[1], ov[0] + 1, "sentence"))
        else:
            result.warnings.append("overall judgement not found")
    if first_row is None:
        result.warnings.append("judgement table not found on the first page")
    found = _lscb_sentence(doc)
    if found:
        judgements.append(
            judgement(
                fw, LSCB, "Effectiveness of the Local Safeguarding Children Board", found[1], found[0] + 1, "sentence"
            )
        )
    result.judgements = judgements
    result.recommendations = numbered_recommendations(doc, result, _lscb_start(doc))


# The LSCB's part of a SIF report starts at its section heading, which may wrap onto two lines
# ("Section 2: The effectiveness of the Local Safeguarding / Children Board") or run into its
# judgement ("The Local Safeguarding Children Board (LSCB) requires improvement"); the same words
# on the first pages (judgement table, contents) come before the local authority's
# recommendations, so the search starts after the first list of them.
_LSCB_HEADING = re.compile(
    r"^(?:Section\s+\d+\s*:\s*)?The\s+(?:effectiveness\s+of\s+the\s+)?Local\s+Safeguarding\s+Children\s+Board"
    r"(?:\s*\(LSCB\))?\s*(?:$|(?:is\s+)?(?:requires?|good|outstanding|inadequate|adequate)\b)",
    re.I,
)


def _lscb_start(doc: Doc) -> int:
    first_list = next((i for i in range(doc.n) if LIST_HEADING_RE.match(doc.c[i])), None)
    if first_list is None:
        return doc.n
    for i in range(first_list + 1, doc.n):
        c = doc.c[i]
        if not c or re.search(r"\d\s*$", c):
            continue
        joined = c if ends_sentence(c) or i + 1 >= doc.n else f"{c} {doc.c[i + 1]}"
        if _LSCB_HEADING.match(c) or _LSCB_HEADING.match(joined):
            return i
    return doc.n


# "The effectiveness of the Local Safeguarding Children Board (LSCB) is requires improvement",
# "The Local Safeguarding Children Board requires improvement", "The LSCB is good", wrapped anywhere.
_LSCB_SENTENCE = re.compile(
    r"\b(?:[Tt]he\s+)?(?:[Ee]ffectiveness\s+of\s+the\s+)?(?:[Ll]ocal\s+[Ss]afeguarding\s+[Cc]hildren\s+[Bb]oard"
    r"(?:\s*\(LSCB\))?|LSCB)\s+(?:(?:is|are)\s+(?:judged\s+(?:to\s+be\s+)?)?)?(?P<grade>" + SENTENCE_GRADE + ")"
)


def _lscb_sentence(doc: Doc) -> tuple[int, str] | None:
    """The LSCB's judgement: on the first page if it is there, else the first such sentence."""
    return doc.search_joined(_LSCB_SENTENCE, 0, min(doc.n, 60)) or doc.search_joined(_LSCB_SENTENCE)
