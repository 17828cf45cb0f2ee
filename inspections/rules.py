"""Rules about inspection recommendations: timescales and the due dates they give.

Grade normalisation lives in ``inspections.grading``; rules about actions (overdue, RAG)
live in ``actions.rules``.
"""

from __future__ import annotations

import datetime
import re

from dateutil.relativedelta import relativedelta
from django.db import models


class Timescale(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately"
    WITHIN_3_MONTHS = "within_3_months", "Within three months"
    WITHIN_6_MONTHS = "within_6_months", "Within six months"
    WITH_ACTION_PLAN = "with_action_plan", "With the action plan (what needs to improve)"
    OTHER = "other", "Other (as written)"


_MONTHS_AFTER_PUBLICATION = {
    Timescale.IMMEDIATELY: 0,
    Timescale.WITHIN_3_MONTHS: 3,
    Timescale.WITHIN_6_MONTHS: 6,
}

_NUMBERS = {"three": 3, "3": 3, "six": 6, "6": 6}


def timescale_from_text(text: str) -> Timescale:
    """The timescale a heading states: "Immediately:", "Immediate", "Next six months",
    "For action over the next six months", "Within three months:"; anything else is OTHER."""
    words = re.sub(r"[^a-z0-9 ]+", " ", text.lower())
    if re.search(r"\bwhat needs to improve\b", words):
        return Timescale.WITH_ACTION_PLAN
    if re.search(r"\bimmediate(ly)?\b", words):
        return Timescale.IMMEDIATELY
    match = re.search(r"\b(?:within|next|over the next)\s+(three|six|3|6)\s+months?\b", words)
    if match:
        months = _NUMBERS[match.group(1)]
        return Timescale.WITHIN_3_MONTHS if months == 3 else Timescale.WITHIN_6_MONTHS
    return Timescale.OTHER


def recommendation_due_date(published: datetime.date, timescale: str) -> datetime.date | None:
    """The due date a timescale gives from the report's publication date.

    "Immediately" is due on the publication date itself, "within three months" three calendar
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
    return published + relativedelta(months=months)
