"""From an inspection to the plan: "Add to the plan" on an inspection's page makes draft actions
from the recommendations chosen, each traced back to its recommendation, once."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from actions.models import Action, PlanChange
from inspections import services as inspection_services
from inspections.models import Framework, Inspection

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection(sutton, frameworks):
    inspection = Inspection.objects.create(
        council=sutton,
        framework=Framework.objects.get(code="SIF"),
        title="Inspection of services",
        published=datetime.date(2026, 10, 2),
    )
    for number, text in ((1, "Audit every child protection plan."), (2, "Recruit permanent managers.")):
        inspection_services.recommendation_create(
            inspection=inspection, number=number, text=text, timescale_as_written="within three months"
        )
    return inspection


def test_the_inspection_page_offers_it_to_those_who_shape_the_plan(
    client, inspection, administrator, sutton_officer, sutton_plan
):
    url = reverse("inspections:inspection", kwargs={"pk": inspection.pk})
    client.force_login(administrator)
    assert "Add to the plan" in client.get(url).content.decode()
    client.force_login(sutton_officer)
    assert "Add to the plan" not in client.get(url).content.decode()


def test_chosen_recommendations_become_draft_actions_traced_to_them(client, inspection, administrator, sutton_plan):
    first, second = inspection.recommendations.order_by("number")
    client.force_login(administrator)
    url = reverse("actions:add_to_plan", kwargs={"inspection_pk": inspection.pk})
    response = client.post(url, {})
    assert "Select at least one recommendation to add to the plan" in response.content.decode()
    response = client.post(url, {"recommendations": [first.pk]})
    assert response.status_code == 302
    draft = Action.objects.get(plan=sutton_plan)
    assert draft.is_draft and list(draft.recommendations.all()) == [first]
    assert draft.title == "Audit every child protection plan." and draft.due_date == first.due_date
    assert PlanChange.objects.filter(action=draft, text__contains="added from recommendation 1").exists()
    page = client.get(url).content.decode()
    assert f"Already in the plan as {draft.reference}" in page
    client.post(url, {"recommendations": [first.pk, second.pk]})
    assert Action.objects.filter(plan=sutton_plan).count() == 2, "a recommendation already answered is not added again"
    client.post(reverse("actions:action_agree_draft", args=[draft.pk]))
    assert not Action.objects.get(pk=draft.pk).is_draft
