"""Building and keeping a plan in a real browser, each page scanned with axe-core: a council
administrator builds a plan from nothing; another imports a spreadsheet, sees the preview, fixes
an error and confirms; an officer withdraws a proposal; the chair agrees a different date."""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser]
SUTTON = "E09000029"


def fill_date(page, name: str, value: datetime.date) -> None:
    page.fill(f"#id_{name}_0", str(value.day))
    page.fill(f"#id_{name}_1", str(value.month))
    page.fill(f"#id_{name}_2", str(value.year))


def submit(page, label: str) -> None:
    page.click(f"input[type=submit][value='{label}'], button:has-text('{label}')")
    page.wait_for_load_state()


@pytest.fixture
def council(transactional_db, sutton, sutton_officer, administrator, sutton_board):
    sutton_officer.first_name, sutton_officer.last_name, sutton_officer.email = "Sam", "Officer", "sam@sutton.gov.uk"
    sutton_officer.save()
    return sutton


def test_a_council_administrator_builds_a_plan_from_nothing(live_server, page, sign_in, axe_check, council):
    from actions.models import Action, ImprovementPlan

    url = live_server.url
    today = timezone.localdate()
    sign_in("admin")
    page.goto(f"{url}/actions/structure/?council={SUTTON}")
    assert page.locator("h1", has_text="No improvement plan yet").is_visible()
    axe_check("structure-empty")
    page.click("text=Start a plan")
    axe_check("plan-start")
    page.fill("#id_title", "Sutton improvement plan 2026-27")
    submit(page, "Start the plan")
    assert page.locator(".govuk-notification-banner--success").is_visible()

    page.click("text=Add an objective")
    axe_check("objective-add")
    submit(page, "Add objective")  # empty: the error summary
    assert page.locator(".govuk-error-summary").is_visible()
    axe_check("objective-add-errors")
    page.fill("#id_reference", "1")
    page.fill("#id_title", "Children are safe at the front door")
    page.fill("#id_outcome", "Children get help the day they need it.")
    submit(page, "Add objective")

    page.click("text=Add an action to objective 1")
    axe_check("action-add")
    page.fill("#id_title", "Audit every contact that waited over a day")
    page.fill("#id_success_measure", "90% of contacts decided within one working day")
    page.select_option("#id_owner", label="Sam Officer")
    fill_date(page, "due_date", today + datetime.timedelta(days=60))
    submit(page, "Add action")
    assert page.locator("td", has_text="Audit every contact").is_visible()
    axe_check("structure-with-action")

    page.click("text=Add a milestone")
    page.fill("#id_title", "All contacts audited")
    fill_date(page, "due_date", today + datetime.timedelta(days=90))
    submit(page, "Add milestone")
    page.click("text=Add a performance indicator")
    axe_check("indicator-add")
    page.fill("#id_name", "Contacts decided within one working day")
    page.fill("#id_definition", "Share of contacts with a decision within one working day.")
    page.check("input[name=unit][value=percent]")
    page.check("input[name=polarity][value=higher]")
    page.fill("#id_target", "90%")
    fill_date(page, "target_date", today + datetime.timedelta(days=365))
    page.fill("#id_trajectory", f"{(today + datetime.timedelta(days=40)):%B %Y}: 75")
    submit(page, "Add indicator")
    assert page.locator("text=Trajectory:").is_visible()

    action = Action.objects.get(plan__council=council)
    page.goto(f"{url}{action.get_absolute_url()}")
    assert page.locator("text=Action 1.1 added to the plan by").is_visible()
    axe_check("action-built")
    assert ImprovementPlan.objects.get(council=council).objectives.count() == 1


