"""Readers for the official national data releases (Ofsted and DfE), as plain Python records.

Everything here is pure Python: no models, no database. The database loaders are written
against these records. Each reader takes a file path, checks the file (right kind, expected
sheets and headers, not truncated) and raises :class:`NationalDataError` naming the file and
the problem.

* :func:`read_councils` -- the 153 current councils (and the former ones); see
  :mod:`inspections.national.councils` for why 153.
* :func:`read_inspection_history_2023`, :func:`read_ilacs_history_2025`,
  :func:`combine_histories` -- inspections and judgements; framework/variant coding in
  :mod:`inspections.national.history`.
* :func:`read_indicator_file` -- performance indicators from the DfE CSVs; measures chosen in
  :mod:`inspections.national.indicators`.
* :func:`read_statistical_neighbours` -- each council's ten statistical neighbours.

The vendored copies of the releases live in ``fixtures/national/`` (see its README);
:data:`FILES` names them and :func:`load_councils` reads the councils from them once.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .combine import CombinedHistory, GradeConflict, combine_histories
from .councils import Council, CouncilList, FormerCouncil, name_key, read_councils
from .errors import NationalDataError
from .history import (
    CouncilRef,
    InspectionHistory,
    InspectionRecord,
    JudgementRecord,
    UnmatchedRow,
    read_ilacs_history_2025,
    read_inspection_history_2023,
)
from .indicators import Indicator, IndicatorFile, IndicatorValue, read_indicator_file
from .neighbours import Neighbour, NeighbourFile, NeighbourSet, read_statistical_neighbours

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "national"

FILES = {
    "ofsted_2025": "LA_Inspection_Outcomes_as_at_31_March_2025.ods",
    "ofsted_2023": "Childrens_social_care_in_England_2023_underlying_data.ods",
    "referrals": "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    "cpp_subsequent": "d3_cpps_subsequent_plan_2013_to_2025.csv",
    "workforce": "csww_indicators_2017_to_2025.csv",
    "placement_stability": "la_cla_placement_stability.csv",
    "care_leavers": "la_care_leavers_activity.csv",
    "neighbours": "New_Statistical_Neighbour_Groupings_April_2021.csv",
}

INDICATOR_FILES = ("referrals", "cpp_subsequent", "workforce", "placement_stability", "care_leavers")


def fixture_path(key: str, directory: str | Path | None = None) -> Path:
    """The path of one of the :data:`FILES` in ``directory`` (default: the vendored copies)."""
    return Path(directory or FIXTURES_DIR) / FILES[key]


@lru_cache(maxsize=4)
def load_councils(directory: str | Path | None = None) -> CouncilList:
    """:func:`read_councils` on the files in ``directory`` (default: the vendored copies), cached."""
    return read_councils(
        fixture_path("ofsted_2025", directory),
        fixture_path("referrals", directory),
        fixture_path("ofsted_2023", directory),
    )


__all__ = [
    "FILES",
    "FIXTURES_DIR",
    "INDICATOR_FILES",
    "CombinedHistory",
    "Council",
    "CouncilList",
    "CouncilRef",
    "FormerCouncil",
    "GradeConflict",
    "Indicator",
    "IndicatorFile",
    "IndicatorValue",
    "InspectionHistory",
    "InspectionRecord",
    "JudgementRecord",
    "NationalDataError",
    "Neighbour",
    "NeighbourFile",
    "NeighbourSet",
    "UnmatchedRow",
    "combine_histories",
    "fixture_path",
    "load_councils",
    "name_key",
    "read_councils",
    "read_ilacs_history_2025",
    "read_indicator_file",
    "read_inspection_history_2023",
    "read_statistical_neighbours",
]
