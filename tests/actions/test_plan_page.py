"""The plan page: the officer's own actions first, the whole plan filtered, sorted, paginated and
exported, and a fixed number of queries however long the plan."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actions import services
from actions.models import Action
from improvement_board.models import Meeting
from inspections.models import Organisation

pytestmark = pytest.mark.django_db
D = datetime.timedelta


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(reverse("actions:plan")).status_code == 302


def test_it_refuses_a_post(client, sutton_officer):
    client.force_login(sutton_officer)
    assert client.post(reverse("actions:plan")).status_code == 405


def test_an_officer_sees_their_urgent_actions_first_then_the_whole_plan(
    client, sutton_officer, sutton_plan, make_action, today, make_user, sutton
):
    colleague = make_user("sutton.colleague", "officer", council=sutton)
    make_action(
        sutton_plan,
        title="Later action of mine",
        owner=sutton_officer,
        start_date=today - D(10),
        due_date=today + D(100),
    )
    make_action(
        sutton_plan,
        title="Urgent action of mine",
        owner=sutton_officer,
        start_date=today - D(10),
        due_date=today + D(3),
    )
    make_action(sutton_plan, title="Colleague action", owner=colleague, start_date=today - D(10), due_date=today + D(1))
    client.force_login(sutton_officer)
    html = client.get(reverse("actions:plan")).content.decode()
    mine = html.index("Your actions")
    assert (
        mine < html.index("Urgent action of mine") < html.index("Later action of mine") < html.index("The whole plan")
    )
    assert html.index("Colleague action") > html.index("The whole plan")


def test_rag_is_always_a_tag_with_its_word(client, sutton_officer, overdue_action):
    client.force_login(sutton_officer)
    html = client.get(reverse("actions:plan")).content.decode()
    assert 'govuk-tag--red app-rag" title="Off track">Red</strong>' in html


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ({"status": "complete"}, "Done action", "Late action"),
        ({"rag": "red"}, "Late action", "Done action"),
        ({"overdue": "on"}, "Late action", "Other org action"),
        ({"not_updated": "on"}, "Late action", "Done action"),
    ],
)
def test_it_filters_the_whole_plan(client, sutton_officer, sutton_plan, make_action, today, query, shown, hidden):
    make_action(sutton_plan, title="Late action", start_date=today - D(50), due_date=today - D(1))
    done = make_action(sutton_plan, title="Done action", start_date=today - D(50), due_date=today + D(10))
    services.progress_update_create(
        action=done, author=sutton_officer, narrative="Done", status="complete", rag="amber"
    )
    make_action(
        sutton_plan,
        title="Other org action",
        start_date=today - D(50),
        due_date=today + D(40),
        lead_organisation=Organisation.objects.create(name="Sutton and Merton PCT"),
    )
    client.force_login(sutton_officer)
    html = client.get(reverse("actions:plan"), query).content.decode()
    whole = html[html.index("The whole plan") :]
    assert shown in whole and hidden not in whole


def test_it_filters_by_owner_and_lead_organisation(client, sutton_officer, sutton_plan, make_action, today):
    pct = Organisation.objects.create(name="Sutton and Merton PCT")
    make_action(sutton_plan, title="PCT action", lead_organisation=pct)
    make_action(sutton_plan, title="Officer action", owner=sutton_officer)
    client.force_login(sutton_officer)
    whole = lambda r: r.content.decode().split("The whole plan")[1]  # noqa: E731
    assert "Officer action" not in whole(client.get(reverse("actions:plan"), {"lead_organisation": pct.pk}))
    assert "PCT action" not in whole(client.get(reverse("actions:plan"), {"owner": sutton_officer.pk}))


def test_a_filter_value_from_another_plan_is_ignored_not_an_error(
    client, sutton_officer, sutton_plan, make_action, southwark_plan
):
    make_action(sutton_plan, title="Sutton action")
    other = make_action(southwark_plan, title="Southwark action")
    client.force_login(sutton_officer)
    response = client.get(reverse("actions:plan"), {"lead_organisation": other.lead_organisation_id})
    assert response.status_code == 200
    assert "Southwark action" not in response.content.decode()


def test_it_sorts_by_due_date_both_ways(client, sutton_officer, sutton_plan, make_action, today):
    make_action(sutton_plan, title="Due later", due_date=today + D(50), start_date=today)
    make_action(sutton_plan, title="Due sooner", due_date=today + D(5), start_date=today)
    client.force_login(sutton_officer)
    asc = client.get(reverse("actions:plan"), {"sort": "due"}).content.decode()
    desc = client.get(reverse("actions:plan"), {"sort": "-due"}).content.decode()
    assert asc.index("Due sooner") < asc.index("Due later")
    assert desc.index("Due later") < desc.index("Due sooner")


def test_it_flags_actions_not_updated_since_the_last_meeting(
    client, sutton_officer, sutton_board, sutton_plan, make_action, today
):
    Meeting.objects.create(board=sutton_board, date=today - D(10))
    fresh = make_action(sutton_plan, title="Fresh action", start_date=today - D(50), due_date=today + D(20))
    make_action(sutton_plan, title="Stale action", start_date=today - D(50), due_date=today + D(20))
    services.progress_update_create(
        action=fresh, author=sutton_officer, narrative="On it", status="in_progress", rag="green"
    )
    client.force_login(sutton_officer)
    html = client.get(reverse("actions:plan")).content.decode()
    stale_row = html[html.index("Stale action") :][:400]
    fresh_row = html[html.index("Fresh action") :][:400]
    assert "Not updated since the last meeting" in stale_row
    assert "Not updated since the last meeting" not in fresh_row


def test_it_paginates_keeping_the_filters(client, sutton_officer, sutton_plan, make_action):
    for _ in range(60):
        make_action(sutton_plan)
    client.force_login(sutton_officer)
    html = client.get(reverse("actions:plan"), {"status": "not_started"}).content.decode()
    assert "govuk-pagination" in html
    assert "?status=not_started&amp;page=2" in html
    assert client.get(reverse("actions:plan"), {"page": 2}).status_code == 200


def test_csv_export_has_the_filtered_rows(client, sutton_officer, sutton_plan, make_action, today):
    make_action(sutton_plan, title="=HYPERLINK(evil)", start_date=today - D(50), due_date=today - D(1))
    make_action(sutton_plan, title="Not overdue", start_date=today - D(50), due_date=today + D(10))
    client.force_login(sutton_officer)
    response = client.get(reverse("actions:export_csv"), {"overdue": "on"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Reference", "Action"]
    assert len(rows) == 2
    assert rows[1][1] == "'=HYPERLINK(evil)"  # never a formula
    assert rows[1][8] == "Red"


def test_xlsx_export_has_the_filtered_rows(client, sutton_officer, sutton_plan, make_action):
    make_action(sutton_plan, title="One")
    make_action(sutton_plan, title="Two")
    client.force_login(sutton_officer)
    response = client.get(reverse("actions:export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:2] == ["Reference", "Action"]
    assert sheet.max_row == 3


def test_an_observer_chooses_a_council_then_reads_its_plan(client, observer, sutton_plan, southwark_plan, make_action):
    make_action(sutton_plan, title="Audit all child protection plans")
    client.force_login(observer)
    chooser = client.get(reverse("actions:plan")).content.decode()
    assert "Choose a council" in chooser and "?council=E09000029" in chooser
    html = client.get(reverse("actions:plan"), {"council": "E09000029"}).content.decode()
    assert "Audit all child protection plans" in html
    assert "Log progress" not in html


def test_an_officer_cannot_ask_for_another_councils_plan(client, southwark_officer, sutton_plan):
    client.force_login(southwark_officer)
    assert client.get(reverse("actions:plan"), {"council": "E09000029"}).status_code == 404
    assert client.get(reverse("actions:export_csv"), {"council": "E09000029"}).status_code == 404


def _many_actions(plan, make_action, owner, n, today):
    Action.objects.filter(plan=plan).delete()
    for i in range(n):
        make_action(
            plan, owner=owner if i % 3 == 0 else None, start_date=today - D(30), due_date=today + D(i % 40 - 10)
        )


@pytest.mark.parametrize("n", [10, 500])
def test_the_plan_page_runs_the_same_number_of_queries_at_10_and_500_actions(
    client, sutton_officer, sutton_board, sutton_plan, make_action, today, n, django_assert_max_num_queries
):
    Meeting.objects.create(board=sutton_board, date=today - D(10))
    _many_actions(sutton_plan, make_action, sutton_officer, n, today)
    client.force_login(sutton_officer)
    client.get(reverse("actions:plan"))  # warm the session
    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(reverse("actions:plan"), {"status": "not_started", "sort": "due"})
    assert response.status_code == 200


# Session, user, council, plan, last meeting, count, RAG counts, page, own actions, the plan's
# action ids and five filter choice lists asked by them, and the session save (savepoint, update, release): 17 whatever the size; plus the
# service navigation's two questions (the person's councils and boards): 19.
QUERY_BOUND = 21  # + the per-request check of the signed-in person (two-step and roles)


def test_the_plan_list_has_a_rag_key_latest_position_and_last_updated(
    client, sutton_officer, sutton_plan, make_action, today
):
    from actions import services

    action = make_action(
        sutton_plan,
        title="Audit of case files",
        owner=sutton_officer,
        start_date=today - datetime.timedelta(days=10),
        due_date=today + datetime.timedelta(days=90),
    )
    services.progress_update_create(
        action=action, author=sutton_officer, narrative="Forty files audited so far.", status="in_progress", rag="amber"
    )
    make_action(sutton_plan, title="Recruit team managers")
    client.force_login(sutton_officer)
    page = client.get(reverse("actions:plan")).content.decode()
    assert 'id="rag-key"' in page and "Off track: past its due date" in page
    whole = page.split('id="whole-plan"')[1]
    assert ">Latest position</th>" in whole and ">Last updated</th>" in whole
    assert "Forty files audited so far." in whole and "No progress logged yet" in whole and "Never" in whole


def test_the_plan_list_is_searchable_by_keyword(client, sutton_officer, sutton_plan, make_action):
    make_action(sutton_plan, title="Audit of case files")
    make_action(sutton_plan, title="Recruit team managers", description="Permanent managers for every team")
    client.force_login(sutton_officer)
    whole = (
        client.get(reverse("actions:plan"), {"q": "permanent MANAGERS"}).content.decode().split('id="whole-plan"')[1]
    )
    assert "Recruit team managers" in whole and "Audit of case files" not in whole


def test_the_filters_keep_what_was_chosen_and_say_which_value_is_not_a_choice(
    client, sutton_officer, sutton_plan, make_action, today
):
    make_action(sutton_plan, title="Owned action", owner=sutton_officer, start_date=today - D(10), due_date=today)
    client.force_login(sutton_officer)
    html = client.get(reverse("actions:plan"), {"owner": sutton_officer.pk, "status": "bogus", "overdue": "on"})
    html = html.content.decode()
    assert f'<option value="{sutton_officer.pk}" selected>' in html
    assert 'id="id_overdue" checked' in html
    assert "Select a valid choice. bogus is not one of the available choices." in html
    assert 'aria-describedby="id_status_error"' in html and "govuk-select--error" in html