def test_an_administrator_imports_a_spreadsheet_fixing_an_error_first(
    live_server, page, sign_in, axe_check, council, sutton_plan
):
    import openpyxl

    from actions.models import Action

    def workbook(owner: str) -> bytes:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Sutton improvement plan"])
        sheet.append(["Ref", "Action", "Lead officer", "Target date", "RAG", "Notes"])
        sheet.append(["Objective 1: Safe at the front door"])
        sheet.append(["1.1", "Audit contacts", owner, "31/03/2027", "G", "check"])
        sheet.append(["1.2", "Recruit managers", "sam@sutton.gov.uk", "30/04/2027", "A", ""])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    url = live_server.url
    sign_in("admin")
    page.goto(f"{url}/actions/import/?council={SUTTON}")
    axe_check("import-upload")
    page.set_input_files("#id_file", files=[{"name": "plan.xlsx", "mimeType": xlsx, "buffer": workbook("Pat Nobody")}])
    submit(page, "Upload and preview")
    assert page.locator(".govuk-error-summary", has_text="Nothing can be saved").is_visible()
    assert page.locator("text=Sheet, row 4: Owner: nobody at London Borough of Sutton is “Pat Nobody”").is_visible()
    assert page.locator("button", has_text="Save the plan").count() == 0
    axe_check("import-preview-errors")
    page.set_input_files("#id_file", files=[{"name": "plan.xlsx", "mimeType": xlsx, "buffer": workbook("Sam Officer")}])
    submit(page, "Upload and preview")
    assert page.locator("strong.govuk-tag", has_text="Create").count() == 3
    axe_check("import-preview")
    assert not Action.objects.filter(plan=sutton_plan).exists()
    submit(page, "Save the plan")
    assert page.locator(".govuk-notification-banner--success", has_text="2 created").is_visible()
    assert Action.objects.filter(plan=sutton_plan).count() == 2


@pytest.fixture
def proposal(council, sutton_plan, make_action, sutton_officer):
    from actions import services

    today = timezone.localdate()
    action = make_action(
        sutton_plan,
        title="Recruit permanent team managers",
        owner=sutton_officer,
        start_date=today - datetime.timedelta(days=90),
        due_date=today - datetime.timedelta(days=3),
    )
    revision = services.revised_date_propose(
        action=action,
        proposed_by=sutton_officer,
        proposed_date=today + datetime.timedelta(days=60),
        reason="Recruitment",
    )
    return action, revision


def test_an_officer_withdraws_a_proposal(live_server, page, sign_in, axe_check, proposal):
    from actions.models import DueDateRevision

    action, revision = proposal
    sign_in("sutton.officer")
    page.goto(f"{live_server.url}{action.get_absolute_url()}")
    page.click("text=Withdraw or replace the proposed date")
    axe_check("revision-withdraw-or-replace")
    page.click("button:has-text('Withdraw this proposal')")
    page.wait_for_load_state()
    assert page.locator(".govuk-notification-banner--success", has_text="withdrawn").is_visible()
    assert page.locator("#history ~ div", has_text="withdrawn by Sam Officer").count() == 1
    axe_check("action-withdrawn")
    assert DueDateRevision.objects.get(pk=revision.pk).status == "withdrawn"


def test_the_chair_agrees_a_different_date(live_server, page, sign_in, axe_check, proposal):
    from actions.models import Action

    action, revision = proposal
    other = timezone.localdate() + datetime.timedelta(days=45)
    sign_in("sutton.chair")
    page.goto(f"{live_server.url}/actions/waiting/")
    axe_check("waiting-chair")
    page.locator("a", has_text="Recruit permanent team managers").click()
    axe_check("revision-decide")
    page.check("input[name=decision][value=different]")
    fill_date(page, "agreed_date", other)
    submit(page, "Record the decision")
    assert page.locator(".govuk-error-summary", has_text="Enter why the board agrees a different date").is_visible()
    axe_check("revision-decide-errors")
    page.check("input[name=decision][value=different]")
    page.fill("#id_reason", "Six weeks is enough with agency cover.")
    submit(page, "Record the decision")
    assert page.locator(".govuk-notification-banner--success").is_visible()
    assert Action.objects.get(pk=action.pk).revised_due_date == other
    page.goto(f"{live_server.url}{action.get_absolute_url()}")
    assert page.locator("#history ~ div", has_text="the board agreed a different date").count() == 1
    axe_check("action-different-date")
