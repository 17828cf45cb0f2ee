"""People, their roles, invitations and the record of changes to accounts. What a user may see
and do is decided in ``accounts/access.py``; the user's ``can_…`` methods ask it, so that lower
apps (``actions``, ``inspections``) check access without importing this package."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from inspections.models import Council, Organisation

COUNCIL_ROLES = frozenset({"council_administrator", "officer", "partner_officer", "board_member"})
COUNCILLESS_ROLES = frozenset({"service_administrator", "observer"})


def role_problems(*, role: str, council, organisation) -> dict[str, str]:
    """What a role needs that is missing, as messages by field (empty: nothing missing). The
    database holds the same rule (``Meta.constraints``); this says it in plain English."""
    problems = {}
    if role in COUNCIL_ROLES and council is None:
        problems["council"] = f"Choose the council a {User.Role(role).label.lower()} works for."
    if role == User.Role.PARTNER_OFFICER and organisation is None:
        problems["organisation"] = "Choose the partner organisation a partner officer works for."
    return problems


class User(AbstractUser):
    """A person who signs in. What they may see and do follows from ``role`` and is decided in
    ``improvement_board.accounts.access``; the methods below ask it."""

    class Role(models.TextChoices):
        SERVICE_ADMINISTRATOR = "service_administrator", "Service administrator"
        COUNCIL_ADMINISTRATOR = "council_administrator", "Council administrator"
        OFFICER = "officer", "Council officer"
        PARTNER_OFFICER = "partner_officer", "Partner officer"
        CHAIR = "chair", "Improvement board chair"
        BOARD_MEMBER = "board_member", "Board member"
        OBSERVER = "observer", "DfE observer"

    role = models.CharField(max_length=30, choices=Role.choices, default=Role.OFFICER)
    council = models.ForeignKey(
        Council,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
        help_text="The council they work for or with (needed for council administrators, officers, "
        "partner officers and board members).",
    )
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text="For partner officers: the partner agency they work for.",
    )
    observes_all_councils = models.BooleanField(default=False, help_text="For DfE observers who follow every council.")
    observed_councils = models.ManyToManyField(Council, blank=True, related_name="observers")
    deactivated_at = models.DateTimeField(
        null=True, blank=True, help_text="When an administrator deactivated them (their sessions ended then)."
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=sorted(COUNCIL_ROLES)) | Q(council__isnull=False),
                name="council_roles_have_a_council",
            ),
            models.CheckConstraint(
                condition=~Q(role="partner_officer") | Q(organisation__isnull=False),
                name="partner_officer_has_an_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def access_fingerprint(self) -> str:
        """What the person's access follows from. A session (and an API token) is good only for
        the fingerprint it was made with: a change of role, staff status or council ends it."""
        return f"{self.role}|{int(self.is_staff)}|{int(self.is_superuser)}|{self.council_id or ''}"

    def _get_session_auth_hash(self, secret=None):
        """Django keeps this in the session and signs the person out when it changes: as well as
        the password (Django's own rule), it covers :meth:`access_fingerprint` (issue 16, item 2)."""
        from django.utils.crypto import salted_hmac

        return salted_hmac(
            "improvement_board.User.session",
            f"{self.password}|{self.access_fingerprint()}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def clean(self):
        super().clean()
        problems = role_problems(role=self.role, council=self.council, organisation=self.organisation)
        if problems:
            raise ValidationError(problems)

    def role_label(self) -> str:
        return self.get_role_display()

    # --- What this user may see and do --------------------------------------------------------
    # Decided in ``accounts/access.py`` (the one place); asked here so that the lower apps
    # (inspections, actions) call ``request.user.can_view_council(council)`` without importing
    # anything from improvement_board. Their views are for signed-in users only.

    def is_administrator(self) -> bool:
        return _access().is_administrator(self)

    def visible_councils(self):
        """The councils whose data this user may read (a queryset)."""
        return _access().visible_councils(self)

    def can_view_council(self, council) -> bool:
        return _access().can_view_council(self, council)

    def can_update_plan(self, council) -> bool:
        """Log progress, propose revised dates, enter indicator values."""
        return _access().can_update_plan(self, council)

    def chaired_councils(self):
        """The councils whose revised due dates this user may agree or reject (a queryset)."""
        return _access().chaired_councils(self)

    def can_decide_revisions(self, council) -> bool:
        return _access().can_decide_revisions(self, council)

    def can_view_board(self, board) -> bool:
        return _access().can_view_board(self, board)

    def can_chair(self, board) -> bool:
        return _access().can_chair(self, board)

    def plan_council(self, ons_code: str | None):
        """The council whose plan this user asked for (404 for one they may not see), or None."""
        return _access().plan_council(self, ons_code)

    def require_view_council(self, council) -> None:
        """404 unless this user may see the council."""
        _access().require_view_council(self, council)

    def require_update_plan(self, council) -> None:
        """404 unless this user may see the council, 403 unless they may update its plan."""
        _access().require_update_plan(self, council)

    def require_decide_revisions(self, council) -> None:
        """404 unless this user may see the council, 403 unless they may decide its revised dates."""
        _access().require_decide_revisions(self, council)

    def is_service_administrator(self) -> bool:
        return _access().is_service_administrator(self)

    def needs_two_step(self) -> bool:
        """Administrators (of the service or a council), board chairs and staff give a code too."""
        return _access().needs_two_step(self)

    def can_update_action(self, action) -> bool:
        """Log progress on this action (a partner officer: only those their organisation leads)."""
        return _access().can_update_action(self, action)

    def can_administer_council(self, council) -> bool:
        """Manage the council's people and set up its notice, board and plan."""
        return _access().can_administer_council(self, council)

    def can_record_journey(self, council) -> bool:
        """Record Ofsted's visits and DfE's intervention for the council."""
        return _access().can_record_journey(self, council)

    def require_record_journey(self, council) -> None:
        """404 unless this user may see the council, 403 unless they may record its journey."""
        _access().require_record_journey(self, council)

    def can_manage_users(self) -> bool:
        return _access().can_manage_users(self)

    def account_status(self) -> str:
        """active, invited, expired (the invitation ran out) or deactivated."""
        return _access().account_status(self)


def _access():
    from . import access  # access imports this module's User

    return access


class Invitation(models.Model):
    """A single-use link, sent by email, to start using an account: choose a password, or sign
    in with the council's identity provider. Only a hash of the link's token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True, help_text="Replaced by a newer invitation, or withdrawn.")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="invitation_expires_after_sending"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} ({self.created_at:%-d %B %Y})"


class AccountEvent(models.Model):
    """Who did what to whose account, and when; every sign-in too. Shown to administrators;
    never edited."""

    class Kind(models.TextChoices):
        INVITED = "invited", "Invited"
        ACCEPTED = "accepted", "Accepted an invitation"
        ROLE_CHANGED = "role_changed", "Role changed"
        DEACTIVATED = "deactivated", "Deactivated"
        REACTIVATED = "reactivated", "Reactivated"
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_REFUSED = "sign_in_refused", "Sign-in refused"
        SET_UP = "set_up", "Council set-up"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    subject = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="account_events")
    council = models.ForeignKey(Council, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    description = models.TextField()
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.description}"
