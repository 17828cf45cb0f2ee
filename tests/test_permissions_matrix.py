"""Every URL in the project, with every role: the exact answer to a GET and to a POST.

The table below is the contract. Each row names a URL pattern, builds a real address for it from
the objects in ``world`` (all of them Sutton's), and gives the status each role gets, in the
order of ``ROLES``. A URL pattern that is not in the table fails the test, so a new page cannot
be added without deciding who may use it.

Reading a row: 200 the page, 302 sent to sign in (or on after a successful POST), 403 may see but
not change, 404 may not see (another council's), 405 the method is not allowed (a read-only page).
An officer of Southwark and the observer of Southwark only must never get a 200 on Sutton's data.

To add rows: run this file; a failure prints the statuses it found, as a row, to check and paste.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, clear_url_caches, get_resolver, reverse

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "sutton_officer",
    "southwark_officer",
    "sutton_chair",
    "observer",
    "southwark_observer",
    "administrator",
    "sutton_council_admin",
    "sutton_partner",
    "sutton_member",
]
# Roles that must never read Sutton's data.
OUTSIDERS = {"southwark_officer", "southwark_observer"}


@dataclass
class World:
    """Real objects for building addresses: all of them Sutton's."""

    action: object
    revision: object
    evidence: object
    indicator: object
    board: object
    meeting: object
    report: object
    pack: object
    today: datetime.date
    partner_action: object = None  # led by the partner officer's NHS trust
    person: object = None  # a Sutton officer whom administrators manage
    invitation: object = None  # an open invitation for a new Sutton officer
    objective: object = None
    milestone: object = None
    inspection: object = None
    upload: object = None
    journey: dict = None  # Ofsted's visits and DfE's intervention: see _journey_world
    governance: dict | None = None  # the board's action 1 (owned by sutton_member's seat), a risk, an agenda item


@pytest.fixture
def world(
    sutton_records,
    sutton_officer,
    sutton_chair,
    sutton_board,
    sutton_plan,
    make_action,
    southwark_officer,
    southwark_plan,
    observer,
    southwark_observer,
    administrator,
    sutton_council_admin,
    sutton_partner,
    sutton_member,
    nhs_trust,
    make_user,
):
    from django.utils import timezone

    from actions.models import PerformanceIndicator
    from improvement_board.models import BoardReport, Meeting

    today = timezone.localdate()
    action, evidence, revision = sutton_records.action, sutton_records.evidence, sutton_records.revision
    make_action(southwark_plan)
    indicator = PerformanceIndicator.objects.create(
        plan=sutton_plan,
        name="Initial assessments within timescale",
        definition="...",
        unit="percent",
        polarity="higher",
        target=85,
        target_date=datetime.date(2014, 1, 31),
    )
    meeting = Meeting.objects.create(board=sutton_board, date=today - datetime.timedelta(days=7))
    report = BoardReport.objects.create(board=sutton_board, period=today.replace(day=1), requested_by=sutton_chair)
    pack = BoardReport.objects.create(
        board=sutton_board,
        period=today.replace(day=1),
        meeting_date=today,
        cutoff_day=today - datetime.timedelta(days=7),
        requested_by=sutton_chair,
    )
    objective, milestone, inspection, upload = _plan_structure_world(sutton_plan, action, administrator, today)
    partner_action, person, invitation = _people_world(
        sutton_plan, sutton_officer, sutton_council_admin, nhs_trust, make_action, make_user, today
    )
    journey = _journey_world(inspection)
    governance = _governance_world(sutton_board, meeting, sutton_member, nhs_trust, today)
    return World(
        journey=journey,
        governance=governance,
        action=action,
        revision=revision,
        evidence=evidence,
        indicator=indicator,
        board=sutton_board,
        meeting=meeting,
        report=report,
        pack=pack,
        today=today,
        objective=objective,
        milestone=milestone,
        inspection=inspection,
        upload=upload,
        partner_action=partner_action,
        person=person,
        invitation=invitation,
    )


def _people_world(plan, officer, council_admin, nhs_trust, make_action, make_user, today):
    """An action the partner officer's trust leads, another Sutton officer for the administrators
    to manage, and an open invitation."""
    from improvement_board.accounts import services as account_services

    partner_action = make_action(
        plan,
        owner=officer,
        lead_organisation=nhs_trust,
        start_date=today - datetime.timedelta(days=30),
        due_date=today + datetime.timedelta(days=30),
    )
    person = make_user("sutton.other", "officer", council=plan.council, email="other@sutton.gov.uk")
    invitation = account_services.invitation_create(
        actor=council_admin,
        email="invited@sutton.gov.uk",
        first_name="Ina",
        last_name="Vited",
        role="officer",
        council=plan.council,
    )
    return partner_action, person, invitation


