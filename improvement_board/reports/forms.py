"""The chair's form for generating a month's report."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from inspections.forms_gds import GovMonthField

from ..boards.models import ImprovementBoard


class ReportGenerateForm(forms.Form):
    period = GovMonthField(
        label="Generate the report for a month now",
        name="The month of the report",
        required_message="Enter the month of the report",
        help_text="For example, 10 2012 for October 2012. If the month has a report already, a new version is made "
        "and the old one kept.",
    )

    def __init__(self, *args, board: ImprovementBoard, **kwargs):
        self.board = board
        super().__init__(*args, **kwargs)

    def clean_period(self) -> datetime.date:
        period = self.cleaned_data["period"]
        if period > timezone.localdate().replace(day=1):
            raise forms.ValidationError("The month of the report must not be in the future")
        if period < self.board.established.replace(day=1):
            raise forms.ValidationError(
                f"The board was set up in {self.board.established:%B %Y}: choose a month since then"
            )
        return period
