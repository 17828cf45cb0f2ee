"""Every page each kind of person can reach, in a real browser, at 1280 and 320 px wide.

The crawl signs in as one person of each role found in the demo data (so a role added to the
demo data is crawled without changing this file), starts at home and follows every link on every
page it reaches, generically: pages other parts of the service add are covered when a link leads
to them. On each page: no server error and no broken link, axe-core finds no WCAG 2.2 A or AA
violation at either width, and at 320 px the page does not scroll sideways. The error pages are
checked the same way.

To keep it to a few minutes, addresses that differ only in their numbers (one action page and
the next) are visited at most ``PER_PATTERN`` times, and one browser is shared (a context per
person). ``CRAWL_SCREENSHOTS=/tmp/crawl`` saves every page at both widths to look at.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict, deque
from io import StringIO
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError

pytestmark = [pytest.mark.browser]

PER_PATTERN = 1  # pages visited per address pattern (digits and query values folded)
# Not pages: files, the JSON API, signing out, Django's own administration pages, anything a
# link would change; and static files.
SKIP = re.compile(
    r"^/(static/|media/|api/|admin/.|account/sign-out/)|/download/|\.(csv|xlsx|pdf|json|svg|ico)$"
    r"|^/actions/evidence/"
)


def _pattern(url: str) -> str:
    parts = urlsplit(url)
    query = "&".join(sorted(p.split("=")[0] for p in parts.query.split("&") if p))
    return re.sub(r"\d+", "N", parts.path) + ("?" + query if query else "")


@pytest.fixture
def demo_world(transactional_db, settings, tmp_path, personas_sign_in):
    """The demo data (three councils' inspections, plans, boards and people), with everyone's
    password set to the browser tests' one; and a URL for a server error and a 429 page."""
    from improvement_board.models import User

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_data", verbosity=0, stdout=StringIO())
    for user in User.objects.filter(is_active=True):
        user.set_password(personas_sign_in.password)
        user.save()
    settings.ROOT_URLCONF = "tests.browser.urls_with_errors"


def _personas() -> list[str]:
    """One active person of each role (and, for a role, one who is staff if any is)."""
    from improvement_board.models import User

    chosen = {}
    for user in User.objects.filter(is_active=True).order_by("username"):
        chosen.setdefault((user.role, user.is_staff, user.is_superuser), user.username)
    return sorted(chosen.values())


def _sign_in(page, base: str, username: str, persona) -> None:
    page.goto(f"{base}/account/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", persona.password)
    page.click("button:has-text('Sign in')")
    page.wait_for_load_state()
    if "/account/sign-in/code/" in page.url:
        page.fill("#id_code", persona.code(username))
        page.click("button:has-text('Continue')")
        page.wait_for_load_state()
    assert "/account/sign-in/" not in page.url, f"{username} could not sign in"


class Checker:
    def __init__(self, axe):
        self.axe = axe
        self.problems: list[str] = []
        self.pages = 0
        self.shots = os.environ.get("CRAWL_SCREENSHOTS")

    def check(self, page, label: str) -> None:
        """The page now open, at 1280 then 320 px (then back to 1280)."""
        self.pages += 1
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            if width == 320:
                scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                if scroll > inner:
                    wide = page.evaluate(_WIDEST)
                    self.problems.append(f"{label}: scrolls sideways at 320 px ({scroll} px wide; {wide})")
            violations = self.axe(page)
            if violations:
                self.problems.append(f"{label} at {width} px: {violations}")
            if self.shots:
                Path(self.shots).mkdir(parents=True, exist_ok=True)
                name = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:120]
                page.screenshot(path=f"{self.shots}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


# The elements wider than the screen, to say what spills.
_WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(-3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.'))"""


def _crawl(page, base: str, who: str, checker: Checker) -> None:
    seen_patterns: dict[str, int] = defaultdict(int)
    visited: set[str] = set()
    queue = deque(["/"])
    while queue:
        path = queue.popleft()
        if path in visited:
            continue
        visited.add(path)
        try:
            response = page.goto(base + path)
        except PlaywrightError as error:
            if "Download is starting" in str(error):  # a file, not a page
                continue
            raise
        status = response.status if response else 0
        final = page.url[len(base) :]
        if status >= 400:
            checker.problems.append(f"{who} {path}: {status}")
            continue
        checker.check(page, f"{who} {final}")
        for href in page.eval_on_selector_all("a[href]:not([download])", "els => els.map(e => e.href)"):
            href, _ = urldefrag(href)
            if not href.startswith(base):
                continue
            link = href[len(base) :] or "/"
            if SKIP.search(urlsplit(link).path) or link in visited:
                continue
            pattern = _pattern(link)
            if seen_patterns[pattern] >= PER_PATTERN:
                continue
            seen_patterns[pattern] += 1
            queue.append(link)


def test_every_page_every_person_can_reach_passes_axe_and_fits_320px(
    live_server, browser, axe_of, demo_world, capsys, personas_sign_in
):
    base = live_server.url
    personas = _personas()
    assert len(personas) >= 4, personas
    checker = Checker(axe_of)
    for username in personas:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        _sign_in(page, base, username, personas_sign_in)
        _crawl(page, base, username, checker)
        context.close()
    with capsys.disabled():
        print(f"\ncrawl: {checker.pages} pages walked for {len(personas)} people ({', '.join(personas)})")
    if os.environ.get("CRAWL_REPORT"):
        Path(os.environ["CRAWL_REPORT"]).write_text("\n".join(checker.problems))
    assert not checker.problems, "\n".join(checker.problems)


def test_the_error_pages_pass_axe_and_fit_320px(live_server, browser, axe_of, demo_world, personas_sign_in):
    base = live_server.url
    checker = Checker(axe_of)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    expected = {"/no-such-page/": 404, "/test-errors/500/": 500, "/test-errors/429/": 429}
    for path, status in expected.items():
        assert page.goto(base + path).status == status, path
        checker.check(page, f"anonymous {path} ({status})")
    _sign_in(page, base, "sutton.officer", personas_sign_in)
    signed_in = {
        "/no-such-page/": 404,
        "/account/sign-out/": 405,
        "/admin/": 403,
        "/boards/sutton/meetings/new/": 403,
        "/test-errors/500/": 500,
    }
    for path, status in signed_in.items():
        assert page.goto(base + path).status == status, path
        assert page.locator("header.govuk-header").count() == 1
        assert page.locator("main a[href='/']").count() >= 1, f"{path}: no way back"
        checker.check(page, f"sutton.officer {path} ({status})")
    context.close()
    assert not checker.problems, "\n".join(checker.problems)
