"""Every page each kind of person can reach, in a real browser, at 1280 and 320 px wide.

The crawl signs in as each of the demo's people (officer, partner officer, chair, board member,
council administrator, DfE observer, service administrator) and as one person of any other role
the demo data holds (so a role added there is crawled without changing this file), on the data
``make run`` serves (the demo with today's illustrative work, and England's councils). It starts
at home and at a few known entry addresses, and follows every link on every page it reaches,
generically: pages other parts of the service add are covered when a link leads to them. On each
page: no server error and no broken link, axe-core finds no WCAG 2.2 A or AA violation at either
width, at 320 px the page does not scroll sideways, dates are written in words (never
"2013-03-05"), every date is asked with the GOV.UK date input (never the browser's picker), and no
positive tabindex forces the focus order. The error pages (403, 404, 405, 429, 500
and a refused form, CSRF) are checked the same way. It prints the pages walked per person.

To keep it to a few minutes, addresses that differ only in their numbers (one action page and
the next) are visited at most ``PER_PATTERN`` times, and one browser is shared (a context per
person). ``CRAWL_SCREENSHOTS=/tmp/crawl`` saves every page at both widths to look at.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict, deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

pytestmark = [pytest.mark.browser]

PER_PATTERN = 1  # pages visited per address pattern (digits and query values folded)
# Not pages: files, the JSON API, signing out, Django's own administration pages, anything a
# link would change; and static files.
SKIP = re.compile(
    r"^/(static/|media/|api/|admin/.|account/sign-out/)|/download/|\.(csv|xlsx|pdf|json|svg|ico)$"
    r"|^/actions/evidence/"
)


# The demo's people, one of each role (Makefile, ``make run``).
PERSONAS = [
    "sutton.officer",
    "sutton.partner",
    "sutton.chair",
    "sutton.member",
    "sutton.admin",
    "dfe.observer",
    "admin",
]
# Addresses people type or bookmark, which no link need lead to: crawled from too, for everyone
# (one a person may not open is passed over, not counted as a broken link).
ENTRY_URLS = [
    "/",
    "/dashboards/",
    "/actions/",
    "/actions/indicators/",
    "/actions/waiting/",
    "/actions/revisions/",
    "/councils/",
    "/boards/sutton/",
    "/account/",
    "/accessibility/",
    "/privacy/",
    "/cookies/",
    "/help/",
]


def _pattern(url: str) -> str:
    parts = urlsplit(url)
    query = "&".join(sorted(p.split("=")[0] for p in parts.query.split("&") if p))
    return re.sub(r"\d+", "N", parts.path) + ("?" + query if query else "")


@pytest.fixture
def demo_world(transactional_db, settings, tmp_path, personas_sign_in, data_sets):
    """What ``make run`` serves (the demo data with today's illustrative work, then England's
    councils and their published data), with everyone's password set to the browser tests' one;
    and a URL for a server error and a 429 page."""
    from improvement_board.models import User

    settings.MEDIA_ROOT = tmp_path / "media"
    data_sets.load("make run", media_root=settings.MEDIA_ROOT)
    for user in User.objects.filter(is_active=True):
        user.set_password(personas_sign_in.password)
        user.save()
    settings.ROOT_URLCONF = "tests.browser.urls_with_errors"


def _personas() -> list[str]:
    """The demo's people, then one active person of each role (and, for a role, one who is staff
    if any is) that none of them has."""
    from improvement_board.models import User

    people = list(User.objects.filter(is_active=True).order_by("username"))
    named = [u for name in PERSONAS for u in people if u.username == name]
    chosen = {(u.role, u.is_staff, u.is_superuser): u.username for u in named}
    for user in people:
        chosen.setdefault((user.role, user.is_staff, user.is_superuser), user.username)
    return [u.username for u in named] + sorted(set(chosen.values()) - {u.username for u in named})


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
        for problem in page.evaluate(_PATTERNS):
            self.problems.append(f"{label}: {problem}")
        for width in (1280, 320):
            if page.viewport_size["width"] != width:  # pages open at 1280 px
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


# What the service's patterns rule out on any page: dates written as numbers ("2013-03-05",
# "05/03/2013") rather than in words; the browser's own date pickers rather than the GOV.UK date
# input; a focus order forced by a positive tabindex.
_PATTERNS = r"""() => {
  const problems = [];
  const text = (document.querySelector('main') || document.body).innerText;
  const numeric = text.match(/\b(19|20)\d\d-[01]\d-[0-3]\d\b|\b[0-3]?\d\/[01]?\d\/(19|20)\d\d\b/g);
  if (numeric) problems.push('dates written as numbers: ' + [...new Set(numeric)].slice(0, 3).join(', '));
  const pickers = document.querySelectorAll('input[type=date], input[type=month], input[type=datetime-local], input[type=week], input[type=time]');
  if (pickers.length) problems.push(pickers.length + " browser date pickers, not the GOV.UK date input");
  const forced = [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0);
  if (forced.length) problems.push(forced.length + ' elements with a positive tabindex');
  return problems;
}"""

# The elements wider than the screen, to say what spills.
# (or whose own text runs out of them: a long word in a paragraph).
_WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
    || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible' && e.clientWidth > 0))
  .slice(-3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.')
    + ' "' + (e.textContent || '').trim().slice(0, 40) + '"')"""


