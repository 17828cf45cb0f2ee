"""Numbers are typed into GOV.UK text inputs: ``type="text"`` with ``inputmode="numeric"`` (whole
numbers) or ``"decimal"``, ``spellcheck="false"`` and the ``govuk-input`` class, outlined in red
when wrong, never a browser's ``type="number"`` (GOV.UK Design System, text input: numbers).
Django's IntegerField and DecimalField ask for ``type="number"``; every form drawn through
``inspections.forms_gds.form_helper`` gets the text input instead."""

from __future__ import annotations

import re

import pytest
from crispy_forms.utils import render_crispy_form
from django import forms

from inspections.forms_gds import form_helper

pytestmark = pytest.mark.django_db
URL = "/councils/E09000029/ofsted/action-plans/new/"  # working_days is an IntegerField


def _input(page: str, name: str) -> dict[str, str]:
    tag = re.search(rf'<input\b[^>]*\bname="{name}"[^>]*>', page)
    assert tag, f"no input named {name}"
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(0)))


def test_a_whole_number_on_a_page_is_a_govuk_text_input(client, sutton_council_admin, sutton):
    client.force_login(sutton_council_admin)
    page = client.get(URL).content.decode()
    attrs = _input(page, "working_days")
    assert (attrs["type"], attrs["inputmode"], attrs["spellcheck"]) == ("text", "numeric", "false")
    assert "govuk-input" in attrs["class"].split()
    assert "govuk-input--width-4" in attrs["class"].split()
    assert not {"min", "max", "step"} & set(attrs)
    assert 'type="number"' not in page


def test_a_wrong_whole_number_is_outlined_and_kept(client, sutton_council_admin, sutton):
    client.force_login(sutton_council_admin)
    response = client.post(URL, {"working_days": "sixty"})
    attrs = _input(response.content.decode(), "working_days")
    assert response.status_code == 400
    assert "govuk-input--error" in attrs["class"].split()
    assert attrs["value"] == "sixty"


class _Numbers(forms.Form):
    count = forms.IntegerField(min_value=1)
    rate = forms.DecimalField(max_digits=5, decimal_places=2)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("count", "rate", "version")


def test_every_number_field_drawn_by_the_form_helper_is_a_text_input():
    html = render_crispy_form(_Numbers())
    count, rate, version = _input(html, "count"), _input(html, "rate"), _input(html, "version")
    assert (count["type"], count["inputmode"], count["spellcheck"]) == ("text", "numeric", "false")
    assert (rate["type"], rate["inputmode"], rate["spellcheck"]) == ("text", "decimal", "false")
    assert {"govuk-input"} <= set(count["class"].split()) & set(rate["class"].split())
    assert version["type"] == "hidden"
