"""Managing people in the product's own pages: invitations, roles, deactivation, the record."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from improvement_board.accounts import services
from improvement_board.accounts.models import AccountEvent, Invitation, User

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


@pytest.fixture
def admin_client(client, sutton_council_admin):
    client.force_login(sutton_council_admin)
    return client


def _invite_form(**overrides):
    return {
        "first_name": "Olu",
        "last_name": "Officer",
        "email": "olu.officer@sutton.gov.uk",
        "job_title": "",
        "role": "officer",
        **overrides,
    }


def _link(message) -> str:
    return re.search(r"http://\S+/account/invitation/\S+/", message.body).group(0)


def test_a_council_administrator_invites_an_officer_who_sets_a_password_and_is_signed_in(admin_client, client, sutton):
    response = admin_client.post("/account/users/invite/", _invite_form(email="Olu.Officer@SUTTON.gov.uk"))

    person = User.objects.get(email="Olu.Officer@sutton.gov.uk")
    assert response.status_code == 302 and response["Location"] == f"/account/users/{person.pk}/"
    assert person.council == sutton and person.role == "officer" and not person.is_active
    assert not person.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["Olu.Officer@sutton.gov.uk"] and "for Sutton" in message.subject
    link = _link(message)

    client.logout()
    page = client.get(link.split("testserver")[1])
    assert page.status_code == 200 and "Olu.Officer@sutton.gov.uk" in page.content.decode()
    accepted = client.post(
        link.split("testserver")[1], {"password1": "a-long-new-password-1", "password2": "a-long-new-password-1"}
    )
    assert accepted.status_code == 302 and accepted["Location"] == "/"
    person.refresh_from_db()
    assert person.is_active and person.check_password("a-long-new-password-1")
    assert client.session["_auth_user_id"] == str(person.pk)
    kinds = list(AccountEvent.objects.filter(subject=person).values_list("kind", flat=True))
    assert sorted(kinds) == ["accepted", "invited", "signed_in"]


def test_an_invitation_works_once(client, sutton_council_admin):
    invitation = services.invitation_create(
        actor=sutton_council_admin,
        email="x@sutton.gov.uk",
        first_name="X",
        last_name="Y",
        role="officer",
        council=sutton_council_admin.council,
    )
    path = f"/account/invitation/{invitation.token}/"
    client.post(path, {"password1": "a-long-new-password-1", "password2": "a-long-new-password-1"})
    client.logout()

    again = client.post(path, {"password1": "another-password-22", "password2": "another-password-22"})

    assert again.status_code == 410 and "already been used" in again.content.decode()
    assert User.objects.get(email="x@sutton.gov.uk").check_password("a-long-new-password-1")


def test_an_expired_invitation_is_refused_and_changes_nothing(client, sutton_council_admin):
    invitation = services.invitation_create(
        actor=sutton_council_admin,
        email="x@sutton.gov.uk",
        first_name="X",
        last_name="Y",
        role="officer",
        council=sutton_council_admin.council,
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=9), expires_at=timezone.now() - datetime.timedelta(days=2)
    )

    response = client.post(
        f"/account/invitation/{invitation.token}/",
        {"password1": "a-long-new-password-1", "password2": "a-long-new-password-1"},
    )

    assert response.status_code == 410 and "This invitation has expired" in response.content.decode()
    person = User.objects.get(email="x@sutton.gov.uk")
    assert not person.is_active and not person.has_usable_password()


def test_a_made_up_invitation_link_is_not_found(client, db):
    response = client.get("/account/invitation/not-a-real-token/")
    assert response.status_code == 404 and "not valid" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "Enter an email address in the correct format"),
        ({"email": "admin@SUTTON.gov.uk"}, "email", "admin@sutton.gov.uk already has an account"),
        ({"email": ""}, "email", "Enter their email address"),
        ({"role": "service_administrator"}, "role", "Choose one of the roles listed"),
        ({"role": "partner_officer"}, "organisation", "Choose the partner organisation a partner officer works for"),
    ],
)
def test_bad_invitations_say_what_is_wrong_and_save_nothing(admin_client, overrides, field, message):
    users = User.objects.count()
    response = admin_client.post("/account/users/invite/", _invite_form(**overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors[field]
    assert User.objects.count() == users and not mail.outbox


def test_a_service_administrator_must_name_the_council_a_council_role_needs(client, make_user):
    service_admin = make_user("service.admin", "service_administrator", is_staff=True)
    client.force_login(service_admin)
    response = client.post("/account/users/invite/", _invite_form(role="officer", council=""))
    assert "Choose the council a council officer works for" in response.content.decode()
    assert not User.objects.filter(email="olu.officer@sutton.gov.uk").exists()


def test_the_last_council_administrator_cannot_be_demoted_or_deactivated(
    admin_client, sutton_council_admin, make_user, sutton
):
    response = admin_client.post(f"/account/users/{sutton_council_admin.pk}/role/", {"role": "officer"})
    assert "is the only administrator of London Borough of Sutton" in response.content.decode()
    sutton_council_admin.refresh_from_db()
    assert sutton_council_admin.role == "council_administrator"

    service_admin = make_user("service.admin", "service_administrator", is_staff=True)
    admin_client.force_login(service_admin)
    response = admin_client.post(f"/account/users/{sutton_council_admin.pk}/deactivate/")
    assert response.status_code == 400 and "only administrator" in response.content.decode()
    sutton_council_admin.refresh_from_db()
    assert sutton_council_admin.is_active


def test_changing_a_role_is_recorded_and_shown_to_administrators(admin_client, sutton_council_admin, sutton_officer):
    response = admin_client.post(f"/account/users/{sutton_officer.pk}/role/", {"role": "council_administrator"})

    assert response.status_code == 302
    sutton_officer.refresh_from_db()
    assert sutton_officer.role == "council_administrator"
    log = admin_client.get("/account/users/log/").content.decode()
    assert "Changed Sutton Officer&#x27;s role from Council officer of Sutton to Council administrator of Sutton" in log


def test_deactivating_someone_ends_their_sessions_at_once(client, admin_client, sutton_council_admin, sutton_officer):
    from django.test import Client

    officer = Client()
    officer.post("/account/sign-in/", {"username": "sutton.officer", "password": PASSWORD})
    assert officer.get("/actions/").status_code == 200

    response = admin_client.post(f"/account/users/{sutton_officer.pk}/deactivate/")

    assert response.status_code == 302
    after = officer.get("/actions/")
    assert after.status_code == 302 and after["Location"].startswith("/account/sign-in/")
    assert officer.post("/account/sign-in/", {"username": "sutton.officer", "password": PASSWORD}).status_code == 200
    assert "1 signed-in session ended" in AccountEvent.objects.get(kind="deactivated").description


def test_a_council_administrator_cannot_see_another_councils_people(admin_client, southwark_officer):
    assert admin_client.get(f"/account/users/{southwark_officer.pk}/").status_code == 404
    assert "Southwark" not in admin_client.get("/account/users/").content.decode()


def test_people_pages_show_status_and_last_sign_in(admin_client, sutton_officer, sutton_council_admin):
    sutton_officer.last_login = timezone.make_aware(datetime.datetime(2026, 11, 30, 9, 15))
    sutton_officer.save()
    page = admin_client.get("/account/users/").content.decode()
    assert "30 Nov 2026, 09:15" in page and "Active" in page
