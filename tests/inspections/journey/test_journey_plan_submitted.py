"""Recording when an action plan went to Ofsted and Ofsted's response; saved by
``action_plan_submission_record``; a plan sent after its due date shows as late."""

from __future__ import annotations

import datetime

import pytest

from inspections.ofsted_services import Finding, record_ofsted_activity

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def draft_plan(sutton):
    visit = record_ofsted_activity(
        council=sutton,
        kind="focused_visit",
        started=D(2023, 11, 7),
        published=D(2023, 12, 1),
        findings=[Finding("priority_action", "Management oversight.")],
    )
    return visit.action_plans.get(stage="draft")  # due 3 January 2024


@pytest.fixture
def url(draft_plan):
    return f"/councils/E09000029/ofsted/action-plans/{draft_plan.pk}/sent/"


def test_it_refuses_a_put(signed_in, url):
    assert signed_in("administrator").put(url).status_code == 405


def test_an_observer_may_not_record_it(signed_in, url):
    assert signed_in("observer").post(url, {}).status_code == 403


def test_a_plan_of_another_council_is_not_found_here(signed_in, draft_plan, southwark):
    url = f"/councils/E09000028/ofsted/action-plans/{draft_plan.pk}/sent/"
    assert signed_in("administrator").get(url).status_code == 404


def test_a_late_plan_and_ofsteds_response_are_recorded(client, sutton_council_admin, draft_plan, url, day, record):
    client.force_login(sutton_council_admin)
    data = {
        **day("submitted", D(2024, 1, 5)),
        "ofsted_response": "The plan addresses the priority actions.",
        **day("ofsted_response_on", D(2024, 1, 20)),
    }
    _, saved = record(client, url, data)
    draft_plan.refresh_from_db()
    assert (draft_plan.submitted, draft_plan.submitted_late) == (D(2024, 1, 5), True)
    assert draft_plan.ofsted_response == "The plan addresses the priority actions."
    page = client.get(saved.url).content.decode()
    assert "was sent on 5 January 2024 (late)" in page
    assert "Late</strong>" in page


def test_a_plan_sent_before_the_letter_gets_a_govuk_error(client, sutton_council_admin, url, day, error_summary):
    client.force_login(sutton_council_admin)
    response = client.post(url, {**day("submitted", D(2023, 11, 30)), **day("ofsted_response_on", D(2023, 11, 1))})
    assert response.status_code == 400
    assert error_summary(response) == [
        (
            "id_submitted_0",
            "The date the plan was sent to Ofsted must be on or after the report's date, 1 December 2023",
        ),
        ("id_ofsted_response", "Enter Ofsted's response, or leave its date empty"),
    ]
