"""Forms for recording a council's journey between inspections: Ofsted's visits and their
findings, and the post-inspection action plan (DfE's intervention: ``intervention_forms``). They
validate and normalise; the services in ``ofsted_services`` and ``intervention_services`` save.
Each takes the ``council`` and the record it is about (``target``: an activity, a plan, a notice,
a review, a direction...; None when adding)."""

from __future__ import annotations

import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils import timezone

from . import deadlines, forms_gds, ofsted_services
from .forms_gds import GovDateField
from .models import (
    Council,
    Inspection,
    OfstedActivity,
    OfstedFinding,
)
from .ofsted_services import Finding

EARLIEST = datetime.date(2000, 1, 1)
# The findings' boxes, in the order a letter usually gives them: (field, kind, label).
FINDING_FIELDS = (
    ("progress", OfstedFinding.Kind.PROGRESS, "Progress"),
    ("strengths", OfstedFinding.Kind.STRENGTH, "Strengths"),
    ("areas_for_improvement", OfstedFinding.Kind.AREA_FOR_IMPROVEMENT, "Areas for improvement"),
    ("priority_actions", OfstedFinding.Kind.PRIORITY_ACTION, "Areas for priority action"),
    ("areas_for_development", OfstedFinding.Kind.AREA_FOR_DEVELOPMENT, "Areas for development"),
)


def form_helper(*fields, files: bool = False) -> FormHelper:
    return forms_gds.form_helper(*fields, submit="Continue", multipart=files)


def gov_date(label: str, *, required: bool = True, help_text: str = "For example, 27 3 2025") -> GovDateField:
    return GovDateField(
        label=label, help_text=help_text, required=required, required_message=f"Enter the {label[0].lower()}{label[1:]}"
    )


def date_layout(name: str) -> Field:
    return Field(name, context={"legend_size": Size.for_legend(Size.SMALL)})


def text_area(label: str, *, help_text: str = "", rows: int = 5, required: bool = False, max_length=None):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": f"Enter {label[0].lower()}{label[1:]}"},
    )


def radio_field(label: str, choices, *, required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, error_messages={"required": required_message}
    )


class DatesMixin:
    """Dates that must have happened (not after today), and come in order."""

    def _noun(self, name: str) -> str:
        label = str(self.fields[name].label).removesuffix(" (optional)")
        return label[0].lower() + label[1:]

    def _not_after_today(self, *names: str) -> None:
        today = timezone.localdate()
        for name in names:
            value = self.cleaned_data.get(name)
            if value and value > today:
                self.add_error(name, f"The {self._noun(name)} must be today or in the past")
            elif value and value < EARLIEST:
                self.add_error(name, f"The {self._noun(name)} must be in {EARLIEST.year} or later")

    def _on_or_after(self, name: str, earliest: datetime.date | None, what: str) -> None:
        value = self.cleaned_data.get(name)
        if value and earliest and value < earliest and name not in self.errors:
            self.add_error(name, f"The {self._noun(name)} must be on or after {what}")


# --- Ofsted between inspections -------------------------------------------------------------


