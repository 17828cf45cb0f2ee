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
from decimal import Decimal

from django.conf import settings
from django.db import transaction
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
from inspections.models import (
    Council,
    ImprovementNotice,
    Inspection,
    Judgement,
    NoticeMeasure,
    Organisation,
    Recommendation,
)
from inspections.months import add_months

from ..accounts.models import User
from ..boards import services as board_services
from ..boards.governance import BoardAction, BoardRisk
from ..boards.models import Attendance, BoardMember, Decision, ImprovementBoard, Meeting
from . import governance
from .base import DECIDED_AT, DOCUMENTS, ENTERED_AT, IMPROVEMENT, LAST_MONTH, PROPOSED_AT, UPDATED_AT, Rag, Status, read
from .reference import ReferenceLoader


class Loader(ReferenceLoader):
    """One run of the loader: reference data (``ReferenceLoader``), then Sutton 2012-2014."""

    # -- Sutton 2012-2014 ------------------------------------------------------------------

    def people(self, data: dict) -> None:
        for row in data["demo_user"]:
            fields = {
                "first_name": row["first_name"],
                "last_name": row["last_name"],
                "role": row["role"],
                "council": self.councils.get(row.get("council")),
                "organisation": self.organisations.get(row.get("organisation")),
                "job_title": row.get("job_title", ""),
                "observes_all_councils": row.get("observes_all_councils", False),
                "is_staff": row.get("is_staff", False),
                "is_superuser": row.get("is_superuser", False),
                "is_active": True,
            }
            self.user(row["username"], password=settings.DEMO_PASSWORD, **fields)
        for row in data["owners"]:
            organisation = self.organisations[row["organisation"]]
            self.user(
                row["username"],
                password=None,
                first_name=row["first_name"],
                last_name=row["last_name"],
                role=User.Role.OFFICER,
                council=self.councils["sutton"],
                organisation=organisation,
                job_title=row["job_title"],
            )

    def board(self, data: dict, notice: ImprovementNotice) -> tuple[ImprovementBoard, dict[datetime.date, Meeting]]:
        spec = data["board"]
        board = self.upsert(
            ImprovementBoard,
            {"slug": spec["slug"]},
            {
                "council": self.councils[spec["council"]],
                "notice": notice,
                "name": spec["name"],
                "chair": self.users[spec["chair"]],
                "cadence_weeks": spec["cadence_weeks"],
                "cadence_agreed_by_dfe": False,
                "established": spec["established"],
                "is_active": True,
            },
        )
        members = {}
        for row in spec["members"]:
            members[row["name"]] = self.upsert(
                BoardMember,
                {"board": board, "name": row["name"], "organisation": self.organisations[row["organisation"]]},
                {
                    "job_title": row["job_title"],
                    "role": row.get("role", BoardMember.Role.MEMBER),
                    "user": self.users.get(row.get("user")),
                    "joined": spec["established"],
                },
            )
        meetings = {}
        for row in data["meeting"]:
            meeting = self.upsert(Meeting, {"board": board, "date": row["date"]}, {"location": spec["location"]})
            absent = row.get("absent", {})
            for name, member in members.items():
                self.upsert(
                    Attendance,
                    {"meeting": meeting, "member": member},
                    {"present": name not in absent, "substitute": absent.get(name, "")},
                )
            for number, text in enumerate(row["decisions"], start=1):
                self.upsert(Decision, {"meeting": meeting, "number": number}, {"text": text})
            meetings[row["date"]] = meeting
        return board, meetings

    def progress(
        self,
        action: Action,
        author: User,
        *,
        at: datetime.datetime,
        narrative: str,
        status: str,
        rag: str,
        evidence: str | None = None,
        remedial: str = "",
    ) -> None:
        """Log one progress update unless it is already there, with the rating the rules allow:
        a complete action is Blue when evidenced and Amber until then; an overdue one is Red."""
        if (action.pk, at) in self.logged:
            return
        action.refresh_from_db()
        if status == Status.COMPLETE:
            rag = Rag.BLUE if (evidence or action.evidence_of_impact) else Rag.AMBER
        elif action_rules.is_overdue(
            status=status,
            due_date=action.due_date,
            agreed_revised_due_date=action.revised_due_date,
            on=timezone.localdate(at),
        ):
            rag = Rag.RED
        action_services.progress_update_create(
            action=action,
            author=author,
            narrative=narrative,
            status=status,
            rag=rag,
            remedial_action=remedial if rag in (Rag.AMBER, Rag.RED) and status != Status.COMPLETE else "",
            evidence_of_impact=evidence if status == Status.COMPLETE and evidence else None,
            at=at,
            archived_history=not action.plan.is_active,
        )
        self.logged.add((action.pk, at))
        self.created[ProgressUpdate._meta.label] += 1

    def plan(
        self,
        data: dict,
        notice: ImprovementNotice,
        measures: dict[str, NoticeMeasure],
        meetings: dict[datetime.date, Meeting],
    ) -> ImprovementPlan:
        spec = data["plan"]
        council = self.councils[spec["council"]]
        plan = self.upsert(
            ImprovementPlan,
            {"council": council, "title": spec["title"]},
            {
                "notice": notice,
                "agreed_on": spec["agreed_on"],
                "is_active": True,
                "owner": self.users.get(spec.get("owner", "sutton.officer")),
            },
        )
        recommendations = {r.number: r for r in Recommendation.objects.filter(inspection=notice.inspection)}
        chair = self.users[data["board"]["chair"]]
        events = []
        for order, row in enumerate(data["action"], start=1):
            action = self.upsert(
                Action,
                {"plan": plan, "reference": row["reference"]},
                {
                    "order": order,
                    "title": row["title"],
                    "description": row.get("description", ""),
                    "owner": self.users[row["owner"]],
                    "lead_organisation": self.organisations[row["lead"]],
                    "start_date": row["start"],
                    "due_date": row["due"],
                },
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
                if action_rules.is_overdue(
                    status=Status.IN_PROGRESS, due_date=row["due"], agreed_revised_due_date=None, on=when
                ):
                    narrative += " Past its due date."
                events.append(
                    (
                        self.at(when, UPDATED_AT),
                        2,
                        self._update(
                            action, owner, self.at(when, UPDATED_AT), narrative, Status.IN_PROGRESS, rag, remedial
                        ),
                    )
                )
            month = add_months(month, 1)
        if completed:
            evidence = row.get("evidence")
            narrative = notes.get(f"{completed:%Y-%m}") if completed.day != day else None
            narrative = narrative or ("Complete. " + (evidence or "Evidence of impact to follow."))
            events.append(
                (
                    self.at(completed, UPDATED_AT),
                    2,
                    self._update(
                        action,
                        owner,
                        self.at(completed, UPDATED_AT),
                        narrative,
                        Status.COMPLETE,
                        Rag.BLUE,
                        "",
                        evidence,
                    ),
                )
            )
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
                status=status,
                due_date=action.due_date,
                agreed_revised_due_date=action.revised_due_date,
                on=timezone.localdate(at),
            ):
                text = text.replace(" Past its due date.", "")
            self.progress(
                action, owner, at=at, narrative=text, status=status, rag=rag, evidence=evidence, remedial=remedial
            )

        return run

    def _propose(self, action, owner, proposed_at, rev):
        def run():
            if DueDateRevision.objects.filter(action=action, proposed_at=proposed_at).exists():
                return
            action_services.revised_date_propose(
                action=action,
                proposed_by=owner,
                proposed_date=rev["date"],
                reason=rev["reason"],
                at=proposed_at,
            )
            self.created[DueDateRevision._meta.label] += 1

        return run

    def _decide(self, action, proposed_at, rev, chair, meeting, decided_at):
        def run():
            revision = DueDateRevision.objects.get(action=action, proposed_at=proposed_at)
            if revision.status != DueDateRevision.Status.PENDING:
                return
            board_services.revision_decide(
                revision=revision,
                decided_by=chair,
                agree=rev["decision"] == DueDateRevision.Status.AGREED,
                reason=rev.get("decision_reason", ""),
                meeting=meeting,
                at=decided_at,
            )

        return run

    def milestones(self, data: dict, plan: ImprovementPlan, measures: dict[str, NoticeMeasure]) -> None:
        for row in data["milestone"]:
            self.upsert(
                Milestone,
                {"plan": plan, "title": row["title"]},
                {
                    "due_date": row["due"],
                    "achieved_on": row.get("achieved"),
                    "measure": measures.get(row.get("measure")),
                },
            )

    def indicators(self, data: dict, plan: ImprovementPlan, measures: dict[str, NoticeMeasure]) -> None:
        common = data["indicators"]
        entered_by = self.users[common["entered_by"]]
        for order, row in enumerate(data["indicator"], start=1):
            indicator = self.upsert(
                PerformanceIndicator,
                {"plan": plan, "name": row["name"]},
                {
                    "definition": row["definition"],
                    "unit": row["unit"],
                    "polarity": row["polarity"],
                    "target": Decimal(str(row["target"])),
                    "target_date": common["target_date"],
                    "baseline": Decimal(str(row["baseline"])),
                    "source": common["source"],
                    "order": order,
                },
            )
            self.set_m2m(indicator.measures, [measures[m] for m in row.get("measures", [])])
            have = set(IndicatorValue.objects.filter(indicator=indicator).values_list("month", flat=True))
            for i, value in enumerate(row["values"]):
                month = add_months(common["first_month"], i)
                if month in have:
                    continue
                entered = add_months(month, 1).replace(day=common["entered_day"])
                action_services.indicator_value_set(
                    indicator=indicator,
                    month=month,
                    value=Decimal(str(value)),
                    source=common["source"],
                    entered_by=entered_by,
                    at=self.at(entered, ENTERED_AT),
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
        governance.load(self, board, meetings, plan)


SUMMARY_MODELS = (
    Council,
    Organisation,
    User,
    Inspection,
    Judgement,
    Recommendation,
    ImprovementNotice,
    NoticeMeasure,
    ImprovementBoard,
    BoardMember,
    Meeting,
    Decision,
    BoardAction,
    BoardRisk,
    ImprovementPlan,
    Action,
    ProgressUpdate,
    DueDateRevision,
    Milestone,
    PerformanceIndicator,
    IndicatorValue,
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
    from ..reports.models import BoardReport
    from ..reports.services import board_report_generate, board_report_request

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


def live_work(*, on: datetime.date | None = None) -> bool:
    """``load_demo_data --today`` (what ``make run`` does): illustrative work dated relative to
    today beside Sutton's published 2012-14 record, which it leaves exactly as it is: overdue
    actions and one due soon for sutton.officer, a proposal waiting for sutton.chair, an
    indicator with values up to last month, a board meeting three weeks ago (so "not updated
    since the last board" means something today) and last month's report ready. Once only."""
    from actions import illustrative

    from ..reports.models import BoardReport
    from ..reports.services import board_report_generate, board_report_request

    on = on or timezone.localdate()
    board = ImprovementBoard.objects.filter(slug="sutton").first()
    officer = User.objects.filter(username="sutton.officer").first()
    plan = ImprovementPlan.objects.active().filter(council__slug="sutton").first()
    if board is None or officer is None or plan is None:
        return False
    with transaction.atomic():
        added = illustrative.live_work_create(
            plan=plan, officer=officer, by=User.objects.filter(username="admin").first(), on=on
        )
        if added:
            Meeting.objects.get_or_create(
                board=board,
                date=on - datetime.timedelta(weeks=3),
                defaults={"notes": "Illustrative meeting, dated relative to the day the demo was loaded."},
            )
        meeting = board.meetings.filter(notes__startswith="Illustrative meeting").order_by("-date").first()
        if meeting is not None:
            governance.live(board, meeting, on=on)
    last_month = (on.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    if not BoardReport.objects.filter(board=board, period=last_month, status="ready").exists():
        report, _ = board_report_request(board=board, period=last_month, queue=False, only_if_missing=True)
        if report.status == BoardReport.Status.QUEUED:
            board_report_generate(report_id=report.pk, generated_by="load_demo_data --today")
    return added


def summary() -> list[tuple[str, int]]:
    """Rows per model now in the database, for the command's report."""
    return [(str(model._meta.verbose_name_plural), model.objects.count()) for model in SUMMARY_MODELS]
