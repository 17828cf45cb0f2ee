"""Shared, module-level reads of the vendored national data (no database)."""

import pytest

from inspections.national import (
    fixture_path,
    load_councils,
    read_ilacs_history_2025,
    read_indicator_file,
    read_inspection_history_2023,
    read_statistical_neighbours,
)


@pytest.fixture(scope="session")
def councils():
    return load_councils()


@pytest.fixture(scope="session")
def history_2023(councils):
    return read_inspection_history_2023(fixture_path("ofsted_2023"), councils)


@pytest.fixture(scope="session")
def ilacs_2025(councils):
    return read_ilacs_history_2025(fixture_path("ofsted_2025"), councils)


@pytest.fixture(scope="session")
def indicator_files(councils):
    keys = ("referrals", "cpp_subsequent", "workforce", "placement_stability", "care_leavers")
    return {key: read_indicator_file(fixture_path(key), councils) for key in keys}


@pytest.fixture(scope="session")
def neighbours(councils):
    return read_statistical_neighbours(fixture_path("neighbours"), councils)
