"""The "Ofsted between inspections" page: whoever may see the council reads every visit with
its findings as written and its action plan deadlines; it changes nothing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

URL = "/councils/E09000029/ofsted/"


def test_it_refuses_a_post(signed_in, sutton):
    assert signed_in("sutton_council_admin").post(URL).status_code == 405


def test_an_officer_of_another_council_gets_404(signed_in, monitoring_visit):
    assert signed_in("southwark_officer").get(URL).status_code == 404


def test_the_observer_reads_the_visit_numbered_linked_and_its_findings_as_written(
    client, observer, monitoring_visit, sutton_2012
):
    client.force_login(observer)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "First monitoring visit, Sutton, 11 September 2012" in page
    assert f'href="{sutton_2012.get_absolute_url()}"' in page
    assert "Progress since the inspection" in page  # the letter's own heading
    assert "Leaders have acted quickly on the front door." in page
    assert "Areas for improvement" in page and "Supervision is not yet regular." in page
    assert "Ungraded" in page
    assert "Record a visit or meeting" not in page


def test_a_focused_visit_shows_its_draft_and_final_plan_deadlines_in_working_days(client, sutton_officer, sutton):
    import datetime

    from inspections.ofsted_services import Finding, record_ofsted_activity

    record_ofsted_activity(
        council=sutton,
        kind="focused_visit",
        started=datetime.date(2023, 11, 7),
        published=datetime.date(2023, 12, 1),
        findings=[Finding("priority_action", "The quality of management oversight.")],
    )
    client.force_login(sutton_officer)
    page = client.get(URL).content.decode()
    assert "Draft action plan" in page and "3 January 2024" in page
    assert "20 working days from 1 December 2023" in page
    assert "70 working days from 1 December 2023" in page
    assert "Not yet" in page


def test_a_council_with_nothing_recorded_says_so(client, sutton_chair):
    client.force_login(sutton_chair)
    page = client.get(URL).content.decode()
    assert "No monitoring visits, focused visits" in page
