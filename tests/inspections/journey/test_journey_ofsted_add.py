"""Recording a visit or meeting: the council's administrators fill in the form, check their
answers, and ``record_ofsted_activity`` saves it; nobody else may."""

from __future__ import annotations

import datetime

import pytest

from inspections.models import OfstedActivity

pytestmark = pytest.mark.django_db

URL = "/councils/E09000029/ofsted/new/"
D = datetime.date


def test_it_refuses_a_put(signed_in):
    assert signed_in("sutton_council_admin").put(URL).status_code == 405


@pytest.mark.parametrize("persona", ["sutton_officer", "sutton_chair", "observer", "sutton_partner", "sutton_member"])
def test_people_who_read_the_council_may_not_record_on_it(client, request, persona, sutton):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"kind": "focused_visit"}).status_code == 403


def test_people_of_another_council_get_404(client, southwark_officer, southwark_observer, sutton):
    for person in (southwark_officer, southwark_observer):
        client.force_login(person)
        assert client.get(URL).status_code == 404


def test_a_monitoring_visit_is_checked_then_saved_numbered_after_the_inspection(
    client, sutton_council_admin, sutton_2012, monitoring_visit, day, record
):
    client.force_login(sutton_council_admin)
    assert client.get(URL).status_code == 200
    data = {
        "kind": "monitoring_visit",
        "follows": sutton_2012.pk,
        **day("started", D(2013, 1, 15)),
        **day("ended", D(2013, 1, 16)),
        **day("published", D(2013, 2, 8)),
        "lead_inspector": "Jane Inspector",
        "progress": "Managers now check every referral.\n\nCase files show better plans.",
        "areas_for_improvement": "Supervision is still irregular.",
    }
    check, _ = record(client, URL, data, confirm=False)
    page = check.content.decode()
    assert "Check your answers before saving" in page
    assert "The next after those recorded" in page
    assert "Progress (2)" in page
    assert OfstedActivity.objects.count() == 1  # nothing saved before confirming

    saved = client.post(URL + "check/")
    assert saved.status_code == 302
    assert saved.url == "/councils/E09000029/ofsted/#activity-" + str(OfstedActivity.objects.latest("pk").pk)
    visit = OfstedActivity.objects.latest("pk")
    assert (visit.kind, visit.number, visit.follows) == ("monitoring_visit", 2, sutton_2012)
    assert [(f.kind, f.text) for f in visit.findings.all()] == [
        ("progress", "Managers now check every referral."),
        ("progress", "Case files show better plans."),
        ("area_for_improvement", "Supervision is still irregular."),
    ]
    following = client.get(saved.url).content.decode()
    assert "Recorded the second monitoring visit, Sutton, 15 January 2013." in following


def test_a_focused_visit_with_priority_actions_gets_its_plan_deadlines(client, administrator, sutton, day, record):
    client.force_login(administrator)
    data = {
        "kind": "focused_visit",
        **day("started", D(2023, 11, 7)),
        **day("published", D(2023, 12, 1)),
        "priority_actions": "The quality of management oversight.",
    }
    _, saved = record(client, URL, data)
    assert saved.status_code == 302
    visit = OfstedActivity.objects.get(kind="focused_visit")
    assert {p.stage: p.due for p in visit.action_plans.all()} == {"draft": D(2024, 1, 3), "final": D(2024, 3, 13)}
    assert "with 2 action plan deadlines" in client.get(saved.url).content.decode()


def test_bad_input_gets_govuk_errors_each_linked_to_its_box(client, sutton_council_admin, sutton, error_summary, day):
    client.force_login(sutton_council_admin)
    response = client.post(
        URL,
        {
            "kind": "monitoring_visit",
            **day("started", D(2013, 1, 16)),
            **day("ended", D(2013, 1, 15)),
            "published_2": "13",
        },
    )
    assert response.status_code == 400
    assert "<title>Error: " in response.content.decode()
    assert error_summary(response) == [
        ("id_follows", "Choose the inspection the visit follows"),
        ("id_ended_0", "The last day of the visit must be on or after the first day"),
        ("id_published_0", "Date of the letter must include a day and month"),
    ]
    assert not OfstedActivity.objects.exists()


def test_no_kind_and_no_date_link_to_the_first_radio_and_the_first_date(
    client, sutton_council_admin, sutton, error_summary
):
    client.force_login(sutton_council_admin)
    response = client.post(URL, {})
    assert response.status_code == 400
    links = error_summary(response)
    assert links == [
        ("id_kind_1", "Choose what kind of visit it was"),
        ("id_started_0", "Enter the first day of the visit, or the date of its letter below"),
    ]
    assert 'id="id_kind_1"' in response.content.decode()


def test_a_visit_in_the_future_is_refused(client, sutton_council_admin, sutton, error_summary, day):
    client.force_login(sutton_council_admin)
    response = client.post(URL, {"kind": "annual_engagement", **day("started", D(2099, 1, 1))})
    assert ("id_started_0", "The first day of the visit or meeting must be today or in the past") in error_summary(
        response
    )


def test_a_duplicate_found_by_the_service_is_shown_on_the_check_page_and_nothing_is_saved(
    client, sutton_council_admin, monitoring_visit, sutton_2012, day, record, error_summary
):
    client.force_login(sutton_council_admin)
    data = {"kind": "monitoring_visit", "follows": sutton_2012.pk, "number": "1", **day("started", D(2013, 3, 1))}
    _, saved = record(client, URL, data)
    assert saved.status_code == 400
    assert error_summary(saved) == [("save", "Monitoring visit number 1 after that inspection is already recorded.")]
    assert OfstedActivity.objects.count() == 1
