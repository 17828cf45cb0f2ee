"""The councils of England, taken from the releases themselves.

How many: 153
-------------
England has **153** local authorities with children's services responsibilities as at the 2025
releases. Both sources agree exactly: the Ofsted sheet ``Inspections_as_at_31_March`` (2025)
lists 153 ONS codes and the DfE CSVs have 153 local-authority rows for 2024 and 2025, with the
same codes. The count includes the City of London (201, E09000001) and the Isles of Scilly
(420, E06000053), which some publications leave out. The often-quoted "152" is out of date;
the DfE ``c1`` CSV shows the history year by year:

* 2013-2019: 152.
* 1 April 2019: Bournemouth (837), Poole (836) and Dorset county (835) became Bournemouth,
  Christchurch and Poole (839, E06000058) and Dorset unitary (838, E06000059): 151 (2020, 2021).
* 1 April 2021: Northamptonshire (928) split into North (940) and West (941) Northamptonshire:
  152 (2022, 2023).
* 1 April 2023: Cumbria (909) split into Cumberland (942) and Westmorland and Furness (943):
  153 (2024, 2025). North Yorkshire (815) and Somerset (933) became unitary the same day: their
  ONS codes changed (E10000023 -> E06000065, E10000027 -> E06000066), their LA numbers did not,
  so they are the same council (``previous_ons_codes``). Buckinghamshire (825) did the same in
  2020 (E10000002 -> E06000060).

Councils that no longer exist (835, 836, 837, 909, 928) are kept as :class:`FormerCouncil` (their
own ONS code from the DfE CSV rows of the years they reported, and their successors) because the
inspection history and the 2021 statistical neighbours refer to them.

Where each field comes from
---------------------------
* ``ons_code``, ``name``, ``ofsted_region``: the 2025 Ofsted file (``Inspections_as_at_31_March``).
* ``la_number``, ``dfe_name``, ``region_code``, ``region_name``: the DfE CSV (latest year), joined on
  the ONS code (falling back to the normalised name; a council that matches neither is an error).
* ``authority_type``: from the GSS prefix of the current ONS code (E06 unitary, E08 metropolitan
  district, E09 London borough, E10 shire county), which is always current. The 2023 Ofsted sheet
  also has a type column but it is stale for councils reorganised since (it still calls North
  Yorkshire, Somerset and Buckinghamshire "Shire County", and has no row for Cumberland or
  Westmorland and Furness); it is kept as ``ofsted_2023_authority_type`` when that sheet is given.

Names
-----
Names differ between the releases ("Bristol, City of" / "Bristol", "Kingston upon Hull, City of" /
"Kingston Upon Hull", "Herefordshire, County of" / "Herefordshire", "County Durham" / "Durham",
"Bedford" / "Bedford Borough", "St. Helens" / "St Helens", "&" / "and", "Dorset (Pre LG)").
:func:`name_key` folds these; :meth:`CouncilList.match_name` looks names up.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from inspections.names import fold_name

from ._io import cell_text, find_header_row, header_key, open_ods, read_csv, sheet_rows
from .errors import NationalDataError

OFSTED_2025_SHEET = "Inspections_as_at_31_March"
HISTORY_2023_SHEET = "LA_inspections_2009-2023"

# Fewer councils than this in a release means the file is incomplete.
MIN_COUNCILS = 140

AUTHORITY_TYPES = {
    "E06": "Unitary",
    "E08": "Metropolitan District",
    "E09": "London Borough",
    "E10": "Shire County",
}

# Local government reorganisations: former LA number -> (date, successor LA numbers).
# The DfE CSVs show when each former council stopped reporting; the successors are recorded
# here because no release states them in a machine-readable way.
REORGANISATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "835": ("2019-04-01", ("838", "839")),  # Dorset county -> Dorset; Christchurch -> BCP
    "836": ("2019-04-01", ("839",)),  # Poole -> Bournemouth, Christchurch and Poole
    "837": ("2019-04-01", ("839",)),  # Bournemouth -> Bournemouth, Christchurch and Poole
    "928": ("2021-04-01", ("940", "941")),  # Northamptonshire -> North, West Northamptonshire
    "909": ("2023-04-01", ("942", "943")),  # Cumbria -> Cumberland, Westmorland and Furness
}

# Name keys that mean the same council although no folding rule makes them equal.
_NAME_ALIASES = {
    "county durham": "durham",
    "bedford borough": "bedford",
}


def name_key(name: str) -> str:
    """Fold a council name so that the spellings the releases use compare equal.

    ``"Bristol, City of"``, ``"Bristol"``; ``"Telford & Wrekin"``, ``"Telford and Wrekin"``;
    ``"St. Helens"``, ``"St Helens"``; ``"Dorset (Pre LG)"``, ``"Dorset"``. "City of London"
    keeps its "city of" (it is not the inverted ", City of" form).
    """
    text = unicodedata.normalize("NFKC", name or "").casefold().strip()
    text = re.sub(r"\(\s*pre\s+lg\s*\)", " ", text)
    match = re.match(r"^(.*?),\s*(city|county|borough) of\s*$", text)
    if match:
        text = match.group(1)
    text = fold_name(text)
    return _NAME_ALIASES.get(text, text)


@dataclass(frozen=True)
class Council:
    """A current English local authority with children's services responsibilities."""

    ons_code: str  # "E09000029"
    la_number: str  # old three-digit DfE LA number, "319"
    name: str  # as the 2025 Ofsted file writes it
    dfe_name: str  # as the DfE CSV writes it ("Bristol, City of")
    ofsted_region: str  # Ofsted region, 2025 file ("North East, Yorkshire and the Humber")
    region_code: str  # DfE/ONS region code, "E12000007"
    region_name: str  # "London"
    authority_type: str  # "London Borough" | "Metropolitan District" | "Unitary" | "Shire County"
    previous_ons_codes: tuple[str, ...] = ()  # earlier codes of the same council (same LA number)
    ofsted_2023_authority_type: str | None = None  # as the 2023 Ofsted sheet has it, if given


