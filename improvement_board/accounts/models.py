"""Users and their roles. What a user may see and do is decided in ``accounts/access.py``."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from inspections.models import Council, Organisation


class User(AbstractUser):
    """A person who signs in. What they may see and do follows from ``role``
    (see ``improvement_board.accounts.access``)."""

    class Role(models.TextChoices):
        OFFICER = "officer", "Council officer"
        CHAIR = "chair", "Improvement board chair"
        OBSERVER = "observer", "DfE observer"
        ADMINISTRATOR = "administrator", "Administrator"

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.OFFICER)
    council = models.ForeignKey(
        Council, null=True, blank=True, on_delete=models.PROTECT, related_name="officers",
        help_text="The council an officer works for.",
    )
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    observes_all_councils = models.BooleanField(
        default=False, help_text="For DfE observers who follow every council."
    )
    observed_councils = models.ManyToManyField(Council, blank=True, related_name="observers")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="officer") | Q(council__isnull=False),
                name="officer_belongs_to_a_council",
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

        return salted_hmac("improvement_board.User.session", f"{self.password}|{self.access_fingerprint()}",
                           secret=secret, algorithm="sha256").hexdigest()

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


def _access():
    from . import access  # access imports this module's User

    return access
