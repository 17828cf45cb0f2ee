"""Recording that a direction was revoked (outright, or back to a notice); saved by
``statutory_direction_end``: the council is no longer under a direction from that day."""

from __future__ import annotations

import datetime

import pytest

from inspections.intervention import Stage, intervention_stage
from inspections.intervention_services import statutory_direction_create

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def direction(sutton):
    return statutory_direction_create(council=sutton, issued=D(2013, 7, 1))


@pytest.fixture
def url(direction):
    return f"/councils/E09000029/intervention/directions/{direction.pk}/revoke/"


def test_it_refuses_a_put(signed_in, url):
    assert signed_in("administrator").put(url).status_code == 405


def test_the_chair_may_not_revoke_it(signed_in, url):
    assert signed_in("sutton_chair").post(url, {"end": "revoked"}).status_code == 403


def test_a_direction_asked_for_under_another_council_is_not_found(signed_in, direction, southwark):
    url = f"/councils/E09000028/intervention/directions/{direction.pk}/revoke/"
    assert signed_in("administrator").get(url).status_code == 404


def test_the_revocation_is_saved_and_the_direction_ends_that_day(
    client, sutton_council_admin, sutton, direction, url, day, record
):
    client.force_login(sutton_council_admin)
    record(client, url, {**day("ended_on", D(2015, 3, 31)), "end": "revoked_to_notice"})
    direction.refresh_from_db()
    assert (direction.ended_on, direction.end) == (D(2015, 3, 31), "revoked_to_notice")
    assert intervention_stage(sutton, on=D(2015, 4, 1)).stage == Stage.ENDED


def test_a_revoked_direction_cannot_be_revoked_again(client, administrator, direction, url, day, error_summary):
    direction.ended_on, direction.end = D(2014, 1, 1), "revoked"
    direction.save()
    client.force_login(administrator)
    response = client.post(url, {**day("ended_on", D(2015, 3, 31)), "end": "revoked"})
    assert response.status_code == 400
    assert error_summary(response) == [("id_ended_on_0", "This direction has already ended")]


def test_no_answers_get_govuk_errors(client, administrator, url, error_summary):
    client.force_login(administrator)
    response = client.post(url, {})
    assert error_summary(response) == [
        ("id_ended_on_0", "Enter the date it was revoked"),
        ("id_end_1", "Choose what replaced the direction"),
    ]
