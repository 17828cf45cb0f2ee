"""Writes about people: inviting them, accepting an invitation, changing a role, deactivating,
and the record of every change and sign-in (``AccountEvent``). Each checks who may do it
(``access``) and the rules, raises ``ValidationError`` with a plain-English message (nothing
saved), and writes in one transaction."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from improvement_board.ops.email import send_email

from . import access
from .models import COUNCILLESS_ROLES, AccountEvent, Invitation, User, role_problems

Role = User.Role
Kind = AccountEvent.Kind


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _event(
    *, kind: str, actor: User | None, subject: User | None, description: str, council=None, details: dict | None = None
) -> AccountEvent:
    return AccountEvent.objects.create(
        kind=kind,
        actor=actor,
        subject=subject,
        description=description,
        details=details or {},
        council=council if council is not None else getattr(subject, "council", None),
    )


def normalise_email(email: str) -> str:
    email = (email or "").strip()
    local, _, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}" if local else email


def email_in_use(email: str, *, exclude: User | None = None) -> bool:
    users = User.objects.filter(email__iexact=email)
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return (
        users.exists() or User.objects.filter(username__iexact=email).exclude(pk=getattr(exclude, "pk", None)).exists()
    )


def _check_role(actor: User, *, role: str, council, organisation) -> None:
    problems = role_problems(role=role, council=council, organisation=organisation)
    if problems:
        raise ValidationError(problems)
    if role not in access.assignable_roles(actor):
        raise ValidationError({"role": "You cannot give someone that role."})
    if council is not None and not access.can_administer_council(actor, council):
        raise ValidationError({"council": "You can only add people to the council you administer."})


# --- Invitations ------------------------------------------------------------------------------


def invitation_create(
    *,
    actor: User,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    council=None,
    organisation=None,
    job_title: str = "",
    observes_all_councils: bool = False,
    base_url: str = "",
) -> Invitation:
    """Invite a new person: their account exists from now, inactive and without a password,
    until they accept (set a password, or sign in with their council's provider). The email goes
    once the account is saved; if it cannot be sent, "Send a new invitation" sends another."""
    with transaction.atomic():
        invitation = _invitation_create(
            actor=actor,
            email=email,
            first_name=first_name,
            last_name=last_name,
            role=role,
            council=council,
            organisation=organisation,
            job_title=job_title,
            observes_all_councils=observes_all_councils,
        )
    _invitation_email(invitation, base_url=base_url)
    return invitation


def _invitation_create(
    *, actor, email, first_name, last_name, role, council, organisation, job_title, observes_all_councils
) -> Invitation:
    email = normalise_email(email)
    if email_in_use(email):
        raise ValidationError({"email": f"{email} already has an account. Find them in the list of users."})
    if role in COUNCILLESS_ROLES:
        council = None
    _check_role(actor, role=role, council=council, organisation=organisation)
    user = User(
        username=email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        council=council,
        organisation=organisation,
        job_title=job_title.strip(),
        observes_all_councils=observes_all_councils and role == Role.OBSERVER,
        is_active=False,
        is_staff=role == Role.SERVICE_ADMINISTRATOR,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    invitation = _invitation_new(actor=actor, user=user)
    _event(
        kind=Kind.INVITED,
        actor=actor,
        subject=user,
        description=f"Invited {user.get_full_name()} ({email}) as {user.role_label()}",
    )
    return invitation


def _invitation_new(*, actor: User, user: User) -> Invitation:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    Invitation.objects.filter(user=user, accepted_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    invitation = Invitation.objects.create(
        user=user,
        email=user.email,
        token_hash=_hash(token),
        invited_by=actor,
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.INVITATION_DAYS),
    )
    invitation.token = token  # for the email and the caller; only its hash is stored
    return invitation


def _invitation_email(invitation: Invitation, *, base_url: str = "") -> None:
    site = (base_url or settings.SITE_URL).rstrip("/")
    context = {
        "user": invitation.user,
        "actor": invitation.invited_by,
        "invitation": invitation,
        "days": settings.INVITATION_DAYS,
        "link": site + reverse("invitation_accept", kwargs={"token": invitation.token}),
    }
    send_email(to=[invitation.user.email], template="invitation", context=context)


def invitation_resend(*, actor: User, user: User, base_url: str = "") -> Invitation:
    """A new link (the old one stops working), for someone who has not accepted yet."""
    if not access.can_manage_user(actor, user):
        raise PermissionDenied("You cannot manage this person.")
    if user.is_active or user.deactivated_at:
        raise ValidationError("Only someone who has not yet accepted their invitation can be sent a new one.")
    with transaction.atomic():
        invitation = _invitation_new(actor=actor, user=user)
        _event(
            kind=Kind.INVITED, actor=actor, subject=user, description=f"Sent {user.get_full_name()} a new invitation"
        )
    _invitation_email(invitation, base_url=base_url)
    return invitation


def invitation_problem(invitation: Invitation | None, *, now: datetime.datetime | None = None) -> str:
    """Why an invitation cannot be used, or "" if it can."""
    now = now or timezone.now()
    if invitation is None:
        return "unknown"
    if invitation.accepted_at:
        return "used"
    if invitation.revoked_at or invitation.user.deactivated_at:
        return "revoked"
    if invitation.expires_at <= now:
        return "expired"
    return ""


def invitation_for_token(token: str) -> Invitation | None:
    return Invitation.objects.select_related("user", "user__council").filter(token_hash=_hash(token)).first()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str | None, via: str) -> User:
    """Use an invitation once: the account becomes active (with the password chosen, if any)."""
    invitation = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
    problem = invitation_problem(invitation)
    if problem:
        raise ValidationError(INVITATION_PROBLEMS[problem])
    user = invitation.user
    if password is not None:
        user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    _event(
        kind=Kind.ACCEPTED,
        actor=user,
        subject=user,
        description=f"{user.get_full_name()} accepted their invitation ({via})",
    )
    return user


INVITATION_PROBLEMS = {
    "unknown": "This invitation link is not valid. Check you copied all of it from the email.",
    "used": "This invitation has already been used. Sign in instead.",
    "revoked": "This invitation has been replaced or withdrawn. Use the latest email you were sent, "
    "or ask your administrator for a new invitation.",
    "expired": "This invitation has expired. Ask your administrator to send you a new one.",
}


# --- Roles and deactivation -------------------------------------------------------------------


def _is_last_administrator(user: User) -> bool:
    """Whether ``user`` is the only active administrator of what they administer."""
    if not user.is_active:
        return False
    if user.role == Role.SERVICE_ADMINISTRATOR:
        return not User.objects.filter(role=Role.SERVICE_ADMINISTRATOR, is_active=True).exclude(pk=user.pk).exists()
    if user.role == Role.COUNCIL_ADMINISTRATOR:
        return (
            not User.objects.filter(role=Role.COUNCIL_ADMINISTRATOR, council_id=user.council_id, is_active=True)
            .exclude(pk=user.pk)
            .exists()
        )
    return False


def _last_administrator_message(user: User) -> str:
    where = f"{user.council.name}" if user.role == Role.COUNCIL_ADMINISTRATOR else "the service"
    return (
        f"{user.get_full_name() or user.email} is the only administrator of {where}. "
        "Make someone else an administrator first."
    )


@transaction.atomic
def user_change_role(*, actor: User, user: User, role: str, council=None, organisation=None) -> User:
    if not access.can_manage_user(actor, user):
        raise PermissionDenied("You cannot manage this person.")
    if role in COUNCILLESS_ROLES:
        council = None
    if role != Role.PARTNER_OFFICER and organisation is None:
        organisation = user.organisation
    _check_role(actor, role=role, council=council, organisation=organisation)
    if (role, getattr(council, "pk", None)) != (user.role, user.council_id) and _is_last_administrator(user):
        raise ValidationError({"role": _last_administrator_message(user)})
    before = user.role_label()
    before_council = user.council
    user.role, user.council, user.organisation = role, council, organisation
    user.is_staff = role == Role.SERVICE_ADMINISTRATOR
    user.full_clean()
    user.save()
    change = f"from {before}" + (f" of {before_council.short_name}" if before_council else "")
    _event(
        kind=Kind.ROLE_CHANGED,
        actor=actor,
        subject=user,
        description=f"Changed {user.get_full_name()}'s role {change} to {user.role_label()}"
        + (f" of {council.short_name}" if council else ""),
    )
    return user


def _end_sessions(user: User) -> int:
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> User:
    """They can no longer sign in, and every session they have ends now."""
    if not access.can_manage_user(actor, user):
        raise PermissionDenied("You cannot manage this person.")
    if user.pk == actor.pk:
        raise ValidationError("You cannot deactivate your own account. Ask another administrator.")
    if user.deactivated_at:
        raise ValidationError(f"{user.get_full_name()} is already deactivated.")
    if _is_last_administrator(user):
        raise ValidationError(_last_administrator_message(user))
    user.is_active = False
    user.deactivated_at = timezone.now()
    user.save(update_fields=["is_active", "deactivated_at"])
    Invitation.objects.filter(user=user, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=user.deactivated_at
    )
    ended = _end_sessions(user)
    _event(
        kind=Kind.DEACTIVATED,
        actor=actor,
        subject=user,
        description=f"Deactivated {user.get_full_name()} ({ended} signed-in session{'s' if ended != 1 else ''} ended)",
    )
    return user


@transaction.atomic
def user_reactivate(*, actor: User, user: User) -> User:
    if not access.can_manage_user(actor, user):
        raise PermissionDenied("You cannot manage this person.")
    if not user.deactivated_at:
        raise ValidationError(f"{user.get_full_name()} is not deactivated.")
    user.deactivated_at = None
    user.is_active = user.has_usable_password() or user.invitations.filter(accepted_at__isnull=False).exists()
    user.save(update_fields=["is_active", "deactivated_at"])
    _event(kind=Kind.REACTIVATED, actor=actor, subject=user, description=f"Reactivated {user.get_full_name()}")
    return user


# --- Signing in -------------------------------------------------------------------------------


def sign_in_record(
    *, user: User, method: str, provider: str = "", amr: list[str] | None = None, acr: str = ""
) -> AccountEvent:
    """One line per sign-in; for single sign-on, with the provider's multi-factor claims."""
    details = {"method": method}
    if method == "sso":
        details.update(provider=provider, amr=list(amr or []), acr=acr)
    how = "with a password" if method == "password" else f"with single sign-on ({provider})"
    if method == "sso":
        how += f", provider's methods: {' '.join(amr or []) or 'not stated'}" + (f", level {acr}" if acr else "")
    return _event(kind=Kind.SIGNED_IN, actor=user, subject=user, description=f"Signed in {how}", details=details)


def sign_in_refused(*, email: str, reason: str, provider: str) -> AccountEvent:
    user = User.objects.filter(email__iexact=email).first() if email else None
    return _event(
        kind=Kind.SIGN_IN_REFUSED,
        actor=None,
        subject=user,
        description=f"Single sign-on ({provider}) refused for {email or 'no email'}: {reason}",
        details={"provider": provider, "reason": reason, "email": email},
    )


def sso_user_for(*, email: str, email_verified: bool, provider, invitation_id: int | None = None):
    """Who single sign-on signs in for this verified email, or (None, why not). An open
    invitation is accepted by signing in: the provider has checked the person owns the address."""
    if not email:
        return None, "no_email"
    if not email_verified:
        return None, "unverified"
    users = list(User.objects.filter(email__iexact=email).select_related("council")[:2])
    if len(users) != 1:
        return None, "unknown"
    user = users[0]
    if invitation_id is not None and not Invitation.objects.filter(pk=invitation_id, user=user).exists():
        return None, "other_email"
    if user.deactivated_at:
        return None, "deactivated"
    if not provider.serves(user.council):
        return None, "wrong_provider"
    if not user.is_active:
        invitation = user.invitations.order_by("-created_at").first()
        problem = invitation_problem(invitation)
        if problem:
            return None, {"used": "deactivated"}.get(problem, problem)
        user = invitation_accept(invitation=invitation, password=None, via=f"single sign-on, {provider.name}")
    return user, ""
