"""The `world` the permissions matrix builds its addresses from: real objects, all of them Sutton's.

tests/permissions/matrix.toml names them by dotted path ("action.pk", "journey.review").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

import pytest


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
    make_ready_report: object = None  # the make_ready_report fixture (tests/conftest.py)

    @cached_property
    def officers_uidb64(self) -> str:
        """The password-reset link's user id for Sutton's officer (the action's owner)."""
        from django.utils.encoding import force_bytes
        from django.utils.http import urlsafe_base64_encode

        return urlsafe_base64_encode(force_bytes(self.action.owner.pk))

    @cached_property
    def officers_api_token(self):
        """An API token of Sutton's officer's, made only when a row asks for it."""
        from improvement_board.api import tokens

        return tokens.api_token_create(user=self.action.owner, name="Script", days=30, verified=True)[0]

    @cached_property
    def ready_report(self):
        """A ready board report with its PDF, made only when a row asks for it."""
        return self.make_ready_report(self.board.council.ons_code, datetime.date(2013, 1, 1))

    @cached_property
    def lifted_notice(self):
        """An earlier notice of Sutton's, lifted by a letter that is held, made only when a row asks for it."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        from inspections import services as inspection_services
        from inspections.intervention_services import notice_lift

        notice = inspection_services.notice_create(
            council=self.inspection.council,
            inspection=self.inspection,
            issued=datetime.date(2012, 5, 20),
            title="Earlier Improvement Notice",
            dates=[],
            themes=[],
        )
        letter = SimpleUploadedFile("lift.pdf", b"%PDF-1.4 lifting letter")
        return notice_lift(notice=notice, lifted_on=datetime.date(2012, 6, 1), letter_file=letter)

    def resolve(self, path: str):
        """The value at a dotted path: attributes, or keys of the dictionaries."""
        value = self
        for part in path.split("."):
            value = value[part] if isinstance(value, dict) else getattr(value, part)
        return value


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
    make_ready_report,
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
        make_ready_report=make_ready_report,
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