def _governance_world(board, meeting, member_user, organisation, today):
    """The board's own papers: action 1, owned by the seat of the board member with an account
    (so they may record its progress), a risk, terms of reference and an agenda item with a paper."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from improvement_board.boards import governance_services, meeting_services
    from improvement_board.models import BoardMember

    seat = BoardMember.objects.create(
        board=board, name="Diane Carver", organisation=organisation, user=member_user, joined=datetime.date(2012, 6, 1)
    )
    action = governance_services.board_action_raise(
        board=board, meeting=meeting, text="Report to the next meeting.", owner_member=seat, due=today
    )
    risk = governance_services.board_risk_record(
        board=board,
        title="Vacancies",
        cause="Turnover.",
        likelihood=3,
        impact=4,
        owner="DCS",
        mitigations="Recruit.",
        review_date=today + datetime.timedelta(days=30),
    )
    governance_services.terms_of_reference_agree(
        board=board,
        agreed_on=datetime.date(2012, 6, 21),
        remit="Oversee.",
        quorum=1,
        membership="All.",
        escalation="DfE.",
        review_date=today + datetime.timedelta(days=300),
    )
    item = meeting_services.agenda_item_add(
        board=board, meeting_date=today, title="Workforce", paper=SimpleUploadedFile("paper.pdf", b"%PDF-1.4 test")
    )
    return {"action": action.number, "risk": risk.pk, "item": item.pk}


def _plan_structure_world(plan, action, administrator, today):
    """An objective, a milestone, an inspection with a recommendation, and a spreadsheet the
    administrator uploaded and has not confirmed yet."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from actions import held, structure
    from inspections import services as inspection_services
    from inspections.models import Framework, Inspection

    objective = structure.objective_create(plan=plan, by=administrator, reference="1", title="Safe at the door")
    milestone = structure.milestone_create(
        plan=plan, by=administrator, title="Audits done", due_date=today + datetime.timedelta(days=60)
    )
    inspection_services.frameworks_sync()
    inspection = Inspection.objects.create(
        council=plan.council,
        framework=Framework.objects.get(code="SIF"),
        title="Inspection of services",
        published=datetime.date(2012, 5, 4),
    )
    inspection_services.recommendation_create(
        inspection=inspection, number=1, text="Audit every plan.", timescale_as_written="within three months"
    )
    upload = held.held_file_create(
        file=SimpleUploadedFile("plan.csv", b"Ref,Action,Due\n9.1,Imported action,31/03/2030\n"),
        owner=administrator,
        purpose="plan_import",
    )
    return objective, milestone, inspection, upload


