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
