"""Read-only, enforced server-side: every dashboard and API URL refuses every method that could
change something (405), for an observer above all, and answers GET."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from improvement_board.models import User

SUTTON = "E09000029"
# Every URL of the dashboards and the API, as a request would name it.
URLS = {
    "dashboards:overview": "/dashboards/",
    "dashboards:overview_csv": "/dashboards/overview.csv",
    "dashboards:council": f"/dashboards/{SUTTON}/",
    "api:schema": "/api/v1/schema/",
    "api:councils": "/api/v1/councils/",
    "api:council": f"/api/v1/councils/{SUTTON}/",
    "api:inspections": f"/api/v1/councils/{SUTTON}/inspections/",
    "api:actions": f"/api/v1/councils/{SUTTON}/actions/",
    "api:indicators": f"/api/v1/councils/{SUTTON}/indicators/",
    "api:reports": f"/api/v1/councils/{SUTTON}/reports/",
    "api:intervention": f"/api/v1/councils/{SUTTON}/intervention/",
    "api:ofsted_activity": f"/api/v1/councils/{SUTTON}/ofsted-activity/",
}


def _names(resolver: URLResolver, namespace: str) -> set[str]:
    out = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLPattern) and pattern.name:
            out.add(f"{namespace}:{pattern.name}")
    return out


def test_the_table_names_every_dashboard_and_api_url():
    resolver = get_resolver()
    names = set()
    for namespace in ("dashboards", "api"):
        names |= _names(resolver.namespace_dict[namespace][1], namespace)
    assert names == set(URLS)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("name", sorted(URLS))
def test_an_observer_cannot_change_anything(client, national_demo, db, name, method):
    client.force_login(User.objects.get(username="dfe.observer"))
    response = getattr(client, method)(URLS[name], data={}, content_type="application/json")
    assert response.status_code == 405


@pytest.mark.parametrize("name", sorted(URLS))
def test_an_observer_can_read_every_url(client, national_demo, db, name):
    client.force_login(User.objects.get(username="dfe.observer"))
    assert client.get(URLS[name]).status_code == 200


@pytest.mark.parametrize("method", ["post", "delete"])
def test_an_api_token_cannot_change_anything_either(client, national_demo, db, method, api_token_for):
    headers = api_token_for(User.objects.get(username="dfe.observer"))
    response = getattr(client, method)("/api/v1/councils/", **headers)
    assert response.status_code == 405
