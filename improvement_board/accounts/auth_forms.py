"""Django's own forms for signing in and choosing a new password, with the service's words for
what went wrong (GOV.UK: say what to do, not "This field is required.")."""

from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm


def _required(form, **messages: str) -> None:
    for name, message in messages.items():
        form.fields[name].error_messages["required"] = message


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "The username or password is not right. Check both and try again: they are case-sensitive.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        _required(self, username="Enter your username", password="Enter your password")


class ResetForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _required(self, email="Enter the email address of your account")
        self.fields["email"].error_messages["invalid"] = "Enter an email address like name@example.gov.uk"


class NewPasswordForm(SetPasswordForm):
    error_messages = {
        **SetPasswordForm.error_messages,
        "password_mismatch": "The two passwords are not the same: type the new password twice",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _required(self, new_password1="Enter a new password", new_password2="Type the new password again")
