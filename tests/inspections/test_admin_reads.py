"""Inspections, their judgements and recommendations are read in the admin and written only by
the services (the import pages and commands), which date a recommendation from its timescale
and keep a grade on its framework's scale."""

import datetime

import pytest
from django.urls import reverse

from inspections import services
from inspections.models import Inspection, Recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection(frameworks, sutton):
    found = Inspection.objects.create(
        council=sutton, framework=frameworks["SLAC"], title="Safeguarding", published=datetime.date(2012, 5, 18)
    )
    services.judgement_create(inspection=found, area="Overall effectiveness", grade_as_written="Inadequate")
    services.recommendation_create(
        inspection=found, number=1, text="Audit all plans.", timescale_as_written="within three months"
    )
    return found


@pytest.mark.parametrize("model", ["inspection", "recommendation"])
def test_the_admin_shows_them_and_saves_nothing(client, administrator, inspection, model):
    obj = inspection if model == "inspection" else inspection.recommendations.get()
    client.force_login(administrator)
    change = reverse(f"admin:inspections_{model}_change", args=[obj.pk])
    page = client.get(change)
    assert page.status_code == 200 and b'type="submit" value="Save"' not in page.content
    assert client.post(change, {"published": "2013-01-01", "timescale": "six_months"}).status_code == 403
    assert client.get(reverse(f"admin:inspections_{model}_add")).status_code == 403
    assert Recommendation.objects.get().due_date == datetime.date(2012, 8, 18)
    assert Inspection.objects.get().published == datetime.date(2012, 5, 18)
