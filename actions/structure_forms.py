"""Forms for a plan's structure: they validate and normalise; :mod:`actions.structure` changes."""

from __future__ import annotations

import datetime
import decimal
import re

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from inspections.forms_gds import GovDateField, PercentTolerantDecimalField, form_helper
from inspections.models import NoticeMeasure, Organisation, Recommendation

from .models import PerformanceIndicator


def _text(label, *, required=True, rows=None, max_length=None, help_text="", message=None):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=widget,
        error_messages={
            "required": message or f"Enter the {label.lower()}",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
    )


def _layout(form, submit: str):
    parts = []
    for name, field in form.fields.items():
        if isinstance(field, GovDateField):
            parts.append(Field(name, context={"legend_size": Size.for_legend(Size.SMALL)}))
        elif isinstance(field.widget, forms.Textarea):
            parts.append(Field.textarea(name))
        elif isinstance(field.widget, forms.CheckboxSelectMultiple):
            parts.append(Field.checkboxes(name, small=True))
        elif isinstance(field.widget, forms.RadioSelect):
            parts.append(Field.radios(name, legend_size=Size.SMALL))
        elif isinstance(field.widget, forms.Select):
            parts.append(Field.select(name))
        elif isinstance(field.widget, forms.CheckboxInput):
            parts.append(Field.checkbox(name))
        elif isinstance(field.widget, forms.HiddenInput):
            parts.append(name)
        else:
            width = 10 if name in ("reference", "target", "baseline") else None
            parts.append(Field.text(name, **({"field_width": width} if width else {})))
    form.helper = form_helper(*parts, submit=submit)


class ObjectiveForm(forms.Form):
    reference = _text("Reference", max_length=20, help_text="As the plan numbers it, for example 2.")
    title = _text("Objective", max_length=300, message="Enter the objective")
    outcome = _text(
        "Outcome for children",
        required=False,
        rows=3,
        help_text="What will be different for children when it is achieved.",
    )

    def __init__(self, *args, submit="Save objective", **kwargs):
        super().__init__(*args, **kwargs)
        _layout(self, submit)


def _person(user) -> str:
    name = user.get_full_name() or user.get_username()
    return f"{name} ({user.job_title})" if getattr(user, "job_title", "") else name


class ActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    objective = forms.ModelChoiceField(label="Objective", queryset=None, required=False, empty_label="None")
    reference = _text("Reference", max_length=20, help_text="As the plan numbers it, for example 1.3.")
    title = _text("Action", max_length=300, message="Enter what the action is")
    description = _text("Description (optional)", required=False, rows=4)
    success_measure = _text(
        "Success measure",
        required=False,
        rows=3,
        help_text="What will show the action has made a difference for children. The action "
        "is Blue only with evidence of impact against it.",
    )
    owner = forms.ModelChoiceField(label="Owner", queryset=None, required=False, empty_label="No owner yet")
    lead_organisation = forms.ModelChoiceField(
        label="Lead organisation",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="The council",
        help_text="The organisation leading the action.",
    )
    start_date = GovDateField(label="Start date", help_text="For example, 1 9 2026")
    due_date = GovDateField(label="Due date", help_text="For example, 31 3 2027")
    recommendations = forms.ModelMultipleChoiceField(
        label="Inspection recommendations it answers (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    measures = forms.ModelMultipleChoiceField(
        label="Improvement notice measures it answers (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plan, submit="Save action", **kwargs):
        super().__init__(*args, **kwargs)
        council = plan.council
        User = get_user_model()
        self.fields["objective"].queryset = plan.objectives.filter(closed_on__isnull=True)
        self.fields["owner"].queryset = User.objects.filter(council=council, is_active=True).order_by(
            "last_name", "first_name"
        )
        self.fields["owner"].label_from_instance = _person
        self.fields["lead_organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["recommendations"].queryset = (
            Recommendation.objects.filter(inspection__council=council)
            .select_related("inspection__framework")
            .order_by("-inspection__published", "number")
        )
        self.fields["recommendations"].label_from_instance = lambda r: (
            f"{r.inspection.framework.code} {r.inspection.published:%Y} R{r.number}: {r.text[:120]}"
        )
        self.fields["measures"].queryset = (
            NoticeMeasure.objects.filter(theme__notice__council=council)
            .select_related("theme")
            .order_by("theme__order", "number")
        )
        self.fields["measures"].label_from_instance = lambda m: f"{m.reference} {m.short_text}"
        if not self.fields["objective"].queryset.exists():
            del self.fields["objective"]
        if not self.fields["recommendations"].queryset.exists():
            del self.fields["recommendations"]
        if not self.fields["measures"].queryset.exists():
            del self.fields["measures"]
        _layout(self, submit)

    def clean(self):
        data = super().clean()
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", f"Due date must be on or after the start date, {start:%-d %B %Y}")
        return data


class ReassignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    owner = forms.ModelChoiceField(
        label="New owner", queryset=None, error_messages={"required": "Select who will own the action"}
    )
    lead_organisation = forms.ModelChoiceField(
        label="Lead organisation", queryset=Organisation.objects.none(), required=False, empty_label="Leave as it is"
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            get_user_model().objects.filter(council=plan.council, is_active=True).order_by("last_name", "first_name")
        )
        self.fields["owner"].label_from_instance = _person
        self.fields["lead_organisation"].queryset = Organisation.objects.order_by("name")
        _layout(self, "Reassign")


class CloseActionForm(forms.Form):
    evidence_of_impact = _text(
        "Evidence of impact",
        rows=5,
        message="Enter the evidence of impact against the success measure",
        help_text="What shows it made the difference the success measure describes: an "
        "audit of cases, an indicator moving, what children and families say.",
    )
    narrative = _text("Closing note (optional)", required=False, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _layout(self, "Close the action")


class CloseForm(forms.Form):
    """Close an objective or an indicator on a date."""

    on = GovDateField(label="Date", help_text="For example, 31 3 2027")

    def __init__(self, *args, label: str, submit: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = label
        _layout(self, submit)


class MilestoneForm(forms.Form):
    title = _text("Milestone", max_length=300, message="Enter the milestone")
    due_date = GovDateField(label="Due date", help_text="For example, 31 1 2027")
    achieved_on = GovDateField(
        label="Achieved on (optional)", required=False, help_text="Leave blank until it is achieved."
    )

    def __init__(self, *args, submit="Save milestone", **kwargs):
        super().__init__(*args, **kwargs)
        _layout(self, submit)


_MONTH_LINE = re.compile(
    r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})[/ -](\d{4})|([A-Za-z]+)\.? (\d{4}))\s*[:=,]?\s*"
    r"([\d.,]+)\s*%?\s*$"
)


def parse_trajectory(text: str) -> dict[datetime.date, decimal.Decimal]:
    """Lines such as "January 2027: 70", "2027-01: 70" or "01/2027 70": month -> value."""
    from inspections.forms_gds import MONTH_NAMES

    points, errors = {}, []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _MONTH_LINE.match(line)
        month = None
        if match:
            if match[1]:
                year, month_number = int(match[1]), int(match[2])
            elif match[3]:
                year, month_number = int(match[4]), int(match[3])
            else:
                year, month_number = int(match[6]), MONTH_NAMES.get(match[5].lower())
            if month_number and 1 <= month_number <= 12:
                month = datetime.date(year, month_number, 1)
        if month is None:
            errors.append(f"Line {number} (“{line.strip()}”) is not a month and a value, like January 2027: 70")
            continue
        try:
            points[month] = decimal.Decimal(match[7].replace(",", ""))
        except decimal.InvalidOperation:
            errors.append(f"Line {number}: “{match[7]}” is not a number")
    if errors:
        raise ValidationError(errors)
    return points


