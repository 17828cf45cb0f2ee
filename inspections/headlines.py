"""Which judgement stands for an inspection (its headline), and which inspections have none.

- An overall effectiveness judgement stands for the inspection (the worst, where each section
  has one, as the 2009-12 safeguarding and looked after children inspections do).
- APA letters grade children's services as a whole (education included) and, separately, the
  council's social care services: the social care judgement is the one read against later
  children's social care inspections (Sutton 2005: social care 2, adequate; children's
  services 3, good). Letters with no social care judgement (APA 2008) fall back to the
  children's services one.
- Joint area reviews grade key lines of enquiry and Youth Offending Team inspections
  (HM Inspectorate of Probation's, not a children's services judgement) give component scores:
  neither has an overall grade, so neither has a headline. Picking one line ("Safeguarding",
  "Work in the courts") would state a judgement no report made.
"""

from __future__ import annotations

from django.db.models import Q

from .grading import LEVEL_RANK, Level

NO_OVERALL_GRADE = frozenset({"JAR", "YOT"})
INSPECTORATE = {"YOT": "HM Inspectorate of Probation"}
OVERALL = "overall effectiveness"


def inspectorate(framework_code: str) -> str:
    return INSPECTORATE.get(framework_code, "Ofsted")


def is_childrens_services_judgement(framework_code: str) -> bool:
    return framework_code not in INSPECTORATE


def is_overall(area: str) -> bool:
    """An overall effectiveness judgement, however the area's case and spacing are written."""
    return (area or "").strip().lower() == OVERALL


def candidates() -> Q:
    """The SQL half, on ``Judgement`` rows: of an inspection's judgements, those :func:`headline`
    may choose from (its overall ones where it has any, else all), so that a list of many
    councils fetches no more rows than it needs. :func:`headline` then picks among them."""
    return Q(area__iexact=OVERALL) | ~Q(inspection__judgements__area__iexact=OVERALL)


def headline(judgements: list, framework_code: str = "") -> tuple[str, str] | None:
    """The headline as (level, area), or None when the inspection has no overall grade.
    ``judgements`` are objects or rows with ``area``, ``level`` and ``order``."""
    if not judgements or framework_code in NO_OVERALL_GRADE:
        return None
    overall = [j for j in judgements if is_overall(j.area)]
    if overall:
        worst = max(overall, key=lambda j: LEVEL_RANK[Level(j.level)])
        return worst.level, worst.area
    social_care = [j for j in judgements if "social care services" in j.area.lower()]
    services = [j for j in judgements if "children's services" in j.area.lower()]
    first = min(social_care or services or judgements, key=lambda j: j.order)
    return first.level, first.area


def no_headline_reason(framework_code: str) -> str:
    if framework_code == "YOT":
        return "No overall grade: component scores from HM Inspectorate of Probation"
    if framework_code == "JAR":
        return "No overall grade: key lines of enquiry graded separately"
    return "No graded judgement"
