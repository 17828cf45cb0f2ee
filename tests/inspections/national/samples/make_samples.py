"""Regenerate the small broken sample files in this folder from the vendored releases.

Run from the repository root: ``.venv/bin/python tests/inspections/national/samples/make_samples.py``.
Each sample is a realistic way an import goes wrong: a renamed column, a download cut off
mid-row, a release with most rows missing, an image saved under a data file's name, a
spreadsheet cut off mid-zip, a spreadsheet without the expected sheet or columns.
"""

import struct
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parents[3] / "fixtures" / "national"
C1 = FIXTURES / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
NEIGHBOURS = FIXTURES / "New_Statistical_Neighbour_Groupings_April_2021.csv"
OFSTED_2025 = FIXTURES / "LA_Inspection_Outcomes_as_at_31_March_2025.ods"


def png_bytes() -> bytes:
    """A valid 1x1 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def ods_bytes(path: Path, sheets: dict[str, list[list[str]]]) -> None:
    """A minimal OpenDocument spreadsheet with string cells."""
    from xml.sax.saxutils import escape

    tables = []
    for name, rows in sheets.items():
        body = "".join(
            "<table:table-row>"
            + "".join(
                f'<table:table-cell office:value-type="string"><text:p>{escape(c)}</text:p></table:table-cell>'
                for c in row
            )
            + "</table:table-row>"
            for row in rows
        )
        tables.append(f'<table:table table:name="{escape(name)}">{body}</table:table>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)


def main() -> None:
    lines = C1.read_text(encoding="utf-8").splitlines(keepends=True)
    # Header with new_la_code renamed: a changed release layout.
    (HERE / "c1_wrong_header.csv").write_text(
        lines[0].replace("new_la_code", "la_code_new") + "".join(lines[1:40]), encoding="utf-8"
    )
    # A download cut off in the middle of a row (no final line break, short last row).
    cut = "".join(lines[:60]) + lines[60][: len(lines[60]) // 2]
    (HERE / "c1_cut_off.csv").write_text(cut, encoding="utf-8")
    # Whole rows, but far fewer than a release has.
    (HERE / "c1_too_few_rows.csv").write_text("".join(lines[:60]), encoding="utf-8")
    # Statistical neighbours without the closeness columns.
    neighbour_lines = NEIGHBOURS.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    (HERE / "neighbours_wrong_header.csv").write_text(
        neighbour_lines[0].replace("SNP", "Score") + "".join(neighbour_lines[1:20]), encoding="utf-8"
    )
    # Images saved under data file names.
    (HERE / "image_named.csv").write_bytes(png_bytes())
    (HERE / "image_named.ods").write_bytes(png_bytes())
    # A spreadsheet download cut off part way through.
    (HERE / "ofsted_2025_cut_off.ods").write_bytes(OFSTED_2025.read_bytes()[:20000])
    # A spreadsheet of the right kind without the expected sheet, or with the wrong columns,
    # or with too few councils.
    ods_bytes(HERE / "ods_wrong_sheet.ods", {"Sheet1": [["Local authority name"], ["Sutton"]]})
    ods_bytes(
        HERE / "ods_wrong_header.ods",
        {
            "Inspections_as_at_31_March": [
                ["Title"],
                ["Local authority area code", "Name", "Region"],
                ["E09000029", "Sutton", "London"],
            ],
            "ILACS_inspection_history": [
                ["Title"],
                ["Local authority area code", "Local authority name", "Grade"],
                ["E09000029", "Sutton", "Good"],
            ],
            "LA_inspections_2009-2023": [
                ["Title"],
                ["Web link", "Local authority name", "LA region", "Some grade"],
                ["", "Sutton", "London", "Good"],
            ],
        },
    )
    ods_bytes(
        HERE / "ods_too_few_rows.ods",
        {
            "Inspections_as_at_31_March": [
                ["Title"],
                ["Web link", "Local authority area code", "Local authority name", "Ofsted region"],
                ["", "E09000029", "Sutton", "London"],
            ],
        },
    )


if __name__ == "__main__":
    main()
