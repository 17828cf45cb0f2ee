"""The chair's form for generating a month's report."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from ..boards.models import ImprovementBoard


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
