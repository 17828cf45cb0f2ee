"""Two-step verification: required for chairs, administrators and staff, optional for others;
nobody is signed in between the password and the code; the admin signs in through our pages."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def code(device: TOTPDevice, *, ahead: int = 0) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, user, **extra):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD, **extra})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_an_officer_without_an_app_signs_in_with_a_password_alone(client, sutton_officer):
    response = sign_in(client, sutton_officer)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert signed_in(client)


@pytest.mark.parametrize("persona", ["sutton_chair", "administrator"])
def test_a_chair_or_administrator_must_set_up_an_app_before_being_signed_in(client, request, persona):
    user = request.getfixturevalue(persona)
    response = sign_in(client, user, next="/actions/")
    assert response.status_code == 302 and response["Location"] == reverse("two_factor")
    assert not signed_in(client)
    # Between the steps nothing is reachable.
    assert client.get("/actions/").status_code == 302
    page = client.get(reverse("two_factor"))
    assert b"Set up two-step verification" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = page.context["secret"]
    assert len(secret.replace(" ", "")) == 32 and secret.encode() in page.content  # written out, for typing in
    qr = client.get(reverse("two_factor_qr"))
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content

    wrong = client.post(reverse("two_factor"), {"code": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and not signed_in(client)
    assert b"not right" in wrong.content
    time.sleep(1.1)  # django-otp slows guessing: one second after a wrong code
    done = client.post(reverse("two_factor"), {"code": code(device)})
    assert done.status_code == 302 and done["Location"] == "/actions/"
    assert signed_in(client)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/actions/").status_code == 200


def test_next_time_the_code_is_asked_for_and_used_once(client, sutton_chair):
    device = TOTPDevice.objects.create(user=sutton_chair, name="app", confirmed=True)
    sign_in(client, sutton_chair)
    page = client.get(reverse("two_factor"))
    assert b"Enter your code" in page.content and b"QR code" not in page.content
    assert client.get(reverse("two_factor_qr")).status_code == 404  # no key to show once set up
    token = code(device)
    assert client.post(reverse("two_factor"), {"code": token}).status_code == 302
    assert signed_in(client)
    client.logout()
    sign_in(client, sutton_chair)
    replay = client.post(reverse("two_factor"), {"code": token})
    assert replay.status_code == 200 and not signed_in(client)


def test_the_code_step_expires(client, sutton_chair, settings):
    TOTPDevice.objects.create(user=sutton_chair, name="app", confirmed=True)
    sign_in(client, sutton_chair)
    session = client.session
    session["two_factor_since"] = time.time() - settings.TWO_FACTOR_PENDING_MINUTES * 60 - 1
    session.save()
    assert client.get(reverse("two_factor"))["Location"] == reverse("login")


def test_a_wrong_password_never_reaches_the_code_step(client, sutton_chair):
    response = client.post(reverse("login"), {"username": sutton_chair.username, "password": "wrong"})
    assert response.status_code == 200
    assert client.get(reverse("two_factor"))["Location"] == reverse("login")


def test_an_officer_may_set_up_an_app_and_then_needs_a_code(client, sutton_officer):
    client.force_login(sutton_officer)
    assert b"Set up two-step verification" in client.get(reverse("account")).content
    page = client.get(reverse("account_two_factor"))
    assert page.status_code == 200 and b"app-qr" in page.content
    device = TOTPDevice.objects.get(user=sutton_officer)
    assert client.post(reverse("account_two_factor"), {"code": code(device)})["Location"] == reverse("account")
    assert TOTPDevice.objects.get(user=sutton_officer).confirmed
    client.logout()
    assert sign_in(client, sutton_officer)["Location"] == reverse("two_factor")
    assert not signed_in(client)
    client.post(reverse("two_factor"), {"code": code(device, ahead=1)})
    assert signed_in(client)
    # Optional for an officer: they may turn it off again, with a current code.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # as if the next 30 s had passed
    assert client.post(reverse("account_two_factor_remove"), {"code": code(device)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=sutton_officer).exists()


def test_a_chair_cannot_turn_it_off(client, sutton_chair):
    TOTPDevice.objects.create(user=sutton_chair, name="app", confirmed=True)
    client.force_login(sutton_chair)
    assert client.post(reverse("account_two_factor_remove")).status_code == 403
    assert TOTPDevice.objects.filter(user=sutton_chair).exists()


def test_the_admin_signs_in_through_our_pages(client):
    response = client.get("/admin/login/?next=/admin/actions/")
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=%2Fadmin%2Factions%2F"
    evil = client.get("/admin/login/?next=https://evil.example/")
    assert "evil" not in evil["Location"]


@pytest.mark.parametrize(
    "target",
    [
        "/admin/actions/action/?q=a&next=//evil.example/",
        "/admin/?x=1#frag",
        "/admin/?next=https%3A%2F%2Fevil.example",
        "/admin/ spaced/?a=b&c=d",
        "/admin/?q=%26next%3D//evil.example",
    ],
)
def test_the_admin_sign_in_address_carries_next_encoded_as_one_value(client, target):
    """A ``next`` holding its own query string (issue 16, item 15) must reach the sign-in page
    as one value, never adding parameters of its own."""
    from urllib.parse import parse_qs, urlencode, urlsplit

    response = client.get("/admin/login/?" + urlencode({"next": target}))
    location = urlsplit(response["Location"])
    assert location.path == reverse("login") and not location.fragment
    assert parse_qs(location.query) == {"next": [target]}


def test_the_admin_refuses_a_session_without_the_code_for_someone_with_an_app(
    client, administrator, login_without_code
):
    TOTPDevice.objects.create(user=administrator, name="app", confirmed=True)
    login_without_code(client, administrator)  # a session that never gave a code
    assert client.get("/admin/").status_code == 302


def test_staff_sign_in_to_the_admin_with_a_code(client, administrator):
    device = TOTPDevice.objects.create(user=administrator, name="app", confirmed=True)
    sign_in(client, administrator, next="/admin/")
    response = client.post(reverse("two_factor"), {"code": code(device)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


# --- Enrolment: a fresh secret each time, shown only to the session that started it (item 1) --


def _enrolment_key(client) -> TOTPDevice:
    page = client.get(reverse("two_factor"))
    assert b"Set up two-step verification" in page.content
    return TOTPDevice.objects.get(user=page.context["pending_user"], confirmed=False)


def _code_for_key(bin_key: bytes) -> str:
    totp = TOTP(bin_key, 30, 0, 6, 0)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_a_key_copied_before_the_chair_enrols_never_works(client, sutton_chair):
    from django.test import Client

    intruder = Client()
    sign_in(intruder, sutton_chair)  # someone who once had the password
    copied = _enrolment_key(intruder).bin_key
    sign_in(client, sutton_chair)  # the chair, later
    device = _enrolment_key(client)
    assert device.bin_key != copied
    assert client.post(reverse("two_factor"), {"code": code(device)}).status_code == 302 and signed_in(client)
    intruder = Client()
    sign_in(intruder, sutton_chair)
    refused = intruder.post(reverse("two_factor"), {"code": _code_for_key(copied)})
    assert refused.status_code == 200 and not signed_in(intruder)


def test_every_start_of_enrolment_makes_a_new_key_and_retires_the_last(client, sutton_chair):
    sign_in(client, sutton_chair)
    first = _enrolment_key(client)
    second = _enrolment_key(client)  # the page shown again: a new key, never the same one
    assert first.bin_key != second.bin_key
    assert not TOTPDevice.objects.filter(pk=first.pk).exists()
    assert client.post(reverse("two_factor"), {"code": _code_for_key(first.bin_key)}).status_code == 200
    assert not signed_in(client)


def test_the_qr_code_is_served_once_and_only_to_the_session_that_started_it(client, sutton_chair):
    from django.test import Client

    sign_in(client, sutton_chair)
    _enrolment_key(client)
    other = Client()
    sign_in(other, sutton_chair)  # between password and code too, but it did not start this key
    assert other.get(reverse("two_factor_qr")).status_code == 404
    assert client.get(reverse("two_factor_qr")).status_code == 200


def test_the_qr_code_is_not_shown_twice(client, sutton_chair):
    sign_in(client, sutton_chair)
    _enrolment_key(client)
    assert client.get(reverse("two_factor_qr")).status_code == 200
    assert client.get(reverse("two_factor_qr")).status_code == 404


def test_setting_up_from_the_account_page_makes_a_new_key_each_time(client, sutton_officer):
    client.force_login(sutton_officer)
    first = client.get(reverse("account_two_factor")).context["secret"]
    second = client.get(reverse("account_two_factor")).context["secret"]
    assert first != second and TOTPDevice.objects.filter(user=sutton_officer).count() == 1


# --- A verified second step on every request that needs one; role changes end sessions (item 2)


@pytest.mark.parametrize("url", ["/admin/", "/actions/revisions/", "/healthz/", "/actions/", "/api/v1/councils/"])
def test_a_password_only_session_of_someone_who_needs_a_code_reaches_nothing(
    client, sutton_chair, url, login_without_code
):
    login_without_code(client, sutton_chair)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == reverse("two_factor")
    assert not signed_in(client)
    device = _enrolment_key(client)  # no app yet: set one up on the code step
    done = client.post(reverse("two_factor"), {"code": code(device)})
    assert done["Location"] == url and signed_in(client)


def test_an_officer_made_an_administrator_is_signed_out(client, sutton_officer):
    client.force_login(sutton_officer)
    assert client.get("/actions/").status_code == 200
    sutton_officer.role, sutton_officer.is_staff, sutton_officer.is_superuser = "administrator", True, True
    sutton_officer.council = None
    sutton_officer.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and not signed_in(client)


@pytest.mark.parametrize("change", [{"role": "chair", "council": None}, {"is_staff": True}])
def test_any_change_of_role_or_staff_status_ends_the_persons_sessions(client, sutton_officer, change):
    client.force_login(sutton_officer)
    assert signed_in(client)
    for field, value in change.items():
        setattr(sutton_officer, field, value)
    sutton_officer.save()
    client.get("/actions/")
    assert not signed_in(client)


def test_an_app_set_up_in_another_session_is_asked_for_in_this_one(client, sutton_officer):
    client.force_login(sutton_officer)
    assert client.get("/actions/").status_code == 200
    TOTPDevice.objects.create(user=sutton_officer, name="app", confirmed=True)
    assert client.get("/actions/")["Location"] == reverse("two_factor")
    assert not signed_in(client)


# --- Turning off optional two-step verification needs a current code (item 9) ----------------


def test_turning_it_off_needs_a_current_code(client, sutton_officer):
    device = TOTPDevice.objects.create(user=sutton_officer, name="app", confirmed=True)
    client.force_login(sutton_officer)
    remove = reverse("account_two_factor_remove")
    missing = client.post(remove)
    assert missing.status_code == 400 and b"Enter the 6-digit code" in missing.content
    wrong = client.post(remove, {"code": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and b"not right" in wrong.content
    assert TOTPDevice.objects.filter(user=sutton_officer).exists()
    time.sleep(1.1)  # django-otp's pause after a wrong code
    assert client.post(remove, {"code": code(device)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=sutton_officer).exists()
