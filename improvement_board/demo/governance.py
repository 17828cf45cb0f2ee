"""The demo board's own papers, MADE UP for the demo like the rest of Sutton's 2012-14 story:
terms of reference (two versions), an action log drawn from the meetings' decisions, a risk
register with its reviews (all three in ``fixtures/demo/sutton-board-governance.toml``), and
minutes approved at each next meeting (the last still a draft).

:func:`load` adds them to the 2012-14 record (idempotent: found by natural keys, written through
the governance services, never written twice). :func:`live` adds what ``make run`` shows today,
dated from the illustrative meeting: a current version of the terms, two open actions, a review
of the vacancy risk, draft minutes, and the next meeting's agenda with a paper.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.files import File

from ..boards import governance_services as governance
from ..boards import meeting_services
from ..boards.governance import AgendaItem, BoardAction, BoardRisk, TermsOfReference
from ..boards.models import Decision, ImprovementBoard, Meeting
from ..boards.services import next_meeting_date
from .base import read

D = datetime.date
PAPER = Path(__file__).parent / "papers" / "workforce-report.pdf"

# The terms of reference, the action log and the risk register of 2012-14.
PAPERS = read("sutton-board-governance.toml")
TERMS = PAPERS["terms"]


def _at(loader, day: datetime.date, hour: int = 12) -> datetime.datetime:
    return loader.at(day, datetime.time(hour, 0))


def _minutes(meeting: Meeting) -> str:
    present = [a.member.name for a in meeting.attendance.all() if a.present]
    apologies = [
        f"{a.member.name}" + (f" (represented by {a.substitute})" if a.substitute else "")
        for a in meeting.attendance.all()
        if not a.present
    ]
    lines = [f"Present: {', '.join(present) or 'not recorded'}."]
    if apologies:
        lines.append(f"Apologies: {', '.join(apologies)}.")
    lines += [f"{d.number}. {d.text}" for d in meeting.decisions.order_by("number")]
    return "\n".join(lines)


def load(loader, board: ImprovementBoard, meetings: dict[datetime.date, Meeting], plan) -> None:
    """The 2012-14 governance of the demo board (see the module's docstring)."""
    _terms(loader, board)
    _minutes_of(loader, board, meetings)
    _actions(loader, board, meetings, plan)
    _risks(loader, board)


def _terms(loader, board) -> None:
    for number, version in enumerate(TERMS["version"], start=1):
        if TermsOfReference.objects.filter(board=board, version=number).exists():
            continue
        governance.terms_of_reference_agree(
            board=board,
            agreed_on=version["agreed_on"],
            remit=TERMS["remit"] + version.get("remit_added", ""),
            quorum=TERMS["quorum"],
            membership=TERMS["membership"],
            escalation=TERMS["escalation"],
            review_date=version["review_date"],
        )
        loader.created[TermsOfReference._meta.label] += 1


def _minutes_of(loader, board, meetings) -> None:
    days = sorted(meetings)
    chair = board.chair
    for day, later in zip(days, days[1:] + [None]):
        meeting = meetings[day]
        values = {"minutes": _minutes(meeting)}
        if later is not None:
            values |= {
                "minutes_approved_at": meetings[later],
                "minutes_approved_by": chair,
                "minutes_approved_on": _at(loader, later),
            }
        loader.upsert(Meeting, {"pk": meeting.pk}, values)


def _actions(loader, board, meetings, plan) -> None:
    members = {m.name: m for m in board.members.all()}
    references = {a.reference: a for a in plan.actions.all()}
    for number, row in enumerate(PAPERS["board_action"], start=1):
        if BoardAction.objects.filter(board=board, number=number).exists():
            continue
        meeting = meetings[row["raised"]]
        decision = row.get("decision")
        action = governance.board_action_raise(
            board=board,
            meeting=meeting,
            text=row["text"],
            owner=row.get("owner", ""),
            owner_member=members.get(row.get("owner_member")),
            due=row["due"],
            plan_actions=[references[r] for r in row["plan_actions"]],
            decision=Decision.objects.filter(meeting=meeting, number=decision).first() if decision else None,
            at=_at(loader, row["raised"], 16),
        )
        if "closed" in row:
            action._history_date = _at(loader, row["closed"], 16)
            governance.board_action_close(action=action, meeting=meetings[row["closed"]], status=row["status"])
        loader.created[BoardAction._meta.label] += 1


def _risks(loader, board) -> None:
    for row in PAPERS["risk"]:
        if BoardRisk.objects.filter(board=board, title=row["title"]).exists():
            continue
        first, *later = row["reviews"]
        risk = governance.board_risk_record(
            board=board,
            title=row["title"],
            cause=row["cause"],
            likelihood=first["likelihood"],
            impact=first["impact"],
            owner=row["owner"],
            mitigations=row["mitigations"],
            review_date=first["next_review"],
            escalated=row["escalated"] and not later,
            at=_at(loader, row["added"], 17),
        )
        for review in later:
            risk = governance.board_risk_review(
                risk=risk,
                likelihood=review["likelihood"],
                impact=review["impact"],
                review_date=review["next_review"],
                note=review["note"],
                on=review["on"],
                escalated=row["escalated"],
                at=_at(loader, review["on"], 17),
            )
        if row["closed"]:
            governance.board_risk_record(
                board=board,
                risk=risk,
                title=risk.title,
                cause=risk.cause,
                likelihood=risk.likelihood,
                impact=risk.impact,
                owner=risk.owner,
                mitigations=risk.mitigations,
                review_date=risk.review_date,
                closed=True,
                at=_at(loader, risk.review_date, 17),
            )
        loader.created[BoardRisk._meta.label] += 1


# --- make run: today's governance -------------------------------------------------------------

LIVE_ACTIONS = [
    ("Diane Carver", "", 7, "Report on the waiting time for initial health assessments of children coming into care."),
    (None, "Sutton Clinical Commissioning Group", -3, "Confirm the named doctor for safeguarding from next month."),
]


def live(board: ImprovementBoard, meeting: Meeting, *, on: datetime.date) -> None:
    """Today's governance for ``make run``, dated from the illustrative ``meeting``: the terms
    reviewed at it, its draft minutes (which also approve the last 2014 minutes), two open
    actions it raised (one overdue, one owned by the demo board member), a review of the vacancy
    risk, and the next meeting's agenda with a paper. Each part only once."""
    latest = TermsOfReference.objects.filter(board=board).order_by("-version").first()
    if latest is None or latest.agreed_on < meeting.date:
        governance.terms_of_reference_agree(
            board=board,
            agreed_on=meeting.date,
            remit=TERMS["remit"] + " It now oversees the plan for sustaining improvement.",
            quorum=TERMS["quorum"],
            membership=TERMS["membership"],
            escalation=TERMS["escalation"],
            review_date=meeting.date + datetime.timedelta(weeks=52),
        )
    earlier = Meeting.objects.filter(board=board, date__lt=meeting.date).order_by("-date").first()
    if earlier is not None and earlier.minutes and not earlier.minutes_approved_at_id:
        meeting_services.minutes_approve(meeting=earlier, at_meeting=meeting, by=board.chair)
    if not meeting.minutes:
        meeting_services.minutes_draft(
            meeting=meeting,
            text="Illustrative minutes, dated relative to the day the demo was loaded.\n"
            "1. The board received the pack and agreed the revised dates before it.\n"
            "2. The board reviewed the risk register and kept the vacancy risk escalated.",
        )
    if not meeting.actions_raised.exists():
        members = {m.name: m for m in board.members.all()}
        for member, owner, due_in, text in LIVE_ACTIONS:
            governance.board_action_raise(
                board=board,
                meeting=meeting,
                text=text,
                owner=owner,
                owner_member=members.get(member),
                due=max(on + datetime.timedelta(days=due_in), meeting.date),
            )
    risk = BoardRisk.objects.filter(board=board, title__startswith="Social worker vacancies").first()
    if risk is not None and (risk.reviewed_on or D.min) < meeting.date:
        governance.board_risk_review(
            risk=risk,
            likelihood=4,
            impact=4,
            review_date=meeting.date + datetime.timedelta(weeks=8),
            note="Illustrative review: the vacancy rate is down to 18%; four new starters next month.",
            on=meeting.date,
        )
    _agenda(board, next_meeting_date(board, on) or on)


def _agenda(board: ImprovementBoard, day: datetime.date) -> None:
    if AgendaItem.objects.filter(board=board, meeting_date=day).exists():
        return
    strategic = "Strategic Director of Children, Young People and Learning Services"
    items = [
        ("Apologies, and the minutes of the last meeting", "Independent chair", None),
        ("The board pack: progress against the plan", "Improvement Programme Manager", None),
        ("Workforce report", strategic, PAPER),
        ("Risk register review", "Independent chair", None),
    ]
    for title, presenter, paper in items:
        if paper is None:
            meeting_services.agenda_item_add(board=board, meeting_date=day, title=title, presenter=presenter)
            continue
        with open(paper, "rb") as f:
            meeting_services.agenda_item_add(
                board=board,
                meeting_date=day,
                title=title,
                presenter=presenter,
                paper=File(f, name=paper.name),
                paper_title="Workforce report (illustrative)",
            )
