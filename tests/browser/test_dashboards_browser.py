"""The DfE observer in a real browser: opens the councils overview, sorts it, opens Sutton and
sees its inspections from APA 2005 to ILACS 2022; axe-core finds no WCAG 2.2 A/AA violation on
either page."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser]


@pytest.fixture
def england(transactional_db, settings, data_sets):
    from improvement_board.models import User

    data_sets.load("national and demo", media_root=settings.MEDIA_ROOT)
    call_command(
        "generate_plans",
        "--councils",
        "E09000028,E10000028,E08000025",
        "--actions",
        "30",
        "--months",
        "12",
        stdout=StringIO(),
    )
    observer = User.objects.get(username="dfe.observer")
    observer.set_password("correct-horse-battery")
    observer.save()


def test_the_observer_sorts_the_overview_and_opens_sutton(live_server, page, sign_in, axe_check, england):
    sign_in("dfe.observer")
    assert page.url.rstrip("/").endswith("/dashboards")  # home sends observers here
    assert page.locator("#overview tbody tr").count() == 50  # of 153, on pages of 50
    axe_check("dashboard-overview")

    page.click("#overview thead a[data-sort='overdue']")
    page.wait_for_load_state()
    assert "sort=-overdue" in page.url
    header = page.locator("#overview thead th", has=page.locator("a[data-sort='overdue']"))
    assert header.get_attribute("aria-sort") == "descending"
    overdue = [int(t) for t in page.locator("#overview tbody tr td:nth-child(5)").all_inner_texts() if t.isdigit()]
    assert overdue and overdue == sorted(overdue, reverse=True)

    page.click("#overview thead a[data-sort='council']")
    page.wait_for_load_state()
    page.fill("#name", "Sutton")  # 50 councils a page: find it by name
    page.click("button:has-text('Search')")
    page.wait_for_load_state()
    page.click("#overview tbody a:text-is('Sutton')")
    page.wait_for_load_state()
    assert page.url.endswith("/dashboards/E09000029/")
    timeline = page.locator("#timeline-table")
    rows = timeline.locator("tbody tr")
    assert "Annual performance assessment 2005" in rows.first.inner_text()
    assert "2022" in rows.last.inner_text() and "ILACS" in rows.last.inner_text()
    assert page.locator("svg.app-timeline-chart").count() == 1
    assert "to ILACS short inspection (published February 2022)" in page.locator("#timeline-summary").inner_text()
    axe_check("dashboard-sutton")
