"""The plan as a spreadsheet: the import template (columns ``spreadsheet.COLUMNS``, a Guide
sheet), filled with the plan's actions so that importing it back changes nothing."""

from __future__ import annotations

import io

from inspections.cells import cell_safe

from . import rules, spreadsheet
from .models import ImprovementPlan
from .selectors import latest_narrative

GUIDE = [
    ("Reference", "Required. The action's number in the plan, e.g. 1.3. Actions are matched by it."),
    (
        "Objective",
        "The objective the action is under, e.g. “2 Improve the front door”. Or put a heading row "
        "(one cell filled) above the objective's actions.",
    ),
    ("Action", "Required for a new action. What will be done."),
    ("Description", "More detail."),
    ("Owner", "The email address or full name of one of the council's users."),
    ("Lead organisation", "The organisation leading it; the council if blank."),
    ("Start date", "A date (31/03/2027 or 2027-03-31). The plan's start if blank."),
    ("Due date", "Required for a new action. A date, or a month (March 2027: its last day)."),
    ("Status", "Not started, In progress or Complete."),
    ("RAG", "Red, Amber, Green or Blue, or R, A, G, B."),
    ("Success measure", "What will show the action has made a difference."),
    ("Recommendations", "The inspection recommendations it answers, e.g. SIF 2012 R3; separate with ;"),
    ("Notice measures", "The improvement notice measures it answers, e.g. M1.2; separate with ;"),
    ("Update", "The latest progress commentary. A new text adds a progress update."),
]


def template_xlsx(plan: ImprovementPlan | None) -> bytes:
    """The plan in the import template (empty if there is no plan): importing it back changes nothing."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet.append(spreadsheet.TEMPLATE_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    if plan is not None:
        actions = (
            plan.actions.select_related("owner", "lead_organisation", "objective")
            .prefetch_related("recommendations__inspection__framework", "measures__theme")
            .annotate(latest_narrative=latest_narrative())
            .order_by("order", "pk")
        )
        for a in actions:
            owner = (a.owner.email or a.owner.get_full_name()) if a.owner else ""
            sheet.append(
                [
                    cell_safe(value)
                    for value in [
                        a.reference,
                        f"{a.objective.reference} {a.objective.title}" if a.objective else "",
                        a.title,
                        a.description,
                        owner,
                        a.lead_organisation.name,
                        a.start_date,
                        a.due_date,
                        a.get_status_display(),
                        rules.Rag(a.reported_rag).label if a.reported_rag else "",
                        a.success_measure,
                        "; ".join(
                            f"{r.inspection.framework.code} {r.inspection.published:%Y} R{r.number}"
                            for r in a.recommendations.all()
                        ),
                        "; ".join(m.reference for m in a.measures.all()),
                        a.latest_narrative or "",
                    ]
                ]
            )
    for column in ("G", "H"):
        for cell in sheet[column][1:]:
            cell.number_format = "dd/mm/yyyy"
    for column, width in zip("ABCDEFGHIJKLMN", (10, 30, 50, 40, 30, 30, 12, 12, 14, 8, 40, 24, 16, 60)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("Guide")
    guide.append(["Column", "What to put in it"])
    for row in GUIDE:
        guide.append(list(row))
    guide.column_dimensions["A"].width = 20
    guide.column_dimensions["B"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
