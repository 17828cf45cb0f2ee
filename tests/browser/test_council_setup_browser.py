"""A council set up from nothing in a real browser, without the Django admin: the service
administrator invites the council's administrator; they accept, invite an officer and a chair,
record the notice, set up the board and create the plan; the officer accepts and sees the plan.
axe-core scans every page on the way. Prints the time taken and the pages and requests it needed."""

from __future__ import annotations

import datetime
import os
import re
import time

import pytest
from django.core import mail

pytestmark = [pytest.mark.browser]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def new_council(transactional_db, frameworks, make_user, southwark):
    from inspections.models import Council, Inspection

    framework = next(iter(frameworks.values()))
    merton = Council.objects.create(
        name="London Borough of Merton",
        short_name="Merton",
        slug="merton",
        ons_code="E09000024",
        la_number="315",
        kind=Council.Kind.LONDON_BOROUGH,
        region="London",
    )
    Inspection.objects.create(
        council=merton,
        framework=framework,
        title="Inspection of services for children",
        published=datetime.date(2012, 3, 9),
    )
    Inspection.objects.create(
        council=southwark, framework=framework, title="Southwark inspection", published=datetime.date(2012, 3, 9)
    )
    make_user("service.admin", "service_administrator", is_staff=True, email="service.admin@example.gov.uk")
    return merton


class Counter:
    """Pages (main-frame navigations) and requests the browser made."""

    def __init__(self, page):
        self.pages = 0
        self.requests = 0
        page.on("request", self._request)
        page.context.on("page", lambda p: p.on("request", self._request))

    def _request(self, request):
        self.requests += 1
        if request.is_navigation_request() and request.frame.parent_frame is None:
            self.pages += 1


def _link() -> str:
    return re.search(r"http://\S+/account/invitation/\S+/", mail.outbox[-1].body).group(0)


def _date(page, name: str, value: datetime.date) -> None:
    page.fill(f"#id_{name}_0", str(value.day))
    page.fill(f"#id_{name}_1", str(value.month))
    page.fill(f"#id_{name}_2", str(value.year))


def _continue(page, axe_check, name: str) -> None:
    page.click("button:has-text('Continue'), input[type=submit][value='Continue']")
    page.wait_for_load_state()
    assert "check" in page.url, page.locator(".govuk-error-summary").all_inner_texts()
    assert page.locator("h1", has_text="Check your answers before saving").is_visible()
    axe_check(f"{name}-check")
    page.click("button:has-text('Save')")
    page.wait_for_load_state()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    axe_check(f"{name}-saved")


def _invite(
    page,
    live_server,
    axe_check,
    name: str,
    first: str,
    last: str,
    email: str,
    role: str,
    path: str = "/account/users/invite/",
) -> None:
    page.goto(live_server.url + path)
    axe_check(f"invite-{name}")
    page.fill("#id_first_name", first)
    page.fill("#id_last_name", last)
    page.fill("#id_email", email)
    page.check(f"input[name=role][value={role}]")
    page.click("button:has-text('Send invitation'), input[type=submit][value='Send invitation']")
    page.wait_for_load_state()
    assert page.locator(".govuk-notification-banner--success").is_visible(), page.content()
    axe_check(f"invited-{name}")


def _accept(page, axe_check, name: str) -> None:
    page.context.clear_cookies()
    page.goto(_link())
    axe_check(f"accept-{name}")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("button:has-text('Set password and continue'), input[type=submit][value='Set password and continue']")
    page.wait_for_load_state()


