"""The plan's daily journey in a real browser: an officer signs in, filters the plan, logs
progress with an evidence file and proposes a revised date; the chair agrees it; the action's
rating and history change. Every page is scanned with axe-core."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def journey(transactional_db, sutton_officer, sutton_chair, sutton_board, sutton_plan, make_action, observer):
    from actions.models import PerformanceIndicator

    today = timezone.localdate()
    make_action(
        sutton_plan,
        title="Audit all child protection plans",
        owner=sutton_officer,
        start_date=today - datetime.timedelta(days=30),
        due_date=today + datetime.timedelta(days=40),
    )
    late = make_action(
        sutton_plan,
        title="Recruit permanent team managers",
        owner=sutton_officer,
        start_date=today - datetime.timedelta(days=90),
        due_date=today - datetime.timedelta(days=3),
    )
    indicator = PerformanceIndicator.objects.create(
        plan=sutton_plan,
        name="Initial assessments within timescale",
        definition="Within 7 working days.",
        unit="percent",
        polarity="higher",
        target=85,
        target_date=today + datetime.timedelta(days=300),
    )
    return {"late": late, "indicator": indicator, "today": today}


def test_officer_logs_progress_and_the_chair_agrees_a_revised_date(live_server, page, sign_in, axe_check, journey):
    from actions.models import Action, Evidence

    late = journey["late"]
    url = live_server.url

    # The officer signs in and lands on the plan; their overdue action is at the top.
    sign_in("sutton.officer", check=axe_check)
    assert page.url.endswith("/actions/")
    axe_check("plan")
    expect(page.locator("text=Overdue or due in the next 14 days")).to_be_visible()

    # Filter the whole plan to overdue actions.
    page.click("summary:has-text('Filter and sort the actions')")
    page.check("#id_overdue")
    page.click("input[type=submit][value='Apply filters'], button:has-text('Apply filters')")
    page.wait_for_url("**overdue=on**")
    whole = page.locator("table").last
    expect(whole.locator("text=Recruit permanent team managers")).to_have_count(1)
    expect(whole.locator("text=Audit all child protection plans")).to_have_count(0)
    axe_check("plan-filtered")

    # Open the action and log progress; an empty form first shows the error summary.
    whole.locator("a", has_text="Recruit permanent team managers").click()
    axe_check("action")
    page.click("text=Log progress")
    axe_check("progress-form")
    page.click("input[type=submit][value='Save progress update'], button:has-text('Save progress update')")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check("progress-form-errors")
    page.fill("#id_narrative", "Two of four posts filled; advert for the rest closes in a month.")
    page.check("input[name=status][value=in_progress]")
    page.check("input[name=rag][value=red]")
    page.set_input_files("#id_files", files=[{"name": "recruitment.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.click("input[type=submit][value='Save progress update'], button:has-text('Save progress update')")
    page.wait_for_load_state()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.locator("a", has_text="recruitment.pdf")).to_be_visible()
    assert Evidence.objects.filter(update__action=late).count() == 1

    # Propose a revised date.
    page.click("text=Propose a revised due date")
    axe_check("revision-form")
    new_date = journey["today"] + datetime.timedelta(days=60)
    page.fill("#id_proposed_date_0", str(new_date.day))
    page.fill("#id_proposed_date_1", str(new_date.month))
    page.fill("#id_proposed_date_2", str(new_date.year))
    page.fill("#id_reason", "The second recruitment round closes next month.")
    page.click("input[type=submit][value='Send to the board'], button:has-text('Send to the board')")
    page.wait_for_load_state()
    expect(page.locator("text=awaiting the board's agreement")).to_be_visible()
    expect(page.locator("strong.govuk-tag", has_text="Overdue")).to_have_count(1)
    axe_check("action-pending")

    # The chair signs in, finds the proposal and agrees it.
    sign_in("sutton.chair")
    page.goto(f"{url}/actions/revisions/")
    axe_check("revisions")
    page.locator("a", has_text="Decide").first.click()
    axe_check("revision-decide")
    page.check("input[name=decision][value=agree]")
    page.click("input[type=submit][value='Record the decision'], button:has-text('Record the decision')")
    page.wait_for_load_state()
    expect(page.locator("text=No revised due dates are awaiting the board")).to_be_visible()

    # The action is no longer overdue; its history shows the agreed date and who agreed it.
    page.goto(f"{url}{late.get_absolute_url()}")
    expect(page.locator("strong.govuk-tag", has_text="Overdue")).to_have_count(0)
    assert page.locator("#history ~ div", has_text=f"{new_date:%-d %B %Y}").count() >= 1
    assert page.locator("text=Revised due date agreed by").count() >= 1
    axe_check("action-agreed")

    # Now the officer may rate it Green, and the rating changes.
    sign_in("sutton.officer")
    page.goto(f"{url}{late.get_absolute_url()}progress/")
    page.fill("#id_narrative", "Third post filled; on track for the agreed date.")
    page.check("input[name=status][value=in_progress]")
    page.check("input[name=rag][value=green]")
    page.click("input[type=submit][value='Save progress update'], button:has-text('Save progress update')")
    page.wait_for_load_state()
    expect(page.locator("h1 ~ p strong.govuk-tag", has_text="Green")).to_have_count(1)
    assert Action.objects.get(pk=late.pk).rag_on(journey["today"]) == "green"


def test_the_other_plan_pages_pass_axe(live_server, page, sign_in, axe_check, journey):
    url = live_server.url
    indicator = journey["indicator"]
    sign_in("sutton.officer")
    for name, path in [
        ("indicators", "/actions/indicators/"),
        ("indicator", f"/actions/indicators/{indicator.pk}/"),
        ("indicator-value", f"/actions/indicators/{indicator.pk}/value/"),
        ("indicator-table", "/actions/indicators/month/"),
    ]:
        page.goto(url + path)
        axe_check(name)
    page.goto(f"{url}/actions/indicators/{indicator.pk}/value/")
    page.fill("#id_value", "250")
    page.click("input[type=submit][value='Save value'], button:has-text('Save value')")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check("indicator-value-errors")

    sign_in("dfe.observer")
    page.goto(url + "/actions/")
    axe_check("plan-observer")

    page.context.clear_cookies()
    for name, path in [
        ("password-reset", "/account/password-reset/"),
        ("password-reset-sent", "/account/password-reset/sent/"),
        ("password-reset-done", "/account/password-reset/done/"),
        ("password-reset-expired", "/account/password-reset/MQ/stale-token/"),
    ]:
        page.goto(url + path)
        axe_check(name)
