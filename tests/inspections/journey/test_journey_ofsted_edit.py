"""Changing a recorded visit: the form opens with what is recorded; after checking,
``ofsted_activity_update`` saves the corrections, keeping each unchanged finding's heading."""

from __future__ import annotations

import datetime

import pytest

from inspections.models import OfstedActivity

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def url(monitoring_visit):
    return f"/councils/E09000029/ofsted/{monitoring_visit.pk}/change/"


def test_it_refuses_a_delete(signed_in, url):
    assert signed_in("administrator").delete(url).status_code == 405


def test_an_officer_reads_but_may_not_change_it(signed_in, url):
    assert signed_in("sutton_officer").get(url).status_code == 403


def test_another_councils_administrator_gets_404(client, make_user, southwark, url):
    client.force_login(make_user("southwark.admin", "council_administrator", council=southwark))
    assert client.get(url).status_code == 404


def test_a_visit_asked_for_under_another_council_is_not_found(signed_in, monitoring_visit, southwark):
    url = f"/councils/E09000028/ofsted/{monitoring_visit.pk}/change/"
    assert signed_in("administrator").get(url).status_code == 404


def test_the_form_opens_with_what_is_recorded(client, sutton_council_admin, url):
    client.force_login(sutton_council_admin)
    form = client.get(url).context["form"]
    assert form["kind"].value() == "monitoring_visit"
    assert form["lead_inspector"].value() == "Jane Inspector"
    assert form["progress"].value() == "Leaders have acted quickly on the front door."


def test_a_correction_is_saved_and_unchanged_findings_keep_their_heading(
    client, sutton_council_admin, monitoring_visit, sutton_2012, url, day, record
):
    client.force_login(sutton_council_admin)
    data = {
        "kind": "monitoring_visit",
        "follows": sutton_2012.pk,
        **day("started", D(2012, 9, 11)),
        **day("ended", D(2012, 9, 12)),
        **day("published", D(2012, 10, 5)),
        "lead_inspector": "Jane Inspector HMI",
        "judgement_as_written": "",
        "progress": "Leaders have acted quickly on the front door.",
        "strengths": "Social workers know their children well.",
    }
    _, saved = record(client, url, data)
    assert saved.status_code == 302
    assert saved.url == f"/councils/E09000029/ofsted/#activity-{monitoring_visit.pk}"
    visit = OfstedActivity.objects.get(pk=monitoring_visit.pk)
    assert (visit.lead_inspector, visit.number) == ("Jane Inspector HMI", 1)
    assert [(f.kind, f.heading_as_written) for f in visit.findings.all()] == [
        ("progress", "Progress since the inspection"),
        ("strength", ""),
    ]


def test_a_letter_dated_before_its_visit_gets_a_govuk_error(
    client, sutton_council_admin, sutton_2012, url, day, error_summary
):
    client.force_login(sutton_council_admin)
    response = client.post(
        url,
        {
            "kind": "monitoring_visit",
            "follows": sutton_2012.pk,
            **day("started", D(2012, 9, 11)),
            **day("published", D(2012, 9, 1)),
        },
    )
    assert response.status_code == 400
    assert error_summary(response) == [("id_published_0", "The date of the letter must be on or after the visit")]
