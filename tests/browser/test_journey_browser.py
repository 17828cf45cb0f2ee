"""The journey between inspections, recorded in a real browser: Sutton's council administrator
records a monitoring visit, then DfE's review of the notice (its final review, outcome "revise",
with the letter) and the revised notice; the DfE observer's overview then shows Sutton under the
revised notice with its next review, where before it said "Outcome not recorded". Every page is
scanned with axe-core and must not scroll sideways at 320 px."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def sutton_under_notice(transactional_db, frameworks, sutton, sutton_council_admin, observer):
    from inspections import services as inspection_services
    from inspections.models import Inspection, NoticeDate

    today = timezone.localdate()
    inspection = Inspection.objects.create(
        council=sutton,
        framework=frameworks["ILACS"],
        title="Inspection of children's social care services",
        published=today - datetime.timedelta(days=400),
    )
    inspection_services.notice_create(
        council=sutton,
        inspection=inspection,
        issued=today - datetime.timedelta(days=380),
        title="Improvement Notice",
        dates=[(NoticeDate.Kind.FINAL_REVIEW, today - datetime.timedelta(days=20))],
        themes=[("Leadership", ["A permanent director of children's services in post"])],
    )
    return today


def _date(page, name: str, value: datetime.date) -> None:
    page.fill(f"#id_{name}_0", str(value.day))
    page.fill(f"#id_{name}_1", str(value.month))
    page.fill(f"#id_{name}_2", str(value.year))


def _fits_320(page, name: str) -> None:
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(size)
    assert width <= 320, f"{name} scrolls sideways at 320 px ({width} px wide)"


def _check(page, axe_check, name: str) -> None:
    axe_check(name)
    _fits_320(page, name)


def _continue_and_save(page, axe_check, name: str) -> str:
    page.click("button:has-text('Continue'), input[type=submit][value='Continue']")
    page.wait_for_load_state()
    assert page.url.endswith("/check/"), page.locator(".govuk-error-summary").all_inner_texts()
    assert page.locator("h1", has_text="Check your answers before saving").is_visible()
    _check(page, axe_check, f"{name}-check")
    page.click("button:has-text('Save')")
    page.wait_for_load_state()
    banner = page.locator(".govuk-notification-banner--success")
    assert banner.is_visible()
    _check(page, axe_check, f"{name}-saved")
    return banner.inner_text()


def _overview_row(page, live_server):
    page.goto(f"{live_server.url}/dashboards/?name=Sutton")
    return page.locator("#overview tbody tr", has=page.locator("a:text-is('Sutton')"))


def test_an_administrator_records_a_visit_and_a_review_and_the_observer_sees_the_new_stage(
    live_server, page, sign_in, axe_check, sutton_under_notice
):
    today = sutton_under_notice
    url = live_server.url

    sign_in("dfe.observer")
    before = _overview_row(page, live_server).inner_text()
    assert "Outcome not recorded" in before

    # The council administrator goes from the council's dashboard to Ofsted between inspections.
    sign_in("sutton.admin")
    page.goto(f"{url}/dashboards/E09000029/")
    page.click("#journey-links a:text-is('Ofsted between inspections')")
    page.wait_for_load_state()
    _check(page, axe_check, "ofsted-empty")

    # A monitoring visit: an empty form first shows GOV.UK errors.
    page.click("text=Record a visit or meeting")
    _check(page, axe_check, "ofsted-add")
    page.click("button:has-text('Continue'), input[type=submit][value='Continue']")
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Choose what kind of visit it was" in summary.inner_text()
    _check(page, axe_check, "ofsted-add-errors")
    summary.locator("a", has_text="Choose what kind of visit it was").click()
    assert page.evaluate("document.activeElement.id") == "id_kind_1"
    page.check("input[name=kind][value=monitoring_visit]")
    page.select_option("#id_follows", label=page.locator("#id_follows option").nth(1).inner_text())
    _date(page, "started", today - datetime.timedelta(days=60))
    _date(page, "published", today - datetime.timedelta(days=40))
    page.fill("#id_progress", "Leaders have acted on the front door.\n\nCase files show better plans.")
    page.fill("#id_areas_for_improvement", "Supervision is not yet regular.")
    banner = _continue_and_save(page, axe_check, "ofsted-add")
    assert "Recorded the first monitoring visit, Sutton" in banner
    visit = page.locator("section.app-activity").first
    assert "Leaders have acted on the front door." in visit.inner_text()
    assert "Supervision is not yet regular." in visit.inner_text()

    # DfE's final review decided to revise the notice; its letter is uploaded.
    page.click("text=DfE intervention in Sutton")
    page.wait_for_load_state()
    _check(page, axe_check, "intervention-before")
    page.locator("a", has_text="Record a review").first.click()
    page.wait_for_load_state()
    _check(page, axe_check, "review-add")
    _date(page, "held_on", today - datetime.timedelta(days=20))
    page.select_option("#id_scheduled", index=1)
    page.fill("#id_attendees", "Jo Bloggs, DfE adviser\nSam Smith, Director of Children's Services")
    page.check("input[name=outcome][value=revise]")
    page.set_input_files(
        "#id_letter_file", files=[{"name": "review.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    banner = _continue_and_save(page, axe_check, "review-add")
    assert "revise the notice" in banner
    assert page.locator("a", has_text="Download the letter").count() == 1

    # The revised notice, with its first review date.
    next_review = today + datetime.timedelta(days=60)
    page.locator("a", has_text="Record a revised or replacement notice").first.click()
    page.wait_for_load_state()
    _check(page, axe_check, "notice-revise")
    page.check("input[name=relation][value=revises]")
    _date(page, "issued", today - datetime.timedelta(days=5))
    _date(page, "review", next_review)
    banner = _continue_and_save(page, axe_check, "notice-revise")
    assert "which revises the earlier notice" in banner
    assert page.locator("text=Revised by").count() == 1

    # The observer's overview: under the revised notice, its next review, no review without outcome.
    sign_in("dfe.observer")
    row = _overview_row(page, live_server)
    axe_check("overview-after")
    assert row.locator("td[data-stage] strong.govuk-tag").first.inner_text() == "Improvement notice"
    assert row.locator(".app-next-review").inner_text() == f"Next review: {next_review.day} {next_review:%B %Y}"
    assert "with no outcome" not in row.inner_text()


@pytest.fixture
def sutton_journey(sutton_under_notice, sutton):
    """One of everything the journey pages record, so that every form has its record."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from inspections.intervention_services import notice_review_record, statutory_direction_create
    from inspections.models import ImprovementNotice, NoticeDate
    from inspections.ofsted_services import Finding, record_ofsted_activity

    today = sutton_under_notice
    notice = ImprovementNotice.objects.get(council=sutton)
    NoticeDate.objects.create(notice=notice, kind="ministerial_report", date=today - datetime.timedelta(days=100))
    notice_review_record(
        notice=notice,
        held_on=today - datetime.timedelta(days=20),
        letter_file=SimpleUploadedFile("review.pdf", PDF),
    )
    record_ofsted_activity(
        council=sutton,
        kind="focused_visit",
        focus="Children in need and subject to a child protection plan",
        started=today - datetime.timedelta(days=90),
        published=today - datetime.timedelta(days=70),
        findings=[Finding("priority_action", "The quality of management oversight.")],
    )
    statutory_direction_create(
        council=sutton, issued=today - datetime.timedelta(days=10), appointee_name="A Commissioner"
    )
    return today


