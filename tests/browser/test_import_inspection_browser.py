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
