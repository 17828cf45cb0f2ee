"""The service's own pages: accessibility statement, privacy notice, cookies, help and contact;
the branded error pages (403, 404, 405, 429, 500, and a failed CSRF check); and the details that
each deployment sets (who runs it, how to get help: settings from the environment)."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe


def service(request: HttpRequest) -> dict:
    """Context processor: the deployment's service details, for the header, footer and pages."""
    return {"service": settings.SERVICE}


# --- Service pages: anyone may read them, signed in or not ------------------------------------


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html", {"idle_minutes": settings.SESSION_COOKIE_AGE // 60})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html")


@require_safe
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/cookies.html", {"cookies": _cookies()})


@require_safe
def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/help.html", {"idle_minutes": settings.SESSION_COOKIE_AGE // 60})


def _cookies() -> list[tuple[str, str, str]]:
    """(name, what it is for, how long it lasts): every cookie the service sets, all essential."""
    idle = settings.SESSION_COOKIE_AGE // 60
    return [
        (
            settings.SESSION_COOKIE_NAME,
            "Keeps you signed in as you move from page to page",
            f"Ends when you sign out, close your browser or after {idle} minutes without using the service",
        ),
        (settings.CSRF_COOKIE_NAME, "Stops other websites sending forms to the service in your name", "1 year"),
        (
            "messages",
            "Shows a message once after you save something, for example 'Progress update saved'",
            "Until the message is shown",
        ),
    ]


# --- Error pages ------------------------------------------------------------------------------


def _error(request, template: str, status: int, **context) -> HttpResponse:
    return render(request, f"errors/{template}.html", context, status=status)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(request, "404", 404)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    reason = str(exception) if exception and str(exception) else ""
    return _error(request, "403", 403, reason=reason)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        "403",
        403,
        reason="The form had expired or came from another page. Go back, reload the page and try again.",
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """Touches neither the session nor the database, which may be why it failed."""
    return _error(request, "500", 500, user=AnonymousUser(), messages=[])


class BrandedMethodNotAllowed:
    """Django answers a wrong method (a GET of a POST-only address, say) with an empty 405: give
    it the branded page, keeping the Allow header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and request.method != "HEAD":
            branded = _error(request, "405", 405)
            if response.has_header("Allow"):
                branded["Allow"] = response["Allow"]
            return branded
        return response


def explain_admin(admin_login):
    """Someone signed in who is not an administrator and opens /admin/ is told why they cannot
    use it (a 403 page), rather than being sent to sign in again."""

    @wraps(admin_login)
    def login(request: HttpRequest, extra_context=None) -> HttpResponse:
        if request.user.is_authenticated and not request.user.is_staff:
            return _error(request, "admin", 403)
        return admin_login(request, extra_context)

    return login


# --- Navigation by what each person may do ----------------------------------------------------


def navigation(request: HttpRequest) -> dict:
    """Context processor: the service navigation for the person signed in, worked out only when
    a page shows it. Sections come from what they may do, not from a list per role, so that a
    new role gets the links its permissions allow."""
    return {"navigation": SimpleLazyObject(lambda: _navigation(request))}


def _navigation(request: HttpRequest) -> list[dict]:
    from .accounts import access as permissions
    from .models import ImprovementBoard

    user = request.user
    if not user.is_authenticated:
        return []
    councils = list(permissions.visible_councils(user).order_by("name")[:2])
    every_council = permissions.is_administrator(user) or getattr(user, "observes_all_councils", False)
    one = councils[0] if len(councils) == 1 and not every_council else None
    boards = list(
        ImprovementBoard.objects.filter(is_active=True)
        .filter(Q(council__in=permissions.visible_councils(user)) | Q(members__user=user, members__left__isnull=True))
        .distinct()
        .order_by("name")[:2]
    )
    links = []
    if len(boards) == 1:
        links.append(("Board", boards[0].get_absolute_url()))
    if councils:
        links.append(("Improvement plan", reverse("actions:plan")))
        links.append(("Indicators", reverse("actions:indicators")))
    if one:
        links.append(("Dashboard", reverse("dashboards:council", args=[one.ons_code])))
    elif councils or every_council:
        links.append(("Overview", reverse("dashboards:overview")))
    if permissions.chaired_councils(user).exists():
        links.append(("Revised due dates", reverse("actions:revisions")))
    links.append(("Councils", reverse("inspections:councils")))
    if permissions.can_manage_users(user):
        links.append(("People", reverse("users")))
    if user.is_staff and permissions.is_service_administrator(user):
        links.append(("Administration", reverse("admin:index")))
    links.append(("Your account", reverse("account")))
    path = request.path
    # The most specific link that the page sits under is the current one.
    current = max((url for _, url in links if path.startswith(url)), key=len, default=None)
    return [{"label": label, "url": url, "current": url == current, "exact": url == path} for label, url in links]
