"""Single sign-on against a real OpenID Connect provider on loopback (tests/oidc): discovery,
the authorisation code flow with PKCE, token and userinfo, and who it lets in."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.utils import timezone

from improvement_board.accounts import services
from improvement_board.accounts import sso as sso_module
from improvement_board.accounts.models import AccountEvent, Invitation, User

pytestmark = pytest.mark.django_db


def _invite(sutton_council_admin, email="new.officer@sutton.gov.uk", role="officer"):
    return services.invitation_create(
        actor=sutton_council_admin,
        email=email,
        first_name="New",
        last_name="Officer",
        role=role,
        council=sutton_council_admin.council,
    )


def _signed_in_user(client):
    return client.session.get("_auth_user_id")


def test_discovery_gives_the_providers_endpoints(sso):
    config = sso_module.discover(sso_module.providers()[sso.key])
    assert config["issuer"] == sso.issuer
    assert config["authorization_endpoint"] == f"{sso.issuer}/auth"
    assert config["token_endpoint"] == f"{sso.issuer}/token"
    assert config["userinfo_endpoint"] == f"{sso.issuer}/me"
    assert "S256" in config["code_challenge_methods_supported"]


def test_an_invited_active_officer_signs_in_and_the_providers_mfa_claims_are_recorded(
    provider_browser, sso, sutton_officer
):
    sutton_officer.email = "Sutton.Officer@sutton.gov.uk"
    sutton_officer.save()
    response = provider_browser.sign_in("sutton.officer@SUTTON.gov.uk")

    assert response.status_code == 302 and response["Location"] == "/"
    assert _signed_in_user(provider_browser.client) == str(sutton_officer.pk)
    asked = parse_qs(urlsplit(provider_browser.authorisation_url).query)
    assert asked["code_challenge_method"] == ["S256"] and len(asked["code_challenge"][0]) == 43
    assert asked["client_id"] == [sso.client_id] and asked["redirect_uri"] == [sso.callback]
    event = AccountEvent.objects.get(kind=AccountEvent.Kind.SIGNED_IN, subject=sutton_officer)
    assert event.details == {"method": "sso", "provider": sso.key, "amr": ["pwd", "mfa"], "acr": "urn:test:mfa"}
    assert "pwd mfa" in event.description
    page = provider_browser.client.get("/actions/", follow=True)
    assert page.status_code == 200


def test_an_unknown_email_is_refused_with_a_clear_page_and_no_account_is_made(provider_browser, sutton_officer):
    users = User.objects.count()
    response = provider_browser.sign_in("stranger@sutton.gov.uk")

    assert response.status_code == 302 and response["Location"] == "/account/sso/refused/"
    page = provider_browser.client.get(response["Location"])
    assert page.status_code == 403
    assert "There is no account for stranger@sutton.gov.uk" in page.content.decode()
    assert "Ask your council" in page.content.decode()
    assert User.objects.count() == users
    assert _signed_in_user(provider_browser.client) is None
    assert AccountEvent.objects.filter(kind=AccountEvent.Kind.SIGN_IN_REFUSED, details__reason="unknown").count() == 1


def test_an_email_the_provider_has_not_verified_is_refused(provider_browser, sutton_officer):
    sutton_officer.email = "sutton.officer@sutton.gov.uk"
    sutton_officer.save()
    response = provider_browser.sign_in("sutton.officer@sutton.gov.uk", verified=False)

    page = provider_browser.client.get(response["Location"])
    assert page.status_code == 403 and "did not confirm that your email address is yours" in page.content.decode()
    assert _signed_in_user(provider_browser.client) is None


def test_an_open_invitation_is_accepted_by_signing_in_from_its_link(provider_browser, sso, sutton_council_admin):
    invitation = _invite(sutton_council_admin)
    page = provider_browser.client.get(f"/account/invitation/{invitation.token}/")
    assert "Continue with Sutton Council account" in page.content.decode()

    response = provider_browser.sign_in(
        "new.officer@sutton.gov.uk",
        amr="pwd",
        acr="urn:test:password",
        start_path=f"/account/invitation/{invitation.token}/sso/{sso.key}/",
        method="post",
    )

    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(email="new.officer@sutton.gov.uk")
    assert user.is_active and _signed_in_user(provider_browser.client) == str(user.pk)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert provider_browser.client.get(f"/account/invitation/{invitation.token}/").status_code == 410


def test_an_expired_invitation_is_refused_and_the_account_stays_inactive(provider_browser, sutton_council_admin):
    invitation = _invite(sutton_council_admin)
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10), expires_at=timezone.now() - datetime.timedelta(days=3)
    )

    response = provider_browser.sign_in("new.officer@sutton.gov.uk")

    page = provider_browser.client.get(response["Location"])
    assert page.status_code == 403 and "Your invitation has expired" in page.content.decode()
    assert not User.objects.get(email="new.officer@sutton.gov.uk").is_active
    assert _signed_in_user(provider_browser.client) is None


def test_a_deactivated_person_is_refused(provider_browser, sutton_council_admin, make_user, sutton):
    officer = make_user("gone.officer", "officer", council=sutton, email="gone@sutton.gov.uk")
    services.user_deactivate(actor=sutton_council_admin, user=officer)

    response = provider_browser.sign_in("gone@sutton.gov.uk")

    assert "Your account has been deactivated" in provider_browser.client.get(response["Location"]).content.decode()
    assert _signed_in_user(provider_browser.client) is None


def test_another_councils_provider_cannot_sign_in_its_staff(provider_browser, southwark_officer):
    southwark_officer.email = "officer@southwark.gov.uk"
    southwark_officer.save()
    response = provider_browser.sign_in("officer@southwark.gov.uk")

    assert (
        "does not sign in with Sutton Council account"
        in provider_browser.client.get(response["Location"]).content.decode()
    )
    assert _signed_in_user(provider_browser.client) is None


def test_the_provider_refuses_a_code_without_its_pkce_verifier(provider_browser, sso, sutton_officer):
    """PKCE is in force: the code alone (as an interceptor would have it) buys no token."""
    provider_browser.start(f"/account/sso/{sso.key}/")
    callback = provider_browser.sign_in_at_provider("sutton.officer@sutton.gov.uk")
    code = parse_qs(urlsplit(callback).query)["code"][0]

    answer = requests.post(
        f"{provider_browser.issuer}/token",
        timeout=5,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": sso.callback,
            "client_id": sso.client_id,
            "client_secret": sso.client_secret,
        },
    )
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"


def test_a_provider_that_does_not_answer_gives_a_clear_page(client, settings, sutton):
    settings.OIDC_PROVIDERS = {
        "down": {
            "name": "Down Council account",
            "issuer": "http://127.0.0.1:9149",
            "client_id": "x",
            "client_secret": "y",
            "councils": (),
        }
    }
    sso_module._discovered.clear()
    response = client.get("/account/sso/down/", follow=True)
    assert response.status_code == 403 and "Down Council account is not answering" in response.content.decode()


def test_an_unknown_provider_is_not_found(client, sso):
    assert client.get("/account/sso/nobody/").status_code == 404


def test_the_sign_in_page_offers_each_councils_provider(client, sso):
    page = client.get("/account/sign-in/").content.decode()
    assert "Sign in with Sutton Council account" in page and f'href="/account/sso/{sso.key}/"' in page