class ActivityForm(DatesMixin, forms.Form):
    kind = radio_field("What was it?", OfstedActivity.Kind.choices, required_message="Choose what kind of visit it was")
    follows = forms.ModelChoiceField(
        label="The inspection it follows",
        queryset=Inspection.objects.none(),
        required=False,
        empty_label="None",
        help_text="Needed for a planning or monitoring visit: the inspection that found services inadequate.",
        error_messages={"invalid_choice": "Choose one of this council's inspections"},
    )
    number = forms.IntegerField(
        label="Monitoring visit number (optional)",
        required=False,
        min_value=1,
        max_value=50,
        help_text="Leave it empty to number it after the monitoring visits already recorded.",
        error_messages={"invalid": "Enter the visit's number as a whole number, like 3"},
    )
    title = forms.CharField(label="Title of the letter (optional)", required=False, max_length=300)
    focus = forms.CharField(
        label="What it looked at (optional)",
        required=False,
        max_length=300,
        help_text="As the letter names it, for example “Children in need and subject to a child protection plan”.",
    )
    started = gov_date("First day of the visit or meeting", required=False)
    ended = gov_date("Last day of the visit (optional)", required=False)
    published = gov_date("Date of the letter", required=False)
    lead_inspector = forms.CharField(label="Lead inspector (optional)", required=False, max_length=200)
    inspectorates = forms.CharField(
        label="Inspectorates (optional)",
        required=False,
        max_length=300,
        help_text="For a joint inspection, for example “Ofsted, CQC, HMICFRS, HMI Probation”.",
    )
    judgement_as_written = forms.CharField(
        label="Judgement, as the letter writes it (optional)",
        required=False,
        max_length=200,
        help_text="Leave it empty if it was not graded, as most visits are not.",
    )

    def __init__(self, *args, council: Council, target: OfstedActivity | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.fields["follows"].queryset = (
            Inspection.objects.filter(council=council).select_related("framework").order_by("-published")
        )
        self.fields["follows"].label_from_instance = lambda i: f"{i.title} ({i.framework.code}, {i.published:%B %Y})"
        for name, _kind, label in FINDING_FIELDS:
            self.fields[name] = text_area(
                f"{label} (optional)",
                help_text="Copy each finding as the letter writes it. Leave a blank line between findings.",
            )
        self.helper = form_helper(
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.select("follows"),
            Field.text("number", field_width=4),
            Field.text("title"),
            Field.text("focus"),
            date_layout("started"),
            date_layout("ended"),
            date_layout("published"),
            Field.text("lead_inspector", field_width=20),
            Field.text("inspectorates"),
            Field.text("judgement_as_written", field_width=20),
            *(Field.textarea(name, rows=6) for name, _kind, _label in FINDING_FIELDS),
        )

    @staticmethod
    def initial_from(activity: OfstedActivity) -> dict:
        initial = {name: getattr(activity, name) for name in ofsted_services.DETAILS if name != "follows"}
        initial["follows"] = activity.follows_id
        findings = list(activity.findings.all())
        for name, kind, _label in FINDING_FIELDS:
            initial[name] = "\n\n".join(f.text for f in findings if f.kind == kind)
        return initial

    def clean(self):
        data = super().clean()
        self._not_after_today("started", "ended", "published")
        kind = data.get("kind")
        if not data.get("started") and not data.get("published") and "started" not in self.errors:
            self.add_error("started", "Enter the first day of the visit, or the date of its letter below")
        if kind in (OfstedActivity.Kind.PLANNING_VISIT, OfstedActivity.Kind.MONITORING_VISIT) and not data.get(
            "follows"
        ):
            if "follows" not in self.errors:
                self.add_error("follows", "Choose the inspection the visit follows")
        if kind != OfstedActivity.Kind.MONITORING_VISIT:
            data["number"] = None
        if data.get("ended") and not data.get("started") and "started" not in self.errors:
            self.add_error("started", "Enter the first day of the visit as well as its last")
        started = data.get("started")
        self._on_or_after("ended", started, "the first day")
        self._on_or_after("published", data.get("ended") or started, "the visit")
        return data

    def findings(self) -> list[Finding]:
        rows = []
        for name, kind, _label in FINDING_FIELDS:
            text = (self.cleaned_data.get(name) or "").replace("\r\n", "\n")
            rows += [Finding(kind, " ".join(p.split())) for p in text.split("\n\n") if p.strip()]
        return rows


class PlanDeadlineForm(forms.Form):
    inspection = forms.ModelChoiceField(
        label="Which inspection?",
        queryset=Inspection.objects.none(),
        empty_label="Choose an inspection",
        error_messages={
            "required": "Choose the inspection the action plan answers",
            "invalid_choice": "Choose one of this council's inspections",
        },
    )
    working_days = forms.IntegerField(
        label="Working days the report allows (optional)",
        required=False,
        min_value=1,
        max_value=250,
        help_text=f"Leave it empty for the framework's own deadline (ILACS: {deadlines.ILACS_PLAN_WORKING_DAYS} "
        "working days from the report). Southwark's 2009 report, for example, commits to 60.",
        error_messages={"invalid": "Enter the number of working days as a whole number, like 60"},
    )
    basis = forms.CharField(
        label="Where the deadline comes from (optional)",
        required=False,
        max_length=300,
        help_text="Needed if you enter the working days: the document and page, for example "
        "“JAR report, December 2008: within 60 working days of publication”.",
    )

    def __init__(self, *args, council: Council, target=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = (
            Inspection.objects.filter(council=council).select_related("framework").order_by("-published")
        )
        self.fields["inspection"].label_from_instance = lambda i: (
            f"{i.title} ({i.framework.code}, published {i.published:%-d %B %Y})"
        )
        self.helper = form_helper(
            Field.select("inspection"), Field.text("working_days", field_width=4), Field.text("basis")
        )

    def clean(self):
        data = super().clean()
        inspection, days = data.get("inspection"), data.get("working_days")
        if days and not (data.get("basis") or "").strip():
            self.add_error("basis", "Enter where the deadline comes from")
        if inspection and not days and "working_days" not in self.errors:
            if not deadlines.plan_deadlines_for_inspection(inspection.framework.code):
                self.add_error(
                    "working_days",
                    f"The {inspection.framework.code} framework sets no deadline: enter the working days the report allows",
                )
        return data


class PlanSubmittedForm(DatesMixin, forms.Form):
    submitted = gov_date("Date the plan was sent to Ofsted")
    ofsted_response = text_area(
        "Ofsted's response (optional)", help_text="As Ofsted wrote it, if it has replied.", max_length=10_000
    )
    ofsted_response_on = gov_date("Date of Ofsted's response (optional)", required=False)

    def __init__(self, *args, council: Council, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = target
        self.helper = form_helper(
            date_layout("submitted"), Field.textarea("ofsted_response"), date_layout("ofsted_response_on")
        )

    def clean(self):
        data = super().clean()
        self._not_after_today("submitted", "ofsted_response_on")
        self._on_or_after("submitted", self.plan.counted_from, f"the report's date, {self.plan.counted_from:%-d %B %Y}")
        self._on_or_after("ofsted_response_on", data.get("submitted"), "the date the plan was sent")
        if data.get("ofsted_response_on") and not (data.get("ofsted_response") or "").strip():
            self.add_error("ofsted_response", "Enter Ofsted's response, or leave its date empty")
        return data
