"""The DfE observer answers "which councils are under a notice or direction today, and when is
each one's next review" from the overview alone, in a real browser; axe-core finds no WCAG 2.2
A/AA violation on the page, filtered or not."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser]


@pytest.fixture
def england(transactional_db, settings, data_sets):
    from improvement_board.models import User
    from inspections.intervention_services import statutory_direction_create
    from inspections.models import Council, ImprovementNotice, Inspection, NoticeDate

    data_sets.load("national and demo", media_root=settings.MEDIA_ROOT)
    observer = User.objects.get(username="dfe.observer")
    observer.set_password("correct-horse-battery")
    observer.save()
    today = timezone.localdate()
    southwark = Council.objects.get(ons_code="E09000028")
    notice = ImprovementNotice.objects.create(
        council=southwark,
        inspection=Inspection.objects.filter(council=southwark).latest("published"),
        issued=today - datetime.timedelta(days=200),
    )
    NoticeDate.objects.create(notice=notice, kind="review", date=today - datetime.timedelta(days=20), precision="day")
    NoticeDate.objects.create(notice=notice, kind="review", date=today + datetime.timedelta(days=40), precision="day")
    statutory_direction_create(
        council=Council.objects.get(ons_code="E10000028"),
        issued=today - datetime.timedelta(days=100),
        appointee_name="A Commissioner",
        next_review=today + datetime.timedelta(days=75),
    )
    return today


def test_the_observer_finds_who_is_under_intervention_today_and_their_next_review(
    live_server, page, sign_in, axe_check, england
):
    today = england
    sign_in("dfe.observer")
    page.goto(f"{live_server.url}/dashboards/?name=Sutton")  # 50 councils a page: found by name
    axe_check("overview-intervention")
    sutton = page.locator("#overview tbody tr", has=page.locator("a:text-is('Sutton')"))
    assert "Outcome not recorded" in sutton.inner_text()  # not "In force" in 2026
    page.goto(f"{live_server.url}/dashboards/")

    page.select_option("#notice", "under_intervention")
    page.click("button:has-text('Search')")
    page.wait_for_load_state()
    assert "notice=under_intervention" in page.url
    rows = page.locator("#overview tbody tr")
    assert rows.count() == 2
    answers = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        answers[row.locator("th a").inner_text()] = (
            row.locator("td[data-stage] strong.govuk-tag").first.inner_text(),
            row.locator(".app-next-review").inner_text(),
        )
    southwark_review = today + datetime.timedelta(days=40)
    staffordshire_review = today + datetime.timedelta(days=75)
    assert answers == {
        "Southwark": ("Improvement notice", f"Next review: {southwark_review.day} {southwark_review:%B %Y}"),
        "Staffordshire": (
            "Statutory direction",
            f"Next review: {staffordshire_review.day} {staffordshire_review:%B %Y}",
        ),
    }
    southwark = rows.filter(has=page.locator("a:text-is('Southwark')"))
    assert "1 review with no outcome" in southwark.inner_text()
    axe_check("overview-under-intervention")
