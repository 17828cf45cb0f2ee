"""Personal-data guardrails for plan text: does it look as if it identifies a child?

Progress narratives and evidence names are about services, never about a named child. These
pure functions find what looks like an identifier, so that the officer is warned before saving
(they may still save, after confirming) and an administrator can find and redact it later.

- **NHS number**: 10 digits (spaces or hyphens allowed, as 943 476 5919) whose last digit is
  the modulus-11 check digit of the first nine (weights 10 to 2; 11 means 0; 10 is never valid).
- **UPN** (unique pupil number): 13 characters, a check letter then 12 digits (or 11 digits
  and a letter, for a temporary UPN). The DfE check letter: multiply characters 2 to 13 by their
  position (2 to 13; a letter counts by its place in ``UPN_LETTERS``), sum, take the remainder
  after dividing by 23, and look it up in ``UPN_LETTERS``.
- **Date of birth next to a name**: a date beside "DOB", "date of birth" or "born", or directly
  after or before a capitalised forename and surname ("Jane Smith (03/04/2009)").
- **Full UK postcode**: outward and inward code ("SM1 1EA"); a district alone ("SM1") is fine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # 23 letters: no I, O or S
# The longest text a progress update's narrative, remedial action or evidence of impact may
# hold, and how much of any one text the detectors read (a little more, so all of it).
UPDATE_TEXT_MAX_CHARS = 10_000
SCAN_LIMIT = 12_000


@dataclass(frozen=True)
class Finding:
    kind: str  # nhs_number, upn, date_of_birth, postcode
    text: str  # what was found, as written
    start: int = field(default=-1, compare=False)  # where in the text it was found (-1: not known)
    end: int = field(default=-1, compare=False)

    @property
    def label(self) -> str:
        return {
            "nhs_number": "an NHS number",
            "upn": "a unique pupil number (UPN)",
            "date_of_birth": "a date of birth next to a name",
            "postcode": "a full postcode",
        }[self.kind]

    @property
    def masked(self) -> str:
        """The finding with all but its last two characters hidden, safe to show back."""
        visible = self.text.strip()
        return "•" * max(len(visible) - 2, 0) + visible[-2:]


# --- NHS number -----------------------------------------------------------------------------

_NHS = re.compile(r"(?<![\w-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\w-])")


def nhs_check_digit(nine: str) -> int | None:
    """The modulus-11 check digit of an NHS number's first nine digits (None: no valid number)."""
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_nhs_number(text: str) -> bool:
    digits = re.sub(r"[ -]", "", text)
    if not (len(digits) == 10 and digits.isdigit()):
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


def _nhs_spans(text: str):
    for m in _NHS.finditer(text):
        if is_nhs_number(m.group(0)):
            yield m.start(), m.end(), m.group(0)


def nhs_numbers(text: str) -> list[str]:
    return [value for _, _, value in _nhs_spans(text)]


# --- UPN ------------------------------------------------------------------------------------

_UPN = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]\d{11}[0-9A-Za-z])(?![A-Za-z0-9])")


def upn_check_letter(twelve: str) -> str:
    """The check letter for a UPN's characters 2 to 13."""
    total = 0
    for position, char in enumerate(twelve.upper(), start=2):
        value = int(char) if char.isdigit() else UPN_LETTERS.index(char)
        total += position * value
    return UPN_LETTERS[total % 23]


def is_upn(text: str) -> bool:
    upn = text.strip().upper()
    if len(upn) != 13 or upn[0] not in UPN_LETTERS or not upn[1:12].isdigit():
        return False
    if not (upn[12].isdigit() or upn[12] in UPN_LETTERS):
        return False
    return upn_check_letter(upn[1:]) == upn[0]


def _upn_spans(text: str):
    for m in _UPN.finditer(text):
        if is_upn(m.group(1)):
            yield m.start(1), m.end(1), m.group(1)


def upns(text: str) -> list[str]:
    return [value for _, _, value in _upn_spans(text)]


# --- Postcode -------------------------------------------------------------------------------

