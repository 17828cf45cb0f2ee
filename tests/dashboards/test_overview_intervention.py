"""The overview answers "which councils are under a notice or direction today, and when is each
one's next review": each council's stage from the one rule, a filter on it, reviews with no
outcome flagged, and the next review date."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine

from improvement_board.models import User
from inspections.intervention_services import notice_review_record, statutory_direction_create
from inspections.models import Council, ImprovementNotice

D = datetime.date
SUTTON, SOUTHWARK = "E09000029", "E09000028"


def _on(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.timezone.utc))


@pytest.fixture
def dfe(national_demo, db, client):
    client.force_login(User.objects.get(username="dfe.observer"))
    return client


def _row(response, ons_code):
    return next(r for r in response.context["rows"] if r.council.ons_code == ons_code)


def test_during_the_notice_the_overview_shows_the_stage_and_next_review(dfe):
    with _on(D(2013, 5, 2)):
        response = dfe.get("/dashboards/?notice=under_intervention")
    assert [r.council.short_name for r in response.context["rows"]] == ["Sutton"]
    html = response.content.decode()
    assert "Improvement notice" in html and "Next review: October 2013" in html
    assert "1 review with no outcome" in html  # April 2013 passed with none recorded


def test_a_review_with_its_outcome_recorded_is_no_longer_flagged(dfe):
    notice = ImprovementNotice.objects.get(council__ons_code=SUTTON)
    notice_review_record(
        notice=notice,
        held_on=D(2013, 4, 23),
        outcome="continue",
        scheduled=notice.dates.get(kind="review", date=D(2013, 4, 30)),
    )
    with _on(D(2013, 5, 2)):
        row = _row(dfe.get("/dashboards/"), SUTTON)
    assert row.stage.reviews_without_outcome == []


def test_a_statutory_direction_is_under_intervention_with_its_review_date(dfe):
    southwark = Council.objects.get(ons_code=SOUTHWARK)
    statutory_direction_create(
        council=southwark,
        issued=D(2013, 1, 10),
        appointee_name="A Commissioner",
        report_due=D(2013, 4, 10),
        next_review=D(2013, 7, 1),
    )
    with _on(D(2013, 5, 2)):
        response = dfe.get("/dashboards/?notice=under_intervention&sort=notice")
    assert [r.council.short_name for r in response.context["rows"]] == ["Southwark", "Sutton"]
    assert "Next review: 1 July 2013" in response.content.decode()
    with _on(D(2013, 5, 2)):
        assert [r.council.short_name for r in dfe.get("/dashboards/?notice=direction").context["rows"]] == ["Southwark"]


def test_after_the_final_review_with_no_outcome_sutton_is_outcome_not_recorded_not_in_force(dfe):
    response = dfe.get("/dashboards/?name=Sutton")  # the overview shows 50 councils a page
    row = _row(response, SUTTON)
    assert row.notice_status_label == "Outcome not recorded"
    html = response.content.decode()
    assert "In force" not in html and "3 reviews with no outcome" in html


def _intervention_links(response) -> list[str]:
    return re.findall(
        r'class="govuk-link govuk-body-s app-intervention-link" href="([^"]+)"', response.content.decode()
    )


def test_each_stage_cell_links_to_its_councils_intervention_page_which_opens(dfe):
    response = dfe.get("/dashboards/?name=Sutton")
    assert _intervention_links(response) == [f"/councils/{SUTTON}/intervention/"]
    assert dfe.get(_intervention_links(response)[0]).status_code == 200


def test_an_observer_of_one_council_gets_only_that_councils_link(client, national_demo, db, make_user):
    observer = make_user("dfe.southwark.only", "observer")
    observer.observed_councils.add(Council.objects.get(ons_code=SOUTHWARK))
    client.force_login(observer)
    assert _intervention_links(client.get("/dashboards/")) == [f"/councils/{SOUTHWARK}/intervention/"]
    assert client.get(f"/councils/{SUTTON}/intervention/").status_code == 404
