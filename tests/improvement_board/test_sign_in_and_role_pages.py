"""Each role signs in and lands on its own page; nobody sees another council's data."""

import datetime

import pytest
from django.urls import reverse

from actions import services as action_services

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_sign_in_page_renders_with_gov_uk_markup(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"govuk-header" in response.content
    assert b'<h1 class="govuk-heading-l">Sign in</h1>' in response.content


def test_a_wrong_password_gets_an_error_summary_and_no_session(client, sutton_officer):
    response = client.post(reverse("login"), {"username": "sutton.officer", "password": "wrong"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_says_what_to_do_in_plain_english(client, sutton_officer):
    page = client.post(reverse("login"), {"username": "sutton.officer", "password": "wrong"}).content.decode()
    assert "The username or password is not right. Check both and try again: they are case-sensitive." in page
    assert "Please enter a correct" not in page


def test_an_empty_sign_in_asks_for_the_username_and_password(client):
    page = client.post(reverse("login"), {}).content.decode()
    assert page.count("Enter your username") == 2 and page.count("Enter your password") == 2  # summary and field
    assert 'href="#id_username"' in page and 'href="#id_password"' in page
    assert "This field is required" not in page


def test_an_officer_signs_in_and_sees_their_councils_plan(client, sutton_officer, sutton_plan, make_action):
    make_action(sutton_plan, title="Audit all child protection plans")
    response = client.post(
        reverse("login"), {"username": "sutton.officer", "password": "correct-horse-battery"}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("actions:plan")
    assert b"Audit all child protection plans" in response.content


def test_an_officer_of_another_council_sees_nothing_of_suttons_plan(
    client, southwark_officer, sutton_plan, make_action
):
    action = make_action(sutton_plan, title="Audit all child protection plans")
    client.force_login(southwark_officer)
    assert b"Audit all child protection plans" not in client.get(reverse("home"), follow=True).content
    assert client.get(action.get_absolute_url()).status_code == 404
    assert client.get(sutton_plan.council.get_absolute_url()).status_code == 404


def test_the_chair_sees_their_board_and_its_pending_revised_dates(
    client, sutton_chair, sutton_board, sutton_plan, make_action, sutton_officer
):
    action = make_action(sutton_plan, title="Recruit permanent team managers")
    action_services.revised_date_propose(
        action=action,
        proposed_by=sutton_officer,
        proposed_date=datetime.date(2099, 3, 31),
        reason="Recruitment round failed",
    )
    client.force_login(sutton_chair)
    home = client.get(reverse("home"), follow=True)
    assert home.redirect_chain[-1][0] == sutton_board.get_absolute_url()
    board = client.get(sutton_board.get_absolute_url())
    assert board.status_code == 200
    assert b"Recruit permanent team managers" in board.content


def test_an_observer_of_southwark_cannot_see_sutton(client, southwark_observer, sutton, southwark):
    client.force_login(southwark_observer)
    assert client.get(southwark.get_absolute_url()).status_code == 200
    assert client.get(sutton.get_absolute_url()).status_code == 404


def test_a_national_observer_sees_every_council_and_cannot_post(
    client, observer, sutton, southwark, sutton_plan, make_action
):
    action = make_action(sutton_plan)
    client.force_login(observer)
    assert client.get(sutton.get_absolute_url()).status_code == 200
    assert client.get(action.get_absolute_url()).status_code == 200
    for url in (reverse("home"), sutton.get_absolute_url(), action.get_absolute_url()):
        assert client.post(url).status_code == 405


def test_signing_out_ends_the_session(client, sutton_officer):
    client.force_login(sutton_officer)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_repeated_failed_sign_ins_lock_the_account(client, sutton_officer, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("login"), {"username": "sutton.officer", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "sutton.officer", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert b"too many failed attempts" in response.content
    assert "_auth_user_id" not in client.session
