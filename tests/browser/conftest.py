"""Shared browser-test fixtures: headless Debian Chromium through Playwright's sync API, axe-core
scans for WCAG 2.x A/AA (2.2 included), sign-in, and optional screenshots.

Use in a test module::

    pytestmark = pytest.mark.browser

    def test_something(live_server, page, sign_in, axe_check):
        sign_in("sutton.officer")
        page.goto(live_server.url + "/actions/")
        axe_check("plan")

Set ``SCREENSHOTS=/tmp/shots`` to save each page checked at 1280 and 320 px wide.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django must still allow the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct-horse-battery"  # the personas' password (tests/conftest.py)


@pytest.fixture(scope="session")
def _plain_http(_collected_static):
    """The live server's middleware is built once per run, before per-test settings apply, so
    HTTPS redirection is switched off before it starts."""
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_HSTS_SECONDS = 0

    # Serve static files as production does: the collected, hashed files (tests/conftest.py
    # collects them once), not the finders' unhashed sources, which the manifest's names miss.
    from django.contrib.staticfiles import handlers
    from django.views.static import serve

    def serve_collected(self, request):
        return serve(request, self.file_path(request.path), document_root=settings.STATIC_ROOT)

    handlers.StaticFilesHandlerMixin.serve = serve_collected


@pytest.fixture(scope="session")
def live_server(_plain_http, live_server):
    """pytest-django's live server, serving plain HTTP."""
    return live_server


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Chromium is not installed at /usr/bin/chromium: the browser tests need it (make test installs it; or apt-get install -y chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


# axe-core's scan, answering with its violations only (the rules' passes and the rules that do
# not apply stay in the browser rather than cross to Python with every node's HTML).
_AXE_RUN = """options => axe.run(document, options).then(results => results.violations.map(
  v => [v.id, v.help, v.nodes.map(n => n.target).slice(0, 3)]))"""


def axe_violations(axe, page) -> list:
    """The WCAG 2.x A/AA violations axe-core finds on the page now open. axe-core is put into
    each document once: a second scan of the same page (at another width) reuses it."""
    if not page.evaluate("typeof axe === 'object' && typeof axe.run === 'function'"):
        page.evaluate(axe.axe_script)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return [tuple(violation) for violation in page.evaluate(_AXE_RUN, options)]


def save_screenshots(page, name: str) -> None:
    folder = os.environ.get("SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=f"{folder}/{name}-1280.png", full_page=True)
    page.set_viewport_size({"width": 320, "height": 800})
    page.screenshot(path=f"{folder}/{name}-320.png", full_page=True)
    page.set_viewport_size(size)


@pytest.fixture
def axe_check(page, axe):
    """Scan the page now open; fail on any WCAG 2.x A/AA violation. Also screenshots (if asked)."""

    def check(name: str) -> None:
        save_screenshots(page, name)
        violations = axe_violations(axe, page)
        assert not violations, f"{name} ({page.url}): {violations}"

    return check


@pytest.fixture
def sign_in(page, live_server):
    """Sign in through the real sign-in page (signing out first if someone is signed in)."""

    def do(username: str, *, check=None) -> None:
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/account/sign-in/")
        if check:
            check("sign-in")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button:has-text('Sign in')")
        page.wait_for_load_state()
        if "/account/sign-in/code/" in page.url:  # chairs and administrators: two-step verification
            page.fill("#id_code", totp_code(username))
            page.click("button:has-text('Continue')")
            page.wait_for_load_state()

    return do


def totp_code(username: str) -> str:
    """The next unused code of the person's authenticator app (the one being set up, if none is
    confirmed), computed from the device's key as the app would."""
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__username=username).order_by("-confirmed", "pk").first()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:  # a code is accepted once: use the next one (one step ahead is allowed)
        totp.time += device.step
    while totp.t() <= device.last_t:
        time.sleep(1)
        totp.time = time.time() + device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def axe_of(axe):
    """``axe_of(page)``: the WCAG 2.2 A and AA violations on the page now open."""
    return lambda page: axe_violations(axe, page)


@pytest.fixture
def personas_sign_in():
    """What signing in as a persona takes: their ``password`` and ``code(username)``, the next
    code of their authenticator app."""
    from types import SimpleNamespace

    return SimpleNamespace(password=PASSWORD, code=totp_code)
