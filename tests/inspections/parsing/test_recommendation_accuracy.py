"""Recommendations and ILACS "what needs to improve" items of thirteen real reports, checked by
hand (``recommendations/``): recall and precision of at least 0.95 on each framework family and
overall, each item as written, in order, in its section and timescale."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

import pytest

from inspections.parsing import parse_text
from inspections.parsing.accuracy import Score, item_key, misses, score

HERE = Path(__file__).resolve().parent / "recommendations"
NAMES = sorted(p.name[: -len(".json")] for p in HERE.glob("*.json"))
TARGET = 0.95


@lru_cache(maxsize=None)
def _keys(name: str) -> tuple[list[tuple], list[tuple]]:
    expected = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    text = gzip.decompress((HERE / f"{name}.txt.gz").read_bytes()).decode("utf-8")
    result = parse_text(text)
    assert result.framework == expected["framework"]
    return (
        [item_key(r["section"], r["timescale"], r["text"]) for r in expected["recommendations"]],
        [item_key(r.section, r.timescale, r.text) for r in result.recommendations],
    )


def test_ten_or_more_reports_of_every_framework_family_are_checked():
    families = {name.split("-")[-4] for name in NAMES}
    assert len(NAMES) >= 10 and families == {"tlac", "sif", "ilacs"}


@pytest.mark.parametrize("name", NAMES)
def test_each_report_reaches_the_target(name):
    expected, found = _keys(name)
    result = score(expected, found)
    missed, extra = misses(expected, found)
    assert result.recall >= TARGET and result.precision >= TARGET, (result, missed, extra)


def test_recall_and_precision_over_all_reports_reach_the_target():
    total = sum((score(*_keys(name)) for name in NAMES), Score(0, 0, 0))
    assert total.expected > 150
    assert total.recall >= TARGET and total.precision >= TARGET, total


def test_an_item_run_into_the_next_heading_counts_against_both_figures():
    expected = [item_key("Local authority", "other", "Improve A."), item_key("Local authority", "other", "Improve B.")]
    found = [item_key("Local authority", "other", "Improve A. Improve B.")]
    assert score(expected, found) == Score(expected=2, found=1, right=0)
    assert score(expected, list(reversed(expected))).right == 1  # out of order
