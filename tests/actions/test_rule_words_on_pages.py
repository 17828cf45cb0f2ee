"""Pages state the rules from actions.rules (the ratings' meanings, "due soon", why an overdue
action is Red), so that a rule changed in one place reads the same everywhere."""

import datetime

import pytest
from django.urls import reverse

from actions import rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def soon_action(sutton_plan, make_action, sutton_officer, today):
    return make_action(
        sutton_plan,
        title="Due soon action",
        owner=sutton_officer,
        start_date=today - datetime.timedelta(days=30),
        due_date=today + datetime.timedelta(days=rules.DUE_SOON_DAYS),
    )


@pytest.mark.parametrize(
    "who, url, words",
    [
        ("sutton_officer", lambda a: reverse("actions:plan"), lambda: list(rules.RAG_RULE_IN_WORDS.values())),
        ("sutton_officer", lambda a: reverse("actions:plan"), lambda: [f"due in the next {rules.DUE_SOON_DAYS} days"]),
        (
            "sutton_officer",
            lambda a: reverse("actions:waiting"),
            lambda: [f"due in the next {rules.DUE_SOON_DAYS} days"],
        ),
        ("observer", lambda a: reverse("dashboards:overview"), lambda: list(rules.RAG_RULE_IN_WORDS.values())),
    ],
)
def test_pages_state_the_rules_as_the_rules_module_has_them(client, request, soon_action, who, url, words):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url(soon_action))
    assert response.status_code == 200
    html = response.content.decode().replace("&#x27;", "'")
    for text in words():
        assert text in html


def test_the_progress_form_of_an_overdue_action_says_why_it_is_red(client, sutton_officer, overdue_action):
    client.force_login(sutton_officer)
    response = client.get(reverse("actions:progress", args=[overdue_action.pk]))
    assert response.status_code == 200
    assert rules.OVERDUE_RATING_REASON in response.content.decode().replace("&#x27;", "'")


def test_a_different_due_soon_window_changes_the_pages(client, sutton_officer, soon_action, monkeypatch):
    monkeypatch.setattr(rules, "DUE_SOON_DAYS", 21)
    client.force_login(sutton_officer)
    assert "due in the next 21 days" in client.get(reverse("actions:plan")).content.decode()
