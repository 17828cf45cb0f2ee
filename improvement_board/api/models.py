"""API tokens: named, expiring, kept only as a digest (the token itself is shown once)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A token its owner made on their account page, for reading the API as themselves. Only its
    SHA-256 is stored; ``prefix`` (its first characters) tells tokens apart in lists. It stops
    working at ``expires_at``, when revoked, or when the owner's access changes
    (``fingerprint``: their role, staff status or council when it was made)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. 'Monthly figures script'.")
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    fingerprint = models.CharField(max_length=200)
    made_with_second_step = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=F("created_at")), name="api_token_expires_after_made"),
            models.CheckConstraint(condition=~Q(name=""), name="api_token_has_a_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_live(self, *, at=None) -> bool:
        at = at or timezone.now()
        return self.revoked_at is None and self.expires_at > at
