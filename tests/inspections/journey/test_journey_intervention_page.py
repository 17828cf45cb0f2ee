"""The "DfE intervention" page: the council's stage from the one rule, each notice with its
history, dates and reviews, and its statutory directions; read by whoever may see the council."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from inspections.intervention_services import notice_review_record, statutory_direction_create

pytestmark = pytest.mark.django_db

URL = "/councils/E09000029/intervention/"
D = datetime.date


def test_it_refuses_a_post(signed_in, sutton):
    assert signed_in("observer").post(URL).status_code == 405


def test_the_observer_of_another_council_gets_404(signed_in, sutton_notice):
    assert signed_in("southwark_observer").get(URL).status_code == 404


@time_machine.travel(D(2012, 11, 1))
def test_a_notice_in_force_shows_its_next_review_and_reports_to_ministers(client, sutton_officer, sutton_notice):
    client.force_login(sutton_officer)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["record"].stage.stage == "notice"
    assert "Next review: 14 December 2012" in page
    assert "Not recorded as sent" in page
    assert "No reviews recorded." in page


@time_machine.travel(D(2026, 1, 5))
def test_after_the_final_review_with_no_outcome_it_says_outcome_not_recorded_not_in_force(
    client, sutton_chair, sutton_notice
):
    client.force_login(sutton_chair)
    page = client.get(URL).content.decode()
    assert "Outcome not recorded" in page
    assert ">In force<" not in page


@time_machine.travel(D(2014, 3, 1))
def test_a_lifted_notice_and_a_direction_that_replaced_another_are_linked(client, observer, sutton, sutton_notice):
    notice_review_record(notice=sutton_notice, held_on=D(2013, 6, 14), outcome="lift", attendees="DfE adviser")
    first = statutory_direction_create(council=sutton, issued=D(2013, 7, 1), appointee_name="A Commissioner")
    statutory_direction_create(council=sutton, issued=D(2013, 12, 1), previous=first)
    client.force_login(observer)
    page = client.get(URL).content.decode()
    assert "Lift the notice" in page and "DfE adviser" in page
    assert f'href="#direction-{first.pk}"' in page
    assert "Replaced by a new direction 1 December 2013" in page
    assert "Statutory direction of 1 July 2013" in page
