"""Every sign-in is recorded (``services.sign_in_record``), however it happened: a password
(with or without its code), an accepted invitation, or single sign-on, whose backend leaves
the provider's multi-factor claims on the user as ``sso_facts``."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in, dispatch_uid="improvement_board.accounts.sign_in_record")
def sign_in_recorded(sender, request, user, **kwargs):
    from . import services

    facts = getattr(user, "sso_facts", None)
    if facts is not None:
        services.sign_in_record(user=user, method="sso", **facts)
    else:
        services.sign_in_record(user=user, method="password")
