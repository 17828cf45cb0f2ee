"""Two-factor sign-in (TOTP with django-otp) and the sign-in rate limits.

Who needs a code: administrators, board chairs and staff (who reach the admin) always; anyone
else once they have chosen to set up an authenticator app from "Your account".

How: signing in is two steps and nobody is signed in between them. The password step
(:class:`SignInView`) checks the password (django-axes still counts failures) and, for someone
who needs a code, keeps only their id in the session for ``TWO_FACTOR_PENDING_MINUTES``; the
code step (:func:`two_factor`) then signs them in with ``django.contrib.auth.login`` and marks
the session verified with ``django_otp.login``. Someone who needs a code but has no app yet
sets one up on that step (a QR code, and the secret written out for typing in). The admin's own
sign-in page sends people here, so every session of a staff member passed the code step, and
the admin also refuses a session that is not verified for anyone with a device.

Rate limits (django-ratelimit, counted per address and, for password reset, per email) answer
429 with a page that says what happened and what to do.
"""

from __future__ import annotations

import io
import time
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_ratelimit.core import get_usage, is_ratelimited

from . import auth_forms

PENDING_USER = "two_factor_user_id"
PENDING_BACKEND = "two_factor_backend"
PENDING_NEXT = "two_factor_next"
PENDING_SINCE = "two_factor_since"
ENROLMENT_DEVICE = "two_factor_enrolment_device"
ENROLMENT_QR_SHOWN = "two_factor_enrolment_qr_shown"
DEVICE_NAME = "Authenticator app"


def required_for(user) -> bool:
    """Administrators (of the service or a council), board chairs and staff must use a second
    factor (the rule is ``access.needs_two_step``)."""
    from .access import needs_two_step

    return needs_two_step(user)


def needs_code(user) -> bool:
    return required_for(user) or user_has_device(user, confirmed=True)


# --- Rate limits ------------------------------------------------------------------------------


def rate_limited(request: HttpRequest, exception=None) -> HttpResponse:
    """The page for too many requests (429)."""
    return render(request, "registration/rate_limited.html", status=429)


def limit(group: str, *rates: tuple[str, str]):
    """Refuse POSTs over any of ``rates`` (pairs of key and setting name) with a 429 page.
    Every POST counts, whatever its outcome."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                over = False
                for key, setting in rates:
                    if key.endswith("_email_key") and not _email_key(group, request):
                        continue
                    if is_ratelimited(
                        request,
                        group=f"{group}:{key}",
                        key=key,
                        rate=getattr(settings, setting),
                        method="POST",
                        increment=True,
                    ):
                        over = True
                if over:
                    return rate_limited(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def _email_key(group, request) -> str:
    return (request.POST.get("email") or "").strip().lower()


# --- Step 1: the password ---------------------------------------------------------------------


def _username_key(group, request) -> str:
    return (request.POST.get("username") or "").strip().lower()


def _username_paused(request: HttpRequest, *, failed: bool = False) -> bool:
    """Whether failed sign-ins for this username, from any address, are over
    ``RATE_SIGN_IN_FAILURES_PER_USERNAME`` in its window (``failed``: count one more). The pause
    lasts to the end of the window: a short cool-down, so that someone guessing at an account
    from many addresses cannot keep its owner out for long."""
    if not _username_key(None, request):
        return False
    usage = get_usage(
        request,
        group="sign-in:username",
        key=_username_key,
        rate=settings.RATE_SIGN_IN_FAILURES_PER_USERNAME,
        method="POST",
        increment=failed,
    )
    return usage is not None and usage["count"] >= usage["limit"]


class SignInView(auth_views.LoginView):
    """The password step; people who need a code go on to the code step, not signed in yet."""

    form_class = auth_forms.SignInForm

    def post(self, request, *args, **kwargs):
        if _username_paused(request):
            return rate_limited(request)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        _username_paused(self.request, failed=True)
        return super().form_invalid(form)

    def form_valid(self, form):
        user = form.get_user()
        if not needs_code(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING_USER] = user.pk
        self.request.session[PENDING_BACKEND] = user.backend
        self.request.session[PENDING_NEXT] = self.get_success_url()
        self.request.session[PENDING_SINCE] = time.time()
        return redirect("two_factor")


sign_in = limit("sign-in", ("ip", "RATE_SIGN_IN_PER_IP"))(SignInView.as_view())

password_reset = limit(
    "password-reset", ("ip", "RATE_PASSWORD_RESET_PER_IP"), (f"{__name__}._email_key", "RATE_PASSWORD_RESET_PER_EMAIL")
)


def admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """The admin's sign-in page: ours, so that staff give their code too."""
    target = request.GET.get("next") or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("admin:index")
    return redirect(f"{reverse('login')}?{urlencode({'next': target})}")


