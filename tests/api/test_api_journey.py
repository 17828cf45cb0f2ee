"""The API's improvement journey: each council's intervention stage, its notices' reviews and
directions, and its Ofsted activity between inspections."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from improvement_board.models import User
from inspections.intervention_services import notice_review_record
from inspections.models import Council, ImprovementNotice, Inspection
from inspections.ofsted_services import Finding, record_ofsted_activity

SUTTON = "E09000029"
D = datetime.date


@pytest.fixture
def dfe(national_demo, db):
    return User.objects.get(username="dfe.observer")


def test_each_council_in_the_list_has_its_intervention_stage(client, dfe, token_for):
    stages, url = {}, "/api/v1/councils/"
    while url:
        body = client.get(url, **token_for(dfe)).json()
        stages |= {c["ons_code"]: c["intervention_stage"] for c in body["results"]}
        url = body["next"]
    assert len(stages) == 158
    assert stages[SUTTON] == "outcome_not_recorded"  # final review February 2014, no outcome recorded
    assert stages["E09000028"] == "none"


def test_the_intervention_endpoint_gives_the_stage_reviews_and_flags(client, dfe, token_for):
    notice = ImprovementNotice.objects.get(council__ons_code=SUTTON)
    notice_review_record(
        notice=notice,
        held_on=D(2013, 4, 23),
        outcome="continue",
        scheduled=notice.dates.get(kind="review", date=D(2013, 4, 30)),
        attendees="DfE; the chair",
    )
    headers = token_for(dfe)  # made today, so it has not expired when the clock comes back from 2013
    with time_machine.travel(datetime.datetime(2013, 5, 2, 9, tzinfo=datetime.timezone.utc)):
        body = client.get(f"/api/v1/councils/{SUTTON}/intervention/", **headers).json()
    assert body["stage"]["stage"] == "notice" and body["stage"]["next_review_label"] == "October 2013"
    assert body["notices"][0]["reviews"] == [
        {
            "held_on": "2013-04-23",
            "attendees": "DfE; the chair",
            "outcome": "continue",
            "letter": "",
            "has_letter_file": False,
            "letter_file_url": None,
            "letter_file_api_url": None,
        }
    ]
    assert body["directions"] == []
    body = client.get(f"/api/v1/councils/{SUTTON}/intervention/", **token_for(dfe)).json()
    assert body["stage"]["label"] == "Outcome not recorded"
    assert len(body["stage"]["reviews_without_outcome"]) == 2


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_reviews_letter_file_is_flagged_and_linked_to_the_download_page_and_its_access_rule(
    client, dfe, token_for, make_user
):
    notice = ImprovementNotice.objects.get(council__ons_code=SUTTON)
    headers, url = token_for(dfe), f"/api/v1/councils/{SUTTON}/intervention/"
    notice_review_record(notice=notice, held_on=D(2013, 10, 22), outcome="continue")
    client.get(url, **headers)  # the token's first use is written down once
    with CaptureQueriesContext(connection) as one_review:
        client.get(url, **headers)
    with_letter = notice_review_record(
        notice=notice, held_on=D(2013, 4, 23), outcome="continue", letter_file=SimpleUploadedFile("r.pdf", PDF)
    )
    with CaptureQueriesContext(connection) as two_reviews:
        body = client.get(url, **headers).json()
    assert len(two_reviews) == len(one_review)  # the letter's link costs no query
    reviews = {r["held_on"]: r for r in body["notices"][0]["reviews"]}
    assert (reviews["2013-10-22"]["has_letter_file"], reviews["2013-10-22"]["letter_file_url"]) == (False, None)
    url = reviews["2013-04-23"]["letter_file_url"]
    assert reviews["2013-04-23"]["has_letter_file"] is True
    assert url == f"http://testserver/councils/{SUTTON}/intervention/reviews/{with_letter.pk}/download/"

    client.force_login(dfe)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    southwark = Council.objects.get(ons_code="E09000028")
    client.force_login(make_user("southwark.reader", "officer", council=southwark))
    assert client.get(url).status_code == 404


def test_ofsted_activity_lists_visits_with_findings_and_plan_deadlines(client, dfe, token_for):
    sutton = Council.objects.get(ons_code=SUTTON)
    inspection = Inspection.objects.filter(council=sutton).order_by("-published").first()
    record_ofsted_activity(
        council=sutton,
        kind="monitoring_visit",
        follows=inspection,
        started=D(2024, 3, 5),
        published=D(2024, 4, 2),
        findings=[Finding("progress", "Progress is evident.")],
    )
    record_ofsted_activity(
        council=sutton,
        kind="focused_visit",
        started=D(2023, 11, 7),
        published=D(2023, 12, 1),
        findings=[Finding("priority_action", "Management oversight.")],
    )
    body = client.get(f"/api/v1/councils/{SUTTON}/ofsted-activity/", **token_for(dfe)).json()
    visits = body["results"]
    assert [(v["kind"], v["number"]) for v in visits] == [("monitoring_visit", 1), ("focused_visit", None)]
    assert visits[0]["follows"] == inspection.pk and visits[0]["judgement_as_written"] == ""
    assert set(visits[0]) == {
        *("id", "kind", "number", "follows", "title", "focus", "started", "ended", "published"),
        *("lead_inspector", "inspectorates", "judgement_as_written", "letter_text", "source_name"),
        *("findings", "action_plans"),
    }
    assert [(p["stage"], p["due"]) for p in visits[1]["action_plans"]] == [
        ("draft", "2024-01-03"),
        ("final", "2024-03-13"),
    ]


def test_the_schema_documents_the_intervention_stage_and_ofsted_activity(client, dfe, token_for):
    schema = client.get("/api/v1/schema/?format=json", **token_for(dfe)).json()
    assert "/api/v1/councils/{ons_code}/intervention/" in schema["paths"]
    assert "/api/v1/councils/{ons_code}/ofsted-activity/" in schema["paths"]
    stage = schema["components"]["schemas"]["Council"]["properties"]["intervention_stage"]
    enum = schema["components"]["schemas"][stage["allOf"][0]["$ref"].rsplit("/", 1)[1]]["enum"]
    assert {"direction", "notice", "outcome_not_recorded", "ended", "none"} <= set(enum)
    activity = schema["components"]["schemas"]["OfstedActivity"]["properties"]
    assert {"findings", "action_plans", "follows", "number"} <= set(activity)
    review = schema["components"]["schemas"]["Review"]["properties"]
    assert review["has_letter_file"]["type"] == "boolean"
    assert review["letter_file_url"] == {
        "type": "string",
        "format": "uri",
        "nullable": True,
        "readOnly": True,
        "description": review["letter_file_url"]["description"],
    }
    assert "download" in review["letter_file_url"]["description"]
