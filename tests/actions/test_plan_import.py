"""Bringing a plan in from a spreadsheet laid out as a council lays one out, and the template
round trip."""

from __future__ import annotations

import datetime
import io
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from actions import plan_import, plan_template, spreadsheet
from actions.models import Action, Objective, PlanChange, ProgressUpdate

pytestmark = pytest.mark.django_db


def council_workbook(rows_extra=(), *, owner="Louise Greaves") -> bytes:
    """A plan as councils keep them: a cover sheet, then a title row merged across the columns, a
    blank row, the header (their own words, a notes column), objective heading rows between the
    actions, several kinds of date, RAG as letters, trailing blank rows."""
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Cover"
    cover.append(["London Borough of Sutton"])
    cover.append(["Improvement plan, version 3"])
    sheet = book.create_sheet("Action plan")
    sheet.append(["Sutton Children's Services Improvement Plan 2026-27"])
    sheet.merge_cells("A1:I1")
    sheet.append([])
    sheet.append(
        ["Ref", "Action", "Lead Officer", "Target date", "RAG", "Commentary", "Notes", "Start", "Success criteria"]
    )
    sheet.append(["Objective 1: Children are safe at the front door"])
    sheet.merge_cells("A4:I4")
    sheet.append(
        [
            "1.1",
            "Audit all contacts",
            owner,
            datetime.datetime(2026, 11, 30),
            "G",
            "Audit begun",
            "check with Sam",
            "01/09/2026",
            "90% of contacts decided in 24 hours",
        ]
    )
    sheet.append(
        ["1.2", "Recruit team managers", "louise.greaves@sutton.gov.uk", "31/01/2027", "a", "", "", "2026-09-01", ""]
    )
    sheet.append(["Objective 2: Plans for children are reviewed on time"])
    sheet.append(["2.1", "Review all plans", "", "March 2027", "Red", "Behind", "", "", ""])
    for row in rows_extra:
        sheet.append(row)
    sheet.append([])
    sheet.append([None, None, None])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def louise(make_user, sutton):
    return named(
        make_user("louise", "officer", council=sutton, email="louise.greaves@sutton.gov.uk"), "Louise", "Greaves"
    )


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


def test_it_reads_a_council_layout_and_lists_every_row_before_saving(sutton, sutton_plan, louise, today):
    result = plan_import.preview(data=council_workbook(), filename="plan.xlsx", council=sutton, plan=sutton_plan)
    assert result.ok, result.errors
    kinds = [(r.reference, r.heading, r.kind) for r in result.rows]
    assert kinds == [
        ("1", True, "create"),
        ("1.1", False, "create"),
        ("1.2", False, "create"),
        ("2", True, "create"),
        ("2.1", False, "create"),
    ]
    assert result.ignored_columns == ["Notes"]
    assert not Action.objects.exists(), "a preview saves nothing"


def test_it_saves_the_plan_and_a_second_import_changes_nothing(sutton, sutton_plan, louise):
    data = council_workbook()
    plan_import.plan_import(data=data, filename="plan.xlsx", council=sutton, by=louise)
    first = Action.objects.get(reference="1.1")
    assert first.owner == louise and first.due_date == datetime.date(2026, 11, 30)
    assert first.start_date == datetime.date(2026, 9, 1)
    assert first.objective.title == "Children are safe at the front door"
    assert first.success_measure == "90% of contacts decided in 24 hours"
    assert first.reported_rag == "green" and first.updates.get().narrative == "Audit begun"
    assert Action.objects.get(reference="2.1").due_date == datetime.date(2027, 3, 31)
    assert Action.objects.get(reference="1.2").start_date == datetime.date(2026, 9, 1)
    assert Objective.objects.count() == 2
    counts = (Action.objects.count(), ProgressUpdate.objects.count(), PlanChange.objects.count())
    again = plan_import.plan_import(data=data, filename="plan.xlsx", council=sutton, by=louise)
    assert {r.kind for r in again.rows} == {"unchanged"}
    assert (Action.objects.count(), ProgressUpdate.objects.count(), PlanChange.objects.count()) == counts


def test_one_error_saves_nothing_and_names_the_row_and_column(sutton, sutton_plan, louise):
    data = council_workbook([["2.2", "Train staff", "Nobody Known", "Ongoing", "Purple", "", "", "", ""]])
    result = plan_import.preview(data=data, filename="plan.xlsx", council=sutton, plan=sutton_plan)
    bad = [r for r in result.rows if r.kind == "error"]
    assert [r.reference for r in bad] == ["2.2"]
    assert bad[0].where == "Action plan, row 9"
    text = " ".join(bad[0].errors)
    assert "Owner: nobody at London Borough of Sutton is “Nobody Known”" in text
    assert "Due date: “Ongoing” is not a date" in text
    assert "RAG: “Purple” is not a RAG rating" in text
    with pytest.raises(plan_import.ImportRefused):
        plan_import.plan_import(data=data, filename="plan.xlsx", council=sutton, by=louise)
    assert not Action.objects.exists()


