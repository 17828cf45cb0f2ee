"""Sutton's board with its own papers: members (the chair's seat, a member with an account, the
board's secretary), two meetings, terms of reference, an action log and a risk register.

Personas beyond the shared ones: ``secretary``, a Sutton officer who holds the board's secretary
seat; ``owner``, the shared ``sutton_member`` whose seat owns action 1.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from improvement_board.boards import governance_services, meeting_services
from improvement_board.models import BoardMember, Meeting
from inspections.models import Organisation

D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def gov_date(name: str, day: datetime.date) -> dict[str, str]:
    """A GOV.UK date input's three boxes, as the browser posts them."""
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _upload(name: str = "workforce-report.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def pdf():
    """``pdf(name, content)``: a file uploaded as a PDF; by default a small real one."""
    return _upload


@pytest.fixture
def pdf_content() -> bytes:
    """The bytes of the default ``pdf()`` upload."""
    return PDF


@pytest.fixture
def seats(sutton_board, sutton_chair, sutton_member, make_user, sutton):
    """Four current seats: the chair, two members (one with an account), the secretary."""
    council = Organisation.objects.get_or_create(name="London Borough of Sutton")[0]
    health = Organisation.objects.get_or_create(name="Sutton and Merton PCT")[0]
    secretary = make_user("sutton.secretary", "officer", council=sutton)
    joined = D(2012, 6, 1)
    return {
        "chair": BoardMember.objects.create(
            board=sutton_board,
            name="Malcolm Avery",
            organisation=council,
            role="chair",
            user=sutton_chair,
            joined=joined,
        ),
        "member": BoardMember.objects.create(
            board=sutton_board, name="Diane Carver", organisation=health, user=sutton_member, joined=joined
        ),
        "other": BoardMember.objects.create(
            board=sutton_board, name="Andrew Hale", organisation=council, joined=joined
        ),
        "secretary": BoardMember.objects.create(
            board=sutton_board,
            name="Helen Pemberton",
            organisation=council,
            role="secretary",
            user=secretary,
            joined=joined,
        ),
    }


@pytest.fixture
def secretary(seats):
    return seats["secretary"].user


@pytest.fixture
def meetings(sutton_board):
    return [
        Meeting.objects.create(board=sutton_board, date=D(2012, 10, 2), minutes="The board received the report."),
        Meeting.objects.create(board=sutton_board, date=D(2012, 10, 30)),
    ]


@pytest.fixture
def terms(sutton_board):
    return governance_services.terms_of_reference_agree(
        board=sutton_board,
        agreed_on=D(2012, 6, 21),
        remit="Oversee the improvement plan.",
        quorum=3,
        membership="The chair and partners.",
        escalation="To the Lead Member and the DfE.",
        review_date=D(2013, 6, 21),
    )


@pytest.fixture
def action(sutton_board, seats, meetings):
    """Action 1, owned by the member with an account, due 30 November 2012."""
    return governance_services.board_action_raise(
        board=sutton_board,
        meeting=meetings[0],
        text="Epsom and St Helier to report on the A&E referral pathway.",
        owner_member=seats["member"],
        due=D(2012, 11, 30),
    )


@pytest.fixture
def risk(sutton_board):
    return governance_services.board_risk_record(
        board=sutton_board,
        title="Social worker vacancies",
        cause="Agency staff leave at short notice.",
        likelihood=4,
        impact=4,
        owner="Director of Children's Services",
        mitigations="A recruitment campaign.",
        review_date=D(2099, 1, 31),
    )


@pytest.fixture
def item(sutton_board, sutton_chair):
    return meeting_services.agenda_item_add(
        board=sutton_board,
        meeting_date=D(2099, 1, 8),
        title="Workforce report",
        presenter="Director of Children's Services",
        paper=_upload(),
        added_by=sutton_chair,
    )


@pytest.fixture
def terms_form() -> dict[str, str]:
    """The form for a new version of the terms, filled in: agreed 4 July 2013, a quorum of 5."""
    return {
        **gov_date("agreed_on", D(2013, 7, 4)),
        "remit": "Oversee the plan.",
        "membership": "The chair, the DCS and partners.",
        "quorum": "5",
        "substitutes_count": "no",
        "inquorate": "refuse",
        "escalation": "To the Lead Member.",
        **gov_date("review_date", D(2014, 7, 4)),
    }


@pytest.fixture
def risk_form() -> dict[str, str]:
    """The form for a new risk, filled in: likelihood 4, impact 5, escalated."""
    return {
        "title": "Social worker vacancies",
        "cause": "Agency staff leave at short notice.",
        "likelihood": "4",
        "impact": "5",
        "owner": "Director of Children's Services",
        "mitigations": "A recruitment campaign.",
        **gov_date("review_date", D(2099, 3, 31)),
        "escalated": "on",
    }
