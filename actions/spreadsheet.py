"""Reading a plan laid out as councils lay them out: XLSX or CSV, one or more sheets, a title
row or notes above the header, merged heading rows between actions, columns in any order and
named in the usual ways, notes columns nobody asked for, blank rows at the end.

Pure functions: no database. :mod:`actions.plan_import` turns what they read into changes."""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from inspections import months
from inspections.cells import cell_unquote

# The template's columns, in order, each with the other names councils give it (compared in
# lower case, with punctuation and extra spaces removed).
COLUMNS: dict[str, tuple[str, list[str]]] = {
    "reference": (
        "Reference",
        [
            "ref",
            "ref no",
            "reference number",
            "action ref",
            "action reference",
            "no",
            "number",
            "action no",
            "action number",
            "id",
            "item",
        ],
    ),
    "objective": (
        "Objective",
        [
            "priority",
            "objective reference",
            "theme",
            "outcome",
            "aim",
            "strategic objective",
            "improvement priority",
            "workstream",
        ],
    ),
    "title": (
        "Action",
        [
            "action title",
            "title",
            "actions",
            "action required",
            "what we will do",
            "action to be taken",
            "actions to be taken",
            "task",
            "activity",
        ],
    ),
    "description": ("Description", ["detail", "details", "how", "how we will do it", "description of action"]),
    "owner": (
        "Owner",
        [
            "lead officer",
            "responsible officer",
            "action owner",
            "lead",
            "responsible",
            "lead person",
            "officer",
            "accountable officer",
            "owner email",
            "who",
        ],
    ),
    "lead_organisation": (
        "Lead organisation",
        ["organisation", "lead agency", "agency", "partner", "lead partner", "lead organization", "organization"],
    ),
    "start_date": ("Start date", ["start", "from", "date started", "start by"]),
    "due_date": (
        "Due date",
        [
            "due",
            "target date",
            "deadline",
            "completion date",
            "by when",
            "timescale",
            "target completion date",
            "end date",
            "date due",
            "when",
        ],
    ),
    "status": ("Status", ["progress status", "current status", "state"]),
    "rag": ("RAG", ["rag rating", "rag status", "rating", "red amber green", "brag", "brag rating"]),
    "success_measure": (
        "Success measure",
        [
            "success measures",
            "measure of success",
            "success criteria",
            "how we will know",
            "impact measure",
            "outcome measure",
            "what success looks like",
            "evidence of success",
        ],
    ),
    "recommendations": (
        "Recommendations",
        [
            "recommendation",
            "ofsted recommendation",
            "inspection recommendation",
            "recommendation reference",
            "recommendations answered",
        ],
    ),
    "measures": ("Notice measures", ["measure", "measures", "notice measure", "improvement notice measure"]),
    "update": (
        "Update",
        [
            "commentary",
            "progress",
            "progress update",
            "latest update",
            "comments",
            "progress commentary",
            "update commentary",
            "narrative",
            "progress to date",
        ],
    ),
}
TEMPLATE_HEADERS = [label for label, _ in COLUMNS.values()]
REQUIRED = ("reference", "title")


def _key(text) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]", " ", str(text or "").lower())).strip()


ALIASES: dict[str, str] = {}
for _name, (_label, _others) in COLUMNS.items():
    for _alias in [_label, *_others]:
        ALIASES[_key(_alias)] = _name


def column_for(header) -> str | None:
    """The template column a header names, or None (a notes column, say)."""
    key = _key(header)
    if not key:
        return None
    if key in ALIASES:
        return ALIASES[key]
    # "Target date (dd/mm/yyyy)", "Lead officer - name": the words before a bracket or dash.
    short = _key(re.split(r"[(\[–—:]| - ", str(header))[0])
    return ALIASES.get(short)


@dataclass
class Row:
    sheet: str
    number: int  # as the spreadsheet numbers it, from 1
    values: dict[str, object]
    heading: str | None = None  # a heading row between actions (an objective), if that is what it is


@dataclass
class Sheet:
    name: str
    header_row: int
    columns: dict[int, str]  # position -> template column
    ignored: list[str] = field(default_factory=list)  # headers not used
    rows: list[Row] = field(default_factory=list)


class UnreadableFile(ValueError):
    pass


# --- Reading the file ---------------------------------------------------------------------------


def _xlsx_sheets(data: bytes) -> list[tuple[str, list[list[object]]]]:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableFile(
            "The file could not be read as an Excel workbook (.xlsx). Save it as .xlsx or CSV and try again."
        ) from error
    sheets = []
    for sheet in book.worksheets:
        if getattr(sheet, "sheet_state", "visible") != "visible":
            continue
        sheets.append((sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)]))
    book.close()
    return sheets


