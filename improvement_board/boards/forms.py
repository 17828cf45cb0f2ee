"""The chair's form for recording a meeting. They validate and
normalise; the services act."""

from __future__ import annotations

from django import forms

from actions import selectors as action_selectors
from actions.models import DueDateRevision
from inspections.forms_gds import GovDateField

from .models import ImprovementBoard
from .services import AttendanceEntry


class MeetingForm(forms.Form):
    date = GovDateField(
        label="Date of the meeting",
        help_text="For example, 2 10 2012",
        required_message="Enter the date of the meeting",
    )
    location = forms.CharField(required=False, max_length=200, widget=forms.TextInput(attrs={"class": "govuk-input"}))
    decisions = forms.CharField(
        required=False,
        label="Decisions",
        help_text="One decision per line. Agreed revised due dates below are added as decisions.",
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 6}),
    )
    agree = forms.ModelMultipleChoiceField(
        queryset=DueDateRevision.objects.none(),
        required=False,
        label="Revised due dates the board agreed",
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}))
    # Shown once the attendance falls short of the quorum (the terms of reference in force say so).
    confirm_inquorate = forms.BooleanField(required=False, label="Record the meeting as not quorate")
    quorum_warned = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, board: ImprovementBoard, **kwargs):
        super().__init__(*args, **kwargs)
        self.board = board
        self.fields["agree"].queryset = (
            action_selectors.pending_revisions([board.council]).select_related("action").order_by("action__order")
        )
        self.fields["agree"].label_from_instance = lambda r: (
            f"{r.action.reference} {r.action.title}: to {r.proposed_date:%-d %B %Y} ({r.reason})"
        )
        self.members = list(board.members.filter(left__isnull=True).select_related("organisation"))
        for member in self.members:
            self.fields[f"present_{member.pk}"] = forms.BooleanField(
                required=False, initial=True, label=f"{member.name}, {member.organisation}"
            )
            self.fields[f"substitute_{member.pk}"] = forms.CharField(
                required=False,
                max_length=200,
                label="Sent in their place",
                widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
            )

    def member_rows(self):
        return [(m, self[f"present_{m.pk}"], self[f"substitute_{m.pk}"]) for m in self.members]

    def clean_decisions(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["decisions"].splitlines() if line.strip()]

    def attendance(self) -> list[AttendanceEntry]:
        return [
            AttendanceEntry(
                member=m,
                present=self.cleaned_data[f"present_{m.pk}"],
                substitute=self.cleaned_data[f"substitute_{m.pk}"],
            )
            for m in self.members
        ]
