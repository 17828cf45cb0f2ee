"""Fixtures shared by the inspections tests: the seed documents, the import review form."""

from __future__ import annotations

import pytest

REVIEW_KEYS = ("judgements", "recommendations", "measures", "findings")

# The twelve seed documents in fixtures/seeds/ (texts) and fixtures/seeds/reports/ (PDFs), each
# with its hand-checked parse in parsing/expected/<stem>.json.
SEED_DOCUMENTS = (
    "sutton-apa-2005.txt",
    "staffordshire-apa-2006.txt",
    "southwark-jar-apa-executive-report-2009.txt",
    "sutton-slac-inspection-2012.txt",
    "sutton-improvement-notice-2012.txt",
    "staffordshire-sif-2014-03-21.pdf",
    "sutton-sif-2017-02-13.pdf",
    "southwark-sif-2017-06-13.pdf",
    "staffordshire-ilacs-2019-03-11.pdf",
    "sutton-ilacs-2022-02-01.pdf",
    "southwark-ilacs-2022-11-11.pdf",
    "staffordshire-ilacs-2024-01-12.pdf",
)


def pytest_generate_tests(metafunc):
    """A test that takes ``seed_name`` runs once for each seed document."""
    if "seed_name" in metafunc.fixturenames:
        metafunc.parametrize("seed_name", SEED_DOCUMENTS)


@pytest.fixture
def seed_names() -> tuple[str, ...]:
    """The seed documents' file names, the texts first."""
    return SEED_DOCUMENTS


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
