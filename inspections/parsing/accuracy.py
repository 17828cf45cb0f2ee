"""Scoring extracted list items (recommendations, ILACS "what needs to improve" items) against a
hand-checked list: recall, precision and F1, with order counted.

An item is right when its section, its timescale and its text as written (spaces and quote marks
folded) all match an expected item, and the matched items come in the document's order: the score
is the longest common subsequence of the two lists, so an item found out of order, split in two,
run into the next one or into a heading counts against both recall and precision.

Used by ``tests/inspections/parsing/test_recommendation_accuracy.py`` and
``bench/importer_recommendations.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def item_key(section: str, timescale: str, text: str) -> tuple[str, str, str]:
    folded = re.sub(r"\s+", " ", text or "").strip()
    folded = folded.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-"}))
    return (section or "", timescale or "", folded)


@dataclass(frozen=True)
class Score:
    expected: int
    found: int
    right: int

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else (1.0 if not self.expected else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.expected + other.expected, self.found + other.found, self.right + other.right)


def score(expected: list[tuple], found: list[tuple]) -> Score:
    """Score two lists of :func:`item_key` tuples (longest common subsequence)."""
    n, m = len(expected), len(found)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if expected[i] == found[j] else max(table[i + 1][j], table[i][j + 1])
    return Score(expected=n, found=m, right=table[0][0])


def misses(expected: list[tuple], found: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """(expected items not found, found items not expected), ignoring order: for printing."""
    left = list(found)
    missed = []
    for item in expected:
        if item in left:
            left.remove(item)
        else:
            missed.append(item)
    return missed, left