@dataclass(frozen=True)
class FormerCouncil:
    """A council that no longer exists (abolished in a reorganisation)."""

    ons_code: str  # its own code while it existed, "E10000006"
    la_number: str  # "909"
    name: str  # "Cumbria"
    last_reporting_year: int  # last DfE reporting year it appears in
    abolished: str | None  # ISO date of the reorganisation, if known
    successor_ons_codes: tuple[str, ...]


@dataclass(frozen=True)
class CouncilList:
    """The current councils (iterable, ``len`` 153) and the former ones, with look-ups."""

    councils: tuple[Council, ...]
    former: tuple[FormerCouncil, ...] = ()
    _by_ons: dict = field(default_factory=dict, repr=False, compare=False)
    _by_number: dict = field(default_factory=dict, repr=False, compare=False)
    _by_name: dict = field(default_factory=dict, repr=False, compare=False)
    _former_by_name: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        for council in self.councils:
            for code in (council.ons_code, *council.previous_ons_codes):
                self._by_ons.setdefault(code, council)
            self._by_number[council.la_number] = council
            for written in (council.name, council.dfe_name):
                self._by_name.setdefault(name_key(written), council)
        for former in self.former:
            self._by_ons.setdefault(former.ons_code, former)
            self._by_number.setdefault(former.la_number, former)
            self._former_by_name.setdefault(name_key(former.name), former)

    def __iter__(self):
        return iter(self.councils)

    def __len__(self):
        return len(self.councils)

    def by_ons_code(self, code: str) -> Council | FormerCouncil | None:
        return self._by_ons.get((code or "").strip())

    def by_la_number(self, number: str) -> Council | FormerCouncil | None:
        return self._by_number.get((number or "").strip())

    def match_name(self, name: str, prefer_former: bool = False) -> Council | FormerCouncil | None:
        """The council a name means: current councils first (former first if ``prefer_former``)."""
        key = name_key(name)
        current, former = self._by_name.get(key), self._former_by_name.get(key)
        return (former or current) if prefer_former else (current or former)

    def add_alias(self, code: str, council: Council) -> None:
        """Record another ONS code for ``council`` (used for codes only one release uses)."""
        self._by_ons.setdefault(code, council)


