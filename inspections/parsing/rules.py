"""Small shared rules: grade phrases, timescales, bodies, list collection.

Each rule is a plain function so that tests can pin it down on one line of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Recommendation
from .text import bullet_of, clean

GRADE_WORD = (
    r"(?:requires\s+improvement\s+to\s+be\s+good|requires\s+improvement|outstanding|good|"
    r"adequate|inadequate)"
)
GRADE_WORD_RE = re.compile(r"\b" + GRADE_WORD + r"\b", re.I)
GRADE_AT_END_RE = re.compile(r"^(?P<area>.*?)[\s:\-–]*\b(?P<grade>" + GRADE_WORD + r")\s*\.?\s*$", re.I)
ONLY_GRADE_RE = re.compile(r"^\s*" + GRADE_WORD + r"\s*\.?\s*$", re.I)

TIMESCALES = ("immediately", "within_3_months", "within_6_months", "with_action_plan", "other")

_TIMESCALE_HEADING_RE = re.compile(
    r"^(?:for\s+)?(?:(?:priority\s+and\s+)?immediate(?:ly)?(?:\s+action)?|"
    r"(?:action\s+)?(?:over\s+|within\s+|in\s+)?(?:the\s+)?(?:next\s+)?(?:one|two|three|four|six|nine|twelve|\d{1,2})\s+months?|"
    r"action\s+over\s+the\s+next\s+(?:three|six|3|6)\s+months|"
    r"(?:in\s+the\s+)?(?:longer|medium|short)\s+term|within\s+(?:a|one)\s+year)\s*:?\s*$",
    re.I,
)


def timescale_code(text: str | None) -> str:
    """The one timescale rule: a timescale as written to immediately / within_3_months /
    within_6_months / with_action_plan / other (the codes of ``inspections.rules.Timescale``).

    A number of months counts however it is introduced: "Within three months", "Three months",
    "in 3 months", "over the next 6 months" all give the timescale (a heading in a list of
    recommendations that says "Three months" means within three months). ILACS "What needs to
    improve" items are due with the post-inspection action plan. Anything else is "other".
    """
    t = re.sub(r"[^a-z0-9 ]+", " ", (text or "").lower())
    if re.search(r"\bwhat needs to improve\b", t):
        return "with_action_plan"
    if re.search(r"\bimmediate(?:ly)?\b", t):
        return "immediately"
    if re.search(r"\b(?:three|3)\s+months?\b", t):
        return "within_3_months"
    if re.search(r"\b(?:six|6)\s+months?\b", t):
        return "within_6_months"
    return "other"


def timescale_heading(line: str) -> str | None:
    """The heading text if a (cleaned) line is a timescale heading such as 'Within three months:'."""
    c = clean(line).rstrip()
    if len(c) > 60:
        return None
    ok, rest = bullet_of(c)
    if ok:
        return None
    if _TIMESCALE_HEADING_RE.match(c):
        return c.rstrip(":").strip()
    return None


_PHRASES = [
    r"to\s+be\s+implemented\s+immediately",
    r"(?:for\s+)?immediate\s+action",
    r"(?:to\s+be\s+taken\s+)?immediately",
    r"(?:for\s+action\s+)?(?:within|over)\s+(?:the\s+)?(?:next\s+)?(?:three|3|six|6)\s+months",
    r"(?:the\s+)?next\s+(?:three|3|six|6)\s+months",
    r"immediate",
]


def timescale_phrase(sentence: str) -> str | None:
    """The timescale phrase inside an introducing sentence ('... to be taken over the next 6 months:')."""
    for pat in _PHRASES:
        m = re.search(r"\b" + pat + r"\b", sentence, re.I)
        if m:
            return m.group(0)
    return None


# ---------------------------------------------------------------- bodies
# The rule: a recommendation names bodies only when it opens with a subject phrase (not an
# imperative verb) that ends at the first "to" / "should" / "must" / "will" / "needs to" and
# contains an organisation word (PCT, Trust, LSCB, council, director, ...). That phrase is split
# on commas, "and", "&" and "together with"; a piece without an organisation word ("Sutton" in
# "Sutton and Merton PCT") is joined back to the next one. A leading "the" is dropped before a
# capitalised name ("the Royal Marsden ..." -> "Royal Marsden ...") and kept before a common noun
# ("the council"). Recommendations addressed to nobody in particular (the imperative lists whose
# introduction addresses "the local authority and its partners") get [].

_BODY_WORDS = re.compile(
    r"\b(?:pct|pcts|ccg|ccgs|nhs|trusts?|lscb|lscbs|boards?|councils?|borough|authority|authorities|"
    r"services?|partnerships?|commission|commissioners?|hospitals?|director|directors|providers?|"
    r"members|team|teams|police|constabulary|agencies|agency|partners|custodian|department|"
    r"executive|cabinet|panel|committee|forum|probation|yot|colleges?|schools|governors|"
    r"head\s+of|manager|managers|officers?|chair|ofsted|dfe|government)\b",
    re.I,
)

_IMPERATIVES = {
    "ensure",
    "undertake",
    "devise",
    "instigate",
    "review",
    "strengthen",
    "consult",
    "improve",
    "establish",
    "develop",
    "implement",
    "increase",
    "put",
    "further",
    "monitor",
    "embed",
    "continue",
    "disseminate",
    "robust",
    "reduce",
    "make",
    "provide",
    "take",
    "agree",
    "identify",
    "introduce",
    "analyse",
    "evaluate",
    "secure",
    "promote",
    "raise",
    "work",
    "address",
    "use",
    "complete",
    "extend",
    "set",
    "create",
    "support",
    "build",
    "publish",
    "consider",
    "prioritise",
    "reconsider",
    "tackle",
    "audit",
    "check",
    "confirm",
    "collect",
    "record",
    "report",
    "revise",
    "enable",
    "explore",
    "seek",
    "engage",
    "sustain",
    "maintain",
    "clarify",
    "all",
    "that",
    "to",
    "in",
    "for",
}

_SUBJECT_END = re.compile(r"\s+(?:to|should|must|will|shall|needs?\s+to|is\s+to|are\s+to|has\s+to|have\s+to)\s+", re.I)


_ORG_END = re.compile(
    r"\b(?:pcts?|ccgs?|nhs|trusts?|lscbs?|boards?|councils?|services?|partnerships?|commission|"
    r"commissioners?|hospitals?|providers?|members|teams?|police|constabulary|agenc(?:y|ies)|partners|"
    r"authority|authorities|panel|committee|forum|executive|cabinet|schools|colleges?|governors|officers?|"
    r"managers?|chair|department|probation|yot|dfe|ofsted|government)$",
    re.I,
)


_ROLE = re.compile(r"^(?:the\s+)?(?:custodian|director|head|chair|chief\s+executive|lead\s+member|leader)\b", re.I)


def _complete(piece: str) -> bool:
    """Does ``piece`` already name a whole organisation (so a following "and" starts another one)?"""
    p = re.sub(r"['’]s$", "", piece.strip())
    return bool(
        _ORG_END.search(p)
        or re.search(r"\b(?:Borough|City|County) of [A-Z][\w'’-]+$", p)
        or re.match(
            r"^(?:the\s+)?(?:[A-Z]\w+\s+)?(?:Director|Head|Chair|Chief Executive)\s+of\s+[A-Z][\w'’-]+(?:\s+(?:for|of)\s+[A-Z][\w'’-]+)?$",
            p,
        )
    )


def bodies_of(text: str) -> list[str]:
    t = clean(text)
    if not t:
        return []
    first = re.split(r"[\s,]+", t, maxsplit=1)[0].lower()
    if first in _IMPERATIVES:
        return []
    m = _SUBJECT_END.search(t)
    if not m:
        return []
    subject = t[: m.start()].strip(" ,")
    if len(subject.split()) > 25 or not _BODY_WORDS.search(subject):
        return []
    # the subject must not itself be a clause ("the re-referral rate of children")
    pieces = re.split(
        r"(\s*,\s*together\s+with\s+|\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s+&\s+|\s+together\s+with\s+)", subject
    )
    names: list[str] = []
    for idx in range(0, len(pieces), 2):
        piece = pieces[idx].strip(" ,")
        sep = pieces[idx - 1].strip() if idx else ""
        if names and not _complete(names[-1]) and sep in ("and", "&") and piece[:1].isupper():
            names[-1] = f"{names[-1]} {sep} {piece}"  # "Sutton" + "and" + "Merton PCT"
        elif piece:
            names.append(piece)
    # every piece must name an organisation or a post ("Sutton LSCB", "the council", "the Director of
    # Learning for Life"); otherwise the phrase is a topic ("The local authority's response to ..."),
    # not an addressee
    if not names or not all(_complete(n) or _ROLE.match(n) for n in names):
        return []
    out = []
    for name in names:
        name = re.sub(r"^[Tt]he\s+(?=[A-Z])", "", name)
        name = re.sub(r"^The\s+(?=[a-z])", "the ", name)
        name = name.strip(" ,;:")
        if name and _BODY_WORDS.search(name):
            out.append(name)
    return out


# ---------------------------------------------------------------- list collection


@dataclass
class Item:
    text: str
    line: int  # 1-based
    label: str | None = None  # "(i)", "18"
    parts: list[str] = field(default_factory=list)

    @property
    def full(self) -> str:
        return re.sub(r"\s+", " ", " ".join([self.text, *self.parts])).strip()


_TERMINAL = re.compile(r"[.;:!?][\"'’”)\]]*\s*$")


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.strip()))


def continues(item: Item, line: str, gap: bool) -> bool:
    """Is a non-bullet line the wrapped continuation of ``item``?

    Directly after the item: yes unless the item already ends a sentence. After a blank line,
    page number or running header (a page break): only if it also starts in lower case.
    """
    c = clean(line)
    if not c or ends_sentence(item.full):
        return False
    if gap:
        return c[:1].islower()
    return True


@dataclass
class Bullets:
    """A list of recommendations read line by line: the finished ones, the item being read, and
    whether a blank line or page break came just before this line (``gap``)."""

    framework: str
    recs: list[Recommendation] = field(default_factory=list)
    item: Item | None = None
    gap: bool = False

    def flush(self, section: str, timescale: str | None) -> None:
        """Finish the item being read as a recommendation under ``section`` and ``timescale``."""
        if self.item is not None and self.item.full:
            text = self.item.full
            self.recs.append(
                Recommendation(
                    section=section,
                    timescale=timescale_code(timescale),
                    text=text,
                    bodies=bodies_of(text),
                    line=self.item.line,
                    timescale_as_written=timescale,
                    framework=self.framework,
                )
            )
        self.item = None

    def start(self, text: str, line: int) -> None:
        """Begin a new item with ``text`` on ``line`` (1-based)."""
        self.item = Item(text=text, line=line)
        self.gap = False

    def extend(self, line: str) -> bool:
        """Add a wrapped line to the item being read, if it continues it."""
        if self.item is not None and continues(self.item, line, self.gap):
            self.item.parts.append(line)
            self.gap = False
            return True
        return False


NUMBERED_RE = re.compile(r"^\(?(\d{1,3})[.)]\s+(?=\S)")
ROMAN_RE = re.compile(r"^\(?([ivx]{1,4})\)\s+", re.I)
