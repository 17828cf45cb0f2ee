"""The one GOV.UK date input (inspections/forms_gds.py): day, month and year boxes (or month and
year), GOV.UK's error messages, one error per field, and an error summary linking to the box."""

import datetime

import pytest
from django import forms
from django.template.loader import render_to_string

from inspections.forms_gds import GovDateField, GovMonthField, PercentTolerantDecimalField, error_links


class MeetingDateForm(forms.Form):
    date = GovDateField(label="Date of the meeting", required_message="Enter the date of the meeting")


class MonthForm(forms.Form):
    period = GovMonthField(label="Month of the report")


def _errors(form_class, **data):
    form = form_class(data)
    assert not form.is_valid()
    return form, error_links(form)


def test_a_real_date_is_accepted():
    form = MeetingDateForm({"date_0": "2", "date_1": "10", "date_2": "2012"})
    assert form.is_valid()
    assert form.cleaned_data["date"] == datetime.date(2012, 10, 2)


def test_a_month_may_be_written_as_a_name():
    form = MeetingDateForm({"date_0": "2", "date_1": "Oct", "date_2": "2012"})
    assert form.is_valid()
    assert form.cleaned_data["date"] == datetime.date(2012, 10, 2)


@pytest.mark.parametrize(
    "day, month, year, message, box",
    [
        ("", "", "", "Enter the date of the meeting", 0),
        ("2", "", "2012", "Date of the meeting must include a month", 1),
        ("", "", "2012", "Date of the meeting must include a day and month", 0),
        ("31", "2", "2027", "Date of the meeting must be a real date", 0),
        ("2", "13", "2012", "Date of the meeting must be a real date", 1),
        ("2", "10", "12", "Year must include 4 numbers", 2),
        ("2", "10", "twenty", "Date of the meeting must be a real date", 2),
    ],
)
def test_a_bad_date_gets_one_govuk_error_linking_to_its_box(day, month, year, message, box):
    form, links = _errors(MeetingDateForm, date_0=day, date_1=month, date_2=year)
    assert form.errors["date"] == [message]
    assert links == [(f"id_date_{box}", message)]


def test_a_23_digit_year_is_refused_with_a_govuk_error():
    """Issue 16 item 10: it used to raise OverflowError (a server error)."""
    form, links = _errors(MeetingDateForm, date_0="1", date_1="1", date_2="1" * 23)
    assert form.errors["date"] == ["Year must include 4 numbers"]
    assert links == [("id_date_2", "Year must include 4 numbers")]


def test_a_month_field_has_month_and_year_boxes_and_gives_the_first_of_the_month():
    form = MonthForm({"period_0": "10", "period_1": "2012"})
    assert form.is_valid()
    assert form.cleaned_data["period"] == datetime.date(2012, 10, 1)
    html = str(form["period"])
    assert 'name="period_0"' in html and 'name="period_1"' in html and 'name="period_2"' not in html
    _, links = _errors(MonthForm, period_0="10", period_1="")
    assert links == [("id_period_1", "Month of the report must include a year")]


def test_only_the_wrong_box_is_outlined_in_red():
    form = MeetingDateForm({"date_0": "2", "date_1": "", "date_2": "2012"})
    form.is_valid()
    html = str(form["date"])
    boxes = html.split("<input")[1:]
    assert ["govuk-input--error" in box for box in boxes] == [False, True, False]


def test_the_error_summary_links_to_the_box():
    form = MeetingDateForm({"date_0": "2", "date_1": "", "date_2": "2012"})
    form.is_valid()
    html = render_to_string("includes/error_summary.html", {"form": form})
    assert '<a href="#id_date_1">Date of the meeting must include a month</a>' in html
    assert html.count("<li>") == 1


@pytest.mark.parametrize("typed, value", [("81%", 81), ("81 %", 81), ("71.5", 71.5), ("1,250", 1250)])
def test_a_number_may_be_typed_with_a_percent_sign_or_commas(typed, value):
    assert PercentTolerantDecimalField().clean(typed) == value
