"""The GOV.UK form parts every app uses (the lowest layer, so actions and improvement_board can
import them): the one date input (day, month and year; or month and year where only a month is
meant) with the GOV.UK Design System's error messages, a number field that accepts "81%", and
number fields drawn as GOV.UK text inputs rather than ``type="number"``.

Each date field gives ONE error, naming the field, and remembers which of its boxes is wrong so
that the error summary links to that box and only that box is outlined in red:

- nothing entered: "Enter the date of the meeting" (the form may say it its own way);
- a part missing: "Date of the meeting must include a month" ("… a day and year");
- a year that is not 4 numbers (a 23-digit year included): "Year must include 4 numbers";
- anything else that is not a date (31 February, letters): "Date of the meeting must be a real date".

They render through crispy-forms-gds (``Field("name")`` in a layout) or on their own.
"""

from __future__ import annotations

import datetime
import re

from crispy_forms.utils import TEMPLATE_PACK
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Submit
from django import forms
from django.core.exceptions import ValidationError


def number_inputs_as_text(form: forms.Form) -> None:
    """Give each number field of ``form`` the GOV.UK text input for numbers instead of Django's
    ``type="number"`` (which crispy-forms-gds draws without the ``govuk-input`` class, and which
    browsers round, scroll and check in their own words): ``type="text"`` with
    ``inputmode="numeric"`` for whole numbers (``"decimal"`` otherwise) and ``spellcheck="false"``.
    The field still validates on the server exactly as before."""
    for field in form.fields.values():
        widget = field.widget
        if not isinstance(widget, forms.NumberInput):
            continue
        attrs = {k: v for k, v in widget.attrs.items() if k not in ("min", "max", "step")}
        decimal = isinstance(field, (forms.DecimalField, forms.FloatField))  # both subclass IntegerField
        attrs.setdefault("inputmode", "decimal" if decimal else "numeric")
        attrs.setdefault("spellcheck", "false")
        text = forms.TextInput(attrs=attrs)
        text.is_required, text.is_localized = widget.is_required, widget.is_localized
        field.widget = text


class GovFormHelper(FormHelper):
    """crispy-forms-gds's helper, drawing number fields as GOV.UK text inputs."""

    def render_layout(self, form, context, template_pack=TEMPLATE_PACK):
        number_inputs_as_text(form)
        return super().render_layout(form, context, template_pack=template_pack)


def form_helper(
    *fields, submit: str | None = None, method: str = "post", multipart: bool = False, form_tag: bool = True
) -> FormHelper:
    """How every form of the service is drawn (crispy-forms-gds): ``novalidate``, so the server's
    messages and the one error summary speak, not the browser's; number fields as GOV.UK text
    inputs (:func:`number_inputs_as_text`); ``fields`` in order and a ``submit`` button if named."""
    helper = GovFormHelper()
    helper.form_tag = form_tag
    helper.form_method = method
    helper.attrs = {"novalidate": ""}
    if multipart:
        helper.attrs["enctype"] = "multipart/form-data"
    helper.layout = Layout(*fields, *([Submit("submit", submit)] if submit else []))
    return helper


MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WIDTHS = {"day": 2, "month": 2, "year": 4}


class GovDateWidget(forms.MultiWidget):
    """The GOV.UK date input: one labelled box per part, named ``<name>_0`` (day), ``_1``, ``_2``."""

    template_name = "gds/widgets/gov_date.html"

    def __init__(self, parts: tuple[str, ...] = ("day", "month", "year"), attrs=None):
        self.parts = parts
        self.error_parts: set[str] = set()
        widgets = [forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}) for _ in parts]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [getattr(value, part) for part in self.parts]
        return [None] * len(self.parts)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for part, subwidget in zip(self.parts, context["widget"]["subwidgets"]):
            error = part in self.error_parts
            subwidget["part"] = part
            subwidget["label"] = part.capitalize()
            subwidget["attrs"]["class"] = f"govuk-input govuk-date-input__input govuk-input--width-{WIDTHS[part]}" + (
                " govuk-input--error" if error else ""
            )
        return context


class _DateBoundField(forms.BoundField):
    """Outlines every box in red when the form found the date itself wrong (too early, say)."""

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        if self.errors and not self.field.widget.error_parts:
            self.field.widget.error_parts = set(self.field.parts)
        return super().as_widget(widget, attrs, only_initial)


