"""The service's own pages (accessibility statement, privacy, cookies, help) and the branded
error pages: each has the header, plain English and a way back; the details come from settings."""

import pytest
from django.test import Client
from django.urls import include, path

import improvement_board.urls

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", _boom), path("", include("improvement_board.urls"))]
handler500 = improvement_board.urls.handler500


def test_the_accessibility_statement_follows_the_govuk_model_and_lists_known_issues(client):
    page = client.get("/accessibility/").content.decode()
    for heading in (
        "How accessible this service is",
        "Feedback and contact information",
        "Reporting accessibility problems with this service",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Disproportionate burden",
        "Preparation of this accessibility statement",
    ):
        assert heading in page, heading
    assert "partially compliant" in page
    assert "signed out after 30 minutes" in page  # a known issue, said honestly


def test_the_cookies_page_lists_only_essential_cookies(client, settings):
    page = client.get("/cookies/").content.decode()
    assert "only uses cookies it needs to work" in page
    assert settings.SESSION_COOKIE_NAME in page and settings.CSRF_COOKIE_NAME in page
    assert "analytics" not in page.lower()


def test_help_and_contact_come_from_the_deployments_settings(client, settings):
    settings.SERVICE = {
        **settings.SERVICE,
        "operator": "Example Borough Council",
        "contact_email": "board-help@example.gov.uk",
        "contact_phone": "020 7946 0000",
    }
    page = client.get("/help/").content.decode()
    assert "run by Example Borough Council" in page
    assert 'href="mailto:board-help@example.gov.uk"' in page and "020 7946 0000" in page
    privacy = client.get("/privacy/").content.decode()
    assert "Example Borough Council, which is the data controller" in privacy


def test_every_page_has_the_phase_banner_and_the_footer_links(client, settings):
    page = client.get("/account/sign-in/").content.decode()
    assert "govuk-phase-banner" in page and ">Beta<" in page
    for href in ('href="/help/"', 'href="/accessibility/"', 'href="/privacy/"', 'href="/cookies/"'):
        assert href in page
    settings.SERVICE = {**settings.SERVICE, "phase": "live"}
    assert "govuk-phase-banner" not in client.get("/account/sign-in/").content.decode()


def test_a_missing_page_is_a_branded_404_with_a_way_back(client, sutton_officer):
    client.force_login(sutton_officer)
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert "govuk-header" in page and 'href="/"' in page


def test_a_refusal_is_a_branded_403_that_says_why(client, sutton_officer, sutton_board):
    client.force_login(sutton_officer)
    response = client.get(f"/boards/{sutton_board.slug}/meetings/new/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "You cannot do that" in page and "Only the board&#x27;s chair can do this." in page
    assert "govuk-header" in page and "Go to the Improvement Board home page" in page


def test_a_wrong_method_is_a_branded_405_keeping_the_allow_header(client, sutton_officer):
    client.force_login(sutton_officer)
    response = client.get("/account/sign-out/")
    assert response.status_code == 405
    assert "This page cannot be used that way" in response.content.decode()
    assert "POST" in response["Allow"]


def test_a_server_error_is_a_branded_500_without_touching_the_session(settings, sutton_officer):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(sutton_officer)
    response = client.get("/boom/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in page and "govuk-header" in page
    assert "Signed in as" not in page  # the page never looked the user up


def test_a_failed_csrf_check_is_a_branded_403(sutton_officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(sutton_officer)
    response = client.post("/account/sign-out/")
    assert response.status_code == 403
    assert "The form had expired" in response.content.decode()


def test_the_favicon_is_served_locally(client):
    page = client.get("/account/sign-in/").content.decode()
    assert 'rel="icon"' in page and "/static/govuk/assets/images/favicon" in page
