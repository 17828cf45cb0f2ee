"""Monthly indicator values: one at a time or a month's table, checked against the unit;
replacing a value needs confirmation, and the old value stays in the history."""

import datetime

import pytest
from django.urls import reverse

from actions import services
from actions.models import IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def month(today):
    return today.replace(day=1)


def _enter(client, indicator, month, value, **extra):
    return client.post(
        reverse("actions:indicator_value", args=[indicator.pk]),
        {"month_0": month.month, "month_1": month.year, "value": value, "source": "", **extra},
    )


def test_an_officer_enters_a_value(client, sutton_officer, sutton_indicator, month):
    client.force_login(sutton_officer)
    assert _enter(client, sutton_indicator, month, "61.5").status_code == 302
    assert IndicatorValue.objects.get().value == 61.5


@pytest.mark.parametrize(
    "value, message",
    [
        ("101", "A percentage must be between 0 and 100"),
        ("-1", "A percentage must be between 0 and 100"),
        ("lots", "Enter a number, like 12 or 71.5"),
        ("101%", "A percentage must be between 0 and 100"),
        ("", "Enter the value for the month"),
    ],
)
def test_a_percentage_outside_0_to_100_is_refused(client, sutton_officer, sutton_indicator, month, value, message):
    client.force_login(sutton_officer)
    response = _enter(client, sutton_indicator, month, value)
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize("typed", ["81%", "81 %", " 81% "])
def test_a_percentage_may_be_typed_with_its_sign(client, sutton_officer, sutton_indicator, month, typed):
    client.force_login(sutton_officer)
    assert _enter(client, sutton_indicator, month, typed).status_code == 302
    assert IndicatorValue.objects.get().value == 81


def test_a_count_must_be_whole_and_not_negative(client, sutton_officer, count_indicator, month):
    client.force_login(sutton_officer)
    assert "A count must be a whole number" in _enter(client, count_indicator, month, "12.5").content.decode()
    assert "The value must be 0 or more" in _enter(client, count_indicator, month, "-3").content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_month_outside_the_last_three_years_is_refused(client, sutton_officer, sutton_indicator, today):
    client.force_login(sutton_officer)
    future = (today.replace(day=1) + datetime.timedelta(days=40)).replace(day=1)
    assert "The month must be this month or earlier" in _enter(client, sutton_indicator, future, "50").content.decode()
    assert " or later" in _enter(client, sutton_indicator, datetime.date(1999, 1, 1), "50").content.decode()
    assert (
        "Enter the month the value is for"
        in client.post(reverse("actions:indicator_value", args=[sutton_indicator.pk]), {"value": "50"}).content.decode()
    )
    assert not IndicatorValue.objects.exists()


def test_replacing_a_value_needs_confirmation_and_history_keeps_the_old_one(
    client, sutton_officer, sutton_indicator, month
):
    services.indicator_value_set(indicator=sutton_indicator, month=month, value=61, entered_by=sutton_officer)
    client.force_login(sutton_officer)
    response = _enter(client, sutton_indicator, month, "64")
    html = response.content.decode()
    assert response.status_code == 200
    assert "already has 61" in html and 'name="confirm_replace"' in html
    assert IndicatorValue.objects.get().value == 61
    assert _enter(client, sutton_indicator, month, "64", confirm_replace="on").status_code == 302
    assert IndicatorValue.objects.get().value == 64
    page = client.get(reverse("actions:indicator", args=[sutton_indicator.pk])).content.decode()
    assert "as 61" in page and "as 64" in page


def test_a_whole_month_is_entered_as_a_table(client, sutton_officer, sutton_indicator, count_indicator, month):
    client.force_login(sutton_officer)
    url = reverse("actions:indicator_table")
    assert client.get(url, {"month": month.isoformat()}).status_code == 200
    response = client.post(
        url, {"month": month.isoformat(), f"value_{sutton_indicator.pk}": "70", f"value_{count_indicator.pk}": "130"}
    )
    assert response.status_code == 302
    assert sorted(IndicatorValue.objects.values_list("value", flat=True)) == [70, 130]


def test_a_bad_value_in_the_table_saves_none_of_it(client, sutton_officer, sutton_indicator, count_indicator, month):
    client.force_login(sutton_officer)
    response = client.post(
        reverse("actions:indicator_table"),
        {"month": month.isoformat(), f"value_{sutton_indicator.pk}": "70", f"value_{count_indicator.pk}": "1.5"},
    )
    assert "A count must be a whole number" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_the_tables_error_summary_names_each_indicator_once(
    client, sutton_officer, sutton_indicator, count_indicator, month
):
    client.force_login(sutton_officer)
    response = client.post(
        reverse("actions:indicator_table"),
        {"month": month.isoformat(), f"value_{sutton_indicator.pk}": "170", f"value_{count_indicator.pk}": "1.5"},
    )
    summary = response.content.decode().split("govuk-error-summary__list")[1].split("</ul>")[0]
    assert f'href="#id_value_{sutton_indicator.pk}">{sutton_indicator.name}: A percentage' in summary
    assert f'href="#id_value_{count_indicator.pk}">{count_indicator.name}: A count' in summary
    assert summary.count("<li>") == 2


def test_the_table_asks_before_replacing(client, sutton_officer, sutton_indicator, month):
    services.indicator_value_set(indicator=sutton_indicator, month=month, value=61, entered_by=sutton_officer)
    client.force_login(sutton_officer)
    data = {"month": month.isoformat(), f"value_{sutton_indicator.pk}": "70"}
    response = client.post(reverse("actions:indicator_table"), data)
    assert "Tick the box to replace them" in response.content.decode()
    assert IndicatorValue.objects.get().value == 61
    assert client.post(reverse("actions:indicator_table"), {**data, "confirm_replace": "on"}).status_code == 302
    assert IndicatorValue.objects.get().value == 70


def test_an_empty_table_is_refused(client, sutton_officer, sutton_indicator, month):
    client.force_login(sutton_officer)
    response = client.post(reverse("actions:indicator_table"), {"month": month.isoformat()})
    assert "Enter at least one value" in response.content.decode()


@pytest.mark.parametrize("persona, status", [("observer", 403), ("sutton_chair", 403), ("southwark_officer", 404)])
def test_only_the_councils_officers_may_enter_values(client, request, sutton_indicator, month, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert _enter(client, sutton_indicator, month, "50").status_code == status
    assert not IndicatorValue.objects.exists()
