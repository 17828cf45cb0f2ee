"""The Django admin: for service administrators only, and adding a user no longer fails."""

from __future__ import annotations

import pytest

from improvement_board.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-admin-password-1"


@pytest.mark.parametrize("persona", ["sutton_council_admin", "sutton_officer", "sutton_chair"])
def test_only_service_administrators_reach_the_admin(client, request, persona):
    person = request.getfixturevalue(persona)
    person.is_staff = True
    person.save()
    client.force_login(person)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def _add(client, **fields):
    return client.post(
        "/admin/improvement_board/user/add/",
        {
            "username": "new.officer",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "usable_password": "true",
            "role": "officer",
            "council": "",
            "email": "new@sutton.gov.uk",
            **fields,
        },
    )


def test_adding_an_officer_without_a_council_is_a_clear_error_not_a_server_error(client, administrator):
    client.force_login(administrator)
    response = _add(client)
    assert response.status_code == 200
    assert "Choose the council a council officer works for" in response.content.decode()
    assert not User.objects.filter(username="new.officer").exists()


def test_adding_an_officer_with_their_council_works(client, administrator, sutton):
    client.force_login(administrator)
    response = _add(client, council=sutton.pk)
    assert response.status_code == 302
    assert User.objects.get(username="new.officer").council == sutton