def _crawl_context(browser, axe):
    """A browser context at 1280 px whose every page has axe-core from the start: the browser
    evaluates the script itself in each new document, instead of receiving its 550 kB again
    before each page's first scan."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(script=axe.axe_script)
    return context


def _crawl(page, base: str, who: str, checker: Checker) -> int:
    """Walk every page ``who`` can reach from home and the entry addresses; the pages walked."""
    seen_patterns: dict[str, int] = defaultdict(int)
    visited: set[str] = set()
    entries = set(ENTRY_URLS)
    queue = deque(ENTRY_URLS)
    walked = 0
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
        if status in (403, 404) and path in entries:
            continue  # an entry address this person may not open: no link led here
        if status >= 400:
            checker.problems.append(f"{who} {path}: {status}")
            continue
        if final != path and final in visited:
            continue  # redirected to a page already walked
        visited.add(final)
        walked += 1
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
    return walked


@pytest.mark.long
def test_every_page_every_person_can_reach_passes_axe_and_fits_320px(
    live_server, browser, axe, axe_of, demo_world, capsys, personas_sign_in
):
    base = live_server.url
    personas = _personas()
    assert personas[: len(PERSONAS)] == PERSONAS, personas
    checker = Checker(axe_of)
    walked = {}
    for username in personas:
        context = _crawl_context(browser, axe)
        context.set_default_timeout(15_000)
        page = context.new_page()
        _sign_in(page, base, username, personas_sign_in)
        walked[username] = _crawl(page, base, username, checker)
        context.close()
    with capsys.disabled():
        print(f"\ncrawl: {checker.pages} pages walked for {len(personas)} people, at 1280 and 320 px:")
        for username, pages in walked.items():
            print(f"  {username}: {pages} pages")
    if os.environ.get("CRAWL_REPORT"):
        Path(os.environ["CRAWL_REPORT"]).write_text("\n".join(checker.problems))
    assert not checker.problems, "\n".join(checker.problems)


def test_the_error_pages_pass_axe_and_fit_320px(live_server, browser, axe, axe_of, demo_world, personas_sign_in):
    base = live_server.url
    checker = Checker(axe_of)
    context = _crawl_context(browser, axe)
    page = context.new_page()
    expected = {"/no-such-page/": 404, "/test-errors/500/": 500, "/test-errors/429/": 429}
    for path, status in expected.items():
        assert page.goto(base + path).status == status, path
        checker.check(page, f"anonymous {path} ({status})")
    # A form sent without its CSRF cookie (a stale tab, cookies cleared): the refused-form page.
    page.goto(base + "/account/sign-in/")
    page.context.clear_cookies()
    page.fill("#id_username", "sutton.officer")
    page.fill("#id_password", personas_sign_in.password)
    with page.expect_response(lambda r: r.url.endswith("/account/sign-in/") and r.request.method == "POST") as sent:
        page.click("button:has-text('Sign in')")
    assert sent.value.status == 403
    page.wait_for_load_state()
    assert page.locator("header.govuk-header").count() == 1
    checker.check(page, "anonymous sign-in without its CSRF cookie (403)")
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
