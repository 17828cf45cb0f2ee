"""A council's page with the national data: inspection history on one scale, indicators against
England, the region and statistical neighbours; only for those who may see the council."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspections.models import Council

SUTTON = "E09000029"


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker, data_sets):
    with django_db_blocker.unblock():
        data_sets.load("national")
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def page(client, user, code=SUTTON):
    client.force_login(user)
    return client.get(f"/councils/{code}/")


def test_sutton_officer_sees_history_and_indicator_comparison(national, client, sutton_officer):
    response = page(client, sutton_officer)
    assert response.status_code == 200
    html = response.content.decode()
    # history since 2009, on one scale and as written
    for title in ("SLAC inspection", "CPI inspection", "SIF inspection", "ILACS short inspection"):
        assert title in html
    assert "(as written: Requires improvement to be good)" in html
    assert "Impact of leaders" in html and "Outstanding" in html
    # indicators: chart, table and summary
    assert "Re-referrals within 12 months of a previous referral" in html
    assert "In 2025 Sutton was 18.3%: lower than England (22.6%, better)" in html
    assert "<svg" in html and 'role="img"' in html and "<script" not in html.split("<svg", 1)[1].split("</svg>")[0]
    assert "Statistical neighbours (average)" in html
    assert '<th scope="row" class="govuk-table__header">2025</th>' in html
    assert "Lower is better." in html and "Higher is better." in html


def test_southwark_officer_gets_404_for_sutton(national, client, southwark_officer):
    assert page(client, southwark_officer).status_code == 404


def test_observer_sees_another_council_with_missing_values(national, client, observer):
    response = page(client, observer, "E06000063")  # Cumberland: no neighbours set yet
    assert response.status_code == 200
    html = response.content.decode()
    assert "DfE publishes no statistical neighbours for Cumberland" in html
    cumbria = Council.objects.get(la_number="909")
    html = page(client, observer, cumbria.ons_code).content.decode()
    assert "former council" in html
    assert 'title="not published: marked z"' in html  # missing, shown with its marker, never 0


def test_query_count_does_not_grow_with_rows(national, client, observer):
    client.force_login(observer)
    counts = {}
    for code in (SUTTON, "E10000028", "E06000053"):  # busy, county, the Isles of Scilly (few values)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/councils/{code}/").status_code == 200
        counts[code] = len(queries)
    assert len(set(counts.values())) == 1, counts


def test_sutton_page_query_budget(national, client, sutton_officer, django_assert_max_num_queries):
    client.force_login(sutton_officer)
    with django_assert_max_num_queries(16):
        assert client.get(f"/councils/{SUTTON}/").status_code == 200
