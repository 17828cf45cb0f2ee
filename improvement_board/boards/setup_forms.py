"""Forms for setting up a council: its improvement notice, its board and its plan. Each offers
only the council's own inspections, notices and people, and turns free text (themes and
measures, board members) into plain values with a clear message for anything it cannot read."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Size
from django import forms

from actions.models import ImprovementPlan
from inspections.forms_gds import GovDateField, form_helper
from inspections.models import Council, ImprovementNotice, Inspection
from inspections.notice_text import parse_themes

from ..accounts.models import User
from .models import ImprovementBoard

EARLIEST = datetime.date(2000, 1, 1)


def _helper(*fields, submit: str = "Continue") -> FormHelper:
    return form_helper(*fields, submit=submit)


def _date(label: str, *, required: bool = True, help_text: str = "For example, 27 3 2026") -> GovDateField:
    return GovDateField(
        label=label, help_text=help_text, required=required, required_message=f"Enter the {label[0].lower()}{label[1:]}"
    )


def _check_date(value, label: str, *, on_or_after: datetime.date = EARLIEST) -> datetime.date | None:
    if value and value < on_or_after:
        raise forms.ValidationError(f"The {label} must be on or after {on_or_after:%-d %B %Y}")
    return value


def _date_field(name: str):
    return Field(name, context={"legend_size": Size.for_legend(Size.SMALL)})


class _CouncilPerson(forms.ModelChoiceField):
    """One of the council's active people with one of ``roles``, each shown as ``describe(user)``;
    :func:`_offer_council_choices` fills in the choices once the council is known."""

    def __init__(self, label: str, *, roles, describe, choose: str, help_text: str, required: str, invalid: str):
        super().__init__(
            label=label,
            queryset=User.objects.none(),
            empty_label=choose,
            help_text=help_text,
            error_messages={"required": required, "invalid_choice": invalid},
        )
        self.roles = roles
        self.label_from_instance = describe


def _notice(label: str) -> forms.ModelChoiceField:
    """One of the council's improvement notices, or none, offered by :func:`_offer_council_choices`."""
    return forms.ModelChoiceField(
        label=label, queryset=ImprovementNotice.objects.none(), required=False, empty_label="No notice"
    )


def _offer_council_choices(form: forms.Form, council: Council) -> None:
    """Offer in ``form`` only ``council``'s own: its active people in each :class:`_CouncilPerson`
    field, and its notices, latest first."""
    form.council = council
    for field in form.fields.values():
        if isinstance(field, _CouncilPerson):
            field.queryset = User.objects.filter(
                council=council, role__in=field.roles, deactivated_at__isnull=True
            ).order_by("last_name")
    form.fields["notice"].queryset = ImprovementNotice.objects.filter(council=council).order_by("-issued")


# --- The notice -------------------------------------------------------------------------------


class NoticeForm(forms.Form):
    inspection = forms.ModelChoiceField(
        label="The inspection it rests on",
        queryset=Inspection.objects.none(),
        empty_label="Choose an inspection",
        error_messages={
            "required": "Choose the inspection the notice rests on",
            "invalid_choice": "Choose one of this council's inspections",
        },
    )
    title = forms.CharField(
        label="Title",
        max_length=300,
        initial="Improvement Notice",
        error_messages={"required": "Enter the notice's title"},
    )
    issued = _date("Date issued")
    compliance = _date("Compliance date", help_text="When every measure must be met. For example, 31 3 2027")
    review = _date("First DfE review date", required=False, help_text="Optional. For example, 30 9 2026")
    themes = forms.CharField(
        label="Themes and measures",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Write each theme on a line of its own, and each of its measures under it on a line "
        "starting with a dash, for example: “Leadership” then “- A permanent director in post”.",
        error_messages={"required": "Enter the notice's themes and their measures"},
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.fields["inspection"].queryset = (
            Inspection.objects.filter(council=council).select_related("framework").order_by("-published")
        )
        self.fields["inspection"].label_from_instance = lambda i: f"{i.published:%-d %B %Y}: {i.title}"
        self.helper = _helper(
            Field.select("inspection"),
            Field.text("title"),
            _date_field("issued"),
            _date_field("compliance"),
            _date_field("review"),
            Field.textarea("themes", label_size=Size.SMALL),
        )

    def clean_issued(self):
        issued = _check_date(self.cleaned_data.get("issued"), "date issued")
        if issued and ImprovementNotice.objects.filter(council=self.council, issued=issued).exists():
            raise forms.ValidationError(f"{self.council.short_name} already has a notice issued on {issued:%-d %B %Y}")
        return issued

    def clean_compliance(self):
        return _check_date(self.cleaned_data.get("compliance"), "compliance date")

    def clean_review(self):
        return _check_date(self.cleaned_data.get("review"), "first DfE review date")

    def clean_themes(self):
        return parse_themes(self.cleaned_data["themes"])

    def clean(self):
        data = super().clean()
        issued, inspection = data.get("issued"), data.get("inspection")
        if issued and inspection and issued < inspection.published:
            self.add_error(
                "issued",
                f"The notice must be issued on or after the inspection it rests on ({inspection.published:%-d %B %Y})",
            )
        for name, label in (("compliance", "compliance date"), ("review", "first DfE review date")):
            if issued and data.get(name) and data[name] <= issued:
                self.add_error(name, f"The {label} must be after the date issued")
        return data


# --- The board --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    name: str
    job_title: str
    organisation: str


def parse_members(text: str) -> list[Member]:
    """One member a line: name, job title, organisation (the job title may be left out)."""
    members, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(",")]
        if len(parts) == 2:
            parts.insert(1, "")
        if len(parts) != 3 or not parts[0] or not parts[2]:
            raise forms.ValidationError(
                f"Line {number} (“{line.strip()}”) needs a name and an organisation, separated by commas: "
                "name, job title, organisation"
            )
        member = Member(*parts)
        if (member.name.lower(), member.organisation.lower()) in seen:
            raise forms.ValidationError(f"{member.name} of {member.organisation} is listed twice")
        seen.add((member.name.lower(), member.organisation.lower()))
        members.append(member)
    return members


