"""Forms for an indicator's monthly values: one value, or a month's values for several
indicators in a table; both validate against the indicator's unit and ask before replacing a
value already entered. Re-exported by :mod:`actions.forms`."""

from __future__ import annotations

import datetime
import decimal

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.core.exceptions import ValidationError

from inspections import months as calendar_months
from inspections.forms_gds import GovMonthField, PercentTolerantDecimalField, form_helper

from . import validators
from .models import PerformanceIndicator


def month_choices(on: datetime.date, *, months: int = 36) -> list[tuple[str, str]]:
    """The months a value may be entered for: this month and the ``months`` before it."""
    return [(first.isoformat(), f"{first:%B %Y}") for first in calendar_months.months_back(on, months)]


def _month(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _value_field(indicator: PerformanceIndicator, *, required: bool = True, label: str | None = None):
    unit = PerformanceIndicator.Unit(indicator.unit)
    hint = {
        "percent": "A percentage from 0 to 100, for example 71.5 or 71.5%",
        "count": "A whole number, for example 12",
        "days": "A number of days, 0 or more",
        "rate": "A rate per 10,000 children, 0 or more",
    }[unit.value]
    of = f" for {label}" if label else ""
    return PercentTolerantDecimalField(
        label=label or f"Value ({unit.label.lower()})",
        help_text=hint,
        required=required,
        max_digits=10,
        decimal_places=2,
        error_messages={
            "required": "Enter the value for the month",
            "invalid": f"Enter a number{of}, like 12 or 71.5",
            "max_decimal_places": f"Enter the value{of} with no more than 2 decimal places",
            "max_digits": f"Enter a smaller number{of}",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )


class IndicatorValueForm(forms.Form):
    month = GovMonthField(
        label="Month",
        name="The month",
        help_text="For example, 3 2027",
        required_message="Enter the month the value is for",
    )
    value = forms.DecimalField()
    source = forms.CharField(
        label="Source (optional)",
        required=False,
        max_length=300,
        help_text="Where the figure comes from, for example the monthly performance report.",
    )
    confirm_replace = forms.BooleanField(label="Yes, replace the value already recorded for this month", required=False)

    def __init__(self, *args, indicator: PerformanceIndicator, on: datetime.date, needs_confirmation=False, **kwargs):
        self.indicator = indicator
        self.months = [_month(key) for key, _ in month_choices(on)]
        super().__init__(*args, **kwargs)
        self.fields["value"] = _value_field(indicator)
        fields = [
            Field("month", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.text("value", field_width=10),
            Field.text("source"),
        ]
        if needs_confirmation:
            fields.append(Field.checkbox("confirm_replace"))
        self.helper = form_helper(*fields, submit="Save value")

    def clean_month(self) -> datetime.date:
        month = self.cleaned_data["month"]
        if month > self.months[0]:
            raise ValidationError("The month must be this month or earlier")
        if month < self.months[-1]:
            raise ValidationError(f"The month must be {self.months[-1]:%B %Y} or later")
        return month

    def clean_value(self):
        return validators.indicator_value(self.indicator.unit, self.cleaned_data["value"])


class IndicatorTableForm(forms.Form):
    """Every indicator of a plan for one month: one value each (blank leaves it as it is)."""

    month = forms.TypedChoiceField(
        label="Month",
        coerce=_month,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Select a month from the list"},
    )
    confirm_replace = forms.BooleanField(
        label="Yes, replace the values already recorded for this month", required=False
    )

    def __init__(self, *args, indicators, existing: dict, on: datetime.date, needs_confirmation=False, **kwargs):
        self.indicators = list(indicators)
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = month_choices(on)
        names = []
        for indicator in self.indicators:
            name = f"value_{indicator.pk}"
            current = existing.get(indicator.pk)
            field = _value_field(indicator, required=False, label=indicator.name)
            if current is not None:
                field.help_text += f". Recorded now: {current.value:g}"
            self.fields[name] = field
            names.append(Field.text(name, field_width=10))
        if needs_confirmation:
            names.append(Field.checkbox("confirm_replace"))
        self.helper = form_helper("month", *names, submit="Save values")

    def clean(self):
        data = super().clean()
        for indicator in self.indicators:
            name = f"value_{indicator.pk}"
            value = data.get(name)
            if value is None:
                continue
            try:
                validators.indicator_value(indicator.unit, value)
            except ValidationError as error:
                self.add_error(name, f"{indicator.name}: {error.messages[0].rstrip('.')}")
        return data

    def values(self) -> list[tuple[PerformanceIndicator, decimal.Decimal]]:
        return [
            (i, self.cleaned_data[f"value_{i.pk}"])
            for i in self.indicators
            if self.cleaned_data.get(f"value_{i.pk}") is not None
        ]
