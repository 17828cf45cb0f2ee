"""Sending email, one way for everything the service sends: invitations, reminders and report
notices.

``send_email()`` renders a message from its templates (``emails/<name>_subject.txt``,
``emails/<name>.txt`` and, if there is one, ``emails/<name>.html``) and sends it through Django's
mail API. Which road it takes is the ``EMAIL_BACKEND`` setting, chosen from the environment:

- **GOV.UK Notify** when ``NOTIFY_API_KEY`` is set (``NotifyEmailBackend`` below): each recipient
  gets their own notification from one Notify template whose subject is ``((subject))`` and whose
  body is ``((body))`` (``NOTIFY_TEMPLATE_ID``);
- **SMTP** when ``EMAIL_HOST`` is set;
- **the console** otherwise (development).

Code in ``actions`` (the reminders) cannot import this module (it sits in a lower layer); it calls
``django.core.mail.send_mail``, which goes through the same backend.
"""

from __future__ import annotations

from email.utils import getaddresses

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string


def send_email(*, to: list[str], template: str, context: dict, hide_recipients: bool = False) -> int:
    """Send the ``template`` email to ``to``; with ``hide_recipients`` they are in Bcc (one message,
    nobody sees the others' addresses). Returns the number of recipients."""
    to = sorted({address for address in to if address}, key=str.lower)
    if not to:
        return 0
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    body = render_to_string(f"emails/{template}.txt", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[settings.DEFAULT_FROM_EMAIL] if hide_recipients else to,
        bcc=to if hide_recipients else [],
    )
    try:
        message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    except TemplateDoesNotExist:
        pass
    message.send()
    return len(to)


class NotifyEmailBackend(BaseEmailBackend):
    """Django email backend that sends through GOV.UK Notify's API. To, Cc and Bcc recipients
    each get their own notification (Notify has no copies); the service's own sender address,
    which a Bcc message is addressed to, is skipped."""

    def __init__(self, fail_silently: bool = False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        if not settings.NOTIFY_API_KEY or not settings.NOTIFY_TEMPLATE_ID:
            raise ImproperlyConfigured("GOV.UK Notify needs both NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID.")
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL)

    def send_messages(self, email_messages) -> int:
        sent = 0
        sender = {address.lower() for _, address in getaddresses([settings.DEFAULT_FROM_EMAIL])}
        for message in email_messages:
            recipients = [
                address
                for _, address in getaddresses(message.recipients())
                if address and address.lower() not in sender
            ]
            try:
                for address in recipients:
                    self.client.send_email_notification(
                        email_address=address,
                        template_id=settings.NOTIFY_TEMPLATE_ID,
                        personalisation={"subject": message.subject, "body": message.body},
                    )
            except Exception:
                if not self.fail_silently:
                    raise
                continue
            sent += 1
        return sent
