"""Damaged, truncated and wrong files raise NationalDataError with a clear message."""

from pathlib import Path

import pytest

from inspections.national import (
    NationalDataError,
    fixture_path,
    read_councils,
    read_ilacs_history_2025,
    read_indicator_file,
    read_inspection_history_2023,
    read_statistical_neighbours,
)

SAMPLES = Path(__file__).resolve().parent / "samples"


def _raises(call, *args, says: str):
    with pytest.raises(NationalDataError) as caught:
        call(*args)
    message = str(caught.value)
    assert Path(args[0]).name in message, message
    assert says in message, message
    return message


def test_csv_wrong_header(councils):
    _raises(read_indicator_file, SAMPLES / "c1_wrong_header.csv", councils, says="new_la_code")


def test_csv_cut_off_mid_row(councils):
    _raises(read_indicator_file, SAMPLES / "c1_cut_off.csv", councils, says="cut off")


def test_csv_too_few_rows(councils):
    _raises(read_indicator_file, SAMPLES / "c1_too_few_rows.csv", councils, says="truncated")


def test_png_named_csv(councils):
    _raises(read_indicator_file, SAMPLES / "image_named.csv", councils, says="PNG image")
    _raises(read_statistical_neighbours, SAMPLES / "image_named.csv", councils, says="PNG image")


def test_png_named_ods(councils):
    _raises(read_ilacs_history_2025, SAMPLES / "image_named.ods", councils, says="PNG image")
    _raises(read_inspection_history_2023, SAMPLES / "image_named.ods", councils, says="not an ODS")


def test_ods_cut_off(councils):
    _raises(read_ilacs_history_2025, SAMPLES / "ofsted_2025_cut_off.ods", councils, says="truncated")


def test_ods_without_the_sheet(councils):
    _raises(read_ilacs_history_2025, SAMPLES / "ods_wrong_sheet.ods", councils, says="ILACS_inspection_history")
    _raises(read_inspection_history_2023, SAMPLES / "ods_wrong_sheet.ods", councils, says="LA_inspections_2009-2023")


def test_ods_wrong_header(councils):
    _raises(read_ilacs_history_2025, SAMPLES / "ods_wrong_header.ods", councils, says="Publication date")
    _raises(read_inspection_history_2023, SAMPLES / "ods_wrong_header.ods", councils, says="lacks the expected")
    _raises(read_councils, SAMPLES / "ods_wrong_header.ods", fixture_path("referrals"), says="ofsted region")


def test_ods_too_few_councils():
    _raises(read_councils, SAMPLES / "ods_too_few_rows.ods", fixture_path("referrals"), says="only 1 councils")


def test_neighbours_wrong_header(councils):
    _raises(read_statistical_neighbours, SAMPLES / "neighbours_wrong_header.csv", councils, says="SNP")


def test_unknown_csv(councils, tmp_path):
    other = tmp_path / "something_else.csv"
    other.write_text("time_period,geographic_level,thing\n2025,National,1\n", encoding="utf-8")
    _raises(read_indicator_file, other, councils, says="not one of the DfE files")


def test_missing_file(councils, tmp_path):
    _raises(read_indicator_file, tmp_path / "nowhere.csv", councils, says="not found")


def test_unknown_marker_is_an_error(councils, tmp_path):
    lines = fixture_path("referrals").read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].split(",")
    column = header.index("rereferral_percent")
    fields = lines[1].split(",")
    fields[column] = "N/K"
    damaged = tmp_path / "c1_damaged.csv"
    damaged.write_text(lines[0] + ",".join(fields) + "".join(lines[2:]), encoding="utf-8")
    _raises(read_indicator_file, damaged, councils, says="N/K")


def test_too_many_unmatched_names(councils, tmp_path):
    from inspections.national.councils import CouncilList

    empty = CouncilList(tuple(c for c in councils if c.name != "Sutton"), councils.former)
    # Only Sutton is missing: reported, not an error.
    history = read_ilacs_history_2025(fixture_path("ofsted_2025"), empty)
    assert [u.name_as_written for u in history.unmatched] == ["Sutton"]
    assert [r for r in history.inspections if r.council.name_as_written == "Sutton"][0].council.ons_code is None
    # No councils at all: every row unmatched, an error.
    _raises(read_ilacs_history_2025, fixture_path("ofsted_2025"), CouncilList(()), says="cannot be matched")
