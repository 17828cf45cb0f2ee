"""Ofsted's published inspection history: one record per inspection, with its judgements.

Framework and variant coding
----------------------------
``framework`` is always one of the codes in :mod:`inspections.grading` (so :func:`normalise`
applies the right scale); ``variant`` says which kind of inspection under that framework:

=====================================================  =========  ==================
column block in the files                               framework  variant
=====================================================  =========  ==================
SLAC (safeguarding and looked after children) 2009-12   SLAC       ``""``
SLAC re-inspection of safeguarding                      SLAC       ``"re-inspection"``
SLAC re-inspection of services for children looked af.  SLAC       ``"re-inspection"``
CPI (child protection inspection) 2012-13               CPI        ``""``
CPRI (child protection re-inspection)                   CPI        ``"re-inspection"``
TLAC (targeted looked after children) 2012-13           TLAC       ``""``
First SIF (with the LSCB review judgement)              SIF        ``""``
SIF re-inspection                                       SIF        ``"re-inspection"``
ILACS standard inspection                               ILACS      ``"standard"``
ILACS short inspection                                  ILACS      ``"short"``
=====================================================  =========  ==================

A SLAC inspection is one record with two judgements (sections "Safeguarding" and "Looked after
children"); the two SLAC re-inspections have their own publication dates, so each is its own
record with one judgement. The LSCB review judgement is published with the first SIF and is kept
on that record under the section "Local Safeguarding Children Board".

Grades are kept exactly as written. Note the 2023 sheet restates the 2009-12 "Adequate" as
"Requires improvement to be good" even for SLAC/CPI/TLAC; :func:`inspections.grading.normalise`
maps either to ``requires_improvement``. A cell holding "-" means the area was not judged (for
example adoption in the Isles of Scilly); it is listed in ``not_judged``, not turned into a grade.
A blank cell is simply no judgement (e.g. ILACS care leavers before January 2023).

Councils
--------
The 2023 sheet names councils only; names are matched with
:meth:`inspections.national.councils.CouncilList.match_name`. Its second table ("history of
inspections of local authorities that existed before the restructure") is matched against former
councils first, so its "Dorset" is the old county (835, E10000009), not today's Dorset (838).
The 2025 sheet has ONS codes. Rows that match no council are kept (``council.ons_code`` None) and
listed in ``unmatched``; more than :data:`MAX_UNMATCHED` is an error.

The ILACS inspections in the 2023 sheet (first and second ILACS columns) are also in the 2025
``ILACS_inspection_history`` sheet, which is newer and corrects errors; :func:`combine_histories`
keeps the 2023 sheet for the earlier frameworks and the 2025 sheet for ILACS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from inspections.grading import Level, normalise

from ._io import cell_date, cell_text, find_header_row, header_key, open_ods, sheet_rows
from .councils import Council, CouncilList, FormerCouncil
from .errors import NationalDataError

HISTORY_2023_SHEET = "LA_inspections_2009-2023"
ILACS_2025_SHEET = "ILACS_inspection_history"
MAX_UNMATCHED = 5
# From 1 January 2023 care leavers has its own ILACS judgement; before that the "children in care"
# judgement covered children in care and care leavers (see the 2025 file's Notes sheet). Both files
# restate older judgements under the new wording; the section says what was actually judged.
CARE_LEAVERS_SPLIT = date(2023, 1, 1)
MIN_2023_COUNCILS = 140
MIN_ILACS_ROWS = 200

NOT_JUDGED = {"-", "–", "—", "n/a", "na", "not judged"}

ILACS_VARIANTS = {
    "ilacs standard inspection": "standard",
    "standard inspection": "standard",
    "ilacs short inspection": "short",
    "short inspection": "short",
}


@dataclass(frozen=True)
class CouncilRef:
    """The council a row names: as written, and what it resolved to (``ons_code`` None: unmatched)."""

    name_as_written: str
    ons_code: str | None
    la_number: str | None = None
    current: bool = True  # False: a council abolished since (Cumbria, Northamptonshire, ...)
    code_as_written: str | None = None  # the 2025 sheet gives an ONS code


@dataclass(frozen=True)
class JudgementRecord:
    section: str  # "Safeguarding", "Overall effectiveness", "Children in care", ...
    area: str  # the column heading as the file writes it
    grade_as_written: str  # "Requires improvement to be good"
    level: Level | None  # via inspections.grading.normalise


@dataclass(frozen=True)
class InspectionRecord:
    council: CouncilRef
    framework: str  # SLAC | CPI | TLAC | SIF | ILACS
    variant: str  # "" | "re-inspection" | "standard" | "short"
    publication_date: date | None
    judgements: tuple[JudgementRecord, ...]
    inspection_date: date | None = None  # start of fieldwork (2025 sheet only)
    not_judged: tuple[str, ...] = ()  # areas the file marks "-"
    source_file: str = ""
    source_sheet: str = ""
    source_row: int = 0  # 1-based spreadsheet row

    def judgement(self, section: str) -> JudgementRecord | None:
        return next((j for j in self.judgements if j.section == section), None)


@dataclass(frozen=True)
class UnmatchedRow:
    source_file: str
    source_sheet: str
    source_row: int
    name_as_written: str
    code_as_written: str | None
    reason: str


@dataclass(frozen=True)
class InspectionHistory:
    inspections: tuple[InspectionRecord, ...]
    unmatched: tuple[UnmatchedRow, ...]

    def for_council(self, ons_code: str) -> list[InspectionRecord]:
        return [i for i in self.inspections if i.council.ons_code == ons_code]


# --- the 2023 sheet -------------------------------------------------------------------------

# (framework, variant, date column, type column or None, ((column, section), ...))
_BLOCKS_2023 = (
    (
        "SLAC",
        "",
        "Safeguarding & Looked After Children (SLAC) Inspection publication date",
        None,
        (
            ("SLAC Safeguarding Overall effectiveness (OE)", "Safeguarding"),
            ("SLAC Looked After Children Overall Effectiveness (OE)", "Looked after children"),
        ),
    ),
    (
        "SLAC",
        "re-inspection",
        "SLAC re-inspection of Safeguarding publication date",
        None,
        (("SLAC re-inspection Safeguarding OE", "Safeguarding"),),
    ),
    (
        "SLAC",
        "re-inspection",
        "SLAC re-inspection of services for Children Looked After publication date",
        None,
        (("SLAC re-inspection of services Children Looked After OE", "Looked after children"),),
    ),
    (
        "CPI",
        "",
        "Child Protection Inspections (CPI) publication date",
        None,
        (("CPI Overall Effectiveness (OE)", "Overall effectiveness"),),
    ),
    (
        "CPI",
        "re-inspection",
        "Child Protection Re-Inspection (CPRI) publication date",
        None,
        (("CPRI Overall Effectiveness (OE)", "Overall effectiveness"),),
    ),
    (
        "TLAC",
        "",
        "Targeted Looked After Children (TLAC) inspection publication date",
        None,
        (("TLAC Overall Effectiveness (OE)", "Overall effectiveness"),),
    ),
    (
        "SIF",
        "",
        "Single Inspection of LA Children's Services (SIF) First SIF publication date",
        None,
        (
            ("First SIF Overall Judgement (OE)", "Overall effectiveness"),
            ("First SIF children who need help and protection", "Children who need help and protection"),
            (
                "First SIF children looked after and achieving permanence",
                "Children looked after and achieving permanence",
            ),
            ("First SIF CLA Sub: Adoption Performance", "Adoption performance"),
            ("First SIF CLA Sub: Experiences and progress of care leavers", "Experiences and progress of care leavers"),
            ("First SIF leadership, management and governance", "Leadership, management and governance"),
            ("LSCB Overall Effectiveness", "Local Safeguarding Children Board"),
        ),
    ),
    (
        "SIF",
        "re-inspection",
        "Single Inspection of LA Children's Services (SIF) SIF Re-inspection publication date",
        None,
        (
            ("SIF Re-inspection Overall Judgement (OE)", "Overall effectiveness"),
            ("SIF Re-inspection children who need help and protection", "Children who need help and protection"),
            (
                "SIF Re-inspection children looked after and achieving permanence",
                "Children looked after and achieving permanence",
            ),
            ("SIF Re-inspection CLA Sub: Adoption Performance", "Adoption performance"),
            (
                "SIF Re-inspection CLA Sub: Experiences and progress of care leavers",
                "Experiences and progress of care leavers",
            ),
            ("SIF Re-inspection leadership, management and governance", "Leadership, management and governance"),
        ),
    ),
    (
        "ILACS",
        None,
        "First ILACS framework publication date",
        "First ILACS framework inspection type",
        (
            ("First ILACS framework overall effectiveness", "Overall effectiveness"),
            ("First ILACS framework impact of leaders", "Impact of leaders"),
            (
                "First ILACS framework experiences and progress of children who need help and protection",
                "Children who need help and protection",
            ),
            (
                "First ILACS framework experiences and progress of children in care and care leavers",
                "Children in care and care leavers",
            ),
        ),
    ),
    (
        "ILACS",
        None,
        "Second ILACS framework publication date",
        "Second ILACS framework inspection type",
        (
            ("Second ILACS framework overall effectiveness", "Overall effectiveness"),
            ("Second ILACS framework impact of leaders", "Impact of leaders"),
            (
                "Second ILACS framework experiences and progress of children who need help and protection",
                "Children who need help and protection",
            ),
            ("Second ILACS framework experiences and progress of children in care", "Children in care"),
            ("Second ILACS framework experiences and progress of care leavers", "Care leavers"),
        ),
    ),
)
_OPTIONAL_2023 = {"Second ILACS framework publication date"}  # the former-councils table has no second ILACS


def _default_councils() -> CouncilList:
    from .readers import load_councils

    return load_councils()


def read_inspection_history_2023(path: str | Path, councils: CouncilList | None = None) -> InspectionHistory:
    """Every inspection in the 2023 sheet ``LA_inspections_2009-2023`` (both of its tables).

    ``councils`` resolves names to ONS codes; by default the councils from the vendored files.
    """
    path = Path(path)
    councils = _default_councils() if councils is None else councils
    workbook = open_ods(path, (HISTORY_2023_SHEET,))
    rows = sheet_rows(path, workbook, HISTORY_2023_SHEET)
    inspections: list[InspectionRecord] = []
    unmatched: list[UnmatchedRow] = []

    head = find_header_row(path, HISTORY_2023_SHEET, rows, "Local authority name")
    tables = []
    end = _table_end(rows, head)
    tables.append((head, end, False))
    # The second table (councils that existed before the restructure) follows after a gap.
    for index in range(end, min(len(rows), end + 10)):
        if any(header_key(c) == "local authority name" for c in rows[index]):
            tables.append((index, _table_end(rows, index), True))
            break

    for head, _, _ in tables:
        _columns_2023(path, rows[head], head)  # a wrong layout is reported before a short table
    first_count = tables[0][1] - tables[0][0] - 1
    if first_count < MIN_2023_COUNCILS:
        raise NationalDataError(
            path,
            f"sheet {HISTORY_2023_SHEET!r} lists only {first_count} councils (expected at least "
            f"{MIN_2023_COUNCILS}; truncated?)",
        )
    for head, end, former_table in tables:
        columns = _columns_2023(path, rows[head], head)
        name_col = columns["local authority name"]
        for index in range(head + 1, end):
            row = rows[index]
            number = index + 1
            name = cell_text(_at(row, name_col))
            ref = _resolve_name(councils, name, former_table)
            if ref.ons_code is None:
                unmatched.append(
                    UnmatchedRow(path.name, HISTORY_2023_SHEET, number, name, None, "no council has this name")
                )
            inspections.extend(_records_2023(path, row, number, columns, ref, rows[head]))
    if len(unmatched) > MAX_UNMATCHED:
        raise NationalDataError(path, _too_many(unmatched))
    return InspectionHistory(tuple(inspections), tuple(unmatched))


def _table_end(rows: list[list], head: int) -> int:
    """Index just past the last row of the table whose header is at ``head`` (first blank name)."""
    name_col = next(i for i, c in enumerate(rows[head]) if header_key(c) == "local authority name")
    index = head + 1
    while index < len(rows) and cell_text(_at(rows[index], name_col)):
        index += 1
    return index


def _at(row: list, column: int):
    return row[column] if column < len(row) else ""


def _columns_2023(path: Path, header: list, head: int) -> dict[str, int]:
    columns = {header_key(h): i for i, h in enumerate(header) if header_key(h)}

    def find(name: str) -> int | None:
        key = header_key(name)
        if key in columns:
            return columns[key]
        if key.startswith("first ilacs framework"):  # the former-councils table says "ILACS framework"
            return columns.get(key.replace("first ilacs framework", "ilacs framework", 1))
        return None

    wanted = ["Local authority name"]
    for _, _, date_col, type_col, grades in _BLOCKS_2023:
        wanted += [date_col] + ([type_col] if type_col else []) + [g for g, _ in grades]
    out, missing = {}, []
    optional_blocks = {b[2] for b in _BLOCKS_2023 if b[2] in _OPTIONAL_2023}
    optional = set()
    for block in _BLOCKS_2023:
        if block[2] in optional_blocks:
            optional |= {block[2], block[3], *(g for g, _ in block[4])}
    # Second ILACS care leavers was added in 2023: optional with its block.
    for name in wanted:
        found = find(name)
        if found is None:
            if name not in optional:
                missing.append(name)
            continue
        out[header_key(name)] = found
    if missing:
        raise NationalDataError(
            path,
            f"sheet {HISTORY_2023_SHEET!r} header (row {head + 1}) lacks the expected column(s): "
            + "; ".join(repr(m) for m in missing),
        )
    return out


def _resolve_name(councils: CouncilList, name: str, prefer_former: bool) -> CouncilRef:
    found = councils.match_name(name, prefer_former=prefer_former) if name else None
    return _ref(name, found)


def _ref(name: str, found: Council | FormerCouncil | None, code: str | None = None) -> CouncilRef:
    if found is None:
        return CouncilRef(name, None, None, True, code)
    return CouncilRef(name, found.ons_code, found.la_number, isinstance(found, Council), code)


def _grade(path: Path, sheet: str, number: int, column: str, framework: str, text: str) -> Level:
    level = normalise(framework, text)
    if level is None:
        raise NationalDataError(
            path, f"sheet {sheet!r} row {number}, column {column!r}: {text!r} is not a {framework} grade"
        )
    return level


def _records_2023(path: Path, row: list, number: int, columns: dict[str, int], ref: CouncilRef, header: list):
    for framework, variant, date_col, type_col, grades in _BLOCKS_2023:
        if header_key(date_col) not in columns:
            continue
        published = cell_date(path, HISTORY_2023_SHEET, number, date_col, _at(row, columns[header_key(date_col)]))
        judgements, not_judged = [], []
        for column, section in grades:
            index = columns.get(header_key(column))
            if index is None:
                continue
            text = cell_text(_at(row, index))
            if not text:
                continue
            area = " ".join(str(header[index]).split())
            if text.casefold() in NOT_JUDGED:
                not_judged.append(section)
                continue
            if framework == "ILACS" and section == "Children in care" and published and published < CARE_LEAVERS_SPLIT:
                section = "Children in care and care leavers"
            judgements.append(
                JudgementRecord(section, area, text, _grade(path, HISTORY_2023_SHEET, number, column, framework, text))
            )
        if published is None and not judgements:
            continue
        if published is None:
            raise NationalDataError(
                path, f"sheet {HISTORY_2023_SHEET!r} row {number}: {framework} judgements without a publication date"
            )
        if type_col:
            type_text = cell_text(_at(row, columns[header_key(type_col)]))
            variant = ILACS_VARIANTS.get(type_text.casefold())
            if variant is None:
                raise NationalDataError(
                    path, f"sheet {HISTORY_2023_SHEET!r} row {number}: unknown ILACS inspection type {type_text!r}"
                )
        yield InspectionRecord(
            council=ref,
            framework=framework,
            variant=variant,
            publication_date=published,
            judgements=tuple(judgements),
            not_judged=tuple(not_judged),
            source_file=path.name,
            source_sheet=HISTORY_2023_SHEET,
            source_row=number,
        )


def _too_many(unmatched: list[UnmatchedRow]) -> str:
    sample = "; ".join(f"row {u.source_row} {u.name_as_written!r}" for u in unmatched[:10])
    return (
        f"{len(unmatched)} rows name a council that cannot be matched (more than {MAX_UNMATCHED}; "
        f"is this the right file?): {sample}"
    )


# The 2025 ILACS history sheet's reader, in its own module (it shares this one's records and helpers).
from .history_2025 import read_ilacs_history_2025  # noqa: E402,F401
