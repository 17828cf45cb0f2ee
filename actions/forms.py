"""Forms for the plan: they validate and normalise, and say clearly what is wrong. Services
make the changes."""

from __future__ import annotations

import datetime

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.core.exceptions import ValidationError

from inspections.forms_gds import GovDateField, form_helper

from . import guardrails, rules, validators
from .models import Action
from .services import LinkEvidence

# --- The plan's filters ----------------------------------------------------------------------


class PlanFilterForm(forms.Form):
    """Filters and sort for the plan page and its exports (a GET form; every field optional),
    drawn by templates/actions/_plan_filters.html."""

    q = forms.CharField(
        label="Search the actions",
        required=False,
        max_length=200,
        help_text="Words in an action's title or description, or its reference, for example 2.3",
    )
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any status"), *rules.Status.choices])
    rag = forms.ChoiceField(label="RAG rating", required=False, choices=[("", "Any rating"), *rules.Rag.choices])
    owner = forms.ModelChoiceField(label="Owner", required=False, queryset=None, empty_label="Anyone")
    lead_organisation = forms.ModelChoiceField(
        label="Lead organisation", required=False, queryset=None, empty_label="Any organisation"
    )
    theme = forms.ModelChoiceField(label="Notice theme", required=False, queryset=None, empty_label="Any theme")
    measure = forms.ModelChoiceField(label="Notice measure", required=False, queryset=None, empty_label="Any measure")
    recommendation = forms.ModelChoiceField(
        label="Inspection recommendation", required=False, queryset=None, empty_label="Any recommendation"
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("due", "Due date, soonest first"),
            ("-due", "Due date, latest first"),
            ("reference", "Plan order"),
        ],
    )
    overdue = forms.BooleanField(label="Only overdue actions", required=False)
    not_updated = forms.BooleanField(label="Only actions not updated since the last meeting", required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in choices.items():
            self.fields[name].queryset = queryset
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
        self.fields["measure"].label_from_instance = lambda m: f"{m.reference} {m.short_text}"
        self.fields["recommendation"].label_from_instance = lambda r: (
            f"{r.inspection.framework.code} {r.inspection.published:%Y} R{r.number}: {r.short_text}"
        )

    def filters(self) -> dict:
        """The valid filters (an invalid one, e.g. from an edited address, is ignored)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "", False)}


# --- Progress updates ------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files; each checked by :func:`validators.evidence_file_type`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "govuk-file-upload"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        files = [super(MultipleFileField, self).clean(file, initial) for file in files if file]
        errors = []
        for file in files:
            try:
                validators.evidence_file_type(file)
            except ValidationError as error:
                errors.extend(error.error_list)
        try:
            validators.evidence_files_total(files)
        except ValidationError as error:
            errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return files


def _too_long(what: str) -> dict:
    return {"max_length": f"{what} must be {guardrails.UPDATE_TEXT_MAX_CHARS:,} characters or fewer"}


class ProgressUpdateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    narrative = forms.CharField(
        label="What has happened since the last update?",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=guardrails.UPDATE_TEXT_MAX_CHARS,
        error_messages={
            "required": "Enter what has happened since the last update",
            **_too_long("What has happened since the last update"),
        },
    )
    status = forms.ChoiceField(
        label="Status",
        choices=rules.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action's status"},
    )
    rag = forms.ChoiceField(
        label="RAG rating", widget=forms.RadioSelect, error_messages={"required": "Select a RAG rating"}
    )
    remedial_action = forms.CharField(
        label="Remedial action (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=guardrails.UPDATE_TEXT_MAX_CHARS,
        error_messages=_too_long("Remedial action"),
        help_text="Where the action is not going to plan: what is being done about it.",
    )
    evidence_of_impact = forms.CharField(
        label="Evidence of impact (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=guardrails.UPDATE_TEXT_MAX_CHARS,
        error_messages=_too_long("Evidence of impact"),
        help_text="What shows the action has made a difference. A complete action needs it to be rated Blue.",
    )
    files = MultipleFileField(
        label="Evidence files (optional)",
        required=False,
        help_text="PDF, Word, Excel, PNG or JPEG files, each smaller than 20 MB and 50 MB together. You can choose "
        "more than one.",
    )
    links = forms.CharField(
        label="Links to evidence (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=guardrails.UPDATE_TEXT_MAX_CHARS,
        error_messages=_too_long("Links to evidence"),
        help_text="One web address per line, for example a report on the council's intranet.",
    )
    confirm_personal_data = forms.BooleanField(
        label="Save anyway: I have checked and this does not identify a child",
        required=False,
    )

    def __init__(self, *args, action: Action, on: datetime.date, held_names=(), **kwargs):
        self.held_names = list(held_names)
        self.action = action
        self.overdue = action.is_overdue(on=on)
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", action.version)
        kwargs["initial"].setdefault("status", action.status)
        kwargs["initial"].setdefault("rag", action.rag_on(on).value)
        kwargs["initial"].setdefault("evidence_of_impact", action.evidence_of_impact)
        super().__init__(*args, **kwargs)
        allowed = rules.ratings_allowed(status=rules.Status.IN_PROGRESS, overdue=self.overdue)
        self.fields["rag"].choices = [
            Choice(
                rag.value,
                f"{rag.label}: {rules.RAG_MEANING[rag].lower()}",
                **({"hint": allowed[rag]} if allowed[rag] and rag != rules.Rag.BLUE else {}),
            )
            for rag in rules.Rag
        ]
        self.fields[
            "rag"
        ].help_text = f"The rules suggest {action.rag_on(on).label}. Blue means complete and evidenced."
        self.helper = form_helper(
            "version",
            Field.textarea("narrative", label_size=Size.MEDIUM),
            Field.radios("status", legend_size=Size.MEDIUM, inline=False),
            Field.radios("rag", legend_size=Size.MEDIUM),
            Field.textarea("remedial_action"),
            Field.textarea("evidence_of_impact"),
            Field("files"),
            Field.textarea("links"),
            submit="Save progress update",
            multipart=True,
        )
        self.helper.form_id = "progress-form"

    def clean_narrative(self):
        return self.cleaned_data["narrative"].strip()

    def clean_links(self) -> list[LinkEvidence]:
        links, errors = [], []
        for line in self.cleaned_data["links"].splitlines():
            if not line.strip():
                continue
            try:
                links.append(LinkEvidence(title=line.strip(), url=validators.evidence_url(line)))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return links

    def clean(self):
        data = super().clean()
        status, rag = data.get("status"), data.get("rag")
        if status and rag:
            reason = rules.ratings_allowed(status=status, overdue=self.overdue)[rules.Rag(rag)]
            if reason:
                self.add_error("rag", reason)
        if data.get("narrative") == "":
            self.add_error("narrative", "Enter what has happened since the last update")
        self._check_personal_data(data)
        return data

    def _check_personal_data(self, data) -> None:
        """Warn before saving text that looks as if it identifies a child (actions/guardrails.py),
        naming what was found and in which field, with the text shown and the match highlighted;
        the officer may save anyway after confirming."""
        fields = [
            ("narrative", "What has happened since the last update", data.get("narrative") or ""),
            ("remedial_action", "Remedial action", data.get("remedial_action") or ""),
            ("evidence_of_impact", "Evidence of impact", data.get("evidence_of_impact") or ""),
        ]
        names = [getattr(f, "name", "") for f in data.get("files") or []] + self.held_names
        fields += [("files", "Evidence file name", name) for name in names]
        fields += [("links", "Link to evidence", link.title) for link in data.get("links") or []]
        self.personal_data = []
        self.personal_data_fields = []
        for name, label, text in fields:
            found = guardrails.findings(text)
            if found:
                self.personal_data += found
                self.personal_data_fields.append(
                    {"field": name, "label": label, "findings": found, "html": guardrails.highlighted(text, found)}
                )
        if not self.personal_data:
            return
        self.helper.layout.insert(len(self.helper.layout) - 1, Field.checkbox("confirm_personal_data"))
        if data.get("confirm_personal_data"):
            return
        where = "; ".join(
            f"{entry['label']}: {_and(sorted({f.label for f in entry['findings']}))}"
            for entry in self.personal_data_fields
        )
        self.add_error(
            "confirm_personal_data",
            f"This looks as if it identifies a child ({where}). Remove it, or tick the box to save anyway",
        )


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- Revised due dates -----------------------------------------------------------------------

EARLIEST_YEAR = 2000
YEARS_AHEAD = 10


class RevisedDateForm(forms.Form):
    proposed_date = GovDateField(
        label="Proposed revised due date",
        help_text="For example, 31 3 2027",
        required_message="Enter the proposed revised due date",
    )
    reason = forms.CharField(
        label="Why does the due date need to change?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter why the due date needs to change"},
        help_text="The board reads this when it decides whether to agree the new date.",
    )

    def __init__(self, *args, action: Action, on: datetime.date, replacing=None, **kwargs):
        self.replacing = replacing
        self.action = action
        self.on = on
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field("proposed_date", context={"legend_size": Size.for_legend(Size.MEDIUM)}),
            Field.textarea("reason", label_size=Size.MEDIUM),
            submit="Replace the proposal" if replacing else "Send to the board",
        )

    def clean_proposed_date(self):
        value = self.cleaned_data["proposed_date"]
        if value <= self.on:
            raise ValidationError("The proposed revised due date must be in the future")
        if value.year > self.on.year + YEARS_AHEAD:
            raise ValidationError(f"The proposed revised due date must be within {YEARS_AHEAD} years")
        if value < self.action.start_date:
            raise ValidationError(
                f"The proposed revised due date must be on or after the start date, {self.action.start_date:%-d %B %Y}"
            )
        return value

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Enter why the due date needs to change")
        return reason


class RevisionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Does the board agree the revised due date?",
        widget=forms.RadioSelect,
        choices=[
            ("agree", "Yes, agree the revised due date"),
            ("different", "Agree a different date"),
            ("reject", "No, reject it"),
        ],
        error_messages={"required": "Select whether the board agrees the revised due date"},
    )
    agreed_date = GovDateField(
        label="The date the board agrees",
        required=False,
        name="The date the board agrees",
        help_text="Only if you agree a different date. For example, 31 1 2027",
    )
    reason = forms.CharField(
        label="Reason for the decision",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed if you agree a different date or reject it. The officer who proposed it and the "
        "action's owner will see this.",
    )

    def __init__(self, *args, on: datetime.date | None = None, **kwargs):
        self.on = on
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field("agreed_date", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.textarea("reason"),
            submit="Record the decision",
        )

    def clean(self):
        data = super().clean()
        data["reason"] = (data.get("reason") or "").strip()
        decision = data.get("decision")
        if decision == "reject" and not data["reason"]:
            self.add_error("reason", "Enter why the board rejects the revised due date")
        if decision == "different":
            if not data.get("agreed_date") and "agreed_date" not in self.errors:
                self.add_error("agreed_date", "Enter the date the board agrees")
            elif data.get("agreed_date") and self.on and data["agreed_date"] <= self.on:
                self.add_error("agreed_date", "The date the board agrees must be in the future")
            if not data["reason"]:
                self.add_error("reason", "Enter why the board agrees a different date")
        return data


# The indicator value forms live in their own module; these names are the plan's forms too.
from .indicator_forms import IndicatorTableForm, IndicatorValueForm, month_choices  # noqa: E402,F401
