"""The demo data: the seed documents' facts as published, Sutton's 2012-14 board and plan by
the rules, and a command that can be run again without changing anything."""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter

import pytest
from django.apps import apps
from django.conf import global_settings
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from actions import models as actions
from actions import rules
from improvement_board.demo import loader as demo
from improvement_board.models import ImprovementBoard, User
from inspections import models as inspections

pytestmark = pytest.mark.usefixtures("demo_data", "db")

D = datetime.date


def snapshot() -> dict[str, tuple[int, str]]:
    """Every table's row count and a checksum of all its values."""
    result = {}
    for model in apps.get_models(include_auto_created=True):
        rows = list(model._base_manager.order_by("pk").values_list())
        result[model._meta.db_table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return result


def sutton_2012() -> inspections.Inspection:
    return inspections.Inspection.objects.get(council__slug="sutton", framework__code="SLAC")


def sutton_plan() -> actions.ImprovementPlan:
    return actions.ImprovementPlan.objects.get(council__slug="sutton", is_active=True)


def test_a_second_run_adds_no_rows_and_changes_no_values():
    before = snapshot()
    call_command("load_demo_data", verbosity=0)
    assert snapshot() == before


def test_a_second_run_reports_that_it_added_nothing():
    loader = demo.load()
    assert sum(loader.created.values()) == 0
    assert sum(loader.changed.values()) == 0


def test_it_loads_the_three_councils_with_their_codes():
    councils = {c.short_name: (c.ons_code, c.la_number, c.kind, c.region) for c in inspections.Council.objects.all()}
    assert councils["Sutton"] == ("E09000029", "319", "london_borough", "London")
    assert councils["Southwark"] == ("E09000028", "210", "london_borough", "London")
    assert councils["Staffordshire"] == ("E10000028", "860", "county", "West Midlands")


def test_it_loads_sutton_2012_exactly_as_published():
    inspection = sutton_2012()
    assert inspection.title == "Inspection of safeguarding and looked after children services"
    assert (inspection.fieldwork_start, inspection.fieldwork_end) == (D(2012, 4, 10), D(2012, 4, 20))
    assert inspection.published == D(2012, 5, 29)
    assert inspection.lead_inspector == "Richard Nash"
    sections = Counter(inspection.judgements.values_list("section__name", flat=True))
    assert sections == {"Safeguarding services": 10, "Services for looked after children": 12}
    assert inspection.recommendations.count() == 29
    assert list(inspection.recommendations.values_list("number", flat=True)) == list(range(1, 30))


def test_sutton_2012_overall_effectiveness_of_safeguarding_is_grade_4_inadequate():
    judgement = inspections.Judgement.objects.get(
        inspection=sutton_2012(), section__name="Safeguarding services", area="Overall effectiveness"
    )
    assert judgement.grade.value == 4
    assert judgement.grade.label == "Inadequate"
    assert judgement.level == "inadequate"
    assert judgement.grade.framework.code == "SLAC"


def test_sutton_2012_grades_match_the_record_of_main_findings():
    levels = Counter(sutton_2012().judgements.values_list("level", flat=True))
    # Inadequate: safeguarding overall, quality of provision, performance management (x2).
    assert levels == {"inadequate": 4, "requires_improvement": 16, "good": 2}


def test_sutton_2012_recommendations_split_by_section_and_timescale_as_published():
    split = Counter(sutton_2012().recommendations.values_list("section__name", "timescale"))
    assert split == {
        ("Safeguarding services", "immediately"): 7,
        ("Safeguarding services", "within_3_months"): 6,
        ("Services for looked after children", "immediately"): 4,
        ("Services for looked after children", "within_3_months"): 10,
        ("Services for looked after children", "within_6_months"): 2,
    }
    assert set(sutton_2012().recommendations.values_list("timescale_as_written", flat=True)) == {
        "Immediately",
        "Within three months",
        "Within six months",
    }


def test_sutton_2012_recommendation_due_dates_follow_the_publication_date():
    due = dict(sutton_2012().recommendations.values_list("timescale", "due_date").distinct())
    assert due == {
        "immediately": None,
        "within_3_months": D(2012, 8, 29),
        "within_6_months": D(2012, 11, 29),
    }


def test_sutton_2012_recommendations_name_their_bodies_once_spelt():
    bodies = {r.number: sorted(b.name for b in r.bodies.all()) for r in sutton_2012().recommendations.all()}
    assert bodies[7] == ["Sutton Local Safeguarding Children Board"]
    assert bodies[10] == ["South West London and St George's Mental Health NHS Trust", "Sutton and Merton PCT"]
    assert bodies[12] == [
        "Epsom and St Helier University Hospitals NHS Trust",
        "Sutton and Merton PCT",
        "Sutton substance misuse services",
    ]
    assert bodies[13] == ["Royal Marsden NHS Foundation Trust", "Sutton and Merton PCT"]
    assert bodies[26] == ["London Borough of Sutton", "Sutton and Merton PCT"]
    assert bodies[1] == []


def test_staffordshire_capacity_to_improve_is_3_on_the_apa_scale_and_normalises_to_good():
    judgement = inspections.Judgement.objects.get(
        inspection__council__slug="staffordshire", area__startswith="The council's overall capacity to improve"
    )
    assert judgement.grade_as_written == "3"
    assert judgement.grade.value == 3
    assert judgement.grade.framework.code == "APA"
    assert judgement.level == "good"


def test_the_earlier_inspections_are_loaded_as_written():
    apa_2005 = inspections.Inspection.objects.get(council__slug="sutton", framework__code="APA")
    assert apa_2005.published == D(2006, 3, 9)
    assert list(apa_2005.judgements.values_list("grade_as_written", flat=True)) == ["2", "3", "3", "2"]
    assert apa_2005.recommendations.count() == 11
    staffordshire = inspections.Inspection.objects.get(council__slug="staffordshire", framework__code="APA")
    assert staffordshire.published == D(2006, 11, 1)
    assert (
        inspections.Recommendation.objects.filter(
            inspection__council__slug="staffordshire", inspection__framework__code="JAR"
        ).count()
        == 5
    )
    jar = inspections.Inspection.objects.get(council__slug="southwark", framework__code="JAR")
    assert Counter(jar.judgements.values_list("grade_as_written", flat=True)) == {"3 – Good": 5, "Good": 2}
    assert Counter(jar.recommendations.values_list("timescale", flat=True)) == {
        "immediately": 3,
        "within_6_months": 2,
    }
    assert inspections.Inspection.objects.get(council__slug="southwark", framework__code="APA").judgements.count() == 7
    yot = inspections.Inspection.objects.get(council__slug="southwark", framework__code="YOT")
    assert yot.judgements.count() == 8
    assert not yot.judgements.filter(area__icontains="overall").exists()
    assert yot.judgements.filter(section__name="Work with children and young people in the community").count() == 4


def test_the_earlier_plans_are_closed_and_answer_every_recommendation():
    for plan in actions.ImprovementPlan.objects.filter(is_active=False):
        recommendations = inspections.Recommendation.objects.filter(
            inspection__council=plan.council,
            inspection__published__lt=D(2012, 1, 1),
            actions__plan=plan,
        ).distinct()
        assert plan.actions.count() == recommendations.count()
        for action in plan.actions.all():
            assert action.updates.count() == 1
    titles = set(actions.ImprovementPlan.objects.filter(is_active=False).values_list("title", flat=True))
    assert {"Response to the pilot Joint Area Review", "Inspection Action Plan"} <= titles


def test_the_notice_has_its_dates_themes_and_measures():
    notice = inspections.ImprovementNotice.objects.get(council__slug="sutton")
    assert notice.inspection == sutton_2012()
    assert D(2012, 6, 12) < notice.issued <= D(2012, 6, 30)
    dates = sorted((d.kind, d.date, d.precision) for d in notice.dates.all())
    assert dates == sorted(
        [
            ("compliance", D(2014, 1, 31), "month"),
            ("ministerial_report", D(2012, 10, 31), "month"),
            ("ministerial_report", D(2013, 4, 30), "month"),
            ("ministerial_report", D(2013, 10, 31), "month"),
            ("review", D(2013, 4, 30), "month"),
            ("review", D(2013, 10, 31), "month"),
            ("final_review", D(2014, 2, 28), "month"),
        ]
    )
    assert notice.compliance_date.label == "January 2014"
    themes = [(t.title, t.measures.count()) for t in notice.themes.order_by("order")]
    assert themes == [
        ("The Council must take action to", 2),
        ("Quality and effectiveness of safeguarding practice", 5),
        ("Improving the effectiveness of partnership and governance", 3),
        ("Capacity and Capability", 2),
        ("Improvement support measures", 5),
    ]
    assert inspections.NoticeMeasure.objects.get(theme__order=4, number=1).text.startswith(
        "Implement a programme of induction, training, mentoring"
    )


def test_the_board_is_sutton_s_with_its_chair_partners_and_dfe_observer():
    board = ImprovementBoard.objects.get(slug="sutton")
    assert board.name == "Sutton Safeguarding Improvement Board"
    assert board.notice.council.slug == "sutton"
    assert board.cadence_weeks == 4
    assert board.chair.username == "sutton.chair"
    assert board.chair.job_title == "Independent Chair"
    roles = Counter(board.members.values_list("role", flat=True))
    assert roles["chair"] == 1 and roles["dfe_observer"] == 1 and roles["member"] >= 8
    assert board.members.get(role="dfe_observer").user.username == "dfe.observer"
    kinds = set(board.members.values_list("organisation__kind", flat=True))
    assert {"council", "health", "police", "lscb", "voluntary", "government"} <= kinds


def test_the_board_meets_every_four_weeks_with_attendance_and_decisions():
    board = ImprovementBoard.objects.get(slug="sutton")
    dates = list(board.meetings.values_list("date", flat=True))
    assert dates[0].strftime("%Y-%m") == "2012-06" and dates[-1].strftime("%Y-%m") == "2014-02"
    assert {(b - a).days for a, b in zip(dates, dates[1:])} == {28}
    for meeting in board.meetings.all():
        assert 2 <= meeting.decisions.count() <= 4
        assert meeting.attendance.count() == board.members.count()
    decided = actions.DueDateRevision.objects.exclude(status="pending")
    assert decided.exists()
    assert all(
        r.decided_in.meeting.board == board and r.decided_at.date() == r.decided_in.meeting.date for r in decided
    )


def test_the_board_keeps_its_own_papers_terms_actions_risks_and_minutes():
    board = ImprovementBoard.objects.get(slug="sutton")
    terms = list(board.terms.order_by("version").values_list("version", "agreed_on", "quorum"))
    assert terms == [(1, D(2012, 6, 21), 6), (2, D(2013, 6, 20), 6)]
    board_actions = list(board.board_actions.order_by("number"))
    assert [a.status for a in board_actions] == ["done", "done", "done", "open", "open", "open"]
    pathway = board_actions[1]
    assert pathway.decision.text.startswith("Noted that action 6.2") and pathway.closed_at.date == D(2013, 1, 31)
    assert [a.reference for a in pathway.plan_actions.all()] == ["6.2"]
    assert board_actions[4].owner_member.user.username == "sutton.member"
    risks = {r.title: r for r in board.risks.all()}
    vacancies = risks["Social worker vacancies and reliance on agency staff"]
    assert (vacancies.score, vacancies.trend, vacancies.escalated) == (20, "rising", True)
    assert [h.history_change_reason for h in vacancies.history.order_by("history_date")] == [
        "Added",
        "Reviewed",
        "Reviewed",
    ]
    assert risks["Partner capacity during the NHS reorganisation"].closed
    meetings = list(board.meetings.order_by("date"))
    assert all(m.minutes_approved_at == n for m, n in zip(meetings, meetings[1:]))
    assert meetings[-1].minutes and meetings[-1].minutes_approved_at is None
    assert "Apologies: Andrew Hale (represented by Detective Inspector" in meetings[2].minutes


def test_the_plan_was_agreed_within_a_month_of_the_notice():
    plan = sutton_plan()
    assert plan.title == "Sutton Safeguarding Improvement Plan"
    assert plan.notice.council.slug == "sutton"
    assert plan.agreed_on - plan.notice.issued <= datetime.timedelta(days=31)
    assert 25 <= plan.actions.count() <= 35


def test_every_2012_recommendation_and_every_notice_measure_is_traced_by_an_action():
    plan = sutton_plan()
    untraced = sutton_2012().recommendations.exclude(actions__plan=plan)
    assert list(untraced) == []
    untraced_measures = inspections.NoticeMeasure.objects.filter(theme__notice=plan.notice).exclude(actions__plan=plan)
    assert list(untraced_measures) == []


def test_every_action_has_an_owner_a_lead_organisation_and_dates_in_the_notice_period():
    for action in sutton_plan().actions.all():
        assert action.owner is not None
        assert action.owner.username == "sutton.officer" or not action.owner.has_usable_password()
        assert action.lead_organisation_id
        assert D(2012, 7, 1) <= action.start_date <= action.due_date <= D(2014, 1, 31)
    assert sutton_plan().actions.filter(owner__username="sutton.officer").count() >= 3


def test_statuses_and_ratings_spread_as_a_real_plan_s_would():
    plan = sutton_plan()
    on = D(2014, 2, 28)
    final = Counter(a.rag_on(on) for a in plan.actions.all())
    assert final[rules.Rag.BLUE] > 0 and final[rules.Rag.AMBER] > 0 and final[rules.Rag.RED] > 0
    # Some complete actions have no evidence of impact yet, so the rules rate them Amber.
    assert plan.actions.filter(status="complete", evidence_of_impact="").exists()
    ratings = Counter(actions.ProgressUpdate.objects.filter(action__plan=plan).values_list("rag", flat=True))
    assert set(ratings) == {"green", "amber", "red", "blue"}
    statuses_in_october_2012 = Counter(
        "not_started"
        if a.start_date > D(2012, 10, 31)
        else a.updates.filter(created_at__date__lte=D(2012, 10, 31)).first().status
        for a in plan.actions.all()
    )
    assert len(statuses_in_october_2012) == 3


def test_progress_updates_run_monthly_from_july_2012_to_february_2014():
    updates = actions.ProgressUpdate.objects.filter(action__plan=sutton_plan()).order_by("created_at")
    assert updates.first().created_at.astimezone().strftime("%Y-%m") == "2012-07"
    assert updates.last().created_at.date() <= D(2014, 2, 28)
    months = {u.created_at.strftime("%Y-%m") for u in updates}
    assert len(months) == 20


def test_an_overdue_action_without_an_agreed_revised_date_was_always_rated_red():
    for update in actions.ProgressUpdate.objects.filter(action__plan=sutton_plan()).select_related("action"):
        action = update.action
        agreed = action.revisions.filter(status="agreed", decided_at__lte=update.created_at).order_by("-decided_at")
        deadline = agreed[0].proposed_date if agreed else action.due_date
        if update.status != "complete" and deadline < update.created_at.date():
            assert update.rag == "red", update


def test_exactly_one_revised_due_date_awaits_the_board():
    revisions = actions.DueDateRevision.objects.filter(action__plan=sutton_plan())
    assert revisions.filter(status="pending").count() == 1
    assert revisions.filter(status="agreed").count() >= 2
    assert revisions.filter(status="rejected").count() >= 1
    for revision in revisions.filter(status="agreed"):
        assert revision.action.revised_due_date is not None
    pending = revisions.get(status="pending")
    assert pending.action.revised_due_date is None


def test_milestones_include_the_january_2014_deadline_and_some_are_late_or_missed():
    milestones = actions.Milestone.objects.filter(plan=sutton_plan())
    assert 6 <= milestones.count() <= 10
    final = milestones.get(title="All performance indicators and milestones met")
    assert final.due_date == D(2014, 1, 31)
    on_time = [m for m in milestones if m.achieved_on and m.achieved_on <= m.due_date]
    late = [m for m in milestones if m.achieved_on and m.achieved_on > m.due_date]
    missed = [m for m in milestones if m.achieved_on is None]
    assert on_time and late and len(missed) == 1


def test_indicators_have_targets_for_january_2014_and_monthly_values():
    indicators = actions.PerformanceIndicator.objects.filter(plan=sutton_plan())
    assert 8 <= indicators.count() <= 12
    for indicator in indicators:
        assert indicator.target_date == D(2014, 1, 31)
        assert indicator.definition
        months = list(indicator.values.values_list("month", flat=True))
        assert months[0] == D(2012, 7, 1) and months[-1] == D(2014, 2, 1) and len(months) == 20
    assert indicators.filter(polarity="lower").exists()
    met = [i.meets_target(i.values.get(month=D(2014, 1, 1)).value) for i in indicators]
    assert any(met) and not all(met)


def test_the_first_care_leavers_value_is_the_inspections_71_percent():
    indicator = actions.PerformanceIndicator.objects.get(
        plan=sutton_plan(), name="Care leavers in education, employment or training"
    )
    first = actions.IndicatorValue.objects.filter(indicator=indicator).order_by("month").first()
    assert first.month == D(2012, 7, 1)
    assert first.value == 71


@pytest.mark.parametrize(
    "username, role",
    [
        ("sutton.officer", "officer"),
        ("sutton.chair", "chair"),
        ("dfe.observer", "observer"),
        ("admin", "service_administrator"),
        ("sutton.admin", "council_administrator"),
        ("sutton.partner", "partner_officer"),
        ("sutton.member", "board_member"),
    ],
)
def test_the_demo_users_sign_in_with_the_demo_password_and_have_their_roles(username, role, settings):
    # The demo data is loaded once per module, before the tests' fast hasher is switched on.
    settings.PASSWORD_HASHERS = [*settings.PASSWORD_HASHERS, *global_settings.PASSWORD_HASHERS]
    request = RequestFactory().post("/accounts/login/")
    user = authenticate(request, username=username, password=settings.DEMO_PASSWORD)
    assert user is not None and user.role == role


def test_the_demo_users_can_do_what_their_roles_allow():
    officer = User.objects.get(username="sutton.officer")
    assert officer.council.slug == "sutton"
    assert User.objects.get(username="dfe.observer").observes_all_councils
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert ImprovementBoard.objects.get(slug="sutton").chair == User.objects.get(username="sutton.chair")


def test_a_rerun_keeps_a_demo_user_s_changed_password():
    user = User.objects.get(username="sutton.officer")
    user.set_password("changed-by-the-user")
    user.save()
    call_command("load_demo_data", verbosity=0)
    user.refresh_from_db()
    assert user.check_password("changed-by-the-user")


def test_it_leaves_no_action_rated_against_the_rules():
    for action in actions.Action.objects.all():
        if action.status == "complete":
            assert action.reported_rag in ("blue", "amber")
            assert (action.reported_rag == "blue") == bool(action.evidence_of_impact)


def test_the_command_prints_a_summary_unless_quiet(capsys):
    call_command("load_demo_data", verbosity=0)
    assert capsys.readouterr().out == ""
    call_command("load_demo_data")
    out = capsys.readouterr().out
    assert "0 rows added" in out and "progress updates:" in out
    assert inspections.NoticeDate.objects.count() == 7
