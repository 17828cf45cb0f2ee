"""The upload-review-confirm flow of the import page in headless Chromium, with axe-core scans.

Set ``SCREENSHOTS=/some/dir`` to keep desktop and 320 px screenshots of each page.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.browser

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct-horse-battery"


@pytest.fixture
def server(request, settings):
    """The live server over plain HTTP (SecurityMiddleware reads its settings once, when the
    server starts, so they are set before it does), serving static files by their plain names
    (the live server's static handler finds files, not the manifest's hashed names)."""
    from django.conf import settings as django_settings

    django_settings.SECURE_SSL_REDIRECT = False
    django_settings.SECURE_HSTS_SECONDS = 0
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    return request.getfixturevalue("live_server")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


def screenshot(page, name: str) -> None:
    folder = os.environ.get("SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{folder}/{name}-desktop.png", full_page=True)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    page.screenshot(path=f"{folder}/{name}-320.png", full_page=True)
    page.set_viewport_size(size)


def sign_in(page, server, user) -> None:
    page.goto(f"{server.url}/account/sign-in/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state()


def test_an_officer_uploads_reviews_corrects_and_confirms_a_report(page, server, sutton_officer, frameworks):
    from inspections.models import Inspection

    sign_in(page, server, sutton_officer)
    page.goto(f"{server.url}/imports/")
    assert page.locator("h1").inner_text() == "Import an inspection report"
    screenshot(page, "import-upload")
    assert axe_violations(page) == []

    # a bad file first: the error summary
    page.set_input_files("input[type=file]", files=[{"name": "empty.txt", "mimeType": "text/plain", "buffer": b""}])
    page.click("text=Read the report")
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe_violations(page) == []
    screenshot(page, "import-upload-error")

    page.set_input_files("input[type=file]", str(SEEDS / "sutton-slac-inspection-2012.txt"))
    page.click("text=Read the report")
    page.wait_for_url("**/imports/review/")
    assert page.locator("h1").inner_text() == "Check what was read from the report"
    assert page.locator(".govuk-summary-card").count() == 22 + 29
    assert axe_violations(page) == []
    screenshot(page, "import-review")
    assert not Inspection.objects.exists()

    # a grade off the scale: the error summary links to the field
    page.fill("#id_j-0-grade", "Splendid")
    page.click("#confirm")
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe_violations(page) == []
    screenshot(page, "import-review-error")
    page.click(".govuk-error-summary a[href='#id_j-0-grade']")

    page.fill("#id_j-0-grade", "Grade 2 (Good)")
    page.uncheck("#id_r-0-keep")
    page.click("#confirm")
    page.wait_for_url("**/councils/**")
    assert "Imported Sutton's SLAC inspection" in page.locator(".govuk-notification-banner").inner_text()
    inspection = Inspection.objects.get()
    assert inspection.recommendations.count() == 28
    assert inspection.judgements.order_by("order").first().grade_as_written == "Grade 2 (Good)"
    assert axe_violations(page) == []


def test_cancelling_saves_nothing(page, server, administrator, sutton, frameworks):
    from inspections.models import Inspection

    sign_in(page, server, administrator)
    page.goto(f"{server.url}/imports/")
    page.set_input_files("input[type=file]", str(SEEDS / "reports" / "sutton-ilacs-2022-02-01.pdf"))
    page.click("text=Read the report")
    page.wait_for_url("**/imports/review/")
    page.click("text=Cancel import")
    page.wait_for_url("**/imports/")
    assert "Import cancelled: nothing was saved." in page.locator(".govuk-notification-banner").inner_text()
    assert not Inspection.objects.exists()
