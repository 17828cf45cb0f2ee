"""The demo data: the real facts of the seed documents, and a made-up but rule-abiding
Sutton 2012-2014 improvement board and plan. See ``fixtures/README.md`` for what comes from
which document and what is made up.

:func:`load` reads ``fixtures/demo/*.toml`` and creates whatever is missing, in one
transaction. It is idempotent: rows are found by their natural keys, reference facts are
brought back to the documented values if they differ, and nothing is saved that is already
right, so a second run adds no rows (history rows included) and changes no values.
History is written once: progress updates (which the database never lets change), revised due
dates, and indicator values are only ever created when missing. Demo users get
``settings.DEMO_PASSWORD`` when they are created and never again.
"""

from __future__ import annotations

import datetime
import tomllib
from collections import Counter
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from actions import rules as action_rules
from actions import services as action_services
from actions.models import (
    Action,
    DueDateRevision,
    ImprovementPlan,
    IndicatorValue,
    Milestone,
    PerformanceIndicator,
    ProgressUpdate,
)
from inspections import rules as inspection_rules
from inspections import services as inspection_services
from inspections.models import (
    Council,
    Framework,
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

from .models import Attendance, BoardMember, Decision, ImprovementBoard, Meeting, User

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "demo"

DOCUMENTS = (
    "sutton-apa-2005.toml",
    "staffordshire-apa-2006.toml",
    "southwark-executive-report-2009.toml",
    "sutton-slac-2012.toml",
)
NOTICE = "sutton-improvement-notice-2012.toml"
IMPROVEMENT = "sutton-improvement-2012.toml"

Status = action_rules.Status
Rag = action_rules.Rag

# Times of day for dated events (Europe/London): revised dates are proposed in the morning,
# boards decide in the afternoon, progress is logged at the end of the day.
PROPOSED_AT = datetime.time(10, 0)
DECIDED_AT = datetime.time(14, 0)
UPDATED_AT = datetime.time(16, 30)
ENTERED_AT = datetime.time(9, 30)

# The last month of the demo's story (progress updates and indicator values).
LAST_MONTH = datetime.date(2014, 2, 1)


def read(name: str) -> dict:
    with open(FIXTURES / name, "rb") as f:
        return tomllib.load(f)


class Loader:
    """One run of the loader; ``created`` counts the rows it added, by model."""

    def __init__(self) -> None:
        self.created: Counter[str] = Counter()
        self.changed: Counter[str] = Counter()
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.councils: dict[str, Council] = {}
        self.organisations: dict[str, Organisation] = {}
        self.users: dict[str, User] = {}
        self.frameworks: dict[str, Framework] = {}
        self.logged: set[tuple[int, datetime.datetime]] = set()

    # -- helpers ---------------------------------------------------------------------------

    def at(self, day: datetime.date, time: datetime.time) -> datetime.datetime:
        return datetime.datetime.combine(day, time, tzinfo=self.tz)

    def upsert(self, model: type[models.Model], lookup: dict, values: dict | None = None):
        """The row ``lookup`` finds, created with ``values`` if missing, or brought back to
        ``values`` if it differs. Saves nothing when it is already right."""
        values = values or {}
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **values)
            self.created[model._meta.label] += 1
            return obj
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
            self.changed[model._meta.label] += 1
        return obj

    def set_m2m(self, manager, objects) -> None:
        wanted = {o.pk for o in objects}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(list(objects))

    def user(self, username: str, *, password: str | None, **fields) -> User:
        """A user found by username; a new one gets ``password`` (or an unusable one)."""
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, **fields)
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
            self.created[User._meta.label] += 1
        else:
            self.upsert(User, {"pk": user.pk}, fields)
            user.refresh_from_db()
        self.users[username] = user
        return user

    # -- reference data --------------------------------------------------------------------

    def load_reference(self) -> None:
        self.frameworks = inspection_services.frameworks_sync()
        data = read("councils.toml")
        for c in data["council"]:
            self.councils[c["slug"]] = self.upsert(
                Council, {"ons_code": c["ons_code"]},
                {k: c[k] for k in ("name", "short_name", "slug", "la_number", "kind", "region")},
            )
        for o in data["organisation"]:
            self.organisations[o["name"]] = self.upsert(
                Organisation, {"name": o["name"]},
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
                    inspection=inspection, area=row["area"], grade_as_written=row["grade"], section=name,
                    order=order, source_line=row.get("line"),
                )
                self.created[Judgement._meta.label] += 1
            else:
                grade = inspection_services.grade_lookup(inspection.framework, row["grade"])
                self.upsert(Judgement, {"pk": existing.pk}, {
                    "grade_as_written": row["grade"], "grade": grade, "level": grade.level,
                    "order": order, "source_line": row.get("line"),
                })

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
                    inspection=inspection, number=row["number"], text=row["text"],
                    timescale_as_written=row["timescale"], section=name, bodies=bodies,
                    source_line=row.get("line"),
                )
                self.created[Recommendation._meta.label] += 1
            else:
                timescale = inspection_rules.timescale_from_text(row["timescale"])
                recommendation = self.upsert(Recommendation, {"pk": existing.pk}, {
                    "section": self.section(inspection, name, 0) if name else None,
                    "text": row["text"],
                    "timescale": timescale,
                    "timescale_as_written": row["timescale"],
                    "due_date": inspection_rules.recommendation_due_date(inspection.published, timescale),
                    "source_line": row.get("line"),
                })
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
            spec["author"], password=None, first_name=spec["author_name"], last_name="",
            role=User.Role.OFFICER, council=council, is_active=False,
            job_title="Recorded from the published document",
        )
        plan = self.upsert(
            ImprovementPlan, {"council": council, "title": spec["title"]},
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
                Action, {"plan": plan, "reference": str(row["recommendation"])},
                {
                    "order": order, "title": row["title"], "description": recommendation.text,
                    "lead_organisation": lead, "start_date": min(spec["agreed_on"], due), "due_date": due,
                },
            )
            self.set_m2m(action.recommendations, [recommendation])
            self.progress(action, author, at=at, narrative=row["narrative"], status=row["status"],
                          rag=row["rag"], evidence=row.get("evidence"))

    # -- the 2012 notice -------------------------------------------------------------------

    def notice(self) -> tuple[ImprovementNotice, dict[str, NoticeMeasure]]:
        data = read(NOTICE)
        spec = data["notice"]
        council = self.councils[spec["council"]]
        inspection = Inspection.objects.get(
            council=council, framework=self.frameworks[spec["inspection"]["framework"]],
            published=spec["inspection"]["published"],
        )
        notice = self.upsert(
            ImprovementNotice, {"council": council, "issued": spec["issued"]},
            {"inspection": inspection, "title": spec["title"], "status": spec["status"],
             "source_name": spec["source_name"]},
        )
        for row in spec["dates"]:
            self.upsert(NoticeDate, {"notice": notice, "kind": row["kind"], "date": row["date"]},
                        {"precision": NoticeDate.Precision.MONTH})
        measures = {}
        for order, theme_spec in enumerate(data["theme"], start=1):
            theme = self.upsert(NoticeTheme, {"notice": notice, "title": theme_spec["title"]}, {"order": order})
            for number, row in enumerate(theme_spec["measures"], start=1):
                measures[f"{order}.{number}"] = self.upsert(
                    NoticeMeasure, {"theme": theme, "number": number},
                    {"text": row["text"], "source_line": row.get("line")},
                )
        return notice, measures

    # -- Sutton 2012-2014 ------------------------------------------------------------------

    def people(self, data: dict) -> None:
        for row in data["demo_user"]:
            fields = {
                "first_name": row["first_name"], "last_name": row["last_name"], "role": row["role"],
                "council": self.councils.get(row.get("council")),
                "organisation": self.organisations.get(row.get("organisation")),
                "job_title": row.get("job_title", ""),
                "observes_all_councils": row.get("observes_all_councils", False),
                "is_staff": row.get("is_staff", False), "is_superuser": row.get("is_superuser", False),
                "is_active": True,
            }
            self.user(row["username"], password=settings.DEMO_PASSWORD, **fields)
        for row in data["owners"]:
            organisation = self.organisations[row["organisation"]]
            self.user(
                row["username"], password=None, first_name=row["first_name"], last_name=row["last_name"],
                role=User.Role.OFFICER, council=self.councils["sutton"], organisation=organisation,
                job_title=row["job_title"],
            )

    def board(self, data: dict, notice: ImprovementNotice) -> tuple[ImprovementBoard, dict[datetime.date, Meeting]]:
        spec = data["board"]
        board = self.upsert(
            ImprovementBoard, {"slug": spec["slug"]},
            {"council": self.councils[spec["council"]], "notice": notice, "name": spec["name"],
             "chair": self.users[spec["chair"]], "cadence_weeks": spec["cadence_weeks"],
             "cadence_agreed_by_dfe": False, "established": spec["established"], "is_active": True},
        )
        members = {}
        for row in spec["members"]:
            members[row["name"]] = self.upsert(
                BoardMember,
                {"board": board, "name": row["name"], "organisation": self.organisations[row["organisation"]]},
                {"job_title": row["job_title"], "role": row.get("role", BoardMember.Role.MEMBER),
                 "user": self.users.get(row.get("user")), "joined": spec["established"]},
            )
        meetings = {}
        for row in data["meeting"]:
            meeting = self.upsert(Meeting, {"board": board, "date": row["date"]}, {"location": spec["location"]})
            absent = row.get("absent", {})
            for name, member in members.items():
                self.upsert(Attendance, {"meeting": meeting, "member": member},
                            {"present": name not in absent, "substitute": absent.get(name, "")})
            for number, text in enumerate(row["decisions"], start=1):
                self.upsert(Decision, {"meeting": meeting, "number": number}, {"text": text})
            meetings[row["date"]] = meeting
        return board, meetings

    def progress(self, action: Action, author: User, *, at: datetime.datetime, narrative: str, status: str,
                 rag: str, evidence: str | None = None, remedial: str = "") -> None:
        """Log one progress update unless it is already there, with the rating the rules allow:
        a complete action is Blue when evidenced and Amber until then; an overdue one is Red."""
        if (action.pk, at) in self.logged:
            return
        action.refresh_from_db()
        if status == Status.COMPLETE:
            rag = Rag.BLUE if (evidence or action.evidence_of_impact) else Rag.AMBER
        elif action_rules.is_overdue(status=status, due_date=action.due_date,
                                     agreed_revised_due_date=action.revised_due_date,
                                     on=timezone.localdate(at)):
            rag = Rag.RED
        action_services.progress_update_create(
            action=action, author=author, narrative=narrative, status=status, rag=rag,
            remedial_action=remedial if rag in (Rag.AMBER, Rag.RED) and status != Status.COMPLETE else "",
            evidence_of_impact=evidence if status == Status.COMPLETE and evidence else None, at=at,
            archived_history=not action.plan.is_active,
        )
        self.logged.add((action.pk, at))
        self.created[ProgressUpdate._meta.label] += 1

    def plan(self, data: dict, notice: ImprovementNotice, measures: dict[str, NoticeMeasure],
             meetings: dict[datetime.date, Meeting]) -> ImprovementPlan:
        spec = data["plan"]
        council = self.councils[spec["council"]]
        plan = self.upsert(
            ImprovementPlan, {"council": council, "title": spec["title"]},
            {"notice": notice, "agreed_on": spec["agreed_on"], "is_active": True},
        )
        recommendations = {r.number: r for r in Recommendation.objects.filter(inspection=notice.inspection)}
        chair = self.users[data["board"]["chair"]]
        events = []
        for order, row in enumerate(data["action"], start=1):
            action = self.upsert(
                Action, {"plan": plan, "reference": row["reference"]},
                {"order": order, "title": row["title"], "description": row.get("description", ""),
                 "owner": self.users[row["owner"]], "lead_organisation": self.organisations[row["lead"]],
                 "start_date": row["start"], "due_date": row["due"]},
            )
            self.set_m2m(action.recommendations, [recommendations[n] for n in row.get("recommendations", [])])
            self.set_m2m(action.measures, [measures[m] for m in row.get("measures", [])])
            events += self.action_events(action, row, spec["update_day"], meetings, chair)
        for _, _, run in sorted(events, key=lambda e: (e[0], e[1])):
            run()
        return plan

    def action_events(self, action: Action, row: dict, day: int, meetings, chair) -> list:
        """The dated things that happen to an action, as (when, order, callable)."""
        owner = self.users[row["owner"]]
        completed: datetime.date | None = row.get("completed")
        notes = row.get("notes", {})
        amber = set(row.get("amber", []))
        remedial = row.get("remedial", "Remedial action agreed with the owner's head of service.")
        events = []
        month = row["start"].replace(day=1)
        while month <= LAST_MONTH:
            when = month.replace(day=day)
            key = f"{month:%Y-%m}"
            if completed and when >= completed:
                break
            if when >= row["start"]:
                narrative = notes.get(key, row["default"])
                rag = Rag.AMBER if key in amber else Rag.GREEN
                if action_rules.is_overdue(status=Status.IN_PROGRESS, due_date=row["due"],
                                           agreed_revised_due_date=None, on=when):
                    narrative += " Past its due date."
                events.append((self.at(when, UPDATED_AT), 2, self._update(
                    action, owner, self.at(when, UPDATED_AT), narrative, Status.IN_PROGRESS, rag, remedial)))
            month += relativedelta(months=1)
        if completed:
            evidence = row.get("evidence")
            narrative = notes.get(f"{completed:%Y-%m}") if completed.day != day else None
            narrative = narrative or ("Complete. " + (evidence or "Evidence of impact to follow."))
            events.append((self.at(completed, UPDATED_AT), 2, self._update(
                action, owner, self.at(completed, UPDATED_AT), narrative, Status.COMPLETE, Rag.BLUE, "", evidence)))
        for rev in row.get("revisions", []):
            proposed_at = self.at(rev["proposed_on"], PROPOSED_AT)
            events.append((proposed_at, 0, self._propose(action, owner, proposed_at, rev)))
            if rev["decision"] != DueDateRevision.Status.PENDING:
                meeting = meetings[rev["meeting"]]
                decided_at = self.at(rev["meeting"], DECIDED_AT)
                events.append((decided_at, 1, self._decide(action, proposed_at, rev, chair, meeting, decided_at)))
        return events

    def _update(self, action, owner, at, narrative, status, rag, remedial, evidence=None):
        # Narratives that note lateness are fixed at load time; the rating is checked again
        # when the update is logged, against the action's dates as they then are.
        def run():
            if (action.pk, at) in self.logged:
                return
            action.refresh_from_db()
            text = narrative
            if status != Status.COMPLETE and not action_rules.is_overdue(
                status=status, due_date=action.due_date, agreed_revised_due_date=action.revised_due_date,
                on=timezone.localdate(at),
            ):
                text = text.replace(" Past its due date.", "")
            self.progress(action, owner, at=at, narrative=text, status=status, rag=rag, evidence=evidence,
                          remedial=remedial)
        return run

    def _propose(self, action, owner, proposed_at, rev):
        def run():
            if DueDateRevision.objects.filter(action=action, proposed_at=proposed_at).exists():
                return
            action_services.revised_date_propose(
                action=action, proposed_by=owner, proposed_date=rev["date"], reason=rev["reason"], at=proposed_at,
            )
            self.created[DueDateRevision._meta.label] += 1
        return run

    def _decide(self, action, proposed_at, rev, chair, meeting, decided_at):
        def run():
            revision = DueDateRevision.objects.get(action=action, proposed_at=proposed_at)
            if revision.status != DueDateRevision.Status.PENDING:
                return
            action_services.revised_date_decide(
                revision=revision, decided_by=chair, agree=rev["decision"] == DueDateRevision.Status.AGREED,
                reason=rev.get("decision_reason", ""), meeting=meeting, at=decided_at,
            )
        return run

    def milestones(self, data: dict, plan: ImprovementPlan, measures: dict[str, NoticeMeasure]) -> None:
        for row in data["milestone"]:
            self.upsert(Milestone, {"plan": plan, "title": row["title"]},
                        {"due_date": row["due"], "achieved_on": row.get("achieved"),
                         "measure": measures.get(row.get("measure"))})

    def indicators(self, data: dict, plan: ImprovementPlan, measures: dict[str, NoticeMeasure]) -> None:
        common = data["indicators"]
        entered_by = self.users[common["entered_by"]]
        for order, row in enumerate(data["indicator"], start=1):
            indicator = self.upsert(
                PerformanceIndicator, {"plan": plan, "name": row["name"]},
                {"definition": row["definition"], "unit": row["unit"], "polarity": row["polarity"],
                 "target": Decimal(str(row["target"])), "target_date": common["target_date"],
                 "baseline": Decimal(str(row["baseline"])), "source": common["source"], "order": order},
            )
            self.set_m2m(indicator.measures, [measures[m] for m in row.get("measures", [])])
            have = set(IndicatorValue.objects.filter(indicator=indicator).values_list("month", flat=True))
            for i, value in enumerate(row["values"]):
                month = common["first_month"] + relativedelta(months=i)
                if month in have:
                    continue
                entered = (month + relativedelta(months=1)).replace(day=common["entered_day"])
                action_services.indicator_value_set(
                    indicator=indicator, month=month, value=Decimal(str(value)), source=common["source"],
                    entered_by=entered_by, at=self.at(entered, ENTERED_AT),
                )
                self.created[IndicatorValue._meta.label] += 1

    # -- everything ------------------------------------------------------------------------

    def run(self) -> None:
        # Progress updates already logged, by (action, time): they are never logged twice.
        self.logged = set(ProgressUpdate.objects.values_list("action_id", "created_at"))
        self.load_reference()
        data = read(IMPROVEMENT)
        self.people(data)
        for name in DOCUMENTS:
            self.document(name)
        notice, measures = self.notice()
        board, meetings = self.board(data, notice)
        plan = self.plan(data, notice, measures, meetings)
        self.milestones(data, plan, measures)
        self.indicators(data, plan, measures)


