"""The Content-Security-Policy holds on the main pages: the browser refuses nothing (no inline
script or style without the response's nonce), the charts keep their styling (their <style>
carries the nonce), and two-step verification works in a real browser for the chair and the
administrator. Every page is also scanned with axe-core."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]

LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
});
"""


@pytest.fixture
def demo(transactional_db, settings, data_sets):
    from improvement_board.models import User

    data_sets.load("national and demo", media_root=settings.MEDIA_ROOT)
    for user in User.objects.filter(username__in=["dfe.observer", "sutton.chair", "admin"]):
        user.set_password("correct-horse-battery")
        user.save()


@pytest.fixture
def csp_page(page):
    """The page, recording every CSP violation (DOM events and console messages)."""
    console: list[str] = []
    page.on(
        "console",
        lambda msg: (
            console.append(msg.text) if ("Content Security Policy" in msg.text or "Refused to" in msg.text) else None
        ),
    )
    page.add_init_script(LISTEN)

    def violations() -> list[str]:
        return console + page.evaluate("window.__csp || []")

    page.csp_violations = violations
    return page


def visit(page, url: str, axe_check, name: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy, policy
    assert response.headers.get("x-frame-options") == "DENY"
    page.wait_for_load_state("load")
    assert page.csp_violations() == [], f"{name} ({url}): {page.csp_violations()}"
    axe_check(name)


def test_no_csp_violations_on_the_main_pages(live_server, csp_page, sign_in, axe_check, demo, personas_sign_in):
    from actions.models import Action

    page, url = csp_page, live_server.url
    visit(page, f"{url}/account/sign-in/", axe_check, "csp-sign-in")

    # The chair signs in: the password, then setting up an app (the QR code is an <img>).
    page.goto(f"{url}/account/sign-in/")
    page.fill("#id_username", "sutton.chair")
    page.fill("#id_password", "correct-horse-battery")
    page.click("button:has-text('Sign in')")
    page.wait_for_load_state()
    assert page.url.endswith("/account/sign-in/code/")
    assert page.locator("h1").inner_text() == "Set up two-step verification"
    assert page.evaluate("document.querySelector('img.app-qr').naturalWidth") > 0  # the QR code loaded
    assert page.csp_violations() == []
    axe_check("two-factor-enrol")
    page.fill("#id_code", "12345")
    page.click("button:has-text('Set up and continue')")
    page.wait_for_load_state()
    assert "Enter the 6-digit code" in page.locator(".govuk-error-summary").inner_text()
    axe_check("two-factor-enrol-error")
    page.fill("#id_code", personas_sign_in.code("sutton.chair"))
    page.click("button:has-text('Set up and continue')")
    page.wait_for_load_state()
    assert "Two-step verification is set up" in page.content()

    sutton_action = Action.objects.filter(plan__council__ons_code="E09000029").order_by("pk").first()
    for path, name in [
        ("/actions/", "csp-plan"),
        (f"/actions/{sutton_action.pk}/", "csp-action"),
        ("/actions/indicators/?council=E09000029", "csp-indicators"),
        ("/councils/E09000029/", "csp-council-with-charts"),
        ("/dashboards/E09000029/", "csp-dashboard-with-charts"),
        ("/account/", "csp-account"),
    ]:
        visit(page, url + path, axe_check, name)
    # The charts' text is set by presentation attributes, which the policy allows (16px without them).
    page.goto(f"{url}/dashboards/E09000029/")
    sizes = page.evaluate(
        "[...document.querySelectorAll('.app-chart svg text')].slice(0, 3).map(t => getComputedStyle(t).fontSize)"
    )
    assert sizes and set(sizes) == {"12px"}, sizes

    # Next time: the code step alone.
    sign_in("sutton.chair")
    assert page.url.endswith("/actions/") or page.url.endswith("/")
    page.context.clear_cookies()
    page.goto(f"{url}/account/sign-in/")
    page.fill("#id_username", "sutton.chair")
    page.fill("#id_password", "correct-horse-battery")
    page.click("button:has-text('Sign in')")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Enter your code"
    assert page.csp_violations() == []
    axe_check("two-factor-code")

    # The observer's dashboards; the administrator's admin (after their own code).
    sign_in("dfe.observer")
    visit(page, f"{url}/dashboards/", axe_check, "csp-overview")
    sign_in("admin")
    page.goto(f"{url}/admin/")
    assert page.url.endswith("/admin/")
    assert page.csp_violations() == [], page.csp_violations()
