"""Opening and validating the published files: right kind, expected layout, not truncated.

Every problem is raised as :class:`NationalDataError` with a message that names the file and
says what is wrong, so that an administrator importing next year's release can act on it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

from .errors import NationalDataError

# Magic numbers of the kinds of file people most often upload by mistake.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old-format (OLE) Excel or Word file"),
    (b"PK\x03\x04", "a zip-based file (ODS, XLSX or zip)"),
)

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def _describe_kind(head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def _require_file(path: Path) -> bytes:
    if not path.exists():
        raise NationalDataError(path, "file not found")
    if not path.is_file():
        raise NationalDataError(path, "is not a file")
    data = path.read_bytes()
    if not data.strip():
        raise NationalDataError(path, "file is empty")
    return data


def read_csv(path: Path, required_columns: tuple[str, ...], min_rows: int) -> tuple[list[str], list[dict[str, str]]]:
    """Rows of a published CSV as dicts, after checking kind, header, shape and completeness.

    Checks: the file is text (not an image, PDF, spreadsheet renamed .csv), is UTF-8 (a byte
    order mark is allowed), has every ``required_columns`` header, every row has as many
    fields as the header, the file ends with a line break (a final row cut off mid-line is
    the usual sign of a truncated download) and it has at least ``min_rows`` data rows.
    """
    path = Path(path)
    data = _require_file(path)
    kind = _describe_kind(data[:8])
    if kind is not None:
        raise NationalDataError(path, f"is {kind}, not a CSV file")
    if b"\x00" in data[:4096]:
        raise NationalDataError(path, "is a binary file, not a CSV file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NationalDataError(path, f"is not UTF-8 text (byte {exc.start}); expected a CSV as published") from None
    if not text.endswith(("\n", "\r")):
        raise NationalDataError(
            path, "does not end with a line break: the final row looks cut off (truncated download?)"
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise NationalDataError(path, "has no header row") from None
    header = [h.strip() for h in header]
    missing = [c for c in required_columns if c not in header]
    if missing:
        raise NationalDataError(
            path,
            f"header does not have the expected column(s) {', '.join(missing)}; "
            f"found: {', '.join(h for h in header if h) or '(nothing)'}",
        )
    rows: list[dict[str, str]] = []
    width = len(header)
    for number, fields in enumerate(reader, start=2):
        if not fields:
            continue
        if len(fields) != width:
            raise NationalDataError(
                path, f"line {number} has {len(fields)} fields where the header has {width} (truncated or damaged row)"
            )
        rows.append(dict(zip(header, fields)))
    if len(rows) < min_rows:
        raise NationalDataError(
            path, f"has only {len(rows)} data rows, fewer than the {min_rows} a complete release has (truncated?)"
        )
    return header, rows


def open_ods(path: Path, required_sheets: tuple[str, ...]):
    """The calamine workbook for an ODS file, after checking it is a whole ODS spreadsheet."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    data = _require_file(path)
    head = data[:8]
    if not head.startswith(b"PK\x03\x04"):
        kind = _describe_kind(head)
        raise NationalDataError(path, f"is {kind or 'not a zip container'}, not an ODS spreadsheet")
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise NationalDataError(path, f"is a damaged or truncated ODS file ({exc})") from None
    if bad is not None:
        raise NationalDataError(path, f"is a damaged or truncated ODS file (member {bad} fails its checksum)")
    if mimetype != ODS_MIMETYPE:
        found = mimetype.decode("ascii", "replace") or "no mimetype entry"
        raise NationalDataError(path, f"is not an OpenDocument spreadsheet ({found}); expected the .ods as published")
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types
        raise NationalDataError(path, f"cannot be read as an ODS spreadsheet ({exc})") from None
    missing = [s for s in required_sheets if s not in workbook.sheet_names]
    if missing:
        raise NationalDataError(
            path,
            f"does not have the expected sheet(s) {', '.join(missing)}; found: {', '.join(workbook.sheet_names)}",
        )
    return workbook


def sheet_rows(path: Path, workbook, sheet: str) -> list[list]:
    try:
        return workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:
        raise NationalDataError(path, f"sheet {sheet!r} cannot be read ({exc})") from None


def header_key(text: object) -> str:
    """A header cell with case, line breaks and runs of spaces folded ("First SIF Overall\\n(OE)")."""
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


def find_header_row(path: Path, sheet: str, rows: list[list], first_cell: str, look: int = 15, start: int = 0) -> int:
    """Index of the first row (from ``start``) that has ``first_cell`` among its cells."""
    wanted = header_key(first_cell)
    for index in range(start, min(len(rows), start + look)):
        if any(header_key(cell) == wanted for cell in rows[index]):
            return index
    raise NationalDataError(
        path, f"sheet {sheet!r}: no header row with a {first_cell!r} column in rows {start + 1}-{start + look}"
    )


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_date(path: Path, sheet: str, row_number: int, column: str, value: object) -> date | None:
    """A date cell as a date, None when blank; a value that is not a date is an error."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"):
            try:
                return datetime.strptime(value.strip(), fmt).date()
            except ValueError:
                pass
    raise NationalDataError(path, f"sheet {sheet!r} row {row_number}, column {column!r}: {value!r} is not a date")