_admin_has_permission = admin.AdminSite.has_permission


def admin_has_permission(self, request) -> bool:
    """The Django admin is for service administrators only, and refuses a session not verified
    by a code for anyone who has a device."""
    from .access import is_service_administrator

    if not _admin_has_permission(self, request) or not is_service_administrator(request.user):
        return False
    user = request.user
    return user.is_verified() if user_has_device(user, confirmed=True) else True


class SecondStepRequiredMiddleware:
    """Every request from someone who needs a code (:func:`needs_code`: their role requires it,
    or they set up an app) must come from a session that gave one, the admin's and the API's
    included. A session that did not (the person was made a chair or administrator since, or set
    up an app in another session) is moved to the code step, keeping where they were going.
    After django-otp's middleware, which says whether the session is verified."""

    EXEMPT = {"two_factor", "two_factor_qr", "logout", "login"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and self._needs_code(user) and not self._exempt(request):
            backend = request.session.get(BACKEND_SESSION_KEY)
            target = request.get_full_path() if request.method == "GET" else settings.LOGIN_REDIRECT_URL
            auth_logout(request)
            request.session[PENDING_USER] = user.pk
            request.session[PENDING_BACKEND] = backend
            request.session[PENDING_NEXT] = target
            request.session[PENDING_SINCE] = time.time()
            messages.info(request, "Enter a code from your authenticator app to carry on.")
            return redirect("two_factor")
        return self.get_response(request)

    @staticmethod
    def _needs_code(user) -> bool:
        """:func:`needs_code` in at most one query (this runs on every request)."""
        return required_for(user) or TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    def _exempt(self, request) -> bool:
        try:
            return resolve(request.path_info).url_name in self.EXEMPT
        except Resolver404:
            return False


# --- Step 2: the code -------------------------------------------------------------------------


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=12,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == self.device.digits):
            raise forms.ValidationError(f"Enter the {self.device.digits}-digit code from your authenticator app")
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError("Too many wrong codes. Wait a few seconds, then enter the newest code")
        if not self.device.verify_token(code):
            raise forms.ValidationError("The code is not right or has expired. Enter the newest code from your app")
        return code


