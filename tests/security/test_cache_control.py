"""Nothing sent to a signed-in person may be kept by a browser's or a proxy's cache: pages,
CSV and XLSX exports, files and API responses (by session or token) all carry
``Cache-Control: private, no-store`` (issue 16, item 13). tests/permissions/ (matrix.toml)
checks the same for every URL and every signed-in role."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _directives(response) -> set[str]:
    return {d.strip().lower() for d in response.get("Cache-Control", "").split(",") if d.strip()}


@pytest.mark.parametrize(
    "name",
    ["actions:plan", "actions:export_csv", "actions:export_xlsx", "api:councils", "account", "actions:indicators"],
)
def test_every_signed_in_response_says_private_no_store(client, sutton_officer, sutton_plan, make_action, name):
    make_action(sutton_plan)
    client.force_login(sutton_officer)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert {"private", "no-store"} <= _directives(response) and "public" not in _directives(response)


def test_an_api_response_to_a_token_says_private_no_store(client, sutton_officer, api_token_for):
    response = client.get(reverse("api:councils"), **api_token_for(sutton_officer))
    assert response.status_code == 200
    assert {"private", "no-store"} <= _directives(response)


def test_a_refused_token_is_not_cached_either(client):
    response = client.get(reverse("api:councils"), HTTP_AUTHORIZATION="Token not-a-token")
    assert response.status_code == 403
    assert {"private", "no-store"} <= _directives(response)
