"""The upload-review-confirm flow of the import page in headless Chromium, with axe-core scans
(shared fixtures: tests/browser/conftest.py). ``SCREENSHOTS=/some/dir`` keeps screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspections.models import Inspection

pytestmark = pytest.mark.browser

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


def test_an_officer_uploads_reviews_corrects_and_confirms_a_report(
    live_server, page, sign_in, axe_check, sutton_officer, frameworks
):
    sign_in(sutton_officer.username)
    page.goto(f"{live_server.url}/imports/")
    assert page.locator("h1").inner_text() == "Import an inspection report"
    axe_check("import-upload")

    # a bad file first: the error summary
    page.set_input_files("input[type=file]", files=[{"name": "empty.txt", "mimeType": "text/plain", "buffer": b""}])
    page.click("text=Read the report")
    assert page.locator(".govuk-error-summary").is_visible()
    axe_check("import-upload-error")

    page.set_input_files("input[type=file]", str(SEEDS / "sutton-slac-inspection-2012.txt"))
    page.click("text=Read the report")
    page.wait_for_url("**/imports/review/")
    assert page.locator("h1").inner_text() == "Check what was read from the report"
    assert page.locator(".govuk-summary-card").count() == 22 + 29
    axe_check("import-review")
    assert not Inspection.objects.exists()

    # a grade off the scale: the error summary links to the field
    page.fill("#id_j-0-grade", "Splendid")
    page.click("#confirm")
    assert page.locator(".govuk-error-summary").is_visible()
    axe_check("import-review-error")
    page.click(".govuk-error-summary a[href='#id_j-0-grade']")

    page.fill("#id_j-0-grade", "Grade 2 (Good)")
    page.uncheck("#id_r-0-keep")
    page.click("#confirm")
    page.wait_for_url("**/councils/**")
    assert "Imported Sutton's SLAC inspection" in page.locator(".govuk-notification-banner").inner_text()
    inspection = Inspection.objects.get()
    assert inspection.recommendations.count() == 28
    assert inspection.judgements.order_by("order").first().grade_as_written == "Grade 2 (Good)"
    axe_check("import-confirmed")


def test_cancelling_saves_nothing(live_server, page, sign_in, axe_check, administrator, sutton, frameworks):
    sign_in(administrator.username)
    page.goto(f"{live_server.url}/imports/")
    page.set_input_files("input[type=file]", str(SEEDS / "reports" / "sutton-ilacs-2022-02-01.pdf"))
    page.click("text=Read the report")
    page.wait_for_url("**/imports/review/")
    axe_check("import-review-ilacs")
    page.click("text=Cancel import")
    page.wait_for_url("**/imports/")
    assert "Import cancelled: nothing was saved." in page.locator(".govuk-notification-banner").inner_text()
    assert not Inspection.objects.exists()


LETTERS = Path(__file__).resolve().parents[1] / "inspections" / "letters"


def test_a_focused_visit_letter_is_reviewed_and_saved_as_ofsted_activity(
    live_server, page, sign_in, axe_check, administrator, sutton, frameworks
):
    sign_in(administrator.username)
    page.goto(f"{live_server.url}/imports/")
    page.set_input_files("input[type=file]", str(LETTERS / "sutton-focused-visit-2019-08-14.txt"))
    page.click("text=Read the report")
    page.wait_for_url("**/imports/review/")
    assert page.locator("h1").inner_text() == "Check what was read from the letter"
    assert page.locator(".govuk-summary-card").count() == 3
    axe_check("import-review-letter")
    page.click("#confirm")
    page.wait_for_url("**/ofsted/")
    assert "Imported the Focused visit, Sutton, 10 July 2019" in page.locator(".govuk-notification-banner").inner_text()
    axe_check("import-letter-confirmed")


def test_the_review_page_asks_for_an_overall_judgement_it_could_not_read(
    live_server, page, sign_in, axe_check, administrator, sutton, frameworks
):
    report = (
        "Inspection of Sutton local authority children's services\n"
        "Inspection dates: 6 to 10 December 2021\nLead inspector: A Person, HMI\nJudgement Grade\n"
        "The impact of leaders on social work practice with children and families Good\n"
    )
    sign_in(administrator.username)
    page.goto(f"{live_server.url}/imports/")
    page.set_input_files(
        "input[type=file]", files=[{"name": "sutton.txt", "mimeType": "text/plain", "buffer": report.encode()}]
    )
    page.click("text=Read the report")
    page.wait_for_url("**/imports/review/")
    axe_check("import-review-question")
    page.click("#confirm")
    assert (
        "Choose the overall effectiveness grade the report gives" in page.locator(".govuk-error-summary").inner_text()
    )
    axe_check("import-review-question-error")
    page.click(".govuk-error-summary a")
    page.check("input[name='h-overall'][value='Good']")
    page.click("#confirm")
    page.wait_for_url("**/councils/**")
    assert Inspection.objects.get().judgements.filter(area="Overall effectiveness", grade_as_written="Good").exists()
