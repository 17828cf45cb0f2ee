"""Council names fold one way (inspections.names.fold_name) for the national releases and for the
inspection documents' council lookup."""

import pytest

from inspections.names import fold_name
from inspections.national.councils import name_key
from inspections.parsing.councils import lookup_from_names

SPELLINGS = [
    ("Telford & Wrekin", "Telford and Wrekin"),
    ("St. Helens", "St Helens"),
    ("King’s Lynn", "King's Lynn"),
    ("BRIGHTON AND HOVE", "Brighton and Hove"),
    ("Kingston upon Hull", "Kingston-upon-Hull"),
]


@pytest.mark.parametrize("written, other", SPELLINGS)
def test_spellings_of_a_name_fold_alike_for_the_releases_and_the_documents(written, other):
    assert fold_name(written) == fold_name(other)
    assert name_key(written) == name_key(other)
    lookup = lookup_from_names([("E06000020", [written])])
    assert lookup(other) == "E06000020"
    assert lookup(f"{other} Council") == "E06000020"


def test_each_caller_strips_what_its_own_sources_add():
    assert name_key("Bristol, City of") == name_key("Bristol") == fold_name("Bristol")
    assert lookup_from_names([("E09000029", ["Sutton"])])("London Borough of Sutton") == "E09000029"