def authority_type_for(ons_code: str) -> str:
    return AUTHORITY_TYPES.get(ons_code[:3], "Unknown")


def read_councils(
    ofsted_2025_path: str | Path,
    dfe_csv_path: str | Path,
    history_2023_path: str | Path | None = None,
) -> CouncilList:
    """All current English councils (153 as at 2025) and the former ones.

    ``ofsted_2025_path``: ``LA_Inspection_Outcomes_as_at_31_March_2025.ods``;
    ``dfe_csv_path``: a DfE CSV with ``old_la_code``/``new_la_code`` by year (the ``c1`` CSV has
    every year since 2013, so it also yields former councils and changed codes);
    ``history_2023_path`` (optional): the 2023 Ofsted underlying data, for
    ``ofsted_2023_authority_type``.
    """
    ofsted_2025_path, dfe_csv_path = Path(ofsted_2025_path), Path(dfe_csv_path)
    ofsted = _read_ofsted_councils(ofsted_2025_path)
    _, rows = read_csv(
        dfe_csv_path,
        ("time_period", "geographic_level", "region_code", "region_name", "old_la_code", "new_la_code", "la_name"),
        min_rows=MIN_COUNCILS,
    )
    by_year: dict[int, dict[str, dict[str, str]]] = defaultdict(dict)
    for row in rows:
        if row["geographic_level"].strip().lower() != "local authority":
            continue
        if "/" in row["old_la_code"]:  # combined rows ("940 / 941") are not councils
            continue
        by_year[_year_end(dfe_csv_path, row["time_period"])][row["old_la_code"].strip()] = row
    if not by_year:
        raise NationalDataError(dfe_csv_path, "has no local authority rows")
    latest_year = max(by_year)
    latest = by_year[latest_year]
    if len(latest) < MIN_COUNCILS:
        raise NationalDataError(
            dfe_csv_path,
            f"has only {len(latest)} local authorities for {latest_year} (expected at least {MIN_COUNCILS})",
        )
    dfe_by_ons = {row["new_la_code"].strip(): row for row in latest.values()}
    dfe_by_name = {name_key(row["la_name"]): row for row in latest.values()}

    previous: dict[str, set[str]] = defaultdict(set)
    last_seen: dict[str, tuple[int, dict[str, str]]] = {}
    for year in sorted(by_year):
        for number, row in by_year[year].items():
            last_seen[number] = (year, row)
            if number in latest and row["new_la_code"].strip() != latest[number]["new_la_code"].strip():
                previous[number].add(row["new_la_code"].strip())

    types_2023 = _read_2023_types(Path(history_2023_path)) if history_2023_path else {}

    councils: list[Council] = []
    unjoined: list[str] = []
    used: set[str] = set()
    for code, name, region in ofsted:
        dfe = dfe_by_ons.get(code) or dfe_by_name.get(name_key(name))
        if dfe is None or dfe["old_la_code"] in used:
            unjoined.append(f"{name} ({code})")
            continue
        number = dfe["old_la_code"].strip()
        used.add(number)
        councils.append(
            Council(
                ons_code=code,
                la_number=number,
                name=name,
                dfe_name=dfe["la_name"].strip(),
                ofsted_region=region,
                region_code=dfe["region_code"].strip(),
                region_name=dfe["region_name"].strip(),
                authority_type=authority_type_for(code),
                previous_ons_codes=tuple(sorted(previous.get(number, set()) - {code})),
                ofsted_2023_authority_type=types_2023.get(name_key(name)) or types_2023.get(name_key(dfe["la_name"])),
            )
        )
    if unjoined:
        raise NationalDataError(
            dfe_csv_path,
            f"has no {latest_year} row for {len(unjoined)} council(s) in {ofsted_2025_path.name}: {', '.join(unjoined)}",
        )
    not_in_ofsted = sorted(f"{r['la_name']} ({r['new_la_code']})" for n, r in latest.items() if n not in used)
    if not_in_ofsted:
        raise NationalDataError(
            ofsted_2025_path, f"has no row for council(s) that {dfe_csv_path.name} lists: {', '.join(not_in_ofsted)}"
        )
    number_to_code = {c.la_number: c.ons_code for c in councils}
    former = []
    for number, (year, row) in sorted(last_seen.items()):
        if number in latest:
            continue
        abolished, successors = REORGANISATIONS.get(number, (None, ()))
        former.append(
            FormerCouncil(
                ons_code=row["new_la_code"].strip(),
                la_number=number,
                name=row["la_name"].strip(),
                last_reporting_year=year,
                abolished=abolished,
                successor_ons_codes=tuple(number_to_code[s] for s in successors if s in number_to_code),
            )
        )
    councils.sort(key=lambda c: c.ons_code)
    return CouncilList(tuple(councils), tuple(former))


