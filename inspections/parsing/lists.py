"""Numbered or bulleted recommendation lists under a heading ("Recommendations", "Areas for
improvement", "What needs to improve"), as SIF and ILACS reports print them: one item per number
or bullet, wrapped lines joined, never running into the next heading or a page footer.

The rules read the list's structure, not its words:

* the list's style is that of its first item: numbered (SIF) or bulleted (ILACS, some LSCB lists);
  in a numbered list a bullet belongs to the item above it (a recommendation "... by:" with its
  sub-bullets is one item), and in a bulleted list a numbered line ends the list;
* a numbered item continues the report's paragraph numbering (the next number, or any number
  once the item above has ended its sentence);
* a line that does not start an item continues the item above only when the line above it was
  wrapped (it reaches towards the right margin, measured against the document's own line width)
  or the line starts in lower case; a short line that ends no sentence is a heading: a sub-heading
  when an item of the list follows it ("Care leavers", "Leadership, management and governance"),
  the end of the list otherwise, and always the end when it is one of the report templates'
  section headings ("The local authority's strengths", "Inspection findings", "Summary for
  children and young people", the judgement headings of ILACS, ...);
* running headers, footers and page numbers are skipped wherever they fall.
"""

from __future__ import annotations

import re

from .document import LA, LSCB, Doc
from .model import ParseResult, Recommendation
from .rules import NUMBERED_RE, Item, bodies_of, ends_sentence, timescale_code, timescale_heading
from .text import bullet_of

LIST_HEADING_RE = re.compile(
    r"^(recommendations|areas for improvement|priority and immediate action|"
    r"what needs to improve(?: in this area of (?:social work )?practice)?|"
    r"what (?:does|do) the (?:local authority|lscb|board|council) need to improve)\s*[?:]?\s*$",
    re.I,
)

# the report templates' own section headings: a list never runs on past one of these
TEMPLATE_HEADING_RE = re.compile(
    r"^(?:the\s+)?(?:local authority['’]s\s+strengths|lscb['’]s\s+strengths|board['’]s\s+strengths|"
    r"local authority has the following strengths|key strengths and weaknesses|"
    r"inspection findings|inspection judgements? about|summary for children|information about this|"
    r"progress since the last inspection|what the inspection judgements? mean|"
    r"the experiences and progress of|experiences and progress of|impact of leaders|overall effectiveness|"
    r"executive summary|main findings|key findings|next steps|contents\b|section\s+\d+\s*:)",
    re.I,
)

_NOTHING_FOUND = re.compile(
    r"\b(?:did not|does not|do not) (?:find|identify) any\b|\bno areas for\b|\bthere are no areas\b", re.I
)


def line_width(doc: Doc) -> int:
    """The document's full line length in characters: a high percentile of its text lines (the
    body text's right margin, whatever the font)."""
    lengths = sorted(len(c) for i, c in enumerate(doc.c) if c and not doc.noise(i))
    if not lengths:
        return 80
    return max(40, lengths[int(len(lengths) * 0.9)])


def numbered_recommendations(doc: Doc, result: ParseResult, lscb_start: int) -> list[Recommendation]:
    recs: list[Recommendation] = []
    width = line_width(doc)
    i = 0
    while i < doc.n:
        hm = LIST_HEADING_RE.match(doc.c[i])
        if not hm:
            i += 1
            continue
        head = hm.group(1).lower()
        timescale = None
        if head.startswith("priority"):
            timescale = "Priority and immediate action"
        elif head.startswith("what needs to improve") and result.framework == "ILACS":
            timescale = "What needs to improve"  # ILACS items are due with the post-inspection action plan
        section = LSCB if (re.search(r"\b(?:lscb|board)\b", head) or i >= lscb_start) else LA
        items, i = _read_list(doc, i + 1, width)
        for item, written in items:
            text = item.full
            if _NOTHING_FOUND.search(text):
                continue
            when = written if written is not None else timescale
            recs.append(
                Recommendation(
                    section=section,
                    timescale=timescale_code(when),
                    text=text,
                    bodies=bodies_of(text),
                    line=item.line,
                    timescale_as_written=when,
                    framework=result.framework,
                )
            )
    return recs


