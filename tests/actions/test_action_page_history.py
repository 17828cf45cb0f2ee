"""A long progress history stays short on the page: the latest three updates open, the rest
behind "Earlier progress updates"; times in words."""

import pytest
from django.urls import reverse

from actions import services

pytestmark = pytest.mark.django_db


def test_only_the_latest_three_updates_are_open(client, sutton_officer, sutton_action):
    for n in range(17):
        sutton_action.refresh_from_db()
        services.progress_update_create(
            action=sutton_action,
            author=sutton_officer,
            narrative=f"Update number {n}.",
            status="in_progress",
            rag="green",
        )
    client.force_login(sutton_officer)
    page = client.get(reverse("actions:action", args=[sutton_action.pk])).content.decode()
    opened, earlier = page.split('id="earlier-updates"')
    assert "Update number 16." in opened and "Update number 14." in opened
    assert "Update number 13." not in opened and "Update number 0." in earlier
    assert "Earlier progress updates (14)" in earlier
    assert " at " in opened.split('govuk-summary-card__title">')[1].split("</h3>")[0]  # "2 December 2026 at 9:05am"


def test_a_short_history_has_nothing_hidden(client, sutton_officer, sutton_action):
    services.progress_update_create(
        action=sutton_action, author=sutton_officer, narrative="Only one.", status="in_progress", rag="green"
    )
    client.force_login(sutton_officer)
    page = client.get(reverse("actions:action", args=[sutton_action.pk])).content.decode()
    assert "Only one." in page and "earlier-updates" not in page
