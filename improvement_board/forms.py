"""Forms for the chair's pages: generating a report, recording a meeting. They validate and
normalise; the services act."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from actions.models import DueDateRevision

from .models import ImprovementBoard
from .services import AttendanceEntry


class ReportGenerateForm(forms.Form):
    period = forms.CharField(
        label="Month", help_text="For example, 2012-10 for October 2012.",
        widget=forms.TextInput(attrs={"type": "month", "class": "govuk-input govuk-input--width-10"}),
    )

    def __init__(self, *args, board: ImprovementBoard, **kwargs):
        self.board = board
        super().__init__(*args, **kwargs)

    def clean_period(self) -> datetime.date:
        value = self.cleaned_data["period"].strip()
        try:
            period = datetime.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError("Enter a month as year and month, for example 2012-10.") from None
        if period > timezone.localdate().replace(day=1):
            raise forms.ValidationError("The month must not be in the future.")
        if period < self.board.established.replace(day=1):
            raise forms.ValidationError(f"The board was set up in {self.board.established:%B %Y}; choose a month since.")
        return period


class MeetingForm(forms.Form):
    date = forms.DateField(label="Date of the meeting", help_text="For example, 2012-10-02.",
                           widget=forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}))
    location = forms.CharField(required=False, max_length=200,
                               widget=forms.TextInput(attrs={"class": "govuk-input"}))
    decisions = forms.CharField(
        required=False, label="Decisions",
        help_text="One decision per line. Agreed revised due dates below are added as decisions.",
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 6}),
    )
    agree = forms.ModelMultipleChoiceField(
        queryset=DueDateRevision.objects.none(), required=False, label="Revised due dates the board agreed",
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}))

    def __init__(self, *args, board: ImprovementBoard, **kwargs):
        super().__init__(*args, **kwargs)
        self.board = board
        self.fields["agree"].queryset = (
            DueDateRevision.objects.filter(action__plan__council=board.council, status=DueDateRevision.Status.PENDING)
            .select_related("action").order_by("action__order")
        )
        self.fields["agree"].label_from_instance = (
            lambda r: f"{r.action.reference} {r.action.title}: to {r.proposed_date:%-d %B %Y} ({r.reason})"
        )
        self.members = list(board.members.filter(left__isnull=True).select_related("organisation"))
        for member in self.members:
            self.fields[f"present_{member.pk}"] = forms.BooleanField(
                required=False, initial=True, label=f"{member.name}, {member.organisation}"
            )
            self.fields[f"substitute_{member.pk}"] = forms.CharField(
                required=False, max_length=200, label="Sent in their place",
                widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
            )

    def member_rows(self):
        return [(m, self[f"present_{m.pk}"], self[f"substitute_{m.pk}"]) for m in self.members]

    def clean_decisions(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["decisions"].splitlines() if line.strip()]

    def attendance(self) -> list[AttendanceEntry]:
        return [
            AttendanceEntry(member=m, present=self.cleaned_data[f"present_{m.pk}"],
                            substitute=self.cleaned_data[f"substitute_{m.pk}"])
            for m in self.members
        ]
