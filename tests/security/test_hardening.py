"""Headers, CSRF on every form, uploads, rate limits (429 pages), and the permissions table's
own guard: a URL pattern missing from it fails the test."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db
TEMPLATES = Path(django_settings.BASE_DIR) / "templates"


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


# --- Headers --------------------------------------------------------------------------------


def test_security_headers_on_a_page(client, sutton_officer):
    client.force_login(sutton_officer)
    response = client.get(reverse("account"))
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]:
        assert directive in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_hsts_and_secure_cookies_in_production_settings():
    assert django_settings.SECURE_HSTS_SECONDS >= 31_536_000 and django_settings.SECURE_HSTS_INCLUDE_SUBDOMAINS
    assert django_settings.SESSION_COOKIE_HTTPONLY and django_settings.CSRF_COOKIE_HTTPONLY
    response = Client().get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_charts_need_no_relaxation_of_the_content_security_policy():
    """The chart module draws with presentation attributes only: no script, no style element,
    no style attribute, so the policy's refusal of inline styles and scripts costs nothing."""
    import datetime

    from inspections import charts

    svg = charts.line_chart(
        title="t",
        in_words="w",
        series=[charts.Series("v", [(datetime.date(2026, 1, 1), 1), (datetime.date(2026, 2, 1), 2)])],
        target=charts.Target(3, "Target 3"),
    )
    assert "<script" not in svg and "<style" not in svg and "style=" not in svg


# --- CSRF on every form ---------------------------------------------------------------------


def test_every_post_form_in_the_templates_carries_a_csrf_token():
    missing = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for form in re.finditer(r"<form\b[^>]*>(.*?)</form>", text, flags=re.S | re.I):
            if re.search(r'method=["\']?post', form.group(0), re.I) and "{% csrf_token %}" not in form.group(1):
                missing.append(str(path.relative_to(TEMPLATES)))
    assert not missing, f"POST forms without {{% csrf_token %}}: {missing}"


def test_crispy_forms_render_the_csrf_token(client, sutton_officer, sutton_plan, make_action):
    today = timezone.localdate()
    action = make_action(
        sutton_plan,
        owner=sutton_officer,
        start_date=today - datetime.timedelta(days=3),
        due_date=today + datetime.timedelta(days=30),
    )
    client.force_login(sutton_officer)
    page = client.get(reverse("actions:progress", args=[action.pk]))
    assert b'name="csrfmiddlewaretoken"' in page.content


def test_a_post_without_the_token_is_refused(sutton_officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(sutton_officer)
    assert client.post(reverse("logout")).status_code == 403
    assert client.post(reverse("login"), {"username": "x", "password": "y"}).status_code == 403


# --- Uploads --------------------------------------------------------------------------------


def test_evidence_is_stored_with_a_random_name_in_private_media(
    client, sutton_officer, sutton_plan, make_action, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from actions.models import Evidence

    today = timezone.localdate()
    action = make_action(
        sutton_plan,
        owner=sutton_officer,
        start_date=today - datetime.timedelta(days=3),
        due_date=today + datetime.timedelta(days=30),
    )
    client.force_login(sutton_officer)
    pdf = SimpleUploadedFile("board minutes.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf")
    response = client.post(
        reverse("actions:progress", args=[action.pk]),
        {
            "version": action.version,
            "narrative": "Minutes attached.",
            "status": "in_progress",
            "rag": "green",
            "files": [pdf],
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    stored = Path(evidence.file.path)
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", stored.name) and evidence.original_name == "board minutes.pdf"
    media = Path(settings.MEDIA_ROOT).resolve()
    assert stored.resolve().is_relative_to(media)
    for static in [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]:
        assert not stored.resolve().is_relative_to(static.resolve())
        assert not media.is_relative_to(static.resolve())
    # Never served from a public address: only through the permission-checking view.
    assert client.get("/" + settings.MEDIA_URL + evidence.file.name).status_code == 404
    assert client.get(reverse("actions:evidence", args=[evidence.pk]))["Content-Disposition"].startswith("attachment")


def test_the_size_limits_are_set():
    assert django_settings.EVIDENCE_MAX_BYTES == 20 * 1024 * 1024
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024


def test_import_uploads_wait_under_a_random_name_in_private_media():
    source = (Path(django_settings.BASE_DIR) / "inspections" / "import_views.py").read_text()
    assert 'default_storage.save(f"imports/pending/{token}' in source
    assert "token = secrets.token_hex(8)" in source


# --- Rate limits ----------------------------------------------------------------------------


def test_sign_in_is_rate_limited_per_address(client, settings, sutton_officer):
    settings.RATE_SIGN_IN_PER_IP = "3/m"
    settings.AXES_FAILURE_LIMIT = 100
    for _ in range(3):
        assert client.post(reverse("login"), {"username": f"nobody{_}", "password": "x"}).status_code == 200
    response = client.post(reverse("login"), {"username": sutton_officer.username, "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert b"Too many attempts" in response.content and b"govuk-heading-l" in response.content
    assert "_auth_user_id" not in client.session
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert (
        other.post(
            reverse("login"), {"username": sutton_officer.username, "password": "correct-horse-battery"}
        ).status_code
        == 302
    )


def test_password_reset_is_rate_limited_per_email_and_per_address(client, settings, sutton_officer, mailoutbox):
    settings.RATE_PASSWORD_RESET_PER_EMAIL = "2/h"
    settings.RATE_PASSWORD_RESET_PER_IP = "5/h"
    sutton_officer.email = "officer@sutton.example"
    sutton_officer.save()
    for address in ["10.0.0.1", "10.0.0.2"]:
        assert (
            Client(REMOTE_ADDR=address).post(reverse("password_reset"), {"email": "officer@sutton.example"}).status_code
            == 302
        )
    assert (
        Client(REMOTE_ADDR="10.0.0.3").post(reverse("password_reset"), {"email": "Officer@Sutton.example"}).status_code
        == 429
    )
    assert len(mailoutbox) == 2
    for n in range(5):
        client.post(reverse("password_reset"), {"email": f"someone{n}@example.org"})
    assert client.post(reverse("password_reset"), {"email": "new@example.org"}).status_code == 429


def test_the_api_is_throttled(client, sutton_officer, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import UserRateThrottle

    rates = {**django_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "user": "3/min"}
    assert any(issubclass(c, UserRateThrottle) for c in api_settings.DEFAULT_THROTTLE_CLASSES)
    client.force_login(sutton_officer)
    original = UserRateThrottle.THROTTLE_RATES
    UserRateThrottle.THROTTLE_RATES = rates
    try:
        codes = [client.get(reverse("api:councils")).status_code for _ in range(4)]
    finally:
        UserRateThrottle.THROTTLE_RATES = original
    assert codes == [200, 200, 200, 429]