class BoardForm(forms.Form):
    name = forms.CharField(label="Board's name", max_length=200, error_messages={"required": "Enter the board's name"})
    chair = _CouncilPerson(
        "Independent chair",
        roles=[User.Role.CHAIR],
        describe=lambda u: f"{u.get_full_name()} ({u.email})",
        choose="Choose the chair",
        help_text="People invited to this council as board chair. Invite the chair first if they are not listed.",
        required="Choose the board's chair",
        invalid="Choose the chair from this council's invited people",
    )
    notice = _notice("Improvement notice")
    established = _date("Date the board was set up")
    cadence_weeks = forms.TypedChoiceField(
        label="How often does the board meet?",
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(4, "Every 4 weeks"), (6, "Every 6 weeks (only if DfE has agreed)")],
        error_messages={"required": "Choose how often the board meets"},
    )
    cadence_agreed_by_dfe = forms.BooleanField(label="DfE has agreed the board meets every 6 weeks", required=False)
    members = forms.CharField(
        label="Members (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One member a line: name, job title, organisation. For example: “Jo Bloggs, Director of "
        "Nursing, NHS South West London”.",
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_council_choices(self, council)
        self.helper = _helper(
            Field.text("name"),
            Field.select("chair"),
            Field.select("notice"),
            _date_field("established"),
            Field.radios("cadence_weeks", legend_size=Size.SMALL),
            Field.checkbox("cadence_agreed_by_dfe"),
            Field.textarea("members"),
        )

    def clean_established(self):
        return _check_date(self.cleaned_data.get("established"), "date the board was set up")

    def clean_members(self):
        return parse_members(self.cleaned_data.get("members", ""))

    def clean(self):
        data = super().clean()
        if ImprovementBoard.objects.filter(council=self.council, is_active=True).exists():
            raise forms.ValidationError(
                f"{self.council.short_name} already has an active improvement board. "
                "Change that board instead of setting up another."
            )
        if data.get("cadence_weeks") == 6 and not data.get("cadence_agreed_by_dfe"):
            self.add_error(
                "cadence_agreed_by_dfe",
                "A board meets every 4 weeks unless DfE has agreed 6. "
                "Tick the box if DfE has agreed, or choose every 4 weeks",
            )
        if data.get("cadence_weeks") == 4:
            data["cadence_agreed_by_dfe"] = False
        return data


# --- The plan ---------------------------------------------------------------------------------


class PlanForm(forms.Form):
    title = forms.CharField(label="Plan's title", max_length=300, error_messages={"required": "Enter the plan's title"})
    owner = _CouncilPerson(
        "Owner",
        roles=[User.Role.OFFICER, User.Role.COUNCIL_ADMINISTRATOR],
        describe=lambda u: f"{u.get_full_name()} ({u.get_role_display().lower()})",
        choose="Choose the owner",
        help_text="The council's officer or administrator who keeps the plan up to date.",
        required="Choose the plan's owner",
        invalid="Choose the owner from this council's officers and administrators",
    )
    notice = _notice("Improvement notice it answers")
    agreed_on = _date("Date the plan was agreed")

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_council_choices(self, council)
        self.helper = _helper(
            Field.text("title"), Field.select("owner"), Field.select("notice"), _date_field("agreed_on")
        )

    def clean_agreed_on(self):
        return _check_date(self.cleaned_data.get("agreed_on"), "date the plan was agreed")

    def clean(self):
        data = super().clean()
        if ImprovementPlan.objects.active().filter(council=self.council).exists():
            raise forms.ValidationError(
                f"{self.council.short_name} already has an active plan. Change that plan instead of making another."
            )
        return data
