"""Inspection frameworks, their grade scales, and the one normalised level.

Every framework grades on its own scale, and the scales run in opposite directions:
APA and JAR give 4 for the best, the 2009-12 safeguarding and looked after children
inspections give 1 for the best, and SIF and ILACS use words only. A grade is stored
as the document states it, and :func:`normalise` derives the one level dashboards compare.

This module is the single source of those scales: the ``Framework`` and ``GradeScale``
rows in the database are created from :data:`FRAMEWORKS` (see ``inspections.services``),
and the document parser calls :func:`normalise` directly. It imports nothing from the
database so that it can run anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models


class Level(models.TextChoices):
    """The normalised judgement, best first."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


# Best first; used for ordering and for "worse than" comparisons.
LEVEL_RANK = {
    Level.OUTSTANDING: 1,
    Level.GOOD: 2,
    Level.REQUIRES_IMPROVEMENT: 3,
    Level.INADEQUATE: 4,
}


@dataclass(frozen=True)
class Grade:
    """One point on a framework's scale."""

    label: str  # the word the framework uses ("Adequate", "Requires improvement to be good")
    value: int | None  # the number as written on that scale, or None for word-only scales
    level: Level
    aliases: tuple[str, ...] = ()  # other spellings documents use for the same point


@dataclass(frozen=True)
class FrameworkSpec:
    code: str
    name: str
    years: str
    higher_is_better: bool | None  # None: words only
    grades: tuple[Grade, ...]
    description: str = ""


_FOUR_IS_BEST = (
    Grade("Outstanding", 4, Level.OUTSTANDING, ("Very good", "Excellent", "Excellent / outstanding")),
    Grade("Good", 3, Level.GOOD, ("Good/promising", "Promising")),
    Grade("Adequate", 2, Level.REQUIRES_IMPROVEMENT, ("Satisfactory",)),
    Grade("Inadequate", 1, Level.INADEQUATE, ("Poor", "Unsatisfactory")),
)

_ONE_IS_BEST = (
    Grade("Outstanding", 1, Level.OUTSTANDING),
    Grade("Good", 2, Level.GOOD),
    Grade("Adequate", 3, Level.REQUIRES_IMPROVEMENT),
    Grade("Inadequate", 4, Level.INADEQUATE),
)

_WORDS = (
    Grade("Outstanding", None, Level.OUTSTANDING),
    Grade("Good", None, Level.GOOD),
    Grade(
        "Requires improvement to be good",
        None,
        Level.REQUIRES_IMPROVEMENT,
        ("Requires improvement",),
    ),
    Grade("Inadequate", None, Level.INADEQUATE),
)

FRAMEWORKS: dict[str, FrameworkSpec] = {
    spec.code: spec
    for spec in (
        FrameworkSpec(
            "APA",
            "Annual Performance Assessment",
            "2005-2008",
            True,
            _FOUR_IS_BEST,
            "Ofsted and CSCI letter; grades 1-4, 4 is best.",
        ),
        FrameworkSpec(
            "JAR",
            "Joint Area Review",
            "2005-2009",
            True,
            _FOUR_IS_BEST,
            "Key lines of enquiry graded 1-4, 4 is best; some lines carry only a word.",
        ),
        FrameworkSpec(
            "YOT",
            "Youth Offending Team inspection",
            "2003-2009",
            True,
            _FOUR_IS_BEST,
            "HM Inspectorate of Probation; component scores 1-4, 4 is best; no overall grade.",
        ),
        FrameworkSpec(
            "SLAC",
            "Inspection of safeguarding and looked after children services",
            "2009-2012",
            False,
            _ONE_IS_BEST,
            "Grades 1-4, 1 is best.",
        ),
        FrameworkSpec(
            "CPI",
            "Inspection of local authority arrangements for the protection of children",
            "2012-2013",
            False,
            _ONE_IS_BEST,
            "Uses the 2009-12 scale.",
        ),
        FrameworkSpec(
            "TLAC",
            "Inspection of services for looked after children",
            "2012-2013",
            False,
            _ONE_IS_BEST,
            "Uses the 2009-12 scale.",
        ),
        FrameworkSpec(
            "SIF",
            "Single inspection framework",
            "2013-2018",
            None,
            _WORDS,
            "Words only; sub-judgements and an LSCB review judgement.",
        ),
        FrameworkSpec(
            "ILACS",
            "Inspection of local authority children's services",
            "2018-",
            None,
            _WORDS,
            "Words only; four judgements, five from 2023.",
        ),
        FrameworkSpec("NOTICE", "DfE improvement notice", "", None, (), "Not graded; carries measures under themes."),
    )
}


def _key(text: str) -> str:
    """Fold case, punctuation and spacing so that "requires  Improvement," matches."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


# Phrases that mean a level whatever the framework (used for word grades on any scale).
_WORD_LEVELS = {
    "outstanding": Level.OUTSTANDING,
    "excellent": Level.OUTSTANDING,
    "excellent outstanding": Level.OUTSTANDING,
    "very good": Level.OUTSTANDING,
    "good": Level.GOOD,
    "good promising": Level.GOOD,
    "adequate": Level.REQUIRES_IMPROVEMENT,
    "satisfactory": Level.REQUIRES_IMPROVEMENT,
    "requires improvement": Level.REQUIRES_IMPROVEMENT,
    "requires improvement to be good": Level.REQUIRES_IMPROVEMENT,
    "inadequate": Level.INADEQUATE,
    "unsatisfactory": Level.INADEQUATE,
    "poor": Level.INADEQUATE,
}


def grade_for(framework_code: str, grade_as_written: str) -> Grade | None:
    """The point on ``framework_code``'s scale that ``grade_as_written`` states, or None.

    Accepts the forms documents use: ``"3"``, ``"Grade 3 (Adequate)"``, ``"3 – Good"``,
    ``"Good"``, ``"inadequate"``, ``"Requires improvement to be good"``. Where a number and a
    word are both given the number decides (it is the grade; the word is its gloss).
    """
    spec = FRAMEWORKS.get(framework_code)
    if spec is None or not spec.grades or not grade_as_written:
        return None
    text = _key(grade_as_written)
    number = re.search(r"\b([1-4])\b", text)
    if number and spec.higher_is_better is not None:
        value = int(number.group(1))
        for grade in spec.grades:
            if grade.value == value:
                return grade
    words = re.sub(r"\b(grade|[0-9]+)\b", " ", text)
    words = re.sub(r"\s+", " ", words).strip()
    for grade in spec.grades:
        if words in {_key(grade.label), *(_key(a) for a in grade.aliases)}:
            return grade
    level = _WORD_LEVELS.get(words)
    if level is not None:
        for grade in spec.grades:
            if grade.level == level:
                return grade
    return None


def normalise(framework_code: str, grade_as_written: str) -> Level | None:
    """The normalised level of a grade as written on a framework's scale, or None."""
    grade = grade_for(framework_code, grade_as_written)
    return grade.level if grade else None