def _next_text(doc: Doc, i: int) -> int | None:
    while i < doc.n and doc.noise(i):
        i += 1
    return i if i < doc.n else None


def _heading_like(c: str, width: int) -> bool:
    return len(c) < 0.7 * width and not ends_sentence(c) and c[:1].isupper()


def _read_list(doc: Doc, i: int, width: int) -> tuple[list[tuple[Item, str | None]], int]:
    """The items of the list starting at line ``i`` (after its heading), each with the timescale
    heading it sits under (None for none), and the index of the line after the list."""
    items: list[tuple[Item, str | None]] = []
    style = None  # "numbered" | "bullet"
    item: Item | None = None
    last_line = ""  # the item's last physical line, to tell a wrapped line from a finished one
    last_num: int | None = None
    gap = False
    written: str | None = None

    def start(text: str, line: int, label: str | None = None) -> Item:
        new = Item(text=text, line=line, label=label)
        items.append((new, written))
        return new

    while i < doc.n:
        c = doc.c[i]
        if c and (LIST_HEADING_RE.match(c) or TEMPLATE_HEADING_RE.match(c)):
            break  # the next list (or the same heading again), or the next section of the report
        if doc.noise(i):
            gap = True
            i += 1
            continue
        nm = NUMBERED_RE.match(c)
        is_b, rest = bullet_of(c)
        if nm and style != "bullet":
            num = int(nm.group(1))
            if last_num is None or num == last_num + 1 or (item is not None and ends_sentence(item.full)):
                style, last_num, gap = "numbered", num, False
                item = start(c[nm.end() :], i + 1, nm.group(1))
                last_line = c
                i += 1
                continue
        elif nm and style == "bullet":
            break  # numbered paragraphs after a bulleted list: the report's text
        if is_b and rest:
            if style == "numbered" and item is not None:
                item.parts.append(rest)  # a sub-bullet of a numbered recommendation
            else:
                style = "bullet"
                item = start(rest, i + 1)
            last_line, gap = c, False
            i += 1
            continue
        if timescale_heading(c) and not is_b:
            written, item, gap = c.rstrip(":").strip(), None, False
            i += 1
            continue
        if item is not None and _continues(item, last_line, c, gap, width):
            following = _next_text(doc, i + 1)
            if following is not None and LIST_HEADING_RE.match(doc.c[following]) and c.endswith(doc.c[following]):
                c = c[: -len(doc.c[following])].rstrip()  # the next heading, doubled onto this line by the text layer
            item.parts.append(c)
            last_line, gap = c, False
            i += 1
            continue
        if _NOTHING_FOUND.search(c):
            item, gap = None, False
            i += 1
            continue
        if not ends_sentence(c) and c[:1].isupper():
            following = _next_text(doc, i + 1)
            if following is not None and _starts_item(doc.c[following], style, last_num):
                item, gap = None, False  # a sub-heading inside the list
                i += 1
                continue
        break
    return items, i


def _starts_item(c: str, style: str | None, last_num: int | None) -> bool:
    nm = NUMBERED_RE.match(c)
    if nm:
        return style != "bullet" and (last_num is None or int(nm.group(1)) == last_num + 1)
    is_b, rest = bullet_of(c)
    return is_b and bool(rest) and style != "numbered"


def _continues(item: Item, last_line: str, c: str, gap: bool, width: int) -> bool:
    """Is ``c`` (not an item's start) the rest of ``item``? See the module docstring."""
    wrapped = len(last_line) >= 0.7 * width
    if c.startswith("("):
        return not gap or not ends_sentence(item.full)  # "(page 13, paragraph 20)", "(Recommendation)"
    if not ends_sentence(item.full):
        if c[:1].islower():
            return True
        return wrapped and not _heading_like(c, width)
    # the item has ended a sentence: an item may hold several, so a line that follows a wrapped
    # line without a break in between still belongs to it
    return not gap and wrapped and not _heading_like(c, width)
