"""What a plan spreadsheet's rows are matched against: the council's people (by email or full
name), organisations, the plan's actions and objectives, and the council's recommendations and
notice measures, each read once (a 500-row file costs a few queries)."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model

from inspections.models import NoticeMeasure, Organisation, Recommendation

from . import spreadsheet
from .models import Action, ImprovementPlan, Objective
from .selectors import latest_narrative


class Lookups:
    """What the rows are matched against, each read once (a 500-row file costs a few queries)."""

    def __init__(self, council, plan: ImprovementPlan | None):
        self.council, self.plan = council, plan
        User = get_user_model()
        users = list(User.objects.filter(council=council, is_active=True))
        self.by_email: dict[str, list] = {}
        self.by_name: dict[str, list] = {}
        for user in users:
            if user.email:
                self.by_email.setdefault(user.email.lower(), []).append(user)
            name = spreadsheet._key(user.get_full_name())
            if name:
                self.by_name.setdefault(name, []).append(user)
        self.organisations = {o.name.lower(): o for o in Organisation.objects.all()}
        self.actions: dict[str, Action] = {}
        self.objectives: dict[str, Objective] = {}
        self.latest: dict[int, str] = {}
        self.links: dict[int, tuple[set, set]] = {}
        if plan is not None:
            actions = plan.actions.select_related("owner", "lead_organisation", "objective").annotate(
                latest_narrative=latest_narrative()
            )
            for action in actions:
                self.actions[action.reference.lower()] = action
                self.latest[action.pk] = action.latest_narrative or ""
                self.links[action.pk] = (set(), set())
            for action_id, rec_id in Action.recommendations.through.objects.filter(action__plan=plan).values_list(
                "action_id", "recommendation_id"
            ):
                self.links[action_id][0].add(rec_id)
            for action_id, measure_id in Action.measures.through.objects.filter(action__plan=plan).values_list(
                "action_id", "noticemeasure_id"
            ):
                self.links[action_id][1].add(measure_id)
            for objective in plan.objectives.all():
                self.objectives[("ref", objective.reference.lower())] = objective
                self.objectives[("title", objective.title.lower())] = objective
        self.recommendations = list(
            Recommendation.objects.filter(inspection__council=council).select_related("inspection__framework")
        )
        self.measures = list(NoticeMeasure.objects.filter(theme__notice__council=council).select_related("theme"))

    def owner(self, value) -> object:
        raw = spreadsheet.text(value)
        if not raw:
            return None
        found = self.by_email.get(raw.lower()) if "@" in raw else self.by_name.get(spreadsheet._key(raw))
        if not found:
            raise ValueError(
                f"nobody at {self.council} is “{raw}”. Use the email address or full name of one of the council's users"
            )
        if len(found) > 1:
            raise ValueError(f"more than one person at {self.council} is called “{raw}”. Use their email address")
        return found[0]

    def organisation(self, value):
        raw = spreadsheet.text(value)
        return self.organisations.get(raw.lower()) if raw else None

    _REC = re.compile(
        r"(?:(?P<code>[A-Za-z][A-Za-z0-9]*)\s+)?(?:(?P<year>(?:19|20)\d\d)\s+)?"
        r"R(?:ec(?:ommendation)?)?\s*(?P<n>\d+)\b",
        re.IGNORECASE,
    )

    def recommendation_list(self, value) -> list:
        raw = spreadsheet.text(value)
        found = []
        for part in [p.strip() for p in re.split(r"[;\n]", raw) if p.strip()]:
            match = self._REC.match(part)
            if not match:
                raise ValueError(f"“{part}” does not name a recommendation. Write it like SIF 2012 R3")
            candidates = [
                r
                for r in self.recommendations
                if r.number == int(match["n"])
                and (not match["code"] or r.inspection.framework.code.lower() == match["code"].lower())
                and (not match["year"] or r.inspection.published.year == int(match["year"]))
            ]
            if len(candidates) != 1:
                problem = "matches no" if not candidates else "matches more than one"
                raise ValueError(
                    f"“{part}” {problem} recommendation of {self.council}'s inspections. Write it like SIF 2012 R3"
                )
            found.append(candidates[0])
        return found

    def measure_list(self, value) -> list:
        raw = spreadsheet.text(value)
        found = []
        for part in [p.strip() for p in re.split(r"[;,\n]", raw) if p.strip()]:
            match = re.match(r"M?\s*(\d+)\.(\d+)\b", part, re.IGNORECASE)
            candidates = [
                m for m in self.measures if match and m.theme.order == int(match[1]) and m.number == int(match[2])
            ]
            if len(candidates) != 1:
                raise ValueError(f"“{part}” is not one of {self.council}'s notice measures. Write it like M1.2")
            found.append(candidates[0])
        return found