def _journey_world(inspection) -> dict:
    """A focused visit with action plan deadlines, a notice with a review (with its letter) and a
    report to ministers, and a statutory direction: all Sutton's."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from inspections import services as inspection_services
    from inspections.intervention_services import notice_review_record, statutory_direction_create
    from inspections.ofsted_services import Finding, record_ofsted_activity

    council = inspection.council
    visit = record_ofsted_activity(
        council=council,
        kind="focused_visit",
        started=datetime.date(2023, 11, 7),
        published=datetime.date(2023, 12, 1),
        findings=[Finding("priority_action", "Management oversight.")],
    )
    notice = inspection_services.notice_create(
        council=council,
        inspection=inspection,
        issued=datetime.date(2012, 6, 15),
        title="Improvement Notice",
        dates=[("ministerial_report", datetime.date(2012, 10, 31)), ("review", datetime.date(2012, 12, 14))],
        themes=[("Leadership", ["A permanent director"])],
    )
    review = notice_review_record(
        notice=notice,
        held_on=datetime.date(2012, 12, 14),
        letter_file=SimpleUploadedFile("review.pdf", b"%PDF-1.4 review letter"),
    )
    return {
        "activity": visit.pk,
        "plan": visit.action_plans.first().pk,
        "notice": notice.pk,
        "review": review.pk,
        "report": notice.dates.get(kind="ministerial_report").pk,
        "direction": statutory_direction_create(council=council, issued=datetime.date(2013, 7, 1)).pk,
    }


def _uid_token(world):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = world.action.owner
    return {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)}


def _officers_token(world) -> int:
    from improvement_board.api import tokens

    return tokens.api_token_create(user=world.action.owner, name="Script", days=30, verified=True)[0].pk


@dataclass(frozen=True)
class Row:
    url: Callable[[World], str]
    get: str
    post: str
    public: bool = False  # the same for everyone (e.g. an API schema): "Sutton" in it is no leak


def r(name, **kwargs) -> Callable[[World], str]:
    """An address from a URL name; keyword values may be functions of the world."""

    def build(world: World) -> str:
        return reverse(name, kwargs={k: (v(world) if callable(v) else v) for k, v in kwargs.items()})

    return build


def q(build: Callable[[World], str], query: str) -> Callable[[World], str]:
    return lambda world: build(world) + query


SUTTON = "?council=E09000029"
slug = lambda w: w.board.slug  # noqa: E731


def journey(key: str) -> Callable[[World], int]:
    return lambda w: w.journey[key]


#                  anonymous  sutton_officer  southwark_officer  sutton_chair  observer  southwark_observer  administrator
TABLE: dict[str, list[Row]] = {
    # Home sends each role on; signing in and out, and password reset, are open to all.
    "home": [
        Row(r("home"), get="302 302 302 302 302 302 302 302 302 302", post="405 405 405 405 405 405 405 405 405 405")
    ],
    "login": [
        Row(r("login"), get="200 200 200 200 200 200 200 200 200 200", post="200 200 200 200 200 200 200 200 200 200")
    ],
    "logout": [
        Row(r("logout"), get="405 405 405 405 405 405 405 405 405 405", post="302 302 302 302 302 302 302 302 302 302")
    ],
    "password_reset": [
        Row(
            r("password_reset"),
            get="200 200 200 200 200 200 200 200 200 200",
            post="200 200 200 200 200 200 200 200 200 200",
        )
    ],
    "password_reset_done": [
        Row(
            r("password_reset_done"),
            get="200 200 200 200 200 200 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    # A stale link shows "This link has expired" (test_password_reset follows a live one).
    "password_reset_confirm": [
        Row(
            lambda w: reverse("password_reset_confirm", kwargs={**_uid_token(w), "token": "stale-token"}),
            get="200 200 200 200 200 200 200 200 200 200",
            post="200 200 200 200 200 200 200 200 200 200",
        )
    ],
    "password_reset_complete": [
        Row(
            r("password_reset_complete"),
            get="200 200 200 200 200 200 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    # Two-step verification: the code step needs a password first (else back to sign in); the QR
    # code exists only while an app is being set up; chairs and administrators cannot turn it off.
    "two_factor": [
        Row(
            r("two_factor"),
            get="302 302 302 302 302 302 302 302 302 302",
            post="302 302 302 302 302 302 302 302 302 302",
        )
    ],
    "two_factor_qr": [
        Row(
            r("two_factor_qr"),
            get="404 404 404 404 404 404 404 404 404 404",
            post="405 405 405 405 405 405 405 405 405 405",
            public=True,
        )
    ],
    "account": [
        Row(r("account"), get="302 200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405 405")
    ],
    # API tokens: each person's own (a POST without a name shows the form's errors); revoking
    # someone else's token is a 404 (the token here is Sutton's officer's).
    "api_tokens": [
        Row(
            r("api_tokens"),
            get="302 200 200 200 200 200 200 200 200 200",
            post="302 200 200 200 200 200 200 200 200 200",
        )
    ],
    "api_token_revoke": [
        Row(
            lambda w: reverse("api_token_revoke", args=[_officers_token(w)]),
            get="405 405 405 405 405 405 405 405 405 405",
            post="302 302 404 404 404 404 404 404 404 404",
        )
    ],
    # Chairs and administrators have an app already (sent back to the account page); a POST with
    # no set-up started on this session is sent to start one.
    "account_two_factor": [
        Row(
            r("account_two_factor"),
            get="302 200 200 302 200 200 302 302 200 200",
            post="302 302 302 302 302 302 302 302 302 302",
        )
    ],
    # Single sign-on: the callback without a code goes back to the refused page; the refused page
    # says why (403); no provider is configured here, so starting one is not found
    # (tests/accounts/test_sso.py runs a real provider).
    "sso_callback": [
        Row(
            r("sso_callback"),
            get="302 302 302 302 302 302 302 302 302 302",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "sso_refused": [
        Row(
            r("sso_refused"),
            get="403 403 403 403 403 403 403 403 403 403",
            post="405 405 405 405 405 405 405 405 405 405",
            public=True,
        )
    ],
    "sso_start": [
        Row(
            r("sso_start", key="sutton"),
            get="404 404 404 404 404 404 404 404 404 404",
            post="405 405 405 405 405 405 405 405 405 405",
            public=True,
        )
    ],
    # An invitation link works for whoever holds it (it is the proof), signed in or not.
    "invitation_accept": [
        Row(
            r("invitation_accept", token=lambda w: w.invitation.token),
            get="200 200 200 200 200 200 200 200 200 200",
            post="200 200 200 200 200 200 200 200 200 200",
            public=True,
        )
    ],
    "invitation_sso": [
        Row(
            r("invitation_sso", token=lambda w: w.invitation.token, key="sutton"),
            get="405 405 405 405 405 405 405 405 405 405",
            post="302 302 302 302 302 302 302 302 302 302",
        )
    ],
    # People: service administrators (everyone) and council administrators (their council's).
    "users": [
        Row(r("users"), get="302 403 403 403 403 403 200 200 403 403", post="302 405 405 405 405 405 405 405 405 405")
    ],
    "user_invite": [
        Row(
            r("user_invite"),
            get="302 403 403 403 403 403 200 200 403 403",
            post="302 403 403 403 403 403 200 200 403 403",
        )
    ],
    "audit_log": [
        Row(
            r("audit_log"),
            get="302 403 403 403 403 403 200 200 403 403",
            post="302 405 405 405 405 405 405 405 405 405",
        )
    ],
    "user_detail": [
        Row(
            r("user_detail", pk=lambda w: w.person.pk),
            get="302 403 403 403 403 403 200 200 403 403",
            post="302 405 405 405 405 405 405 405 405 405",
        )
    ],
    "user_role": [
        Row(
            r("user_role", pk=lambda w: w.person.pk),
            get="302 403 403 403 403 403 200 200 403 403",
            post="302 403 403 403 403 403 200 200 403 403",
        )
    ],
    # Deactivating: the service administrator does it (302); the council administrator, next, is
    # told the person is already deactivated (400).
    "user_deactivate": [
        Row(
            r("user_deactivate", pk=lambda w: w.person.pk),
            get="302 403 403 403 403 403 200 200 403 403",
            post="302 403 403 403 403 403 302 400 403 403",
        )
    ],
    "user_reactivate": [
        Row(
            r("user_reactivate", pk=lambda w: w.person.pk),
            get="302 405 405 405 405 405 405 405 405 405",
            post="302 403 403 403 403 403 302 302 403 403",
        )
    ],
    "user_resend": [
        Row(
            r("user_resend", pk=lambda w: w.person.pk),
            get="302 405 405 405 405 405 405 405 405 405",
            post="302 403 403 403 403 403 302 302 403 403",
        )
    ],
    # Setting up a council: its administrators (and service administrators); a check page with no
    # answers waiting goes back to its form.
    "setup:start": [
        Row(
            r("setup:start"),
            get="302 403 403 403 403 403 200 302 403 403",
            post="302 405 405 405 405 405 405 405 405 405",
        )
    ],
    "setup:council": [
        Row(
            r("setup:council", ons_code="E09000029"),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 405 405 405 405 405 405 405 405 405",
        )
    ],
    "setup:notice": [
        Row(
            r("setup:notice", ons_code="E09000029"),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 400 400 403 403",
        )
    ],
    "setup:notice_check": [
        Row(
            r("setup:notice_check", ons_code="E09000029"),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "setup:board": [
        Row(
            r("setup:board", ons_code="E09000029"),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 400 400 403 403",
        )
    ],
    "setup:board_check": [
        Row(
            r("setup:board_check", ons_code="E09000029"),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "setup:plan": [
        Row(
            r("setup:plan", ons_code="E09000029"),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 400 400 403 403",
        )
    ],
    "setup:plan_check": [
        Row(
            r("setup:plan_check", ons_code="E09000029"),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "account_two_factor_remove": [
        Row(
            r("account_two_factor_remove"),
            get="405 405 405 405 405 405 405 405 405 405",
            post="302 302 302 403 302 302 403 403 302 302",
        )
    ],
    # The plan. An officer always gets their own council's; others choose one they may see.
    "actions:plan": [
        Row(
            r("actions:plan"),
            get="302 200 200 200 200 200 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        ),
        Row(
            q(r("actions:plan"), SUTTON),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        ),
    ],
    "actions:export_csv": [
        Row(
            q(r("actions:export_csv"), SUTTON),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        ),
    ],
    "actions:export_xlsx": [
        Row(
            q(r("actions:export_xlsx"), SUTTON),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        ),
    ],
    "actions:action": [
        Row(
            r("actions:action", pk=lambda w: w.partner_action.pk),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        ),
        Row(
            r("actions:action", pk=lambda w: w.action.pk),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        ),
    ],
    "actions:progress": [
        Row(
            r("actions:progress", pk=lambda w: w.partner_action.pk),
            get="302 200 404 403 403 404 200 200 200 403",
            post="302 200 404 403 403 404 200 200 200 403",
        ),
        Row(
            r("actions:progress", pk=lambda w: w.action.pk),
            get="302 200 404 403 403 404 200 200 403 403",
            post="302 200 404 403 403 404 200 200 403 403",
        ),
    ],
    "actions:revision_propose": [
        Row(
            r("actions:revision_propose", pk=lambda w: w.action.pk),
            get="302 200 404 403 403 404 200 200 403 403",
            post="302 200 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:revisions": [
        Row(
            r("actions:revisions"),
            get="302 403 403 200 403 403 200 403 403 403",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "actions:revision_decide": [
        Row(
            r("actions:revision_decide", pk=lambda w: w.revision.pk),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    "actions:evidence": [
        Row(
            r("actions:evidence", pk=lambda w: w.evidence.pk),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "actions:indicators": [
        Row(
            q(r("actions:indicators"), SUTTON),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        ),
    ],
    "actions:indicator_table": [
        Row(
            q(r("actions:indicator_table"), SUTTON),
            get="302 200 404 403 403 404 200 200 403 403",
            post="302 200 404 403 403 404 200 200 403 403",
        ),
    ],
    "actions:indicator": [
        Row(
            r("actions:indicator", pk=lambda w: w.indicator.pk),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "actions:indicator_value": [
        Row(
            r("actions:indicator_value", pk=lambda w: w.indicator.pk),
            get="302 200 404 403 403 404 200 200 403 403",
            post="302 200 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:revision_withdraw": [
        Row(
            r("actions:revision_withdraw", pk=lambda w: w.revision.pk),
            get="405 405 405 405 405 405 405 405 405 405",
            post="302 302 404 403 403 404 302 302 403 403",
        )
    ],
    "actions:waiting": [
        Row(
            r("actions:waiting"),
            get="302 200 200 200 200 200 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    # The plan's structure: the council's administrators (and officers where the council allows it).
    "actions:structure": [
        Row(
            q(r("actions:structure"), SUTTON),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "actions:plan_history": [
        Row(
            q(r("actions:plan_history"), SUTTON),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "actions:plan_start": [
        Row(
            q(r("actions:plan_start"), SUTTON),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "actions:plan_settings": [
        Row(
            q(r("actions:plan_settings"), SUTTON),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:move": [
        Row(
            r("actions:move", kind="action", pk=lambda w: w.action.pk),
            get="405 405 405 405 405 405 405 405 405 405",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "actions:objective_add": [
        Row(
            q(r("actions:objective_add"), SUTTON),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:objective_edit": [
        Row(
            r("actions:objective_edit", pk=lambda w: w.objective.pk),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:objective_close": [
        Row(
            r("actions:objective_close", pk=lambda w: w.objective.pk),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:action_add": [
        Row(
            q(r("actions:action_add"), SUTTON),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:action_edit": [
        Row(
            r("actions:action_edit", pk=lambda w: w.action.pk),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:action_reassign": [
        Row(
            r("actions:action_reassign", pk=lambda w: w.action.pk),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:action_close": [
        Row(
            r("actions:action_close", pk=lambda w: w.action.pk),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:action_agree_draft": [
        Row(
            r("actions:action_agree_draft", pk=lambda w: w.action.pk),
            get="405 405 405 405 405 405 405 405 405 405",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "actions:milestone_add": [
        Row(
            q(r("actions:milestone_add"), SUTTON),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:milestone_edit": [
        Row(
            r("actions:milestone_edit", pk=lambda w: w.milestone.pk),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:indicator_add": [
        Row(
            q(r("actions:indicator_add"), SUTTON),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:indicator_edit": [
        Row(
            r("actions:indicator_edit", pk=lambda w: w.indicator.pk),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:indicator_close": [
        Row(
            r("actions:indicator_close", pk=lambda w: w.indicator.pk),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    # Spreadsheets: the template is a read; an upload's preview is its uploader's alone.
    "actions:template": [
        Row(
            q(r("actions:template"), SUTTON),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "actions:import_upload": [
        Row(
            q(r("actions:import_upload"), SUTTON),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    "actions:import_preview": [
        Row(
            q(r("actions:import_preview", token=lambda w: w.upload.token), SUTTON),
            get="302 403 404 403 403 404 200 404 403 403",
            post="302 403 404 403 403 404 302 404 403 403",
        )
    ],
    "actions:add_to_plan": [
        Row(
            r("actions:add_to_plan", inspection_pk=lambda w: w.inspection.pk),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 200 200 403 403",
        )
    ],
    # Boards, meetings and reports.
    "board": [
        Row(
            r("board", slug=slug),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    # An empty POST from the chair (or an administrator) gets the board page back with the error (400).
    "board_report_generate": [
        Row(
            r("board_report_generate", slug=slug),
            get="405 405 405 405 405 405 405 405 405 405",
            post="302 403 404 400 403 404 400 403 403 403",
        )
    ],
    "board_report": [
        Row(
            r("board_report", slug=slug, pk=lambda w: w.report.pk),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "board_report_status": [
        Row(
            r("board_report_status", slug=slug, pk=lambda w: w.report.pk),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "board_report_download": [
        Row(
            r("board_report_download", slug=slug, pk=lambda w: w.report.pk),
            get="302 404 404 404 404 404 404 404 404 404",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    # A meeting's pack: the chair, the board's secretary and administrators prepare it and move it
    # on (a POST of an empty form shows its errors: 200); the council's officers write their key
    # messages; only the chair signs off and corrects. Steps on a pack not yet ready say so (302).
    "board_pack_new": [
        Row(
            r("board_pack_new", slug=slug),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    "board_pack_commentary": [
        Row(
            r("board_pack_commentary", slug=slug, pk=lambda w: w.pack.pk),
            get="302 200 404 200 403 404 200 200 403 403",
            post="302 200 404 200 403 404 200 200 403 403",
        )
    ],
    "board_pack_review": [
        Row(
            r("board_pack_review", slug=slug, pk=lambda w: w.pack.pk),
            get="405 405 405 405 405 405 405 405 405 405",
            post="302 403 404 302 403 404 302 403 403 403",
        )
    ],
    "board_pack_sign_off": [
        Row(
            r("board_pack_sign_off", slug=slug, pk=lambda w: w.pack.pk),
            get="405 405 405 405 405 405 405 405 405 405",
            post="302 403 404 302 403 404 302 403 403 403",
        )
    ],
    "board_pack_send": [
        Row(
            r("board_pack_send", slug=slug, pk=lambda w: w.pack.pk),
            get="405 405 405 405 405 405 405 405 405 405",
            post="302 403 404 302 403 404 302 403 403 403",
        )
    ],
    "board_pack_correct": [
        Row(
            r("board_pack_correct", slug=slug, pk=lambda w: w.pack.pk),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    "board_meeting_new": [
        Row(
            r("board_meeting_new", slug=slug),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    "board_meeting": [
        Row(
            r("board_meeting", slug=slug, pk=lambda w: w.meeting.pk),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    # The board's own papers. Everyone who may see the board reads them (GET-only pages: 405 to a
    # POST); its chair (and secretary, a board seat: tests/governance) and administrators keep them
    # (an empty POST shows the form's errors: 200); the member who owns action 1 records its progress.
    "board_actions": [
        Row(
            r("board_actions", slug=slug),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "board_action_new": [
        Row(
            r("board_action_new", slug=slug),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    "board_action": [
        Row(
            r("board_action", slug=slug, number=lambda w: w.governance["action"]),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "board_action_edit": [
        Row(
            r("board_action_edit", slug=slug, number=lambda w: w.governance["action"]),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    "board_action_progress": [
        Row(
            r("board_action_progress", slug=slug, number=lambda w: w.governance["action"]),
            get="302 403 404 200 403 404 200 403 403 200",
            post="302 403 404 200 403 404 200 403 403 200",
        )
    ],
    "board_action_close": [
        Row(
            r("board_action_close", slug=slug, number=lambda w: w.governance["action"]),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    "board_action_links": [
        Row(
            r("board_action_links", slug=slug, number=lambda w: w.governance["action"]),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    "board_risks": [
        Row(
            r("board_risks", slug=slug),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "board_risk_new": [
        Row(
            r("board_risk_new", slug=slug),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    "board_risk": [
        Row(
            r("board_risk", slug=slug, pk=lambda w: w.governance["risk"]),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "board_risk_edit": [
        Row(
            r("board_risk_edit", slug=slug, pk=lambda w: w.governance["risk"]),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    "board_risk_review": [
        Row(
            r("board_risk_review", slug=slug, pk=lambda w: w.governance["risk"]),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    "board_terms": [
        Row(
            r("board_terms", slug=slug),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "board_terms_new": [
        Row(
            r("board_terms_new", slug=slug),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    # A check page with no answers waiting, and minutes with no later meeting to approve or correct
    # them at, send the chair back (tests/governance follows them through).
    "board_terms_check": [
        Row(
            r("board_terms_check", slug=slug),
            get="302 403 404 302 403 404 302 403 403 403",
            post="302 403 404 302 403 404 302 403 403 403",
        )
    ],
    "board_terms_version": [
        Row(
            r("board_terms_version", slug=slug, version=1),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "board_agenda": [
        Row(
            r("board_agenda", slug=slug),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "board_agenda_item_new": [
        Row(
            r("board_agenda_item_new", slug=slug),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    "board_agenda_item_edit": [
        Row(
            r("board_agenda_item_edit", slug=slug, pk=lambda w: w.governance["item"]),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    "board_agenda_item_move": [
        Row(
            r("board_agenda_item_move", slug=slug, pk=lambda w: w.governance["item"]),
            get="405 405 405 405 405 405 405 405 405 405",
            post="302 403 404 302 403 404 302 403 403 403",
        )
    ],
    # The chair removes the item (302); the administrator, next, finds it gone (404).
    "board_agenda_item_remove": [
        Row(
            r("board_agenda_item_remove", slug=slug, pk=lambda w: w.governance["item"]),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 302 403 404 404 403 403 403",
        )
    ],
    "board_agenda_paper": [
        Row(
            r("board_agenda_paper", slug=slug, pk=lambda w: w.governance["item"]),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "board_minutes": [
        Row(
            r("board_minutes", slug=slug, pk=lambda w: w.meeting.pk),
            get="302 403 404 200 403 404 200 403 403 403",
            post="302 403 404 200 403 404 200 403 403 403",
        )
    ],
    "board_minutes_approve": [
        Row(
            r("board_minutes_approve", slug=slug, pk=lambda w: w.meeting.pk),
            get="302 403 404 302 403 404 302 403 403 403",
            post="302 403 404 302 403 404 302 403 403 403",
        )
    ],
    "board_minutes_correct": [
        Row(
            r("board_minutes_correct", slug=slug, pk=lambda w: w.meeting.pk),
            get="302 403 404 302 403 404 302 403 403 403",
            post="302 403 404 302 403 404 302 403 403 403",
        )
    ],
    # Councils and inspections.
    "inspections:councils": [
        Row(
            r("inspections:councils"),
            get="302 200 200 200 200 200 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "inspections:council": [
        Row(
            r("inspections:council", ons_code="E09000029"),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "inspections:inspection": [],
    # The journey between inspections: read by whoever may see the council; nothing to post.
    "inspections:ofsted": [
        Row(
            r("inspections:ofsted", ons_code="E09000029"),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "inspections:intervention": [
        Row(
            r("inspections:intervention", ons_code="E09000029"),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "inspections:review_letter": [
        Row(
            r("inspections:review_letter", ons_code="E09000029", pk=journey("review")),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    # Recording the journey: the council's administrators (and service administrators); an empty
    # form is refused with its errors (400); a check page with no answers waiting goes back to its form.
    "inspections:ofsted_add": [
        Row(
            r("inspections:ofsted_add", ons_code="E09000029"),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 400 400 403 403",
        )
    ],
    "inspections:ofsted_add_check": [
        Row(
            r("inspections:ofsted_add_check", ons_code="E09000029"),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "inspections:ofsted_edit": [
        Row(
            r("inspections:ofsted_edit", ons_code="E09000029", pk=journey("activity")),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 400 400 403 403",
        )
    ],
    "inspections:ofsted_edit_check": [
        Row(
            r("inspections:ofsted_edit_check", ons_code="E09000029", pk=journey("activity")),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "inspections:plan_deadline": [
        Row(
            r("inspections:plan_deadline", ons_code="E09000029"),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 400 400 403 403",
        )
    ],
    "inspections:plan_deadline_check": [
        Row(
            r("inspections:plan_deadline_check", ons_code="E09000029"),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "inspections:plan_submitted": [
        Row(
            r("inspections:plan_submitted", ons_code="E09000029", pk=journey("plan")),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 400 400 403 403",
        )
    ],
    "inspections:plan_submitted_check": [
        Row(
            r("inspections:plan_submitted_check", ons_code="E09000029", pk=journey("plan")),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "inspections:review_add": [
        Row(
            r("inspections:review_add", ons_code="E09000029", pk=journey("notice")),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 400 400 403 403",
        )
    ],
    "inspections:review_add_check": [
        Row(
            r("inspections:review_add_check", ons_code="E09000029", pk=journey("notice")),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "inspections:review_outcome": [
        Row(
            r("inspections:review_outcome", ons_code="E09000029", pk=journey("review")),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 400 400 403 403",
        )
    ],
    "inspections:review_outcome_check": [
        Row(
            r("inspections:review_outcome_check", ons_code="E09000029", pk=journey("review")),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "inspections:notice_revise": [
        Row(
            r("inspections:notice_revise", ons_code="E09000029", pk=journey("notice")),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 400 400 403 403",
        )
    ],
    "inspections:notice_revise_check": [
        Row(
            r("inspections:notice_revise_check", ons_code="E09000029", pk=journey("notice")),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "inspections:direction_add": [
        Row(
            r("inspections:direction_add", ons_code="E09000029"),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 400 400 403 403",
        )
    ],
    "inspections:direction_add_check": [
        Row(
            r("inspections:direction_add_check", ons_code="E09000029"),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "inspections:direction_report": [
        Row(
            r("inspections:direction_report", ons_code="E09000029", pk=journey("direction")),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 400 400 403 403",
        )
    ],
    "inspections:direction_report_check": [
        Row(
            r("inspections:direction_report_check", ons_code="E09000029", pk=journey("direction")),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "inspections:direction_end": [
        Row(
            r("inspections:direction_end", ons_code="E09000029", pk=journey("direction")),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 400 400 403 403",
        )
    ],
    "inspections:direction_end_check": [
        Row(
            r("inspections:direction_end_check", ons_code="E09000029", pk=journey("direction")),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    "inspections:report_sent": [
        Row(
            r("inspections:report_sent", ons_code="E09000029", pk=journey("report")),
            get="302 403 404 403 403 404 200 200 403 403",
            post="302 403 404 403 403 404 400 400 403 403",
        )
    ],
    "inspections:report_sent_check": [
        Row(
            r("inspections:report_sent_check", ons_code="E09000029", pk=journey("report")),
            get="302 403 404 403 403 404 302 302 403 403",
            post="302 403 404 403 403 404 302 302 403 403",
        )
    ],
    # Importing an inspection document: officers (of their own council) and administrators.
    "imports:upload": [
        Row(
            r("imports:upload"),
            get="302 200 200 403 403 403 200 200 403 403",
            post="302 200 200 403 403 403 200 200 403 403",
        )
    ],
    "imports:review": [
        Row(
            r("imports:review"),
            get="302 302 302 403 403 403 302 302 403 403",
            post="302 302 302 403 403 403 302 302 403 403",
        )
    ],
    "imports:cancel": [
        Row(
            r("imports:cancel"),
            get="405 405 405 405 405 405 405 405 405 405",
            post="302 302 302 403 403 403 302 302 403 403",
        )
    ],
    # Dashboards: read-only; each shows only the councils the person may see.
    "dashboards:overview": [
        Row(
            r("dashboards:overview"),
            get="302 200 200 200 200 200 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "dashboards:overview_csv": [
        Row(
            r("dashboards:overview_csv"),
            get="302 200 200 200 200 200 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "dashboards:council": [
        Row(
            r("dashboards:council", ons_code="E09000029"),
            get="302 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    # The read-only JSON API: 403 (not a redirect) for the anonymous, 405 for any write.
    "api:schema": [
        Row(
            r("api:schema"),
            get="403 200 200 200 200 200 200 200 200 200",
            post="403 405 405 405 405 405 405 405 405 405",
            public=True,
        )
    ],
    "api:councils": [
        Row(
            r("api:councils"),
            get="403 200 200 200 200 200 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "api:council": [
        Row(
            r("api:council", ons_code="E09000029"),
            get="403 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "api:inspections": [
        Row(
            r("api:inspections", ons_code="E09000029"),
            get="403 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "api:actions": [
        Row(
            r("api:actions", ons_code="E09000029"),
            get="403 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "api:indicators": [
        Row(
            r("api:indicators", ons_code="E09000029"),
            get="403 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "api:reports": [
        Row(
            r("api:reports", ons_code="E09000029"),
            get="403 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "api:intervention": [
        Row(
            r("api:intervention", ons_code="E09000029"),
            get="403 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],
    "api:ofsted_activity": [
        Row(
            r("api:ofsted_activity", ons_code="E09000029"),
            get="403 200 404 200 200 404 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
        )
    ],  # needs an inspection: see test_inspection_pages_follow_the_council below
    # Health: the overall status for everyone (details only for staff: tests/ops/test_health.py).
    "healthz": [
        Row(
            r("healthz"),
            get="200 200 200 200 200 200 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
            public=True,
        )
    ],
    # The service's own pages: open to everyone, signed in or not; nothing to post.
    "accessibility": [
        Row(
            r("accessibility"),
            get="200 200 200 200 200 200 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
            public=True,
        )
    ],
    "privacy": [
        Row(
            r("privacy"),
            get="200 200 200 200 200 200 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
            public=True,
        )
    ],
    "cookies": [
        Row(
            r("cookies"),
            get="200 200 200 200 200 200 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
            public=True,
        )
    ],
    "help": [
        Row(
            r("help"),
            get="200 200 200 200 200 200 200 200 200 200",
            post="405 405 405 405 405 405 405 405 405 405",
            public=True,
        )
    ],
}


def walk(resolver=None, prefix="", namespace=None):
    """Every URL pattern's name (with its namespace), outside the admin."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = ":".join(filter(None, [namespace, pattern.namespace])) or None
            if pattern.namespace == "admin":
                continue
            yield from walk(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), prefix + str(pattern.pattern)


