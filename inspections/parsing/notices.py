"""DfE improvement notices: measures under their themes, and the dates the notice sets."""

from __future__ import annotations

import re

from .document import Doc
from .model import Measure, NoticeDates, ParseResult
from .rules import ROMAN_RE, Item, continues, ends_sentence
from .text import all_months, bullet_of, parse_date, parse_month


def read(doc: Doc, result: ParseResult) -> None:
    measures: list[Measure] = []
    theme: str | None = None
    mode = None  # "overall" | "themes"
    item: Item | None = None
    item_theme = None
    gap = False

    def flush():
        nonlocal item
        if item is not None and item.full:
            measures.append(Measure(theme=item_theme or "", text=item.full, line=item.line))
        item = None

    for i in range(doc.n):
        c = doc.c[i]
        if re.search(r"\bmust take (?:the following )?action to:?\s*$", c, re.I):
            flush()
            # The notice gives these measures no theme: keep its own words, never a made-up title.
            mode, theme = "overall", c.strip().rstrip(":").strip()
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
        if (
            mode == "themes"
            and len(c) < 100
            and not ends_sentence(c)
            and c[:1].isupper()
            and not re.search(r"support measures|taking account|assessed as follows|failure to comply", c, re.I)
        ):
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
