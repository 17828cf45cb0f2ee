"""The post-inspection action plan's deadlines, in English working days, by kind of inspection
or visit.

- ILACS inspection (2018 on): the council sends Ofsted its written action plan within
  70 working days of the report.
- ILACS focused visit that names areas for priority action: a draft plan within 20 working days
  of the letter, the final plan within 70.
- Other inspections and visits have no framework deadline here: a council's own commitment
  (Southwark's 2009 report: "within 60 working days [of] JAR publication") is entered with its
  number of working days and its source.

"What needs to improve" items in an ILACS report carry no timescale of their own: they are due
on the action plan's date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .working_days import add_working_days


@dataclass(frozen=True)
class PlanDeadline:
    stage: str  # "draft" | "final" (PostInspectionPlan.Stage)
    working_days: int
    basis: str


ILACS_PLAN_WORKING_DAYS = 70
FOCUSED_VISIT_DRAFT_WORKING_DAYS = 20

_ILACS = (PlanDeadline("final", ILACS_PLAN_WORKING_DAYS, "ILACS: action plan within 70 working days of the report"),)
_FOCUSED_VISIT = (
    PlanDeadline(
        "draft",
        FOCUSED_VISIT_DRAFT_WORKING_DAYS,
        "ILACS focused visit with areas for priority action: draft plan within 20 working days",
    ),
    PlanDeadline(
        "final",
        ILACS_PLAN_WORKING_DAYS,
        "ILACS focused visit with areas for priority action: final plan within 70 working days",
    ),
)


def plan_deadlines_for_inspection(framework_code: str) -> tuple[PlanDeadline, ...]:
    """The deadlines a graded inspection's framework sets (none outside ILACS)."""
    return _ILACS if framework_code.upper().startswith("ILACS") else ()


def plan_deadlines_for_activity(kind: str, *, has_priority_actions: bool) -> tuple[PlanDeadline, ...]:
    """The deadlines a visit sets: a focused visit only when it names areas for priority action."""
    if kind == "focused_visit" and has_priority_actions:
        return _FOCUSED_VISIT
    return ()


def plan_due(counted_from: datetime.date, working_days: int) -> datetime.date:
    """The plan's due date: ``working_days`` English working days after the report's date."""
    return add_working_days(counted_from, working_days)


def what_needs_to_improve_due(published: datetime.date) -> datetime.date:
    """An ILACS "what needs to improve" item is due with the action plan."""
    return plan_due(published, ILACS_PLAN_WORKING_DAYS)
