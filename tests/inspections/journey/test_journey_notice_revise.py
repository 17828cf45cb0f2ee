"""Recording the notice that revises or replaces another; saved by ``notice_revise``: the new
notice is linked to the earlier one, which ends on the new one's issue date."""

from __future__ import annotations

import datetime

import pytest

from inspections.intervention import NoticeState, notice_status
from inspections.models import ImprovementNotice

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def url(sutton_notice):
    return f"/councils/E09000029/intervention/notices/{sutton_notice.pk}/revise/"


def test_it_refuses_a_put(signed_in, url):
    assert signed_in("administrator").put(url).status_code == 405


def test_a_partner_officer_may_not_record_it(signed_in, url):
    assert signed_in("sutton_partner").get(url).status_code == 403


def test_a_notice_asked_for_under_another_council_is_not_found(signed_in, sutton_notice, southwark):
    url = f"/councils/E09000028/intervention/notices/{sutton_notice.pk}/revise/"
    assert signed_in("administrator").get(url).status_code == 404


def test_a_revised_notice_carries_over_the_measures_and_ends_the_earlier_one(
    client, sutton_council_admin, sutton_notice, url, day, record
):
    client.force_login(sutton_council_admin)
    data = {
        "relation": "revises",
        **day("issued", D(2013, 7, 1)),
        "title": "Improvement Notice",
        **day("review", D(2014, 1, 15)),
    }
    check, saved = record(client, url, data)
    assert "Carried over from the earlier notice" in check.content.decode()
    revised = ImprovementNotice.objects.get(previous=sutton_notice)
    assert (revised.relation, revised.issued, revised.inspection) == (
        "revises",
        D(2013, 7, 1),
        sutton_notice.inspection,
    )
    assert [m.text for t in revised.themes.all() for m in t.measures.all()] == ["A permanent director in post"]
    assert [(d.kind, d.date) for d in revised.dates.all()] == [("review", D(2014, 1, 15))]
    sutton_notice.refresh_from_db()
    assert (sutton_notice.status, sutton_notice.status_changed_on) == ("revised", D(2013, 7, 1))
    assert notice_status(sutton_notice, on=D(2013, 8, 1), successors=[revised]).state == NoticeState.REVISED
    assert saved.url == f"/councils/E09000029/intervention/#notice-{revised.pk}"


def test_a_replacement_notice_takes_its_own_themes_and_measures(client, administrator, sutton_notice, url, day, record):
    client.force_login(administrator)
    data = {
        "relation": "replaces",
        **day("issued", D(2013, 7, 1)),
        "title": "Improvement Notice",
        "themes": "Practice\n- Every child seen within timescale\n- Audits show good plans",
    }
    record(client, url, data)
    replacement = ImprovementNotice.objects.get(previous=sutton_notice)
    assert replacement.relation == "replaces"
    assert [(t.title, [m.text for m in t.measures.all()]) for t in replacement.themes.all()] == [
        ("Practice", ["Every child seen within timescale", "Audits show good plans"])
    ]


def test_bad_input_gets_govuk_errors(client, administrator, url, day, error_summary):
    client.force_login(administrator)
    response = client.post(
        url,
        {
            "relation": "revises",
            **day("issued", D(2012, 6, 1)),
            "title": "Improvement Notice",
            "themes": "- A measure with no theme",
        },
    )
    assert response.status_code == 400
    assert error_summary(response) == [
        ("id_issued_0", "The date the new notice was issued must be after 15 June 2012"),
        (
            "id_themes",
            "Line 1 is a measure (it starts with a dash) before any theme. Write the theme's title on the line above it.",
        ),
    ]
