"""Single sign-on with OpenID Connect (mozilla-django-oidc), one provider or several.

Each provider is configured from the environment (see ``improvement_board.env.oidc_providers``): its issuer,
client id and secret, the name people see, and the councils whose staff sign in with it. Its
endpoints come from the issuer's discovery document. The flow is the authorisation code flow
with PKCE and a nonce; the ID token's signature, issuer and audience are checked, then the
userinfo endpoint gives the email address.

Who gets in (``rules.sso_user_for``): only a person an administrator invited, whose email the
provider says it verified, whose account is active (or whose invitation is still open: signing
in accepts it), and whose council uses this provider. Nobody gets an account by signing in. A
refusal ends on a page that says why (``refused``). The provider's own multi-factor claims
(``amr``, ``acr``) are recorded with the sign-in; password sign-in and its two-step verification
are unchanged.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import services

log = logging.getLogger(__name__)

STATES = "sso_states"  # session: state -> provider key, for the callback
REFUSAL = "sso_refusal"  # session: why the last attempt was refused, for the refused page
INVITATION = "sso_invitation"  # session: the invitation (id) being accepted by signing in
DISCOVERY_SECONDS = 3600


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    issuer: str
    client_id: str
    client_secret: str
    councils: tuple[str, ...] = ()  # ONS codes; empty: any council's staff may use it

    def serves(self, council) -> bool:
        return not self.councils or (council is not None and council.ons_code in self.councils)


def providers() -> dict[str, Provider]:
    return {key: Provider(key=key, **config) for key, config in settings.OIDC_PROVIDERS.items()}


def providers_for(council) -> list[Provider]:
    """The providers a council's staff may sign in with (those named for it first)."""
    found = [p for p in providers().values() if p.serves(council)]
    return sorted(found, key=lambda p: (not p.councils, p.name))


class DiscoveryError(Exception):
    pass


_discovered: dict[str, tuple[float, dict]] = {}


def discover(provider: Provider) -> dict:
    """The provider's discovery document (``/.well-known/openid-configuration``), kept an hour."""
    cached = _discovered.get(provider.issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_SECONDS:
        return cached[1]
    url = provider.issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        config = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise DiscoveryError(f"{provider.name}: discovery at {url} failed: {exc}") from exc
    if config.get("issuer") != provider.issuer:
        raise DiscoveryError(
            f"{provider.name}: discovery names issuer {config.get('issuer')!r}, not {provider.issuer!r}"
        )
    missing = [
        k for k in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri") if not config.get(k)
    ]
    if missing:
        raise DiscoveryError(f"{provider.name}: discovery lacks {', '.join(missing)}")
    _discovered[provider.issuer] = (time.monotonic(), config)
    return config


def refuse(request: HttpRequest, reason: str, **details) -> None:
    request.session[REFUSAL] = {"reason": reason, **details}


# --- The two ends of the flow -----------------------------------------------------------------


class _AuthorisationRequest(OIDCAuthenticationRequestView):
    """mozilla-django-oidc's request (state, nonce, PKCE), pointed at one provider."""

    def __init__(self, provider: Provider, config: dict):
        View.__init__(self)
        self.OIDC_OP_AUTH_ENDPOINT = config["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = provider.client_id


@never_cache
@require_GET
def start(request: HttpRequest, key: str) -> HttpResponse:
    """Send the person to their council's provider."""
    provider = providers().get(key)
    if provider is None:
        raise Http404("No such sign-in service.")
    try:
        config = discover(provider)
    except DiscoveryError as exc:
        log.warning("%s", exc)
        refuse(request, "unavailable", provider=provider.name)
        return redirect("sso_refused")
    response = _AuthorisationRequest(provider, config).get(request)
    state = parse_qs(urlsplit(response.url).query)["state"][0]
    request.session.setdefault(STATES, {})[state] = key
    request.session.modified = True
    return response


class Callback(OIDCAuthenticationCallbackView):
    """The provider sends the person back here with a code."""

    @property
    def failure_url(self):
        return reverse("sso_refused")

    def login_failure(self):
        if REFUSAL not in self.request.session:
            refuse(self.request, "failed")
        return super().login_failure()

    def login_success(self):
        self.request.session.pop(REFUSAL, None)
        return super().login_success()  # signing in records it, with the provider's claims (signals.py)


callback = never_cache(Callback.as_view())


@never_cache
@require_GET
def refused(request: HttpRequest) -> HttpResponse:
    """Why single sign-on did not sign the person in, and what to do."""
    refusal = request.session.pop(REFUSAL, None) or {"reason": "failed"}
    return render(request, "accounts/sso_refused.html", {"refusal": refusal}, status=403)


# --- The authentication backend ---------------------------------------------------------------


class CouncilOIDCBackend(OIDCAuthenticationBackend):
    """Signs in the invited person the provider vouches for; never creates an account."""

    def __init__(self, *args, **kwargs):  # the provider is chosen per request, not from settings
        self.UserModel = get_user_model()
        self.provider: Provider | None = None

    def _configure(self, provider: Provider) -> None:
        config = discover(provider)
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = config["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = config["userinfo_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = config["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        if request is None or "code" not in request.GET or "state" not in request.GET:
            return None  # a password sign-in: not ours
        key = request.session.get(STATES, {}).pop(request.GET["state"], None)
        request.session.modified = True
        provider = providers().get(key) if key else None
        if provider is None:
            return None
        try:
            self._configure(provider)
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, DiscoveryError, SuspiciousOperation) as exc:
            log.warning("single sign-on with %s failed: %s", provider.name, exc)
            refuse(request, "failed", provider=provider.name)
            return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != self.provider.issuer or self.provider.client_id not in audiences:
            raise SuspiciousOperation("ID token issuer or audience is not this provider and client.")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("Userinfo is about someone other than the ID token.")
        email = (claims.get("email") or "").strip()
        invitation_id = self.request.session.get(INVITATION)
        user, reason = services.sso_user_for(
            email=email,
            email_verified=claims.get("email_verified") is True,
            provider=self.provider,
            invitation_id=invitation_id,
        )
        if user is None:
            refuse(self.request, reason, provider=self.provider.name, email=email)
            services.sign_in_refused(email=email, reason=reason, provider=self.provider.key)
            return None
        self.request.session.pop(INVITATION, None)
        amr = payload.get("amr") or []
        user.sso_facts = {
            "provider": self.provider.key,
            "amr": [str(v) for v in amr] if isinstance(amr, list) else [str(amr)],
            "acr": str(payload.get("acr") or ""),
        }
        return user

    def get_user(self, user_id):
        # As Django's own backend: a deactivated person's sessions end at their next request.
        return ModelBackend.get_user(self, user_id)
