"""Security middleware: uploads capped per request and per person, and nothing a signed-in
person is sent kept by any cache (issue 16, items 6 and 13)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.cache import patch_cache_control

from .client_ip import client_ip


def _is_upload(request) -> bool:
    return request.method == "POST" and request.content_type == "multipart/form-data"


def _declared_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def upload_allowance_take(*, who: str, size: int, now: float | None = None) -> bool:
    """Count ``size`` bytes of uploads against ``who``'s allowance for the current hour; False
    (nothing counted) if it would go over ``UPLOAD_BYTES_PER_USER_PER_HOUR``. In the shared
    cache, so every web process counts together."""
    window = int((now or time.time()) // 3600)
    key = f"uploads:{who}:{window}"
    cache.add(key, 0, timeout=3600 + 60)
    used = cache.incr(key, size)
    if used > settings.UPLOAD_BYTES_PER_USER_PER_HOUR:
        cache.decr(key, size)
        return False
    return True


class UploadLimitMiddleware:
    """Refuses, before its body is read, a request bigger than ``REQUEST_MAX_BYTES`` (413), and
    an upload that would take a person (or, signed out, an address) over their hourly allowance
    (429). After the authentication middleware, so it knows who is asking."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _declared_length(request)
        if length > settings.REQUEST_MAX_BYTES:
            return render(
                request, "errors/upload_too_big.html", {"limit": filesizeformat(settings.REQUEST_MAX_BYTES)}, status=413
            )
        if _is_upload(request) and length:
            user = getattr(request, "user", None)
            who = f"user:{user.pk}" if user is not None and user.is_authenticated else f"ip:{client_ip(request)}"
            if not upload_allowance_take(who=who, size=length):
                return render(
                    request,
                    "errors/upload_rate_limited.html",
                    {"limit": filesizeformat(settings.UPLOAD_BYTES_PER_USER_PER_HOUR)},
                    status=429,
                )
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in person (by session
    or API token: DRF sets ``request.user`` on the request when a token authenticates), and on
    any response to a request that carried credentials."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
            patch_cache_control(response, private=True, no_store=True)  # drops any "public"
        return response
