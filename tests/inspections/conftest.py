"""Fixtures shared by the import tests of this folder."""

from __future__ import annotations

import pytest

REVIEW_KEYS = ("judgements", "recommendations", "measures", "findings")


@pytest.fixture
def review_form_data():
    """A function: the review page's form as rendered (every field's current value) plus
    ``changes`` (a value of None removes the field), ready to POST to confirm."""

    def build(response, **changes) -> dict:
        data = {}
        forms = [response.context["header"], *(f for key in REVIEW_KEYS for _, f in response.context.get(key, []))]
        for form in forms:
            for field in form:
                value = field.value()
                if field.html_name.endswith("-keep"):
                    if value:
                        data[field.html_name] = "on"
                elif isinstance(value, list):  # a date as typed: day, month, year
                    data.update({f"{field.html_name}_{i}": part for i, part in enumerate(value)})
                elif hasattr(value, "year"):
                    parts = (value.day, value.month, value.year)
                    data.update({f"{field.html_name}_{i}": part for i, part in enumerate(parts)})
                else:
                    data[field.html_name] = "" if value is None else value
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        data["confirm"] = ""
        return data

    return build
