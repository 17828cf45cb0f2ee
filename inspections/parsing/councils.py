"""Council names to ONS codes.

The parser only knows the councils of the seed documents; the Django layer passes
``council_lookup(name) -> ons_code | None`` (a database lookup over all 153 councils), which is
tried first, with every spelling the text offers ("London Borough of Sutton", "Sutton").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Callable, Iterable

from ..names import fold_name

CouncilLookup = Callable[[str], "str | None"]

# core name (lower case, without "London Borough of", "County Council", ...) -> ONS code
KNOWN_COUNCILS = {
    "sutton": "E09000029",
    "southwark": "E09000028",
    "staffordshire": "E10000028",
}

_ONS_RE = re.compile(r"^[EW]\d{8}$")

_PREFIXES = r"^(?:the\s+)?(?:london\s+borough\s+of|royal\s+borough\s+of|metropolitan\s+borough\s+of|borough\s+of|city\s+of|county\s+of)\s+"
_SUFFIXES = (
    r"\s+(?:metropolitan\s+borough\s+council|metropolitan\s+(?:district|borough)(?:\s+council)?|borough\s+council|"
    r"county\s+council|city\s+council|district\s+council|council|local\s+authority)$"
)


def core_name(name: str) -> str:
    n = re.sub(r"\s+", " ", (name or "").replace("’", "'")).strip(" .,;:'\"").lower()
    n = re.sub(_PREFIXES, "", n)
    n = re.sub(_SUFFIXES, "", n)
    n = re.sub(r"^(?:the\s+)", "", n)
    return n.strip()


def lookup_from_names(named: Iterable[tuple[str, Iterable[str]]]) -> CouncilLookup:
    """A ``name -> ONS code`` lookup over ``(ons_code, [names...])`` pairs, names compared without
    "London Borough of", "Council"... (the one lookup rule: the database and the benchmark use it)."""
    folded: dict[str, str] = {}
    for code, spellings in named:
        for name in spellings:
            key = fold_name(core_name(name or ""))
            if key:
                folded.setdefault(key, code)

    def lookup(name: str) -> str | None:
        key = core_name(name)
        # "Inspection of Greenwich local authority children's services" offers "Greenwich local authority"
        key = re.sub(r"\s+(?:local authority|children'?s?)$", "", key)
        plain = fold_name(key)
        code = folded.get(plain) or folded.get(re.sub(r"\s+city$", "", plain))
        if code or len(plain) < 5:
            return code
        # "Newcastle" for Newcastle upon Tyne, "Bournemouth" for Bournemouth, Christchurch and Poole:
        # a name that begins exactly one council's name
        starts = {c for k, c in folded.items() if k.startswith(plain + " ")}
        return starts.pop() if len(starts) == 1 else None

    return lookup


def builtin_lookup(name: str) -> str | None:
    return KNOWN_COUNCILS.get(core_name(name))


def resolve(candidates: Iterable[str], lookup: CouncilLookup | None = None) -> tuple[str | None, str | None, list[str]]:
    """(ons_code, name_as_found, warnings) for the first candidate that a lookup knows."""
    warnings: list[str] = []
    seen: list[str] = []
    first: str | None = None
    for cand in candidates:
        cand = re.sub(r"\s+", " ", cand).strip(" .,;:")
        if not cand or cand.lower() in seen:
            continue
        seen.append(cand.lower())
        first = first or cand
        if _ONS_RE.match(cand):
            return cand, cand, warnings
        variants = [cand]
        if ", " in cand:  # "Children's Services, Barnsley Metropolitan Borough Council"
            variants.append(cand.rsplit(", ", 1)[1])
        core = core_name(cand)
        if core and core != cand.lower():
            variants.append(core.title())
        for variant in variants:
            if lookup is not None:
                try:
                    code = lookup(variant)
                except Exception as exc:  # noqa: BLE001 - an injected lookup must not break parsing
                    warnings.append(f"council lookup failed for {variant!r}: {exc.__class__.__name__}: {exc}")
                    code = None
                if code:
                    return code, cand, warnings
            code = builtin_lookup(variant)
            if code:
                return code, cand, warnings
    return None, first, warnings


# Where council names appear in inspection documents, most specific first.
_NAME = r"[A-Z][A-Za-z'’\-]+(?:(?:,? and | upon | on | with |, | )[A-Z][A-Za-z'’\-]+){0,4}"
_PATTERNS = [
    re.compile(r"\b((?:London|Royal|Metropolitan) Borough of " + _NAME + r")", re.I),
    re.compile(r"\b(" + _NAME + r" (?:Metropolitan Borough|Borough|County|City|District) Council)\b"),
    re.compile(r"\bCity of (" + _NAME + r")\b"),
    re.compile(r"\b(?:Inspection|[Vv]isit) (?:of|to) (" + _NAME + r") (?:local authority|children)", re.I),
    re.compile(r"\bChildren['’]s services in (?:the )?(" + _NAME + r")\b", re.I),
    re.compile(r"\bservices in (?:the )?(" + _NAME + r") (?:are|is|scored|were|requires?)\b"),
    re.compile(r"\b[Cc]hildren in (?:the )?(" + _NAME + r") (?:are|is|receive|require|requires|benefit|now)\b"),
    re.compile(r"\bOF (?:THE )?(?:LONDON BOROUGH OF )?([A-Z]+(?: [A-Z]+)?) (?:COUNTY COUNCIL|COUNCIL|EDUCATION)\b"),
    re.compile(r"\b(" + _NAME + r") Council\b"),
]

_STOP = {
    "the",
    "children",
    "county",
    "council",
    "borough",
    "london",
    "local",
    "this",
    "that",
    "inspection",
    "social",
    "services",
    "ofsted",
    "department",
    "education",
    "learning",
    "skills",
    "and",
}


def find_candidates(lines: list[str]) -> Iterator[str]:
    """Possible council names, in order, lazily (the first one a lookup knows wins, so the rest of
    the document is only read when the first pages name no council): first the title block's
    short lines taken whole (an ILACS report opens with the council's name on a line of its own),
    then the patterns below over the first page joined (a name wrapped over two lines), then line
    by line."""
    title = [x.strip() for x in lines[:12] if x.strip()]
    yield from (
        x for x in title if 3 <= len(x) <= 60 and x[:1].isupper() and not re.search(r"\d", x) and x.lower() not in _STOP
    )
    first_page = " ".join(title + [x.strip() for x in lines[12:40] if x.strip()])
    for pat in _PATTERNS:
        for m in pat.finditer(first_page):
            name = m.group(1).strip()
            if name.lower() not in _STOP and core_name(name) not in _STOP:
                yield name
    for line in lines:
        for pat in _PATTERNS:
            for m in pat.finditer(line):
                name = m.group(1).strip()
                if name.lower() in _STOP or core_name(name) in _STOP:
                    continue
                yield name