def test_an_ambiguous_name_is_an_error_for_that_row(sutton, sutton_plan, louise, make_user):
    named(make_user("louise2", "officer", council=sutton), "Louise", "Greaves")
    result = plan_import.preview(data=council_workbook(), filename="plan.xlsx", council=sutton, plan=sutton_plan)
    row = next(r for r in result.rows if r.reference == "1.1")
    assert row.kind == "error" and "more than one person" in row.errors[0]
    # the row that names her by email is fine
    assert next(r for r in result.rows if r.reference == "1.2").kind == "create"


def test_a_changed_row_is_an_update_matched_by_reference(sutton, sutton_plan, louise):
    plan_import.plan_import(data=council_workbook(), filename="plan.xlsx", council=sutton, by=louise)
    book = openpyxl.load_workbook(io.BytesIO(council_workbook()))
    book["Action plan"]["D5"] = datetime.datetime(2027, 1, 31)
    out = io.BytesIO()
    book.save(out)
    result = plan_import.plan_import(data=out.getvalue(), filename="plan.xlsx", council=sutton, by=louise)
    row = next(r for r in result.rows if r.reference == "1.1")
    assert row.kind == "update"
    assert row.changes == ["Due date changed from 30 November 2026 to 31 January 2027"]
    change = PlanChange.objects.filter(action__reference="1.1").first()
    assert change.text == "Due date changed from 30 November 2026 to 31 January 2027"
    assert change.sentence.startswith("Due date changed from 30 November 2026 to 31 January 2027 by Louise Greaves, ")


def test_the_downloaded_template_imports_back_unchanged(sutton, sutton_plan, louise):
    plan_import.plan_import(data=council_workbook(), filename="plan.xlsx", council=sutton, by=louise)
    data = plan_template.template_xlsx(sutton_plan)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert [c.value for c in book["Plan"][1]] == spreadsheet.TEMPLATE_HEADERS
    result = plan_import.preview(data=data, filename="template.xlsx", council=sutton, plan=sutton_plan)
    assert result.ok and {r.kind for r in result.rows} == {"unchanged"}, [(r.reference, r.changes) for r in result.rows]


def test_csv_with_uk_iso_and_serial_dates(sutton, sutton_plan, louise):
    data = (
        "Improvement plan\n\nReference,Title,Responsible officer,Due,Status,Start date\n"
        "3.1,Run audits,Louise Greaves,45626,In progress,2024-09-01\n"
        "3.2,Publish findings,,2/3/2027,Not started,\n,,,,,\n"
    ).encode()
    result = plan_import.preview(data=data, filename="plan.csv", council=sutton, plan=sutton_plan)
    assert result.ok, result.errors
    plan_import.plan_import(data=data, filename="plan.csv", council=sutton, by=louise)
    assert Action.objects.get(reference="3.1").due_date == datetime.date(2024, 11, 30)
    assert Action.objects.get(reference="3.1").status == "in_progress"
    assert Action.objects.get(reference="3.2").due_date == datetime.date(2027, 3, 2)


def test_a_file_with_no_recognisable_header_says_so(sutton, sutton_plan):
    result = plan_import.preview(data=b"Name,Age\nA,1\n", filename="x.csv", council=sutton, plan=sutton_plan)
    assert not result.ok and "Reference and Action" in result.errors[0]
    result = plan_import.preview(data=b"not a workbook", filename="x.xlsx", council=sutton, plan=sutton_plan)
    assert "could not be read" in result.errors[0]


def test_the_command_dry_run_saves_nothing_and_the_real_run_saves(sutton, sutton_plan, louise, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(council_workbook())
    out = StringIO()
    call_command("import_plan", str(path), "--council", "E09000029", "--dry-run", "--user", "louise", stdout=out)
    assert "Action plan, row 5: 1.1 Audit all contacts - create" in out.getvalue()
    assert "Dry run: nothing saved." in out.getvalue() and not Action.objects.exists()
    call_command("import_plan", str(path), "--council", "E09000029", "--user", "louise", stdout=StringIO())
    assert Action.objects.count() == 3
    with pytest.raises(CommandError, match="No council has the ONS code"):
        call_command("import_plan", str(path), "--council", "E0000000", stdout=StringIO())


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("30/11/2026", datetime.date(2026, 11, 30)),
        ("2026-11-30", datetime.date(2026, 11, 30)),
        ("30 November 2026", datetime.date(2026, 11, 30)),
        ("Nov-26", datetime.date(2026, 11, 30)),
        (46356, datetime.date(2026, 11, 30)),
        ("1.2.27", datetime.date(2027, 2, 1)),
    ],
)
def test_dates_are_read_in_the_ways_councils_write_them(raw, expected):
    assert spreadsheet.date(raw) == expected


@pytest.mark.parametrize(
    "header, column",
    [
        ("Ref", "reference"),
        ("Lead officer", "owner"),
        ("Responsible Officer", "owner"),
        ("Target date", "due_date"),
        ("DUE", "due_date"),
        ("RAG rating", "rag"),
        ("Commentary", "update"),
        ("Target date (dd/mm/yyyy)", "due_date"),
        ("Notes", None),
    ],
)
def test_headers_are_matched_with_the_usual_aliases(header, column):
    assert spreadsheet.column_for(header) == column
