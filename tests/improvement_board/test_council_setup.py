"""Setting up a council's notice, board and plan in its own pages, each checked before saving."""

from __future__ import annotations

import datetime

import pytest

from actions.models import ImprovementPlan
from improvement_board.models import ImprovementBoard
from inspections.models import ImprovementNotice, Inspection

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, sutton_council_admin):
    client.force_login(sutton_council_admin)
    return client


@pytest.fixture
def inspections(frameworks, sutton, southwark):
    sif = frameworks["SIF"] if "SIF" in frameworks else next(iter(frameworks.values()))
    ours = Inspection.objects.create(
        council=sutton, framework=sif, title="Inspection of safeguarding", published=datetime.date(2012, 3, 9)
    )
    theirs = Inspection.objects.create(
        council=southwark, framework=sif, title="Southwark's inspection", published=datetime.date(2012, 3, 9)
    )
    return ours, theirs


def _date(name, value: datetime.date) -> dict:
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


def _notice(inspection, **overrides):
    return {
        "inspection": inspection.pk,
        "title": "Improvement Notice",
        **_date("issued", datetime.date(2012, 6, 19)),
        **_date("compliance", datetime.date(2014, 1, 31)),
        "review_0": "",
        "review_1": "",
        "review_2": "",
        "themes": "Leadership\n- A permanent director in post\n- Stable senior team\n\nFront line\n- Caseloads below 20",
        **overrides,
    }


def test_the_notice_is_checked_then_saved_with_its_measures_under_their_themes(admin_client, inspections, sutton):
    ours, _ = inspections
    form = admin_client.get("/setup/E09000029/notice/")
    assert "Southwark&#x27;s inspection" not in form.content.decode()

    response = admin_client.post("/setup/E09000029/notice/", _notice(ours))
    assert response.status_code == 302 and response["Location"] == "/setup/E09000029/notice/check/"
    assert not ImprovementNotice.objects.exists()
    check = admin_client.get(response["Location"]).content.decode()
    assert "Check your answers before saving" in check and "1.2 Stable senior team" in check

    saved = admin_client.post("/setup/E09000029/notice/check/")

    assert saved.status_code == 302 and saved["Location"] == "/setup/E09000029/"
    notice = ImprovementNotice.objects.get(council=sutton)
    assert notice.inspection == ours and notice.compliance_date.date == datetime.date(2014, 1, 31)
    assert [(t.title, [m.text for m in t.measures.all()]) for t in notice.themes.order_by("order")] == [
        ("Leadership", ["A permanent director in post", "Stable senior team"]),
        ("Front line", ["Caseloads below 20"]),
    ]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"inspection": "other"}, "Choose one of this council&#x27;s inspections"),
        ({"themes": "- A measure with no theme"}, "before any theme"),
        ({"themes": "Leadership\nFront line\n- One"}, "The theme “Leadership” has no measures"),
        ({"themes": "Leadership\n- One\nleadership\n- Two"}, "is written twice"),
        ({**_date("compliance", datetime.date(2012, 1, 1))}, "The compliance date must be after the date issued"),
        ({"issued_0": "31", "issued_1": "2", "issued_2": "2012"}, "Date issued must be a real date"),
        ({**_date("issued", datetime.date(2011, 1, 1))}, "on or after the inspection it rests on"),
    ],
)
def test_a_bad_notice_says_what_is_wrong_and_saves_nothing(admin_client, inspections, overrides, message):
    ours, theirs = inspections
    if overrides.get("inspection") == "other":
        overrides = {**overrides, "inspection": theirs.pk}
    response = admin_client.post("/setup/E09000029/notice/", {**_notice(ours), **overrides})
    assert response.status_code == 400 and message in response.content.decode()
    assert "setup:E09000029:notice" not in admin_client.session
    assert not ImprovementNotice.objects.exists()


def _board(chair, **overrides):
    return {
        "name": "Sutton Improvement Board",
        "chair": chair.pk,
        "notice": "",
        **_date("established", datetime.date(2012, 7, 1)),
        "cadence_weeks": "4",
        "members": "Jo Bloggs, Director of Nursing, NHS South West London\nSam Smith, , Metropolitan Police",
        **overrides,
    }


def test_the_board_is_set_up_with_its_chair_members_and_organisations(admin_client, make_user, sutton):
    chair = make_user("new.chair", "chair", council=sutton, email="chair@example.org")

    assert admin_client.post("/setup/E09000029/board/", _board(chair)).status_code == 302
    assert admin_client.post("/setup/E09000029/board/check/").status_code == 302

    board = ImprovementBoard.objects.get(council=sutton)
    assert board.chair == chair and board.cadence_weeks == 4 and board.is_active
    assert sorted((m.name, m.organisation.name, m.role) for m in board.members.all()) == [
        ("Jo Bloggs", "NHS South West London", "member"),
        ("New Chair", "Independent", "chair"),
        ("Sam Smith", "Metropolitan Police", "member"),
    ]


@pytest.mark.parametrize(
    ("who", "overrides", "message"),
    [
        ("southwark_chair", {}, "Choose the chair from this council&#x27;s invited people"),
        ("chair", {"cadence_weeks": "6"}, "unless DfE has agreed 6"),
        ("chair", {"members": "Jo Bloggs"}, "needs a name and an organisation"),
    ],
)
def test_a_bad_board_says_what_is_wrong_and_saves_nothing(
    admin_client, make_user, sutton, southwark, who, overrides, message
):
    chair = make_user("new.chair", "chair", council=sutton)
    other = make_user("other.chair", "chair", council=southwark)
    response = admin_client.post(
        "/setup/E09000029/board/", _board(other if who == "southwark_chair" else chair, **overrides)
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not ImprovementBoard.objects.exists()


def test_the_plan_is_created_with_its_owner(admin_client, sutton_officer, sutton):
    form = {
        "title": "Sutton improvement plan",
        "owner": sutton_officer.pk,
        "notice": "",
        **_date("agreed_on", datetime.date(2012, 7, 19)),
    }
    assert admin_client.post("/setup/E09000029/plan/", form).status_code == 302
    assert not ImprovementPlan.objects.exists()
    assert admin_client.post("/setup/E09000029/plan/check/").status_code == 302
    plan = ImprovementPlan.objects.get(council=sutton)
    assert plan.owner == sutton_officer and plan.is_active


def test_the_check_page_without_answers_goes_back_to_the_form(admin_client):
    response = admin_client.get("/setup/E09000029/plan/check/")
    assert response.status_code == 302 and response["Location"] == "/setup/E09000029/plan/"


def test_an_officer_may_not_set_up_their_council_and_another_council_is_not_found(
    client, sutton_officer, southwark_officer
):
    client.force_login(sutton_officer)
    assert client.get("/setup/E09000029/").status_code == 403
    client.force_login(southwark_officer)
    assert client.get("/setup/E09000029/").status_code == 404