_POSTCODE = re.compile(
    r"\b(GIR ?0AA|[A-PR-UWYZ](?:[A-HK-Y]?\d[A-Z\d]?|\d[A-HJKPSTUW]) ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)


def _postcode_spans(text: str):
    for m in _POSTCODE.finditer(text):
        yield m.start(1), m.end(1), m.group(1)


def postcodes(text: str) -> list[str]:
    return [value for _, _, value in _postcode_spans(text)]


# --- Date of birth next to a name -----------------------------------------------------------

_MONTHS = (
    "(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:{_MONTHS})\.? \d{{4}}"
    rf"|(?:{_MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}})"
)
# Every pattern is linear in the text: each repetition is bounded (a gap is at most _GAP
# whitespace characters, a name part at most 40 letters), so no two unbounded repeats of the
# same characters sit side by side for the engine to try against each other. The text scanned
# is capped as well (SCAN_LIMIT).
_GAP = r"\s{0,4}"
_PART = r"[A-Z][a-z]{1,40}(?:[-'][A-Z][a-z]{1,40})?"
_NAME = rf"(?:{_PART}) (?:{_PART}|[A-Z]\.?)"
_KEYWORD = r"(?i:d\.?o\.?b\b\.?|date of birth|born(?: on)?|birthday)"
_DOB_PATTERNS = [
    re.compile(rf"\b{_KEYWORD}{_GAP}(?:[:\-–,]{_GAP})?{_DATE}"),
    re.compile(rf"{_DATE}{_GAP}(?:\({_GAP})?{_KEYWORD}"),
    re.compile(rf"\b{_NAME}{_GAP}(?:[(,–\-:]{_GAP})?(?:{_KEYWORD}{_GAP}(?::{_GAP})?)?{_DATE}"),
    re.compile(rf"{_DATE}{_GAP}(?:[),–\-:]{_GAP})?{_NAME}\b"),
]
# Words that begin a capitalised pair in plan text without naming anyone.
_NOT_NAMES = re.compile(
    r"^(?:The|By|On|In|At|From|Since|Until|To|Due|Agreed|Board|Meeting|Team|Ofsted|Council|Plan|Action|Review|"
    r"Report|January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def _name_pattern(found: str) -> bool:
    return bool(re.search(_KEYWORD, found))


def dates_of_birth(text: str) -> list[str]:
    return [value for _, _, value in _dob_spans(text)]


def _dob_spans(text: str):
    found = []
    for index, pattern in enumerate(_DOB_PATTERNS):
        for match in pattern.finditer(text):
            value = match.group(0)
            if index == 2 and not _name_pattern(value):
                # Name first: the pair must look like a person's name, not "Board Meeting".
                name = re.match(_NAME, value)
                if name is None or _NOT_NAMES.match(name.group(0)):
                    continue
            if index == 3:
                name = re.search(_NAME + r"$", value)
                if name is None or _NOT_NAMES.match(name.group(0)):
                    continue
            found.append((match.start(), match.end(), value))
    return found


# --- All together ---------------------------------------------------------------------------


def findings(text: str) -> list[Finding]:
    """Everything in ``text`` that looks like it identifies a child, in the order: NHS numbers,
    UPNs, dates of birth next to a name, postcodes. Only the first ``SCAN_LIMIT`` characters
    are scanned: more than any field that is checked may hold (``UPDATE_TEXT_MAX_CHARS``), so
    that stored text of any length is checked in bounded time."""
    if not text:
        return []
    text = text[:SCAN_LIMIT]
    return [
        Finding(kind, value, start, end)
        for kind, spans in (
            ("nhs_number", _nhs_spans),
            ("upn", _upn_spans),
            ("date_of_birth", _dob_spans),
            ("postcode", _postcode_spans),
        )
        for start, end, value in spans(text)
    ]


def highlighted(text: str, found: list[Finding]):
    """``text`` as safe HTML with each finding marked (``<mark>``), so the person sees exactly
    what looked identifying and where. Overlapping findings are marked once."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    spans = sorted((f.start, f.end) for f in found if 0 <= f.start < f.end)
    parts, position = [], 0
    for start, end in spans:
        if start < position:
            start = position
        if start >= end:
            continue
        parts.append(escape(text[position:start]))
        parts.append(f'<mark class="app-highlight">{escape(text[start:end])}</mark>')
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


def looks_identifying(*texts: str) -> bool:
    return any(findings(t) for t in texts)
