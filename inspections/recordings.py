"""What a recording on a council's journey pages is: the record it is about, its form, the
check-your-answers rows, and the service that saves it; and the small helpers that write those
rows. The recordings themselves are in ``journey_recordings`` (Ofsted between inspections) and
``intervention_recordings`` (DfE intervention); the views (``journey_views.record`` and
``record_check``) run every one the same way."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from .models import Council, ImprovementNotice, OfstedActivity, PostInspectionPlan, StatutoryDirection

Rows = list[tuple[str, str, str]]  # (question, answer, the field its "Change" link goes to; "" for none)


def date_text(value: datetime.date | None) -> str:
    return f"{value:%-d %B %Y}" if value else "Not given"


def or_text(value, empty: str = "Not given") -> str:
    return str(value).strip() if value not in (None, "") and str(value).strip() else empty


@dataclass(frozen=True)
class Recording:
    name: str  # the URL name, in the inspections namespace
    title: str
    form: type
    rows: Callable[[dict, object], Rows]
    save: Callable[..., tuple[str, object]]  # (council=, target=, data=, form=) -> (what was done, the record)
    page: str  # "ofsted" or "intervention": where the person goes back to
    load: Callable[[Council, int], object] | None = None  # the record it is about, or 404
    intro: str = ""
    initial: Callable[[object, dict], dict] = field(default=lambda target, query: {})

    def anchor(self, target) -> str:
        """Where on its page the record is (the person is sent back there)."""
        if isinstance(target, PostInspectionPlan):
            return f"#activity-{target.activity_id}" if target.activity_id else "#inspection-plans"
        if isinstance(target, OfstedActivity):
            return f"#activity-{target.pk}"
        notice = getattr(target, "notice", target)
        if isinstance(notice, ImprovementNotice):
            return f"#notice-{notice.pk}"
        if isinstance(target, StatutoryDirection):
            return f"#direction-{target.pk}"
        return ""


def from_query(name: str, parameter: str, choices=None) -> Callable[[object, dict], dict]:
    def initial(target, query) -> dict:
        value = query.get(parameter, "")
        return {name: value} if value and (choices is None or value in choices) else {}

    return initial
