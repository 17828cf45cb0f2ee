"""Rules about inspection recommendations: timescales and the due dates they give.

Grade normalisation lives in ``inspections.grading``; rules about actions (overdue, RAG)
live in ``actions.rules``.
"""

from __future__ import annotations

import datetime

from django.db import models

from .months import add_months
from .parsing.rules import timescale_code


class Timescale(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately"
    WITHIN_3_MONTHS = "within_3_months", "Within three months"
    WITHIN_6_MONTHS = "within_6_months", "Within six months"
    WITH_ACTION_PLAN = "with_action_plan", "With the action plan (what needs to improve)"
    OTHER = "other", "Other (as written)"


_MONTHS_AFTER_PUBLICATION = {
    Timescale.WITHIN_3_MONTHS: 3,
    Timescale.WITHIN_6_MONTHS: 6,
}


def timescale_from_text(text: str | None) -> Timescale:
    """The timescale a heading states ("Immediately:", "Next six months", "Three months",
    "What needs to improve"): the parser's rule, :func:`inspections.parsing.rules.timescale_code`,
    as a ``Timescale`` (one rule for the importer, the services and the demo data)."""
    return Timescale(timescale_code(text))


def recommendation_due_date(published: datetime.date, timescale: str) -> datetime.date | None:
    """The due date a timescale gives from the report's publication date.

    "Immediately" asks for action to start at once and sets no calendar date: it gives none, so
    nothing is overdue on the day the report is published (the plan's actions carry the dates,
    and no plan can exist that day). "Within three months" is due three calendar
    months later (29 May 2012 gives 29 August 2012; 31 May would give 31 August, and 30 November
    gives 28 or 29 February), "within six months" six. An ILACS "what needs to improve" item is
    due with the action plan, 70 English working days after the report. OTHER gives no date:
    someone must enter it.
    """
    if timescale == Timescale.WITH_ACTION_PLAN:
        from .deadlines import what_needs_to_improve_due

        return what_needs_to_improve_due(published)
    months = _MONTHS_AFTER_PUBLICATION.get(Timescale(timescale)) if timescale in Timescale.values else None
    if months is None:
        return None
    return add_months(published, months)
