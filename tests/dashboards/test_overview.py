"""The national overview: one row per council followed, sortable, filterable, as CSV; only the
councils a user may see."""

from __future__ import annotations

import csv
import io

import pytest

from improvement_board.models import User

SUTTON, SOUTHWARK = "E09000029", "E09000028"


@pytest.fixture
def dfe(national_demo, db):
    return User.objects.get(username="dfe.observer")


def rows_of(response) -> list[str]:
    return [row.council.short_name for row in response.context["rows"]]


def test_a_national_observer_sees_every_current_council_with_or_without_a_plan(client, dfe):
    client.force_login(dfe)
    response = client.get("/dashboards/")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 153
    sutton = next(r for r in rows if r.council.ons_code == SUTTON)
    assert sutton.has_plan and sutton.total == 33
    assert sutton.latest_overall.framework == "ILACS" and sutton.latest_overall.level == "good"
    assert [j.framework for j in sutton.judgements][:2] == ["ILACS", "SIF"]
    assert sutton.notice_status == "outcome_not_recorded"  # final review February 2014, no outcome recorded
    without_plan = next(r for r in rows if r.council.short_name == "Barnet")
    assert not without_plan.has_plan and without_plan.latest_overall is not None
    assert "No plan" in response.content.decode()  # Barnet, on the first page
    html = client.get("/dashboards/?name=Sutton").content.decode()
    assert "Sutton" in html
    # the RAG bar has its numbers written out, not colour alone
    assert '<abbr title="Red">R</abbr>&nbsp;' + str(sutton.rag["red"]) in html


def test_it_sorts_by_each_column_both_ways(client, dfe):
    client.force_login(dfe)
    names = rows_of(client.get("/dashboards/?sort=council"))
    assert names == sorted(names, key=str.lower)
    assert rows_of(client.get("/dashboards/?sort=-council")) == names[::-1]
    for column in ("judgement", "notice", "red", "overdue", "indicators", "change", "region", "judged"):
        for sort in (column, f"-{column}"):
            response = client.get(f"/dashboards/?sort={sort}")
            assert response.status_code == 200 and len(response.context["rows"]) == 153
    worst_first = client.get("/dashboards/?sort=-overdue").context["rows"]
    assert worst_first[0].overdue >= worst_first[-1].overdue
    assert client.get("/dashboards/?sort=notice").context["rows"][0].notice_status == "outcome_not_recorded"


def test_it_filters_by_region_notice_and_judgement(client, dfe):
    client.force_login(dfe)
    london = client.get("/dashboards/?region=London").context["rows"]
    assert london and {r.council.region for r in london} == {"London"}
    assert rows_of(client.get("/dashboards/?notice=outcome_not_recorded")) == ["Sutton"]
    assert rows_of(client.get("/dashboards/?notice=under_intervention")) == []
    good = client.get("/dashboards/?judgement=good&region=London").context["rows"]
    assert good and all(r.latest_overall.level == "good" for r in good)
    assert client.get("/dashboards/?judgement=nonsense").context["filters"]["judgement"] == ""


def test_it_exports_the_rows_shown_as_csv(client, dfe):
    client.force_login(dfe)
    response = client.get("/dashboards/overview.csv?region=London&sort=-overdue")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows and {r["Region"] for r in rows} == {"London"}
    sutton = next(r for r in rows if r["ONS code"] == SUTTON)
    assert sutton["Intervention stage"] == "Outcome not recorded" and sutton["Actions"] == "33"
    assert sutton["Reviews with no outcome recorded"].count("review") == 3
    assert sutton["Latest overall judgement"] == "Good"


def test_an_observer_of_southwark_sees_only_southwark(client, national_demo, db, southwark_observer):
    client.force_login(southwark_observer)
    assert rows_of(client.get("/dashboards/")) == ["Southwark"]
    assert client.get(f"/dashboards/{SUTTON}/").status_code == 404
    assert client.get(f"/dashboards/{SOUTHWARK}/").status_code == 200


def test_someone_signed_out_is_sent_to_sign_in(client, national_demo, db):
    response = client.get("/dashboards/")
    assert response.status_code == 302 and "/account/sign-in/" in response["Location"]


def test_it_finds_councils_by_name_and_shows_them_fifty_at_a_time(client, dfe):
    client.force_login(dfe)
    first = client.get("/dashboards/")
    assert len(first.context["page_rows"]) == 50
    page = first.content.decode()
    assert 'class="govuk-pagination"' in page and 'aria-label="Page 4"' in page
    last = client.get("/dashboards/?page=4&sort=council")
    assert len(last.context["page_rows"]) == 3
    assert rows_of(client.get("/dashboards/?name=sutt")) == ["Sutton"]
    assert rows_of(client.get("/dashboards/?name=london+borough+south")) == ["Southwark"]
    assert "1 matches your search" in client.get("/dashboards/?name=sutton").content.decode()
