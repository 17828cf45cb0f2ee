"""The demo's reference data and inspections: councils, organisations, frameworks, the seed
documents' inspections with their judgements and recommendations, and the notice."""

from __future__ import annotations

from actions.models import (
    Action,
    ImprovementPlan,
)
from inspections import rules as inspection_rules
from inspections import services as inspection_services
from inspections.models import (
    Council,
    ImprovementNotice,
    Inspection,
    InspectionSection,
    Judgement,
    NoticeDate,
    NoticeMeasure,
    NoticeTheme,
    Organisation,
    Recommendation,
)

from ..accounts.models import User
from .base import NOTICE, UPDATED_AT, LoaderBase, read


class ReferenceLoader(LoaderBase):
    # -- reference data --------------------------------------------------------------------

    def load_reference(self) -> None:
        self.frameworks = inspection_services.frameworks_sync()
        data = read("councils.toml")
        for c in data["council"]:
            self.councils[c["slug"]] = self.upsert(
                Council,
                {"ons_code": c["ons_code"]},
                {k: c[k] for k in ("name", "short_name", "slug", "la_number", "kind", "region")},
            )
        for o in data["organisation"]:
            self.organisations[o["name"]] = self.upsert(
                Organisation,
                {"name": o["name"]},
                {"kind": o["kind"], "council": self.councils.get(o.get("council"))},
            )

    # -- inspections -----------------------------------------------------------------------

    def inspection(self, spec: dict) -> Inspection:
        council = self.councils[spec["council"]]
        framework = self.frameworks[spec["framework"]]
        return self.upsert(
            Inspection,
            {"council": council, "framework": framework, "published": spec["published"]},
            {
                "title": spec["title"],
                "fieldwork_start": spec.get("fieldwork_start"),
                "fieldwork_end": spec.get("fieldwork_end"),
                "lead_inspector": spec.get("lead_inspector", ""),
                "source": Inspection.Source.DOCUMENT,
                "source_name": spec.get("source_name", ""),
            },
        )

    def section(self, inspection: Inspection, name: str | None, order: int) -> InspectionSection | None:
        if not name:
            return None
        section = inspection.sections.filter(name=name).first()
        if section is None:
            section = self.upsert(InspectionSection, {"inspection": inspection, "name": name}, {"order": order})
        return section

    def judgements(self, inspection: Inspection, rows: list[dict]) -> None:
        sections: list[str] = []
        for order, row in enumerate(rows, start=1):
            name = row.get("section")
            if name and name not in sections:
                sections.append(name)
            section = self.section(inspection, name, sections.index(name) + 1 if name else 0)
            existing = Judgement.objects.filter(inspection=inspection, section=section, area=row["area"]).first()
            if existing is None:
                inspection_services.judgement_create(
                    inspection=inspection,
                    area=row["area"],
                    grade_as_written=row["grade"],
                    section=name,
                    order=order,
                    source_line=row.get("line"),
                )
                self.created[Judgement._meta.label] += 1
            else:
                grade = inspection_services.grade_lookup(inspection.framework, row["grade"])
                self.upsert(
                    Judgement,
                    {"pk": existing.pk},
                    {
                        "grade_as_written": row["grade"],
                        "grade": grade,
                        "level": grade.level,
                        "order": order,
                        "source_line": row.get("line"),
                    },
                )

    def recommendations(self, inspection: Inspection, rows: list[dict]) -> dict[int, Recommendation]:
        result = {}
        sections: list[str] = list(inspection.sections.order_by("order").values_list("name", flat=True))
        for row in rows:
            name = row.get("section")
            if name and name not in sections:
                sections.append(name)
                self.section(inspection, name, len(sections))
            bodies = [self.organisations[b] for b in row.get("bodies", [])]
            existing = Recommendation.objects.filter(inspection=inspection, number=row["number"]).first()
            if existing is None:
                recommendation = inspection_services.recommendation_create(
                    inspection=inspection,
                    number=row["number"],
                    text=row["text"],
                    timescale_as_written=row["timescale"],
                    section=name,
                    bodies=bodies,
                    source_line=row.get("line"),
                )
                self.created[Recommendation._meta.label] += 1
            else:
                timescale = inspection_rules.timescale_from_text(row["timescale"])
                recommendation = self.upsert(
                    Recommendation,
                    {"pk": existing.pk},
                    {
                        "section": self.section(inspection, name, 0) if name else None,
                        "text": row["text"],
                        "timescale": timescale,
                        "timescale_as_written": row["timescale"],
                        "due_date": inspection_rules.recommendation_due_date(inspection.published, timescale),
                        "source_line": row.get("line"),
                    },
                )
                self.set_m2m(recommendation.bodies, bodies)
            result[row["number"]] = recommendation
        return result

    def document(self, name: str) -> None:
        data = read(name)
        if "inspection" in data and isinstance(data["inspection"], dict):
            spec = dict(data["inspection"], key="main")
            spec["judgement"] = data.get("judgement", [])
            for section in data.get("section", []):
                spec["judgement"] += [dict(row, section=section["name"]) for row in section["judgements"]]
            spec["recommendation"] = data.get("recommendation", [])
            specs = [spec]
        else:
            specs = data["inspection"]
        inspections, recommendations = {}, {}
        for spec in specs:
            inspection = self.inspection(spec)
            self.judgements(inspection, spec.get("judgement", []))
            inspections[spec["key"]] = inspection
            recommendations[spec["key"]] = self.recommendations(inspection, spec.get("recommendation", []))
        if "plan" in data:
            key = data["plan"].get("inspection", "main")
            self.historical_plan(inspections[key], recommendations[key], data["plan"])

    def historical_plan(self, inspection: Inspection, recommendations: dict[int, Recommendation], spec: dict) -> None:
        """An earlier, closed plan: one action per recommendation, with the one progress update
        the document gives, dated the document's date."""
        council = inspection.council
        author = self.user(
            spec["author"],
            password=None,
            first_name=spec["author_name"],
            last_name="",
            role=User.Role.OFFICER,
            council=council,
            is_active=False,
            job_title="Recorded from the published document",
        )
        plan = self.upsert(
            ImprovementPlan,
            {"council": council, "title": spec["title"]},
            {"agreed_on": spec["agreed_on"], "is_active": False, "notice": None},
        )
        lead = self.organisations[spec["lead"]]
        at = self.at(spec["updated"], UPDATED_AT)
        for order, row in enumerate(spec["action"], start=1):
            recommendation = recommendations[row["recommendation"]]
            # A recommendation with no timescale has no due date: its action is due on the
            # document's date.
            due = recommendation.due_date or spec["updated"]
            action = self.upsert(
                Action,
                {"plan": plan, "reference": str(row["recommendation"])},
                {
                    "order": order,
                    "title": row["title"],
                    "description": recommendation.text,
                    "lead_organisation": lead,
                    "start_date": min(spec["agreed_on"], due),
                    "due_date": due,
                },
            )
            self.set_m2m(action.recommendations, [recommendation])
            self.progress(
                action,
                author,
                at=at,
                narrative=row["narrative"],
                status=row["status"],
                rag=row["rag"],
                evidence=row.get("evidence"),
            )

    # -- the 2012 notice -------------------------------------------------------------------

    def notice(self) -> tuple[ImprovementNotice, dict[str, NoticeMeasure]]:
        data = read(NOTICE)
        spec = data["notice"]
        council = self.councils[spec["council"]]
        inspection = Inspection.objects.get(
            council=council,
            framework=self.frameworks[spec["inspection"]["framework"]],
            published=spec["inspection"]["published"],
        )
        notice = self.upsert(
            ImprovementNotice,
            {"council": council, "issued": spec["issued"]},
            {
                "inspection": inspection,
                "title": spec["title"],
                "status": spec["status"],
                "source_name": spec["source_name"],
            },
        )
        for row in spec["dates"]:
            self.upsert(
                NoticeDate,
                {"notice": notice, "kind": row["kind"], "date": row["date"]},
                {"precision": NoticeDate.Precision.MONTH},
            )
        measures = {}
        for order, theme_spec in enumerate(data["theme"], start=1):
            theme = self.upsert(NoticeTheme, {"notice": notice, "title": theme_spec["title"]}, {"order": order})
            for number, row in enumerate(theme_spec["measures"], start=1):
                measures[f"{order}.{number}"] = self.upsert(
                    NoticeMeasure,
                    {"theme": theme, "number": number},
                    {"text": row["text"], "source_line": row.get("line")},
                )
        return notice, measures
