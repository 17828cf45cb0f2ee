"""The demo board's own papers, MADE UP for the demo like the rest of Sutton's 2012-14 story:
terms of reference (two versions), an action log drawn from the meetings' decisions, a risk
register with its reviews, and minutes approved at each next meeting (the last still a draft).

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

D = datetime.date
PAPER = Path(__file__).parent / "papers" / "workforce-report.pdf"

REMIT = (
    "Oversee Sutton's response to the Improvement Notice of July 2012: agree the improvement plan, "
    "hold the council and its partners to account for delivering it, agree revised timescales, and "
    "report progress to ministers through the Department for Education."
)
MEMBERSHIP = (
    "The independent chair; the Strategic Director of Children, Young People and Learning Services; "
    "the Lead Member for Children's Services; senior leaders of the NHS trusts, the clinical "
    "commissioners, the police, the LSCB and the voluntary sector. The Department for Education "
    "attends as a participant observer."
)
ESCALATION = (
    "The chair escalates to the Leader of the council and the Department for Education any action "
    "that is off track with no agreed revised date, and any risk scoring 15 or more."
)
TERMS = [
    (D(2012, 6, 21), REMIT, D(2013, 6, 20)),
    (
        D(2013, 6, 20),
        REMIT + " From June 2013 it also agrees the plan for sustaining improvement after the notice.",
        D(2014, 6, 19),
    ),
]

# (raised at, decision number or None, text, owner member or None, owner, due, closed at, status, plan actions)
ACTIONS = [
    (
        D(2012, 11, 8),
        3,
        "Head of Quality Assurance to bring an exception report on action 3.1 (Quality Assurance Framework).",
        "Susan Mercer",
        "",
        D(2012, 12, 6),
        D(2012, 12, 6),
        "done",
        ["3.1"],
    ),
    (
        D(2012, 12, 6),
        2,
        "Epsom and St Helier to report to the next meeting on the A&E to substance misuse referral pathway.",
        "Philip Nwosu",
        "",
        D(2013, 1, 3),
        D(2013, 1, 31),
        "done",
        ["6.2"],
    ),
    (
        D(2013, 8, 15),
        2,
        "Remedial plan for care leavers in education, employment or training.",
        "Susan Mercer",
        "",
        D(2013, 9, 12),
        D(2013, 10, 10),
        "done",
        ["5.7"],
    ),
    (
        D(2013, 12, 5),
        2,
        "Report on the early 2014 social worker recruitment campaign.",
        "Susan Mercer",
        "",
        D(2014, 3, 27),
        None,
        "open",
        ["7.2"],
    ),
    (
        D(2014, 1, 30),
        None,
        "Report on health assessments of looked after children placed outside Sutton.",
        "Diane Carver",
        "",
        D(2014, 3, 27),
        None,
        "open",
        ["6.4"],
    ),
    (
        D(2014, 2, 27),
        3,
        "Propose a revised due date for action 5.7 (care leavers in education, employment or training).",
        None,
        "Head of Looked After Children and Care Leavers",
        D(2014, 3, 27),
        None,
        "open",
        ["5.7"],
    ),
]

OWNER = "Strategic Director of Children, Young People and Learning Services"
# title: (added on, cause, owner, mitigations, [(on, likelihood, impact, next review, note)], escalated, closed)
RISKS = {
    "Social worker vacancies and reliance on agency staff": (
        D(2012, 7, 19),
        "A national shortage of experienced social workers; agency staff leave at short notice.",
        OWNER,
        "A recruitment campaign, a retention payment and a career pathway for newly qualified social workers.",
        [
            (D(2012, 7, 19), 4, 4, D(2013, 6, 20), ""),
            (D(2013, 6, 20), 4, 4, D(2013, 12, 5), "Twelve posts filled; as many leavers."),
            (D(2013, 12, 5), 5, 4, D(2014, 3, 27), "The vacancy rate rose to 21% over the autumn."),
        ],
        True,
        False,
    ),
    "Electronic recording system not fit for purpose": (
        D(2012, 7, 19),
        "The case recording system cannot show management oversight or produce the performance report.",
        "Head of Performance and Business Intelligence",
        "The system is upgraded (action 3.5); interim reports are built by hand each month.",
        [
            (D(2012, 7, 19), 4, 3, D(2013, 2, 28), ""),
            (D(2013, 2, 28), 4, 4, D(2013, 9, 12), "The upgrade slipped to September 2013."),
            (D(2013, 9, 12), 2, 3, D(2014, 3, 27), "The upgraded system went live on 16 September 2013."),
        ],
        False,
        False,
    ),
    "Care leavers not in education, employment or training": (
        D(2012, 7, 19),
        "Too few apprenticeships and too little support after 18.",
        "Head of Looked After Children and Care Leavers",
        "A remedial plan with the council's apprenticeship scheme and local colleges.",
        [
            (D(2012, 7, 19), 3, 4, D(2013, 8, 15), ""),
            (D(2013, 8, 15), 4, 4, D(2014, 2, 27), "Still below target; a remedial plan asked for."),
        ],
        False,
        False,
    ),
    "Partner capacity during the NHS reorganisation": (
        D(2013, 4, 25),
        "Sutton Clinical Commissioning Group takes over NHS commissioning from the PCT on 1 April 2013.",
        "Chief Nurse, NHS South West London",
        "Named safeguarding leads in the clinical commissioning group from its first day.",
        [(D(2013, 4, 25), 3, 3, D(2013, 11, 7), "")],
        False,
        True,
    ),
}


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
    for version, (agreed_on, remit, review_date) in enumerate(TERMS, start=1):
        if TermsOfReference.objects.filter(board=board, version=version).exists():
            continue
        governance.terms_of_reference_agree(
            board=board,
            agreed_on=agreed_on,
            remit=remit,
            quorum=6,
            membership=MEMBERSHIP,
            escalation=ESCALATION,
            review_date=review_date,
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
    for number, (raised, decision, text, member, owner, due, closed, status, refs) in enumerate(ACTIONS, start=1):
        if BoardAction.objects.filter(board=board, number=number).exists():
            continue
        meeting = meetings[raised]
        action = governance.board_action_raise(
            board=board,
            meeting=meeting,
            text=text,
            owner=owner,
            owner_member=members.get(member),
            due=due,
            plan_actions=[references[r] for r in refs],
            decision=Decision.objects.filter(meeting=meeting, number=decision).first() if decision else None,
            at=_at(loader, raised, 16),
        )
        if closed:
            action._history_date = _at(loader, closed, 16)
            governance.board_action_close(action=action, meeting=meetings[closed], status=status)
        loader.created[BoardAction._meta.label] += 1


def _risks(loader, board) -> None:
    for title, (added, cause, owner, mitigations, reviews, escalated, closed) in RISKS.items():
        if BoardRisk.objects.filter(board=board, title=title).exists():
            continue
        first, *later = reviews
        risk = governance.board_risk_record(
            board=board,
            title=title,
            cause=cause,
            likelihood=first[1],
            impact=first[2],
            owner=owner,
            mitigations=mitigations,
            review_date=first[3],
            escalated=escalated and not later,
            at=_at(loader, added, 17),
        )
        for on, likelihood, impact, next_review, note in later:
            risk = governance.board_risk_review(
                risk=risk,
                likelihood=likelihood,
                impact=impact,
                review_date=next_review,
                note=note,
                on=on,
                escalated=escalated,
                at=_at(loader, on, 17),
            )
        if closed:
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
            remit=REMIT + " It now oversees the plan for sustaining improvement.",
            quorum=6,
            membership=MEMBERSHIP,
            escalation=ESCALATION,
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