class IndicatorForm(forms.Form):
    name = _text("Name", max_length=200, message="Enter the indicator's name")
    definition = _text(
        "Definition",
        rows=3,
        message="Enter how the indicator is measured",
        help_text="What is counted, and how: for example, initial assessments completed within 7 "
        "working days of referral, as a percentage of those completed in the month.",
    )
    unit = forms.ChoiceField(
        label="Unit",
        choices=PerformanceIndicator.Unit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the unit"},
    )
    polarity = forms.ChoiceField(
        label="Which direction is better?",
        choices=PerformanceIndicator.Polarity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which direction is better"},
    )
    baseline = PercentTolerantDecimalField(
        label="Baseline (optional)",
        required=False,
        max_digits=10,
        decimal_places=2,
        error_messages={"invalid": "Enter the baseline as a number"},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )
    target = PercentTolerantDecimalField(
        label="Target",
        max_digits=10,
        decimal_places=2,
        error_messages={"required": "Enter the target", "invalid": "Enter the target as a number, like 85"},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )
    target_date = GovDateField(label="Target date", help_text="For example, 31 1 2028")
    trajectory = _text(
        "Interim trajectory by month (optional)",
        required=False,
        rows=6,
        help_text="One month a line, with where the indicator should be by then, for example “January 2027: 70”.",
    )
    source = _text("Source (optional)", required=False, max_length=300)

    def __init__(self, *args, submit="Save indicator", **kwargs):
        super().__init__(*args, **kwargs)
        _layout(self, submit)

    def clean_trajectory(self):
        return parse_trajectory(self.cleaned_data["trajectory"])

    def clean(self):
        data = super().clean()
        if (
            data.get("unit") == PerformanceIndicator.Unit.PERCENT
            and data.get("target") is not None
            and not (0 <= data["target"] <= 100)
        ):
            self.add_error("target", "A percentage target must be from 0 to 100")
        target_date = data.get("target_date")
        late = [m for m in (data.get("trajectory") or {}) if target_date and m > target_date]
        if late:
            self.add_error("trajectory", f"{late[0]:%B %Y} is after the target date, {target_date:%-d %B %Y}")
        return data


def trajectory_text(indicator: PerformanceIndicator) -> str:
    return "\n".join(f"{p.month:%B %Y}: {p.value.normalize():f}" for p in indicator.trajectory.all())


class PlanStartForm(forms.Form):
    title = _text("Plan title", max_length=300, message="Enter the plan's title")
    agreed_on = GovDateField(label="Agreed on", help_text="When the council, its partners and the board agreed it.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _layout(self, "Start the plan")


class PlanSettingsForm(forms.Form):
    officers_may_edit = forms.TypedChoiceField(
        label="Who may change how the plan is set out?",
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        choices=[("no", "Only the council's administrators"), ("yes", "The council's administrators and its officers")],
        help_text="Adding, editing, reordering, closing and reassigning objectives, actions, milestones and "
        "indicators, and importing a spreadsheet. Everyone at the council can still log progress.",
        error_messages={"required": "Select who may change how the plan is set out"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _layout(self, "Save setting")


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a spreadsheet",
        help_text="An Excel workbook (.xlsx) or a CSV file, up to 5 MB.",
        error_messages={"required": "Choose the spreadsheet to upload", "empty": "The file you chose is empty"},
    )

    MAX_BYTES = 5 * 1024 * 1024

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["class"] = "govuk-file-upload"
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"
        self.helper = form_helper(Field("file"), submit="Upload and preview", multipart=True)

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > self.MAX_BYTES:
            raise ValidationError("The spreadsheet must be smaller than 5 MB")
        if not file.name.lower().endswith((".xlsx", ".csv")):
            raise ValidationError("The spreadsheet must be an Excel workbook (.xlsx) or a CSV file")
        return file
