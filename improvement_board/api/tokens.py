"""API tokens: making, revoking and checking them (the services), and DRF's authentication with
them, whose failures are throttled per address (429) (issue 16, item 11)."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_ratelimit.core import get_usage
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ApiToken, token_digest

PREFIX = "ib_"


def lifetimes() -> list[int]:
    """The lifetimes (days) a token may be given: up to ``API_TOKEN_MAX_DAYS``."""
    return [d for d in (7, 30, 90, 180, 365) if d <= settings.API_TOKEN_MAX_DAYS] or [settings.API_TOKEN_MAX_DAYS]


@transaction.atomic
def api_token_create(
    *, user, name: str, days: int, verified: bool, at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """Make a token for ``user``; returns it and its secret, which is never stored or shown again.
    ``verified``: made from a session that gave a code (needed for someone who must give one)."""
    from improvement_board.accounts.two_factor import needs_code

    at = at or timezone.now()
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = "Enter a name for the token, such as what will use it."
    elif len(name) > 100:
        errors["name"] = "The name must be 100 characters or fewer."
    if days not in lifetimes():
        errors["days"] = "Choose how long the token will work."
    if needs_code(user) and not verified:
        errors["__all__"] = "Sign in with your authenticator app code to make a token."
    if errors:
        raise ValidationError(errors)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[:10],
        digest=token_digest(secret),
        fingerprint=user.access_fingerprint(),
        made_with_second_step=verified,
        created_at=at,
        expires_at=at + datetime.timedelta(days=days),
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, at: datetime.datetime | None = None) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=at or timezone.now())


def api_token_user(secret: str, *, at: datetime.datetime | None = None):
    """The user a token belongs to, or None: an unknown, expired or revoked token, an inactive
    user, a user whose access changed since it was made, or one who must give a code and whose
    token was made without one. Records when it was last used."""
    at = at or timezone.now()
    token = ApiToken.objects.select_related("user").filter(digest=token_digest(secret)).first()
    if token is None or not token.is_live(at=at) or not token.user.is_active:
        return None
    user = token.user
    from improvement_board.accounts.two_factor import needs_code

    if token.fingerprint != user.access_fingerprint() or (needs_code(user) and not token.made_with_second_step):
        return None
    if token.last_used_at is None or at - token.last_used_at > datetime.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
    return user


def _ip_key(group, request) -> str:
    from improvement_board.ops.client_ip import client_ip

    return client_ip(request)


def _failures(request, *, add: bool) -> bool:
    """Count a failed token from this address (``add``) and say whether it is over the limit."""
    usage = get_usage(
        request, group="api-token-failures", key=_ip_key, rate=settings.RATE_API_TOKEN_FAILURES_PER_IP, increment=add
    )
    return usage is not None and usage["count"] >= usage["limit"]


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <secret>``. Too many failed tokens from one address: 429 for
    every token from it until the window ends, the right one included."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if _failures(request, add=False):
            raise exceptions.Throttled(detail="Too many failed tokens from your address. Wait, then try again.")
        if len(header) != 2:
            _failures(request, add=True)
            raise exceptions.AuthenticationFailed("Give the token after the word Token, with one space.")
        try:
            secret = header[1].decode()
        except UnicodeError:
            secret = ""
        user = api_token_user(secret) if secret else None
        if user is None:
            _failures(request, add=True)
            raise exceptions.AuthenticationFailed("This token is not valid: it may have expired or been revoked.")
        return user, None

    def authenticate_header(self, request) -> str:
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):
    """The token scheme in the API's OpenAPI schema (drf-spectacular)."""

    target_class = "improvement_board.api.tokens.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token ` followed by a token made under Your account → API tokens.",
        }