def _read_ofsted_councils(path: Path) -> list[tuple[str, str, str]]:
    workbook = open_ods(path, (OFSTED_2025_SHEET,))
    rows = sheet_rows(path, workbook, OFSTED_2025_SHEET)
    head = find_header_row(path, OFSTED_2025_SHEET, rows, "Local authority area code")
    columns = {header_key(h): i for i, h in enumerate(rows[head])}
    needed = ("local authority area code", "local authority name", "ofsted region")
    missing = [n for n in needed if n not in columns]
    if missing:
        raise NationalDataError(path, f"sheet {OFSTED_2025_SHEET!r} has no column(s) {', '.join(missing)}")
    out, seen = [], set()
    for number, row in enumerate(rows[head + 1 :], start=head + 2):
        code = cell_text(row[columns["local authority area code"]])
        name = cell_text(row[columns["local authority name"]])
        if not code and not name:
            continue
        if not re.fullmatch(r"E\d{8}", code):
            raise NationalDataError(
                path, f"sheet {OFSTED_2025_SHEET!r} row {number}: {code!r} is not an ONS code (council {name!r})"
            )
        if code in seen:
            raise NationalDataError(path, f"sheet {OFSTED_2025_SHEET!r} row {number}: {code} appears twice")
        seen.add(code)
        out.append((code, name, cell_text(row[columns["ofsted region"]])))
    if len(out) < MIN_COUNCILS:
        raise NationalDataError(
            path,
            f"sheet {OFSTED_2025_SHEET!r} lists only {len(out)} councils (expected at least {MIN_COUNCILS}; truncated?)",
        )
    return out


def _read_2023_types(path: Path) -> dict[str, str]:
    workbook = open_ods(path, (HISTORY_2023_SHEET,))
    rows = sheet_rows(path, workbook, HISTORY_2023_SHEET)
    head = find_header_row(path, HISTORY_2023_SHEET, rows, "Local authority name")
    columns = {header_key(h): i for i, h in enumerate(rows[head])}
    if "la authority type" not in columns:
        raise NationalDataError(path, f"sheet {HISTORY_2023_SHEET!r} has no 'LA Authority Type' column")
    types = {}
    for row in rows[head + 1 :]:
        name = cell_text(row[columns["local authority name"]])
        if not name:
            break  # end of the first table (current councils)
        types.setdefault(name_key(name), cell_text(row[columns["la authority type"]]))
    return types


def _year_end(path: Path, period: str) -> int:
    """The end year of a DfE ``time_period``: "2025" -> 2025, "202425" -> 2025, "2024/25" -> 2025."""
    text = (period or "").strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    match = re.fullmatch(r"(\d{4})[/-]?(\d{2}|\d{4})", text)
    if match:
        start, end = int(match.group(1)), match.group(2)
        return int(end) if len(end) == 4 else (start // 100) * 100 + int(end) + (100 if int(end) < start % 100 else 0)
    raise NationalDataError(path, f"{period!r} is not a time period this reader understands")