def _pending_user(request: HttpRequest):
    pk = request.session.get(PENDING_USER)
    since = request.session.get(PENDING_SINCE, 0)
    if pk is None or time.time() - since > settings.TWO_FACTOR_PENDING_MINUTES * 60:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def enrolment_start(request: HttpRequest, user) -> TOTPDevice:
    """Start setting up an app: a fresh secret every time (any key shown before, to anyone, stops
    being usable), known only to this session. The key is shown on the page that starts it and
    its QR code once; showing the page again starts again with a new key."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    request.session[ENROLMENT_DEVICE] = device.pk
    request.session[ENROLMENT_QR_SHOWN] = False
    return device


def _enrolment_device(request: HttpRequest, user) -> TOTPDevice | None:
    """The unconfirmed device this session started setting up, if it is still there."""
    pk = request.session.get(ENROLMENT_DEVICE)
    if pk is None:
        return None
    return TOTPDevice.objects.filter(pk=pk, user=user, confirmed=False).first()


def _enrolment_end(request: HttpRequest) -> None:
    for key in (ENROLMENT_DEVICE, ENROLMENT_QR_SHOWN):
        request.session.pop(key, None)


def _secret(device: TOTPDevice) -> str:
    from base64 import b32encode

    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
@limit("two-factor", ("ip", "RATE_TWO_FACTOR_PER_IP"))
def two_factor(request: HttpRequest) -> HttpResponse:
    """The code step of signing in; sets up an app first for someone who must have one."""
    user = _pending_user(request)
    if user is None:
        if PENDING_USER in request.session:
            messages.info(request, "Sign in again: the time to enter your code ran out.")
        return redirect("login")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    enrolling = device is None
    if enrolling:
        device = enrolment_start(request, user) if request.method == "GET" else _enrolment_device(request, user)
        if device is None:
            return redirect("two_factor")  # the key this form was for was replaced: show a new one
    form = CodeForm(request.POST if request.method == "POST" else None, device=device)
    if request.method == "POST" and form.is_valid():
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            _enrolment_end(request)
        target = request.session.get(PENDING_NEXT) or settings.LOGIN_REDIRECT_URL
        backend = request.session.get(PENDING_BACKEND)
        for key in (PENDING_USER, PENDING_BACKEND, PENDING_NEXT, PENDING_SINCE):
            request.session.pop(key, None)
        auth_login(request, user, backend=backend)
        otp_login(request, device)
        if enrolling:
            messages.success(
                request, "Two-step verification is set up. You will need a code from your app each time you sign in."
            )
        return redirect(target)
    return render(
        request,
        "registration/two_factor.html",
        {
            "form": form,
            "enrolling": enrolling,
            "secret": _secret(device) if enrolling else "",
            "qr_url": reverse("two_factor_qr"),
            "pending_user": user,
        },
    )


@never_cache
@require_safe
def two_factor_qr(request: HttpRequest) -> HttpResponse:
    """The QR code (SVG) of the app being set up: for the person between password and code, or
    for a signed-in person setting one up from their account page."""
    user = request.user if request.user.is_authenticated else _pending_user(request)
    if user is None:
        return HttpResponse(status=404)
    device = _enrolment_device(request, user)
    if device is None or request.session.get(ENROLMENT_QR_SHOWN):
        return HttpResponse(status=404)
    request.session[ENROLMENT_QR_SHOWN] = True
    import qrcode
    from qrcode.image.svg import SvgPathImage

    image = qrcode.make(device.config_url, image_factory=SvgPathImage, box_size=10, border=4)
    buffer = io.BytesIO()
    image.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


# --- Your account: optional set-up for everyone else ------------------------------------------


@never_cache
@require_safe
@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registration/account.html",
        {
            "has_device": user_has_device(request.user, confirmed=True),
            "required": required_for(request.user),
        },
    )


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
@login_required
@limit("two-factor", ("ip", "RATE_TWO_FACTOR_PER_IP"))
def account_two_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app from the account page (optional for officers and observers)."""
    if user_has_device(request.user, confirmed=True):
        return redirect("account")
    if request.method == "GET":
        device = enrolment_start(request, request.user)
    else:
        device = _enrolment_device(request, request.user)
        if device is None:
            return redirect("account_two_factor")
    form = CodeForm(request.POST if request.method == "POST" else None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        _enrolment_end(request)
        otp_login(request, device)
        messages.success(
            request, "Two-step verification is set up. You will need a code from your app each time you sign in."
        )
        return redirect("account")
    return render(
        request,
        "registration/two_factor.html",
        {
            "form": form,
            "enrolling": True,
            "secret": _secret(device),
            "qr_url": reverse("two_factor_qr"),
            "from_account": True,
        },
    )


@never_cache
@require_http_methods(["POST"])
@login_required
def account_two_factor_remove(request: HttpRequest) -> HttpResponse:
    """Turn two-step verification off: only for those who are not required to have it, and only
    with a current code from the app (a password-only session, or someone at an unlocked
    screen, cannot)."""
    if required_for(request.user):
        return render(
            request,
            "registration/account.html",
            {
                "has_device": True,
                "required": True,
                "error": "Administrators, board chairs and staff must keep two-step verification on.",
            },
            status=403,
        )
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).order_by("pk").first()
    if device is None:
        return redirect("account")
    form = CodeForm(request.POST, device=device)
    if not form.is_valid():
        return render(
            request,
            "registration/account.html",
            {
                "has_device": True,
                "required": False,
                "remove_form": form,
                "error": form.errors["code"][0],
            },
            status=400,
        )
    TOTPDevice.objects.filter(user=request.user).delete()
    messages.success(request, "Two-step verification is off.")
    return redirect("account")
