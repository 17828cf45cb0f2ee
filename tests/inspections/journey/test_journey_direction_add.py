"""Recording a statutory direction under section 497A; saved by ``statutory_direction_create``:
the notice it escalates ends as escalated, the direction it replaces ends as replaced."""

from __future__ import annotations

import datetime

import pytest

from inspections.intervention import Stage, intervention_stage
from inspections.intervention_services import statutory_direction_create
from inspections.models import StatutoryDirection

pytestmark = pytest.mark.django_db
URL = "/councils/E09000029/intervention/directions/new/"
D = datetime.date


def test_it_refuses_a_put(signed_in, sutton):
    assert signed_in("administrator").put(URL).status_code == 405


@pytest.mark.parametrize("persona, status", [("observer", 403), ("sutton_member", 403), ("southwark_observer", 404)])
def test_only_administrators_record_directions(client, request, sutton, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == status
    assert client.post(URL, {}).status_code == status


def test_a_direction_escalating_the_notice_is_saved_and_the_council_is_under_it(
    client, sutton_council_admin, sutton, sutton_notice, day, record
):
    client.force_login(sutton_council_admin)
    data = {
        **day("issued", D(2013, 7, 1)),
        "basis": "Section 497A(4B) of the Education Act 1996",
        "follows_notice": sutton_notice.pk,
        "appointee_role": "commissioner",
        "appointee_name": "A Commissioner",
        "instructions": "Work with the council to secure improvement.",
        **day("report_due", D(2013, 10, 1)),
        **day("next_review", D(2014, 1, 15)),
    }
    check, saved = record(client, URL, data)
    assert "Children&#x27;s services commissioner" in check.content.decode()
    direction = StatutoryDirection.objects.get()
    assert (direction.follows_notice, direction.appointee_name, direction.report_due) == (
        sutton_notice,
        "A Commissioner",
        D(2013, 10, 1),
    )
    sutton_notice.refresh_from_db()
    assert sutton_notice.status == "escalated"
    stage = intervention_stage(sutton, on=D(2013, 8, 1))
    assert (stage.stage, stage.next_review) == (Stage.DIRECTION, D(2014, 1, 15))
    assert saved.url == f"/councils/E09000029/intervention/#direction-{direction.pk}"


def test_a_direction_that_replaces_another_ends_it(client, administrator, sutton, day, record):
    first = statutory_direction_create(council=sutton, issued=D(2013, 7, 1))
    client.force_login(administrator)
    assert client.get(f"{URL}?replaces={first.pk}").context["form"]["previous"].value() == str(first.pk)
    record(
        client,
        URL,
        {
            **day("issued", D(2014, 2, 1)),
            "basis": "Section 497A(4B) of the Education Act 1996",
            "previous": first.pk,
            "appointee_role": "adviser",
        },
    )
    first.refresh_from_db()
    assert (first.ended_on, first.end) == (D(2014, 2, 1), "replaced")


def test_bad_input_gets_govuk_errors(client, administrator, sutton, day, error_summary):
    client.force_login(administrator)
    response = client.post(URL, {**day("issued", D(2013, 7, 1)), "basis": "", **day("report_due", D(2013, 6, 1))})
    assert response.status_code == 400
    assert error_summary(response) == [
        ("id_basis", "Enter the law the direction is made under"),
        ("id_appointee_role_1", "Choose who the direction appoints"),
        ("id_report_due_0", "The date the report is due must be on or after the date the direction was issued"),
    ]
