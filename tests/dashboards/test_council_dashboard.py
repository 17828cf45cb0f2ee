"""One council's dashboard: the inspection timeline on one scale, the notice's measures with the
actions under each, indicators, milestones, overdue and pending-revision actions, reports."""

from __future__ import annotations

import pytest

from improvement_board.models import User

SUTTON = "E09000029"


@pytest.fixture
def dfe(national_demo, db):
    return User.objects.get(username="dfe.observer")


def test_the_observer_sees_suttons_timeline_from_apa_2005_to_ilacs_2022(client, dfe):
    client.force_login(dfe)
    response = client.get(f"/dashboards/{SUTTON}/")
    assert response.status_code == 200
    d = response.context["d"]
    frameworks = [e.inspection.framework.code for e in d.timeline]
    assert frameworks[0] == "APA" and frameworks[-1] == "ILACS"
    assert d.timeline[0].inspection.title == "Annual performance assessment 2005"
    assert d.timeline[-1].inspection.published.year == 2022
    html = response.content.decode()
    assert "Annual performance assessment 2005" in html
    assert 'class="app-timeline-chart"' in html and 'role="img"' in html
    # one scale, and the grade as written beside it
    sif = next(e for e in d.timeline if e.inspection.framework.code == "SIF")
    assert sif.level == "good" and sif.grade_as_written == "Good"
    apa = d.timeline[0]
    assert apa.level and apa.grade_as_written in {"1", "2", "3", "4"}
    assert "from Annual performance assessment 2005 (published March 2006)" in d.timeline_summary


def test_it_shows_the_notice_measures_with_their_actions_and_the_plan(client, dfe):
    client.force_login(dfe)
    d = client.get(f"/dashboards/{SUTTON}/").context["d"]
    assert d.notice is not None and d.themes
    assert sum(m.total for _, measures in d.themes for m in measures) > 0
    assert d.plan is not None and d.rag_total == 33
    assert d.compliance_date is not None and d.compliance_date.date.year == 2014
    assert d.milestone_rows
    assert d.plan_indicators and all(row.chart_svg.startswith("<svg") for row in d.plan_indicators if row.values)
    assert d.comparisons and "<script" not in d.comparisons[0].chart_svg


def test_a_council_without_a_plan_still_has_its_history_and_indicators(client, dfe):
    client.force_login(dfe)
    response = client.get("/dashboards/E09000003/")  # Barnet
    assert response.status_code == 200
    d = response.context["d"]
    assert d.plan is None and d.timeline and d.comparisons
    assert "has no improvement plan in the service" in response.content.decode()


def test_an_officer_of_southwark_gets_404_for_sutton(client, national_demo, db, southwark_officer):
    client.force_login(southwark_officer)
    assert client.get(f"/dashboards/{SUTTON}/").status_code == 404
    assert client.get("/dashboards/E09999999/").status_code == 404


def test_suttons_officer_and_chair_see_sutton(client, dfe):
    for username in ("sutton.officer", "sutton.chair"):
        client.force_login(User.objects.get(username=username))
        assert client.get(f"/dashboards/{SUTTON}/").status_code == 200
