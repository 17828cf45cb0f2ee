"""Pages the permissions table (matrix.toml) leaves to a test of their own: an inspection's page,
which needs an inspection of the council's, and the Django admin."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_inspection_pages_follow_the_council(client, world, frameworks, django_user_model, request):
    from inspections.models import Framework, Inspection

    inspection = Inspection.objects.create(
        council=world.action.plan.council,
        framework=Framework.objects.first(),
        title="Inspection of safeguarding",
        published=datetime.date(2012, 5, 4),
    )
    url = reverse("inspections:inspection", kwargs={"pk": inspection.pk})
    expected = {
        "anonymous": 302,
        "sutton_officer": 200,
        "southwark_officer": 404,
        "sutton_chair": 200,
        "observer": 200,
        "southwark_observer": 404,
        "administrator": 200,
        "sutton_council_admin": 200,
        "sutton_partner": 200,
        "sutton_member": 200,
    }
    for role, status in expected.items():
        client.logout()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        assert client.get(url).status_code == status, role
        assert client.post(url).status_code == 405, role


@pytest.mark.parametrize(
    "persona", ["sutton_officer", "sutton_chair", "observer", "sutton_council_admin", "sutton_partner", "sutton_member"]
)
def test_non_staff_opening_the_admin_are_told_it_is_not_for_them(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/admin/", follow=True)
    page = response.content.decode()
    assert response.status_code == 403
    assert "Administration is only for the service's administrators" in page
    assert 'name="password"' not in page


def test_the_administrator_reaches_the_admin(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/").status_code == 200
