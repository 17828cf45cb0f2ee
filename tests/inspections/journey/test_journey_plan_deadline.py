"""Setting the action plan deadline after a graded inspection: the framework's (ILACS: 70
working days) or the working days a report commits to, with where it says so; saved by
``action_plan_deadlines_set``."""

from __future__ import annotations

import datetime

import pytest

from inspections.models import Inspection, PostInspectionPlan

pytestmark = pytest.mark.django_db
URL = "/councils/E09000029/ofsted/action-plans/new/"
D = datetime.date


def test_it_refuses_a_put(signed_in, sutton):
    assert signed_in("administrator").put(URL).status_code == 405


def test_the_chair_may_not_set_it(client, sutton_chair, sutton):
    client.force_login(sutton_chair)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {}).status_code == 403


def test_an_ilacs_inspection_gets_the_frameworks_70_working_days(
    client, sutton_council_admin, frameworks, sutton, record
):
    ilacs = Inspection.objects.create(
        council=sutton, framework=frameworks["ILACS"], title="ILACS inspection", published=D(2022, 12, 1)
    )
    client.force_login(sutton_council_admin)
    check, saved = record(client, URL, {"inspection": ilacs.pk})
    assert "The framework&#x27;s own deadline" in check.content.decode()
    assert saved.url == "/councils/E09000029/ofsted/#inspection-plans"
    plan = PostInspectionPlan.objects.get(inspection=ilacs)
    assert (plan.working_days, plan.due) == (70, D(2023, 3, 14))  # over Christmas and New Year


def test_a_report_that_commits_to_60_working_days_needs_its_source(
    client, sutton_council_admin, sutton_2012, record, error_summary
):
    client.force_login(sutton_council_admin)
    response = client.post(URL, {"inspection": sutton_2012.pk, "working_days": "60"})
    assert response.status_code == 400
    assert error_summary(response) == [("id_basis", "Enter where the deadline comes from")]
    record(client, URL, {"inspection": sutton_2012.pk, "working_days": "60", "basis": "Report, page 4"})
    plan = PostInspectionPlan.objects.get(inspection=sutton_2012)
    assert (plan.working_days, plan.basis, plan.due) == (60, "Report, page 4", D(2012, 8, 23))


def test_a_framework_with_no_deadline_asks_for_the_working_days(client, administrator, sutton_2012, error_summary):
    client.force_login(administrator)
    response = client.post(URL, {"inspection": sutton_2012.pk})
    assert error_summary(response) == [
        ("id_working_days", "The SLAC framework sets no deadline: enter the working days the report allows")
    ]


def test_another_councils_inspection_cannot_be_chosen(
    client, administrator, frameworks, sutton, southwark, error_summary
):
    theirs = Inspection.objects.create(
        council=southwark, framework=frameworks["ILACS"], title="ILACS", published=D(2022, 11, 11)
    )
    client.force_login(administrator)
    response = client.post(URL, {"inspection": theirs.pk})
    assert response.status_code == 400, response.status_code
    assert error_summary(response) == [("id_inspection", "Choose one of this council's inspections")]
