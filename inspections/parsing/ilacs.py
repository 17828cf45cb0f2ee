"""Inspections of local authority children's services, 2018 onwards (ILACS): the "Judgement /
Grade" table, the headline sentence, and the "What needs to improve" items."""

from __future__ import annotations

from .document import (
    LA,
    OVERALL,
    Doc,
    has_overall,
    judgement,
    overall_sentence,
    scan_rows,
)
from .lists import numbered_recommendations
from .model import Judgement, ParseResult
from .rules import GRADE_WORD


def read(doc: Doc, result: ParseResult) -> None:
    fw = result.framework
    head = doc.find(r"^judgements?\s+grades?\s*$", 0, 200)
    judgements: list[Judgement] = []
    if head is not None:
        judgements = scan_rows(doc, head + 1, min(doc.n, head + 40), False, fw, LA)
    else:
        # no header: look for the 'Overall effectiveness' row and read the rows above it
        ov = doc.find(r"^overall effectiveness\b.*" + GRADE_WORD + r"\s*$", 0, 200)
        if ov is not None:
            start = max(0, ov - 16)
            judgements = scan_rows(doc, start, ov + 1, False, fw, LA)
            result.warnings.append(
                "no 'Judgement Grade' header: table read from the lines above 'Overall effectiveness'"
            )
        else:
            result.warnings.append("judgement table not found")
    if not has_overall(judgements, LA):
        ov = overall_sentence(doc)
        if ov:
            judgements.append(judgement(fw, LA, OVERALL, ov[1], ov[0] + 1, "sentence"))
    result.judgements = judgements
    result.recommendations = numbered_recommendations(doc, result, doc.n)