def _csv_sheets(data: bytes) -> list[tuple[str, list[list[object]]]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableFile("The CSV file's characters could not be read. Save it as CSV UTF-8 and try again.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [("CSV", [list(row) for row in csv.reader(io.StringIO(text), dialect)])]


def read_sheets(data: bytes, filename: str) -> list[tuple[str, list[list[object]]]]:
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        return _xlsx_sheets(data)
    if name.endswith((".csv", ".txt")):
        return _csv_sheets(data)
    raise UnreadableFile("Upload the plan as an Excel workbook (.xlsx) or a CSV file.")


def _filled(row: list[object]) -> list[int]:
    return [i for i, v in enumerate(row) if v is not None and str(v).strip() != ""]


def find_header(rows: list[list[object]], *, look: int = 30) -> tuple[int, dict[int, str], list[str]] | None:
    """The first row (of the first ``look``) naming at least the reference and action columns."""
    for index, row in enumerate(rows[:look]):
        columns: dict[int, str] = {}
        ignored = []
        for position in _filled(row):
            name = column_for(row[position])
            if name and name not in columns.values():
                columns[position] = name
            else:
                ignored.append(str(row[position]).strip())
        if all(name in columns.values() for name in REQUIRED):
            return index, columns, ignored
    return None


def parse(data: bytes, filename: str) -> list[Sheet]:
    """Every sheet that holds a plan (a recognisable header), with its rows: blank rows left
    out, rows with only one cell filled kept as headings (objectives in many councils' plans)."""
    found = []
    for name, rows in read_sheets(data, filename):
        header = find_header(rows)
        if header is None:
            continue
        index, columns, ignored = header
        sheet = Sheet(name=name, header_row=index + 1, columns=columns, ignored=ignored)
        for number, row in enumerate(rows[index + 1 :], start=index + 2):
            filled = _filled(row)
            if not filled:
                continue
            values = {column: row[position] if position < len(row) else None for position, column in columns.items()}
            used = [p for p in filled if p in columns]
            if len(filled) == 1 and not re.fullmatch(r"[\w.\-/]{1,12}", str(row[filled[0]]).strip()):
                sheet.rows.append(Row(sheet=name, number=number, values={}, heading=str(row[filled[0]]).strip()))
                continue
            if not used:
                continue  # only notes columns filled
            sheet.rows.append(Row(sheet=name, number=number, values=values))
        found.append(sheet)
    return found


# --- Reading cells ------------------------------------------------------------------------------

EXCEL_EPOCH = datetime.date(1899, 12, 30)
_MONTHS = {
    m: i
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}


def text(value) -> str:
    """A cell as text; the apostrophe our exports put before formula-like text is dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return re.sub(r"[ \t]+", " ", str(cell_unquote(value))).strip()


def reference(value) -> str:
    return text(value).rstrip(".")


def date(value) -> datetime.date | None:
    """A cell as a date: a spreadsheet date, a spreadsheet serial number, ISO (2026-11-30), UK
    (30/11/2026, 30.11.26), written out (30 November 2026), or a month alone (November 2026, Nov-26:
    its last day). Blank is None; anything else raises ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and 20000 < value < 80000:
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))
    raw = text(value)
    if not raw:
        return None
    if re.fullmatch(r"\d{5}(\.0+)?", raw) and 20000 < float(raw) < 80000:
        return EXCEL_EPOCH + datetime.timedelta(days=int(float(raw)))
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?", raw)
    if match:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", raw)
    if match:
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return datetime.date(year, int(match[2]), int(match[1]))
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})\.?,?[ -](\d{2}|\d{4})", raw)
    if match and match[2][:3].lower() in _MONTHS:
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return datetime.date(year, _MONTHS[match[2][:3].lower()], int(match[1]))
    match = re.fullmatch(r"(?:end of |end )?([A-Za-z]{3,9})\.?[\s,-]+(\d{2}|\d{4})", raw, re.IGNORECASE)
    if match and match[1][:3].lower() in _MONTHS:
        year = int(match[2]) + (2000 if len(match[2]) == 2 else 0)
        return months.month_end(datetime.date(year, _MONTHS[match[1][:3].lower()], 1))
    raise ValueError(f"“{raw}” is not a date. Use a date like 31/03/2027 or 2027-03-31")


RAG_WORDS = {
    "r": "red",
    "red": "red",
    "a": "amber",
    "amber": "amber",
    "g": "green",
    "green": "green",
    "b": "blue",
    "blue": "blue",
    "complete": "blue",
    "completed": "blue",
    "ra": "amber",
    "ag": "amber",
    "amber red": "amber",
    "red amber": "red",
    "amber green": "amber",
    "green amber": "green",
}


def _from_words(value, words: dict[str, str], problem: str) -> str:
    """The value a cell's words stand for in ``words`` (any case); "" for a blank cell."""
    key = _key(value)
    if not key:
        return ""
    if key in words:
        return words[key]
    raise ValueError(f"“{text(value)}” {problem}")


def rag(value) -> str:
    """RAG as words or letters: Red, R, Amber, A, Green, G, Blue, B (any case). Blank is ""."""
    return _from_words(value, RAG_WORDS, "is not a RAG rating. Use Red, Amber, Green or Blue (or R, A, G, B)")


STATUS_WORDS = {
    "not started": "not_started",
    "not yet started": "not_started",
    "planned": "not_started",
    "ns": "not_started",
    "in progress": "in_progress",
    "started": "in_progress",
    "ongoing": "in_progress",
    "on going": "in_progress",
    "underway": "in_progress",
    "under way": "in_progress",
    "on track": "in_progress",
    "delayed": "in_progress",
    "at risk": "in_progress",
    "off track": "in_progress",
    "overdue": "in_progress",
    "ip": "in_progress",
    "complete": "complete",
    "completed": "complete",
    "done": "complete",
    "achieved": "complete",
    "closed": "complete",
    "finished": "complete",
}


def status(value) -> str:
    return _from_words(value, STATUS_WORDS, "is not a status. Use Not started, In progress or Complete")


_HEADING = re.compile(
    r"^(?:(?:objective|priority|outcome|theme|aim|workstream|section)\s*)?"
    r"(?P<ref>\d+(?:\.\d+)?|[A-Z])?\s*[:.)\-–—]?\s*(?P<title>.*)$",
    re.IGNORECASE,
)


def heading(value: str) -> tuple[str, str]:
    """A heading row as an objective's reference and title: "Objective 2: Improve the front
    door" is ("2", "Improve the front door"); a heading with no number gets reference ""."""
    match = _HEADING.match(value.strip())
    ref = (match["ref"] or "") if match else ""
    title = (match["title"] if match else value).strip() or value.strip()
    return ref, title
