"""Reading Ofsted's 2025 ``ILACS_inspection_history`` sheet: every ILACS standard and short
inspection, with the five judgements (four before 2023, when care leavers were judged with
children in care). Re-exported by :mod:`inspections.national.history`, whose records and
helpers it uses."""

from __future__ import annotations

from pathlib import Path

from ._io import cell_date, cell_text, find_header_row, header_key, open_ods, sheet_rows
from .councils import CouncilList
from .errors import NationalDataError
from .history import (
    CARE_LEAVERS_SPLIT,
    ILACS_2025_SHEET,
    ILACS_VARIANTS,
    MAX_UNMATCHED,
    MIN_ILACS_ROWS,
    NOT_JUDGED,
    InspectionHistory,
    InspectionRecord,
    JudgementRecord,
    UnmatchedRow,
    _at,
    _default_councils,
    _grade,
    _ref,
    _too_many,
)

_ILACS_2025_GRADES = (
    ("Overall effectiveness", "Overall effectiveness"),
    ("The impact of leaders on social work practice with children and families", "Impact of leaders"),
    ("The experiences and progress of children who need help and protection", "Children who need help and protection"),
    ("The experiences and progress of children in care", "Children in care"),
    ("The experiences and progress of care leavers", "Care leavers"),
)
_ILACS_2025_COLUMNS = (
    "Local authority area code",
    "Local authority name",
    "Local authority status",
    "Inspection date",
    "Publication date",
    "Inspection type",
)


def read_ilacs_history_2025(path: str | Path, councils: CouncilList | None = None) -> InspectionHistory:
    """Every ILACS standard and short inspection in the 2025 ``ILACS_inspection_history`` sheet."""
    path = Path(path)
    councils = _default_councils() if councils is None else councils
    workbook = open_ods(path, (ILACS_2025_SHEET,))
    rows = sheet_rows(path, workbook, ILACS_2025_SHEET)
    head = find_header_row(path, ILACS_2025_SHEET, rows, "Local authority area code")
    columns = {header_key(h): i for i, h in enumerate(rows[head]) if header_key(h)}
    missing = [c for c in (*_ILACS_2025_COLUMNS, *(g for g, _ in _ILACS_2025_GRADES)) if header_key(c) not in columns]
    if missing:
        raise NationalDataError(
            path,
            f"sheet {ILACS_2025_SHEET!r} header (row {head + 1}) lacks the expected column(s): "
            + "; ".join(repr(m) for m in missing),
        )

    def get(row, name):
        return _at(row, columns[header_key(name)])

    inspections, unmatched = [], []
    for index in range(head + 1, len(rows)):
        row, number = rows[index], index + 1
        code = cell_text(get(row, "Local authority area code"))
        name = cell_text(get(row, "Local authority name"))
        if not code and not name:
            continue
        found = councils.by_ons_code(code) or councils.match_name(name)
        ref = _ref(name, found, code)
        status = cell_text(get(row, "Local authority status"))
        if found is None:
            unmatched.append(
                UnmatchedRow(
                    path.name,
                    ILACS_2025_SHEET,
                    number,
                    name,
                    code,
                    "neither the ONS code nor the name is a known council",
                )
            )
        elif (status.casefold() == "current") != ref.current:
            unmatched.append(
                UnmatchedRow(
                    path.name,
                    ILACS_2025_SHEET,
                    number,
                    name,
                    code,
                    f"the file says {status!r} but {code} is {'a current' if ref.current else 'a former'} council",
                )
            )
        type_text = cell_text(get(row, "Inspection type"))
        variant = ILACS_VARIANTS.get(type_text.casefold())
        if variant is None:
            raise NationalDataError(
                path, f"sheet {ILACS_2025_SHEET!r} row {number}: unknown inspection type {type_text!r}"
            )
        published = cell_date(path, ILACS_2025_SHEET, number, "Publication date", get(row, "Publication date"))
        if published is None:
            raise NationalDataError(path, f"sheet {ILACS_2025_SHEET!r} row {number}: no publication date")
        inspected = cell_date(path, ILACS_2025_SHEET, number, "Inspection date", get(row, "Inspection date"))
        judgements, not_judged = [], []
        for column, section in _ILACS_2025_GRADES:
            text = cell_text(get(row, column))
            if not text:
                continue
            if text.casefold() in NOT_JUDGED:
                not_judged.append(section)
                continue
            if section == "Children in care" and (inspected or published) < CARE_LEAVERS_SPLIT:
                section = "Children in care and care leavers"
            judgements.append(
                JudgementRecord(section, column, text, _grade(path, ILACS_2025_SHEET, number, column, "ILACS", text))
            )
        if not judgements:
            raise NationalDataError(path, f"sheet {ILACS_2025_SHEET!r} row {number}: an inspection with no judgements")
        inspections.append(
            InspectionRecord(
                council=ref,
                framework="ILACS",
                variant=variant,
                publication_date=published,
                judgements=tuple(judgements),
                inspection_date=inspected,
                not_judged=tuple(not_judged),
                source_file=path.name,
                source_sheet=ILACS_2025_SHEET,
                source_row=number,
            )
        )
    if len(inspections) < MIN_ILACS_ROWS:
        raise NationalDataError(
            path,
            f"sheet {ILACS_2025_SHEET!r} has only {len(inspections)} inspections "
            f"(expected at least {MIN_ILACS_ROWS}; truncated?)",
        )
    if len(unmatched) > MAX_UNMATCHED:
        raise NationalDataError(path, _too_many(unmatched))
    return InspectionHistory(tuple(inspections), tuple(unmatched))
