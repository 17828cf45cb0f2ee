"""Pages for service and council administrators: the people they manage, inviting someone,
changing a role, deactivating, and the record of every change. Accepting an invitation is here
too. Views are thin: ``access`` decides who may, ``services`` acts."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import access, services, sso
from .forms import AcceptPasswordForm, InviteForm, RoleForm
from .models import AccountEvent, User


def _require_manager(user) -> None:
    if not access.can_manage_users(user):
        raise PermissionDenied("Only service and council administrators manage people.")


def _managed(request: HttpRequest, pk: int) -> User:
    _require_manager(request.user)
    return get_object_or_404(access.managed_users(request.user), pk=pk)


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
@require_GET
def users(request: HttpRequest) -> HttpResponse:
    _require_manager(request.user)
    people = (
        access.managed_users(request.user)
        .select_related("council", "organisation")
        .order_by("council__short_name", "last_name", "first_name", "username")
    )
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(
            Q(first_name__icontains=query) | Q(last_name__icontains=query) | Q(email__icontains=query)
        )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/users.html", {"page": page, "query": query})


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    _require_manager(request.user)
    # The set-up task list links here with the council and role chosen.
    initial = {key: request.GET[key] for key in ("role", "council") if request.GET.get(key)}
    form = InviteForm(request.POST or None, actor=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invitation_create(
                actor=request.user,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                council=data.get("council"),
                organisation=data.get("organisation"),
                job_title=data.get("job_title", ""),
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                f"Invitation sent to {invitation.email}. The link works once, for "
                f"{(invitation.expires_at - invitation.created_at).days} days.",
            )
            return redirect("user_detail", pk=invitation.user_id)
    return render(request, "accounts/invite.html", {"form": form, "invitation_days": settings.INVITATION_DAYS})


@login_required
@require_GET
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed(request, pk)
    return render(
        request,
        "accounts/user.html",
        {
            "person": person,
            "status": access.account_status(person),
            "events": person.account_events.select_related("actor")[:50],
            "invitation": person.invitations.first(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_role(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed(request, pk)
    form = RoleForm(request.POST or None, actor=request.user, user=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_change_role(
                actor=request.user,
                user=person,
                role=data["role"],
                council=data.get("council"),
                organisation=data.get("organisation"),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
            person.refresh_from_db()
        else:
            messages.success(request, f"{person.get_full_name()} is now {person.role_label().lower()}.")
            return redirect("user_detail", pk=person.pk)
    return render(request, "accounts/user_role.html", {"person": person, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed(request, pk)
    error = ""
    if request.method == "POST":
        try:
            services.user_deactivate(actor=request.user, user=person)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"{person.get_full_name()} has been deactivated and signed out everywhere.")
            return redirect("user_detail", pk=person.pk)
    return render(
        request, "accounts/user_deactivate.html", {"person": person, "error": error}, status=400 if error else 200
    )


def _post_action(request: HttpRequest, pk: int, service, done: str) -> HttpResponse:
    person = _managed(request, pk)
    try:
        service(actor=request.user, user=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done.format(name=person.get_full_name()))
    return redirect("user_detail", pk=person.pk)


@login_required
@require_POST
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(request, pk, services.user_reactivate, "{name} has been reactivated.")


@login_required
@require_POST
def user_resend(request: HttpRequest, pk: int) -> HttpResponse:
    def resend(*, actor, user):
        return services.invitation_resend(actor=actor, user=user, base_url=request.build_absolute_uri("/"))

    return _post_action(request, pk, resend, "A new invitation has been sent to {name}. The old link no longer works.")


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    _require_manager(request.user)
    events = AccountEvent.objects.select_related("actor", "subject", "council")
    if not access.is_service_administrator(request.user):
        events = events.filter(council_id=request.user.council_id)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"page": page})


# --- Accepting an invitation (not signed in) --------------------------------------------------


def _invitation(token: str):
    invitation = services.invitation_for_token(token)
    return invitation, services.invitation_problem(invitation)


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation, problem = _invitation(token)
    if problem:
        return render(
            request,
            "accounts/invitation_problem.html",
            {"message": services.INVITATION_PROBLEMS[problem], "problem": problem},
            status=410 if problem in {"used", "expired", "revoked"} else 404,
        )
    user = invitation.user
    form = AcceptPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation, password=form.cleaned_data["password1"], via="password"
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Your password is set. Sign in to start.")
            if user.needs_two_step():
                return redirect("login")
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("home")
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "invitation": invitation,
            "person": user,
            "form": form,
            "providers": sso.providers_for(user.council),
            "token": token,
        },
    )


@never_cache
@require_POST
def invitation_sso(request: HttpRequest, token: str, key: str) -> HttpResponse:
    """Accept by signing in with the council's provider: remember the invitation, then go."""
    invitation, problem = _invitation(token)
    if problem:
        raise Http404("No such invitation.")
    request.session[sso.INVITATION] = invitation.pk
    return redirect("sso_start", key=key)
