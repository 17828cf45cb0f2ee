"""Emails about the plan's decisions. Sent after the change is committed."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from .models import DueDateRevision


def _send(subject: str, template: str, context: dict, people) -> int:
    addresses = sorted({p.email for p in people if p is not None and p.email and p.is_active})
    context = {**context, "site_url": settings.SITE_URL.rstrip("/")}
    for address in addresses:
        send_mail(subject, render_to_string(template, context), None, [address])
    return len(addresses)


def revision_event(*, revision_id: int, event: str) -> int:
    revision = DueDateRevision.objects.select_related(
        "action__plan__council", "action__owner", "proposed_by", "decided_by"
    ).get(pk=revision_id)
    action = revision.action
    context = {"revision": revision, "action": action}
    if event == "proposed":
        chairs = [b.chair for b in action.plan.council.boards.filter(is_active=True).select_related("chair")]
        return _send(
            f"Revised due date to decide: {action.reference} {action.title}"[:150],
            "emails/revision_proposed.txt",
            context,
            chairs,
        )
    word = {"agreed": "agreed", "rejected": "rejected"}.get(revision.status, revision.status)
    if revision.agreed_date:
        word = "agreed with a different date"
    return _send(
        f"Revised due date {word}: {action.reference} {action.title}"[:150],
        "emails/revision_decided.txt",
        context,
        [revision.proposed_by, action.owner],
    )
