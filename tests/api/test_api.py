"""The read-only JSON API: the same scoping as the pages, session or token authentication,
pagination, and what each endpoint returns."""

from __future__ import annotations

import pytest

from improvement_board.models import User

SUTTON, SOUTHWARK = "E09000029", "E09000028"
COUNCIL_URLS = ["", "inspections/", "actions/", "indicators/", "reports/", "intervention/", "ofsted-activity/"]


@pytest.fixture
def dfe(national_demo, db):
    return User.objects.get(username="dfe.observer")


def test_the_councils_list_is_paginated_and_scoped(client, dfe, token_for, southwark_observer):
    body = client.get("/api/v1/councils/", **token_for(dfe)).json()
    assert body["count"] == 158 and len(body["results"]) == 50 and body["next"]
    body = client.get("/api/v1/councils/", **token_for(southwark_observer)).json()
    assert [c["ons_code"] for c in body["results"]] == [SOUTHWARK]


@pytest.mark.parametrize("suffix", COUNCIL_URLS)
def test_an_officer_of_southwark_gets_404_for_sutton(client, national_demo, db, southwark_officer, token_for, suffix):
    assert client.get(f"/api/v1/councils/{SUTTON}/{suffix}", **token_for(southwark_officer)).status_code == 404
    assert client.get(f"/api/v1/councils/{SOUTHWARK}/{suffix}", **token_for(southwark_officer)).status_code == 200


@pytest.mark.parametrize("suffix", COUNCIL_URLS)
def test_sessions_work_and_anonymous_requests_are_refused(client, dfe, suffix):
    assert client.get(f"/api/v1/councils/{SUTTON}/{suffix}").status_code == 403
    client.force_login(dfe)
    assert client.get(f"/api/v1/councils/{SUTTON}/{suffix}").status_code == 200


def test_a_revoked_token_no_longer_works(client, dfe, token_for):
    from improvement_board.api import tokens
    from improvement_board.api.models import ApiToken

    headers = token_for(dfe)
    assert client.get("/api/v1/councils/", **headers).status_code == 200
    tokens.api_token_revoke(token=ApiToken.objects.get(user=dfe))
    assert client.get("/api/v1/councils/", **headers).status_code == 403


def test_the_council_has_its_notice_and_plan_summary(client, dfe, token_for):
    body = client.get(f"/api/v1/councils/{SUTTON}/", **token_for(dfe)).json()
    assert body["name"] == "London Borough of Sutton" and body["la_number"] == "319"
    assert body["notices"][0]["status"] == "in_force"
    assert {d["kind"] for d in body["notices"][0]["dates"]} >= {"review", "ministerial_report", "compliance"}
    assert sum(body["plan"]["rag"].values()) == 33 and body["plan"]["is_synthetic"] is False
    assert len(body["statistical_neighbours"]) == 10
    assert body["actions_url"].endswith(f"/api/v1/councils/{SUTTON}/actions/")


def test_inspections_have_judgements_as_written_and_recommendations(client, dfe, token_for):
    body = client.get(f"/api/v1/councils/{SUTTON}/inspections/", **token_for(dfe)).json()
    inspections = body["results"]
    assert inspections[0]["framework"] == "ILACS" and inspections[-1]["framework"] == "APA"
    assert set(inspections[0]) == {
        *("id", "framework", "framework_name", "title", "variant", "source", "lead_inspector"),
        *("fieldwork_start", "fieldwork_end", "published", "judgements", "recommendations"),
    }
    slac = next(i for i in inspections if i["framework"] == "SLAC")
    judgement = next(j for j in slac["judgements"] if j["grade_as_written"] == "Adequate")
    assert judgement["level"] == "requires_improvement" and "section" in judgement
    assert slac["recommendations"]
    rec = slac["recommendations"][0]
    assert {"section", "text", "timescale", "due_date"} <= set(rec)


def test_actions_carry_rag_overdue_and_what_they_answer_and_filter(client, dfe, token_for):
    headers = token_for(dfe)
    body = client.get(f"/api/v1/councils/{SUTTON}/actions/", **headers).json()
    assert body["count"] == 33
    action = body["results"][0]
    assert {
        "status",
        "rag",
        "due_date",
        "revised_due_date",
        "deadline",
        "overdue",
        "recommendations",
        "measures",
    } <= set(action)
    assert any(a["measures"] for a in body["results"]) and any(a["recommendations"] for a in body["results"])
    red = client.get(f"/api/v1/councils/{SUTTON}/actions/?rag=red", **headers).json()
    assert red["count"] and all(a["rag"] == "red" for a in red["results"])
    overdue = client.get(f"/api/v1/councils/{SUTTON}/actions/?overdue=true", **headers).json()
    assert all(a["overdue"] for a in overdue["results"])
    done = client.get(f"/api/v1/councils/{SUTTON}/actions/?status=complete&overdue=false", **headers).json()
    assert done["count"] and all(a["status"] == "complete" and not a["overdue"] for a in done["results"])
    assert client.get(f"/api/v1/councils/{SUTTON}/actions/?rag=purple", **headers).status_code == 400


def test_indicators_of_the_plan_and_published_with_comparators(client, dfe, token_for):
    body = client.get(f"/api/v1/councils/{SUTTON}/indicators/?page_size=100", **token_for(dfe)).json()
    kinds = {i["kind"] for i in body["results"]}
    assert kinds == {"plan", "published"} or body["next"]
    plan = next(i for i in body["results"] if i["kind"] == "plan")
    assert plan["target"] is not None and plan["values"] and plan["polarity"] in {"higher", "lower"}
    all_items = body["results"]
    while body["next"]:
        body = client.get(body["next"], **token_for(dfe)).json()
        all_items += body["results"]
    rereferral = next(i for i in all_items if i["code"] == "rereferral_rate")
    latest = rereferral["values"][-1]
    assert latest["value"] is not None and latest["england"] is not None and latest["neighbours"] is not None


def test_reports_link_to_the_board_download(client, dfe, token_for):
    import datetime

    from improvement_board.models import BoardReport, ImprovementBoard

    board = ImprovementBoard.objects.get(council__ons_code=SUTTON, is_active=True)
    report = BoardReport.objects.create(
        board=board,
        period=datetime.date(2013, 1, 1),
        status="ready",
        size=10,
        checksum="x" * 64,
        generated_at=datetime.datetime(2013, 2, 1, tzinfo=datetime.UTC),
    )
    body = client.get(f"/api/v1/councils/{SUTTON}/reports/", **token_for(dfe)).json()
    found = next(r for r in body["results"] if r["id"] == report.pk)
    assert found["download_url"].endswith(f"/boards/{board.slug}/reports/{report.pk}/download/")


def test_the_schema_is_served_to_signed_in_users(client, dfe, token_for):
    response = client.get("/api/v1/schema/?format=json", **token_for(dfe))
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert set(paths) == {
        f"/api/v1/councils/{s}"
        for s in [
            "",
            "{ons_code}/",
            "{ons_code}/inspections/",
            "{ons_code}/actions/",
            "{ons_code}/indicators/",
            "{ons_code}/reports/",
            "{ons_code}/reports/{id}/file/",
            "{ons_code}/intervention/",
            "{ons_code}/intervention/reviews/{id}/letter/",
            "{ons_code}/intervention/notices/{id}/letter/",
            "{ons_code}/ofsted-activity/",
        ]
    }
    assert all(set(methods) <= {"get", "parameters"} for methods in paths.values())
