"""Forms for managing people: inviting, changing a role, accepting an invitation. They
validate and normalise; ``services`` decides and writes."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.contrib.auth import password_validation
from django.core.validators import validate_email

from inspections.forms_gds import form_helper
from inspections.models import Council, Organisation

from . import access
from .models import COUNCILLESS_ROLES, User
from .services import email_in_use, normalise_email


def helper(*fields, submit: str) -> FormHelper:
    return form_helper(*fields, submit=submit)


class RoleFields(forms.Form):
    """Role, council and organisation, limited to what the administrator may give."""

    role = forms.ChoiceField(
        label="Role",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role.", "invalid_choice": "Choose one of the roles listed."},
    )
    council = forms.ModelChoiceField(
        label="Council", required=False, queryset=Council.objects.none(), empty_label="Choose a council"
    )
    organisation = forms.ModelChoiceField(
        label="Partner organisation",
        required=False,
        queryset=Organisation.objects.none(),
        empty_label="Not a partner officer",
        help_text="Only for partner officers: the agency they work for.",
    )

    def __init__(self, *args, actor: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        labels = dict(User.Role.choices)
        self.fields["role"].choices = [(role, labels[role]) for role in access.assignable_roles(actor)]
        councils = access.administered_councils(actor).order_by("short_name")
        self.fields["council"].queryset = councils
        self.fields["organisation"].queryset = Organisation.objects.exclude(kind=Organisation.Kind.COUNCIL)
        self.only_council = councils.first() if not access.is_service_administrator(actor) else None
        if self.only_council is not None:  # a council administrator: always their council
            del self.fields["council"]

    def clean_council(self):
        return self.cleaned_data.get("council")

    def clean(self):
        data = super().clean()
        if self.only_council is not None:
            data["council"] = self.only_council
        if data.get("role") in COUNCILLESS_ROLES:
            data["council"] = None
        return data

    def role_layout(self):
        return (
            [Field.radios("role", legend_size=Size.MEDIUM)]
            + ([Field.select("council")] if "council" in self.fields else [])
            + [Field.select("organisation")]
        )


class InviteForm(RoleFields):
    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter their first name."}
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter their last name."}
    )
    email = forms.CharField(
        label="Email address",
        max_length=254,
        help_text="The invitation is sent here. It is also how they sign in.",
        error_messages={"required": "Enter their email address."},
    )
    job_title = forms.CharField(label="Job title (optional)", max_length=200, required=False)

    field_order = ["first_name", "last_name", "email", "job_title", "role", "council", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.text("first_name", field_width=20),
            Field.text("last_name", field_width=20),
            Field.text("email", field_width=30),
            Field.text("job_title", field_width=30),
            *self.role_layout(),
            submit="Send invitation",
        )

    def clean_email(self) -> str:
        email = normalise_email(self.cleaned_data["email"])
        try:
            validate_email(email)
        except forms.ValidationError:
            raise forms.ValidationError(
                "Enter an email address in the correct format, like name@example.gov.uk."
            ) from None
        if email_in_use(email):
            raise forms.ValidationError(f"{email} already has an account. Find them in the list of users.")
        return email


class RoleForm(RoleFields):
    def __init__(self, *args, user: User, **kwargs):
        kwargs.setdefault("initial", {"role": user.role, "council": user.council, "organisation": user.organisation})
        super().__init__(*args, **kwargs)
        self.helper = helper(*self.role_layout(), submit="Change role")


class AcceptPasswordForm(forms.Form):
    password1 = forms.CharField(
        label="Create a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a password."},
    )
    password2 = forms.CharField(
        label="Confirm your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter the password again."},
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["password1"].help_text = " ".join(password_validation.password_validators_help_texts())
        self.helper = helper(
            Field.text("password1", field_width=20),
            Field.text("password2", field_width=20),
            submit="Set password and continue",
        )

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The passwords do not match. Enter the same password twice.")
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data