def _check_every_url_pattern_is_in_the_table():
    missing = [f"{name} ({route})" for name, route in walk() if name not in TABLE]
    assert not missing, "URL patterns with no row in the permissions table: " + ", ".join(missing)


def test_every_url_pattern_is_in_the_table():
    _check_every_url_pattern_is_in_the_table()


def test_the_check_fails_on_a_url_pattern_missing_from_the_table():
    with override_settings(ROOT_URLCONF="tests.security.urls_with_an_unreviewed_page"):
        clear_url_caches()
        try:
            with pytest.raises(AssertionError, match=r"unreviewed_page \(unreviewed/\)"):
                _check_every_url_pattern_is_in_the_table()
        finally:
            clear_url_caches()


def _never_stored(response) -> bool:
    """Every response to a signed-in person says no cache may keep it (issue 16, item 13)."""
    directives = {d.strip().split("=")[0].lower() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives and "public" not in directives


def _status(client, method, url):
    response = client.get(url) if method == "get" else client.post(url, {})
    return response.status_code, response


CASES = [(name, index) for name, rows in TABLE.items() for index in range(len(rows))]


@pytest.mark.parametrize("name, index", CASES, ids=[f"{n}[{i}]" for n, i in CASES])
def test_each_role_gets_exactly_the_answer_in_the_table(name, index, world, client, request, django_user_model):
    row = TABLE[name][index]
    url = row.url(world)
    found = {"get": [], "post": []}
    leaks = []
    for method in ("get", "post"):
        for role in ROLES:
            client.logout()
            if role != "anonymous":
                client.force_login(django_user_model.objects.get(pk=request.getfixturevalue(role).pk))
            status, response = _status(client, method, url)
            found[method].append(str(status))
            if (
                role in OUTSIDERS
                and status == 200
                and not row.public
                and b"Sutton" in getattr(response, "content", b"")
            ):
                leaks.append(f"{role} {method.upper()} got Sutton's data")
            if role != "anonymous" and not _never_stored(response):
                leaks.append(
                    f"{role} {method.upper()} {status} may be stored: Cache-Control {response.get('Cache-Control')!r}"
                )
    got = {m: " ".join(v) for m, v in found.items()}
    assert not leaks, leaks
    assert (got["get"], got["post"]) == (row.get, row.post), (
        f'{url}: found get="{got["get"]}", post="{got["post"]}"  (roles: {" ".join(ROLES)})'
    )


def test_inspection_pages_follow_the_council(client, world, frameworks, django_user_model, request):
    from inspections.models import Framework, Inspection

    inspection = Inspection.objects.create(
        council=world.action.plan.council,
        framework=Framework.objects.first(),
        title="Inspection of safeguarding",
        published=datetime.date(2012, 5, 4),
    )
    url = reverse("inspections:inspection", kwargs={"pk": inspection.pk})
    expected = {
        "anonymous": 302,
        "sutton_officer": 200,
        "southwark_officer": 404,
        "sutton_chair": 200,
        "observer": 200,
        "southwark_observer": 404,
        "administrator": 200,
        "sutton_council_admin": 200,
        "sutton_partner": 200,
        "sutton_member": 200,
    }
    for role, status in expected.items():
        client.logout()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        assert client.get(url).status_code == status, role
        assert client.post(url).status_code == 405, role


def test_an_observer_can_change_nothing_anywhere():
    """Every row's POST for both observers is refused (403, 404 or 405) except signing in and
    out, asking for a password reset, setting up their own two-step verification and making their
    own API tokens, which change nothing of the plan's."""
    open_to_all = {
        "login",
        "logout",
        "password_reset",
        "password_reset_confirm",
        "two_factor",
        "account_two_factor",
        "account_two_factor_remove",
        "api_tokens",
        "api_token_revoke",
        "invitation_accept",
        "invitation_sso",
    }
    for name, rows in TABLE.items():
        if name in open_to_all:
            continue
        for row in rows:
            post = row.post.split()
            if len(post) != len(ROLES):
                continue  # a row still being written; the matrix test fails it
            for role in ("observer", "southwark_observer"):
                assert post[ROLES.index(role)] in {"403", "404", "405"}, (name, role)


@pytest.mark.parametrize(
    "persona", ["sutton_officer", "sutton_chair", "observer", "sutton_council_admin", "sutton_partner", "sutton_member"]
)
def test_non_staff_opening_the_admin_are_told_it_is_not_for_them(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/admin/", follow=True)
    page = response.content.decode()
    assert response.status_code == 403
    assert "Administration is only for the service's administrators" in page
    assert 'name="password"' not in page


def test_the_administrator_reaches_the_admin(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/").status_code == 200