SUMMARY_MODELS = (
    Council, Organisation, User, Inspection, Judgement, Recommendation, ImprovementNotice, NoticeMeasure,
    ImprovementBoard, BoardMember, Meeting, Decision, ImprovementPlan, Action, ProgressUpdate, DueDateRevision,
    Milestone, PerformanceIndicator, IndicatorValue,
)


def load() -> Loader:
    """Load the demo data; returns the loader, whose ``created`` and ``changed`` say what it did.
    Then make sure the board's archive shows a report (``ensure_demo_reports``)."""
    with transaction.atomic():
        loader = Loader()
        loader.run()
    ensure_demo_reports(loader)
    return loader


DEMO_REPORTS = [("sutton", datetime.date(2012, 10, 1))]


def ensure_demo_reports(loader: Loader | None = None) -> list:
    """Generate Sutton's October 2012 report, synchronously through the report service, unless a
    ready one exists for that period (so a second run does nothing). About 2 s."""
    from .models import BoardReport
    from .services import board_report_generate, board_report_request

    made = []
    for slug, period in DEMO_REPORTS:
        board = ImprovementBoard.objects.filter(slug=slug).first()
        if board is None or BoardReport.objects.filter(board=board, period=period, status="ready").exists():
            continue
        report, _ = board_report_request(board=board, period=period, queue=False, only_if_missing=True)
        if report.status == BoardReport.Status.QUEUED:
            made.append(board_report_generate(report_id=report.pk, generated_by="load_demo_data"))
            if loader is not None:
                loader.created["board report"] = loader.created.get("board report", 0) + 1
    return made


def summary() -> list[tuple[str, int]]:
    """Rows per model now in the database, for the command's report."""
    return [(str(model._meta.verbose_name_plural), model.objects.count()) for model in SUMMARY_MODELS]