def test_a_service_administrator_sets_up_a_new_council_and_its_officer_sees_the_plan(
    live_server, page, sign_in, axe_check, new_council
):
    from actions.models import ImprovementPlan
    from improvement_board.models import ImprovementBoard
    from inspections.models import ImprovementNotice

    url = live_server.url
    counter = Counter(page)
    started = time.perf_counter()

    # The service administrator chooses the council and invites its administrator.
    sign_in("service.admin", check=axe_check)
    page.goto(url + "/account/users/")
    axe_check("people")
    page.click("text=Set up a council")
    axe_check("setup-start")
    page.select_option("#council", label="London Borough of Merton")
    page.click("button:has-text('Continue')")
    page.wait_for_load_state()
    axe_check("setup-tasks")
    page.click("text=Invite the council's administrator")
    page.wait_for_load_state()
    assert page.locator("#id_council").input_value() == str(new_council.pk)
    _invite(
        page,
        live_server,
        axe_check,
        "council-admin",
        "Cara",
        "Admin",
        "cara.admin@merton.gov.uk",
        "council_administrator",
        path=page.url.removeprefix(url),
    )

    # The council administrator accepts, then signs in in two steps.
    _accept(page, axe_check, "council-admin")
    assert "/account/sign-in/" in page.url
    sign_in("cara.admin@merton.gov.uk")
    axe_check("council-admin-home")

    # They invite an officer and a chair.
    _invite(page, live_server, axe_check, "officer", "Omar", "Officer", "omar.officer@merton.gov.uk", "officer")
    officer_link = _link()
    _invite(page, live_server, axe_check, "chair", "Chidi", "Chair", "chidi.chair@example.org", "chair")

    # The notice: only Merton's inspection is offered.
    page.goto(url + "/setup/E09000024/")
    axe_check("council-tasks")
    page.click("text=Record the improvement notice")
    page.wait_for_load_state()
    axe_check("notice-form")
    options = page.locator("#id_inspection option").all_inner_texts()
    assert options == ["Choose an inspection", "9 March 2012: Inspection of services for children"]
    page.click("button:has-text('Continue'), input[type=submit][value='Continue']")
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    axe_check("notice-form-errors")
    page.select_option("#id_inspection", index=1)
    _date(page, "issued", datetime.date(2012, 6, 19))
    _date(page, "compliance", datetime.date(2014, 1, 31))
    page.fill(
        "#id_themes",
        "Leadership\n- A permanent director of children's services\n"
        "Front-line practice\n- Caseloads below 20\n- Supervision every month",
    )
    _continue(page, axe_check, "notice")

    # The board: the chair is chosen from Merton's invited people.
    page.click("text=Set up the improvement board")
    page.wait_for_load_state()
    axe_check("board-form")
    page.fill("#id_name", "Merton Improvement Board")
    page.select_option("#id_chair", label="Chidi Chair (chidi.chair@example.org)")
    page.select_option("#id_notice", index=1)
    _date(page, "established", datetime.date(2012, 7, 1))
    page.check("input[name=cadence_weeks][value='4']")
    page.fill(
        "#id_members",
        "Jo Bloggs, Director of Nursing, NHS South West London\nSam Smith, Borough Commander, Metropolitan Police",
    )
    _continue(page, axe_check, "board")

    # The plan and its owner.
    page.click("text=Create the improvement plan")
    page.wait_for_load_state()
    axe_check("plan-form")
    page.fill("#id_title", "Merton improvement plan")
    page.select_option("#id_owner", label="Omar Officer (council officer)")
    page.select_option("#id_notice", index=1)
    _date(page, "agreed_on", datetime.date(2012, 7, 19))
    _continue(page, axe_check, "plan")
    assert page.locator(".govuk-task-list__status", has_text="Not yet started").count() == 0

    # The officer accepts their invitation and sees the plan.
    page.context.clear_cookies()
    page.goto(officer_link)
    axe_check("accept-officer")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("button:has-text('Set password and continue'), input[type=submit][value='Set password and continue']")
    page.wait_for_load_state()
    page.goto(url + "/actions/")
    assert page.locator("text=Merton improvement plan").first.is_visible()
    axe_check("officer-plan")
    elapsed = time.perf_counter() - started

    board = ImprovementBoard.objects.get(council=new_council)
    assert board.chair.email == "chidi.chair@example.org" and board.members.count() == 3
    assert ImprovementNotice.objects.get(council=new_council).themes.count() == 2
    assert ImprovementPlan.objects.get(council=new_council).owner.email == "omar.officer@merton.gov.uk"
    print(
        f"\nCOUNCIL SET-UP: {elapsed:.1f} s, {counter.pages} pages, {counter.requests} requests "
        f"(axe-core scans included{', and screenshots' if os.environ.get('SCREENSHOTS') else ''})"
    )
