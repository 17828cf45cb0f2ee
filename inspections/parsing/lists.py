"""Numbered or bulleted recommendation lists under a heading ("Recommendations", "Areas for
improvement", "What needs to improve"), as SIF and ILACS reports print them: one item per number
or bullet, wrapped lines joined, never running into the next heading or a page footer."""

from __future__ import annotations

import re

from .document import LA, LSCB, Doc
from .model import ParseResult, Recommendation
from .rules import (
    NUMBERED_RE,
    Item,
    bodies_of,
    continues,
    ends_sentence,
    timescale_code,
    timescale_heading,
)
from .text import bullet_of


def numbered_recommendations(doc: Doc, result: ParseResult, lscb_start: int) -> list[Recommendation]:
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
                recs.append(
                    Recommendation(
                        section=sec,
                        timescale=timescale_code(timescale),
                        text=text,
                        bodies=bodies_of(text),
                        line=item.line,
                        timescale_as_written=timescale,
                        framework=result.framework,
                    )
                )
        item = None

    for i in range(doc.n):
        c = doc.c[i]
        hm = re.match(
            r"^(recommendations|areas for improvement|priority and immediate action|"
            r"what needs to improve|what (?:does|do) the (?:local authority|lscb|board) need to improve)\s*[?:]?\s*$",
            c,
            re.I,
        )
        if hm:
            flush()
            collecting = True
            head = hm.group(1).lower()
            timescale = (
                "Priority and immediate action"
                if head.startswith("priority")
                else "What needs to improve"
                if head == "what needs to improve" and result.framework == "ILACS"
                else None
            )  # ILACS items are due with the post-inspection action plan
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
            item = Item(text=c[nm.end() :], line=i + 1, label=nm.group(1))
            gap = False
            continue
        if is_b and rest:
            flush()
            item = Item(text=rest, line=i + 1)
            gap = False
            continue
        # a numbered recommendation may hold several sentences: a full-width line straight after
        # a finished sentence still belongs to it; a short line without a full stop is a heading
        more = (
            item is not None
            and item.label is not None
            and not gap
            and ends_sentence(item.full)
            and (len(c) >= 60 or ends_sentence(c))
            and not timescale_heading(c)
        )
        if item is not None and (more or continues(item, c, gap)):
            item.parts.append(c)
            gap = False
            continue
        flush()
        collecting = False
        gap = False
    flush()
    return recs
