"""API tokens have a name and an expiry, are shown once and stored only as a digest, stop
working when revoked, expired or when their owner's role changes, need a verified second step
for those who must give one, and failed token authentication is throttled with 429
(issue 16, item 11)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from improvement_board.api import tokens
from improvement_board.api.models import ApiToken

pytestmark = pytest.mark.django_db
COUNCILS = "/api/v1/councils/"


def _make(client, name="Monthly figures", days="30"):
    return client.post(reverse("api_tokens"), {"name": name, "days": days})


def test_a_token_is_made_with_a_name_and_expiry_and_shown_once(client, sutton_officer):
    client.force_login(sutton_officer)
    response = _make(client)
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("ib_") and secret.encode() in response.content
    token = ApiToken.objects.get(user=sutton_officer)
    assert token.name == "Monthly figures"
    assert token.expires_at - token.created_at == datetime.timedelta(days=30)
    assert secret not in {token.digest, token.prefix, token.fingerprint} and token.prefix == secret[:10]
    again = client.get(reverse("api_tokens"))
    assert secret.encode() not in again.content and b"Monthly figures" in again.content
    assert Client().get(COUNCILS, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 200


@pytest.mark.parametrize(
    "name, days, message",
    [
        ("", "30", b"Enter a name for the token"),
        ("Figures", "", b"Choose how long the token will work"),
        ("Figures", "3650", b"Select a valid choice"),
    ],
)
def test_a_token_needs_a_name_and_an_allowed_lifetime(client, sutton_officer, name, days, message):
    client.force_login(sutton_officer)
    response = _make(client, name=name, days=days)
    assert response.status_code == 200 and message in response.content
    assert not ApiToken.objects.exists()


def test_a_token_stops_working_when_it_expires(sutton_officer):
    token, secret = tokens.api_token_create(user=sutton_officer, name="Script", days=7, verified=False)
    client = Client()
    assert client.get(COUNCILS, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 200
    with time_machine.travel(token.expires_at + datetime.timedelta(seconds=1)):
        assert client.get(COUNCILS, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 403


def test_a_revoked_token_stops_working_and_only_its_owner_may_revoke_it(client, sutton_officer, southwark_officer):
    token, secret = tokens.api_token_create(user=sutton_officer, name="Script", days=7, verified=False)
    client.force_login(southwark_officer)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    assert Client().get(COUNCILS, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 200
    client.force_login(sutton_officer)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 302
    assert Client().get(COUNCILS, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 403


def test_a_token_stops_working_when_its_owners_role_changes(sutton_officer):
    _, secret = tokens.api_token_create(user=sutton_officer, name="Script", days=7, verified=False)
    sutton_officer.role, sutton_officer.council = "observer", None
    sutton_officer.save()
    assert Client().get(COUNCILS, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 403


def test_someone_who_must_give_a_code_needs_a_verified_session_to_make_a_token(
    client, sutton_chair, login_without_code
):
    with pytest.raises(ValidationError, match="authenticator app code"):
        tokens.api_token_create(user=sutton_chair, name="Script", days=7, verified=False)
    login_without_code(client, sutton_chair)
    assert _make(client).status_code == 302  # sent to give the code first
    assert not ApiToken.objects.exists()
    client.force_login(sutton_chair)  # with the code
    secret = _make(client).context["secret"]
    assert Client().get(COUNCILS, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 200


def test_an_officers_token_made_without_a_code_stops_when_they_become_a_chair(sutton_officer):
    _, secret = tokens.api_token_create(user=sutton_officer, name="Script", days=7, verified=False)
    sutton_officer.role, sutton_officer.council = "chair", None
    sutton_officer.save()
    assert Client().get(COUNCILS, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 403


def test_failed_tokens_from_one_address_are_throttled_with_429(settings, sutton_officer):
    settings.RATE_API_TOKEN_FAILURES_PER_IP = "5/10m"
    _, secret = tokens.api_token_create(user=sutton_officer, name="Script", days=7, verified=False)
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [guesser.get(COUNCILS, HTTP_AUTHORIZATION=f"Token ib_guess{n}").status_code for n in range(7)]
    assert statuses == [403] * 5 + [429] * 2
    assert guesser.get(COUNCILS, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 429
    assert Client(REMOTE_ADDR="198.51.100.1").get(COUNCILS, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 200


def test_the_last_use_is_recorded(sutton_officer):
    token, secret = tokens.api_token_create(user=sutton_officer, name="Script", days=7, verified=False)
    Client().get(COUNCILS, HTTP_AUTHORIZATION=f"Token {secret}")
    token.refresh_from_db()
    assert token.last_used_at is not None and token.last_used_at <= timezone.now()