class GovDateField(forms.MultiValueField):
    """A date in day, month and year boxes. ``name`` is how errors refer to it (the label by
    default), e.g. "Date of the meeting"."""

    parts: tuple[str, ...] = ("day", "month", "year")
    bound_field_class = _DateBoundField

    def __init__(self, *, name: str | None = None, required_message: str | None = None, **kwargs):
        kwargs.setdefault("widget", GovDateWidget(self.parts))
        fields = [forms.CharField(required=False) for _ in self.parts]
        super().__init__(fields=fields, require_all_fields=False, **kwargs)
        self.name = name
        self.required_message = required_message

    @property
    def noun(self) -> str:
        return self.name or str(self.label or "Date")

    def _required_message(self) -> str:
        if self.required_message:
            return self.required_message
        if self.error_messages["required"] != forms.Field.default_error_messages["required"]:
            return str(self.error_messages["required"])
        return f"Enter {self.noun[0].lower()}{self.noun[1:]}"

    def _error(self, message: str, parts, code: str) -> ValidationError:
        self.widget.error_parts = set(parts)
        return ValidationError(message, code=code, params={"part": list(parts)[0] if parts else self.parts[0]})

    def clean(self, value):
        self.widget.error_parts = set()
        if self.disabled and not isinstance(value, list):
            value = self.widget.decompress(value)
        values = dict(zip(self.parts, [str(v or "").strip() for v in (value or [])] + [""] * len(self.parts)))
        if not any(values.values()):
            if self.required:
                raise self._error(self._required_message(), self.parts, "required")
            return None
        missing = [part for part in self.parts if not values[part]]
        if missing:
            raise self._error(f"{self.noun} must include a {' and '.join(missing)}", missing, "incomplete")
        year = values["year"]
        if not re.fullmatch(r"\d{4}", year):
            if re.fullmatch(r"\d+", year):
                raise self._error("Year must include 4 numbers", ["year"], "year_digits")
            raise self._error(f"{self.noun} must be a real date", ["year"], "invalid_date")
        month = values["month"]
        month_number = int(month) if re.fullmatch(r"\d{1,2}", month) else MONTH_NAMES.get(month.lower().rstrip("."))
        day = values.get("day", "1")
        if month_number is None or not 1 <= month_number <= 12:
            raise self._error(f"{self.noun} must be a real date", ["month"], "invalid_date")
        if not re.fullmatch(r"\d{1,2}", day):
            raise self._error(f"{self.noun} must be a real date", ["day"], "invalid_date")
        try:
            result = datetime.date(int(year), month_number, int(day))
        except ValueError:
            raise self._error(f"{self.noun} must be a real date", ["day"], "invalid_date") from None
        self.validate(result)
        self.run_validators(result)
        return result

    def compress(self, data_list):  # clean() does the work; MultiValueField requires it
        return data_list


class GovMonthField(GovDateField):
    """A month: month and year boxes. Cleans to the first of the month."""

    parts = ("month", "year")


def error_links(form) -> list[tuple[str, str]]:
    """(field id, message) for every error of a form, in the order of its fields: each links to
    the box it is about (a date's month box, the first radio), non-field errors to the first field."""
    if not form or not form.errors:
        return []
    visible = form.visible_fields()
    first = visible[0] if visible else None
    links = [(_target(first), message) for message in form.non_field_errors()]
    for bound in form:
        target = _target(bound if not bound.is_hidden else first)
        for error in bound.errors.as_data():
            part = _error_part(bound.field, error)
            href = f"{bound.auto_id}_{bound.field.parts.index(part)}" if part else target
            links.extend((href, message) for message in error.messages if (href, message) not in links)
    return links


def _target(bound) -> str:
    if bound is None:
        return ""
    if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound.auto_id}_1"  # the first option, as crispy-forms-gds numbers them (from 1)
    if getattr(bound.field, "parts", None):
        return f"{bound.auto_id}_0"  # a date's first box
    return bound.id_for_label or bound.auto_id


def _error_part(field: forms.Field, error: ValidationError) -> str | None:
    """The box of a date field an error belongs to ("day", "month" or "year"), else None."""
    parts = getattr(field, "parts", None)
    if not parts:
        return None
    return (error.params or {}).get("part") or parts[0]


class PercentTolerantDecimalField(forms.DecimalField):
    """A number that may be typed as "81%", "81 %" or "1,250": the sign and thousands commas go."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "")
            if value.endswith("%"):
                value = value[:-1].strip()
        return super().to_python(value)
