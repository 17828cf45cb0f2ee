"""Password reset by email, on GOV.UK pages; a reset also lifts a sign-in lockout."""

import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_person_resets_their_password_from_the_emailed_link(client, sutton_officer, settings):
    settings.AXES_FAILURE_LIMIT = 2
    sutton_officer.email = "officer@sutton.gov.uk"
    sutton_officer.save()
    for _ in range(3):
        client.post(reverse("login"), {"username": "sutton.officer", "password": "wrong"})
    locked = client.post(reverse("login"), {"username": "sutton.officer", "password": "correct-horse-battery"})
    assert "reset your password" in locked.content.decode()

    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("password_reset"), {"email": "officer@sutton.gov.uk"})
    assert response.status_code == 302
    [email] = mail.outbox
    link = re.search(r"https?://[^/]+(/account/password-reset/\S+/)", email.body).group(1)
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"}
    )
    assert done.status_code == 302
    signed_in = client.post(reverse("login"), {"username": "sutton.officer", "password": "a-new-long-passphrase"})
    assert signed_in.status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert not mail.outbox


def test_a_blank_address_gets_a_gov_uk_error(client):
    html = client.post(reverse("password_reset"), {"email": ""}).content.decode()
    assert "govuk-error-summary" in html and "govuk-input--error" in html
    assert "Enter the email address of your account" in html and "This field is required" not in html
    html = client.post(reverse("password_reset"), {"email": "not an address"}).content.decode()
    assert "Enter an email address like name@example.gov.uk" in html


def test_a_new_password_typed_differently_or_left_out_says_what_to_do(client, sutton_officer):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(sutton_officer.pk))
    link = reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(sutton_officer)])
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    html = client.post(form_url, {"new_password1": "", "new_password2": ""}).content.decode()
    assert "Enter a new password" in html and "Type the new password again" in html
    assert "This field is required" not in html
    html = client.post(
        form_url, {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase!"}
    ).content.decode()
    assert "The two passwords are not the same: type the new password twice" in html