def test_every_journey_page_and_form_passes_axe_and_fits_320_px_with_and_without_errors(
    live_server, page, sign_in, axe_check, sutton_journey
):
    sign_in("sutton.admin")
    for name in ("ofsted", "intervention"):
        page.goto(f"{live_server.url}/councils/E09000029/{name}/")
        _check(page, axe_check, name)
    forms = {
        "ofsted": ["Change this focused visit", "Record that it was sent", "Set the action plan deadline"],
        "intervention": [
            "Record the outcome",
            "Record a review",
            "Record a revised or replacement notice",
            "Record that DfE lifted the notice by letter",
            "Record when it was sent",
            "Record the commissioner's report",
            "Record that the direction was revoked",
            "Record a direction that replaces it",
        ],
    }
    for name, links in forms.items():
        for text in links:
            page.goto(f"{live_server.url}/councils/E09000029/{name}/")
            page.locator("main a", has_text=text).first.click()
            page.wait_for_load_state()
            assert page.locator("h1").inner_text(), text
            _check(page, axe_check, f"form-{text}")
            for field in page.locator("main input[type=text], main textarea").all():
                field.fill("")
            page.click("button:has-text('Continue'), input[type=submit][value='Continue']")
            page.wait_for_load_state()
            assert page.locator(".govuk-error-summary").is_visible(), text
            _check(page, axe_check, f"form-errors-{text}")
