"""The plan's filtered list as CSV or XLSX, with the same columns."""

from __future__ import annotations

import csv
import datetime
import io

from django.http import HttpResponse

from inspections.cells import cell_safe

from .rules import Rag

HEADERS = [
    "Reference",
    "Action",
    "Owner",
    "Lead organisation",
    "Start date",
    "Due date",
    "Agreed revised due date",
    "Status",
    "RAG",
    "Overdue",
    "Not updated since last meeting",
    "Last updated",
    "Notice measures",
    "Inspection recommendations",
    "Link",
]


def _rows(actions, *, on: datetime.date):
    for action in actions:
        yield [
            action.reference,
            action.title,
            str(action.owner) if action.owner else "",
            str(action.lead_organisation),
            action.start_date,
            action.due_date,
            action.revised_due_date or "",
            action.get_status_display(),
            Rag(action.rag).label,
            "Yes" if action.overdue else "No",
            "Yes" if getattr(action, "not_updated", False) else "No",
            action.last_updated_at.date() if action.last_updated_at else "",
            "; ".join(f"{m.reference} {m.text}" for m in action.measures.all()),
            "; ".join(
                f"{r.inspection.framework.code} {r.inspection.published:%Y} R{r.number}: {r.text}"
                for r in action.recommendations.all()
            ),
            action.get_absolute_url(),
        ]


def actions_csv(actions, *, filename: str, on: datetime.date) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so Excel reads UTF-8
    writer = csv.writer(response)
    writer.writerow(HEADERS)
    for row in _rows(actions, on=on):
        writer.writerow([cell_safe(v.isoformat() if isinstance(v, datetime.date) else v) for v in row])
    return response


def actions_xlsx(actions, *, filename: str, on: datetime.date) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "Actions"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(actions, on=on):
        sheet.append([cell_safe(v) for v in row])
    for column, width in zip("ABCDEFGHIJKLMNO", (10, 50, 24, 30, 12, 12, 12, 14, 8, 9, 12, 12, 50, 50, 18)):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for index in (4, 5, 6, 11):
            if isinstance(row[index].value, datetime.date):
                row[index].number_format = "d mmm yyyy"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
