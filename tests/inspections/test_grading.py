"""Grade normalisation: every scale the documents use lands on the one normalised level."""

import pytest

from inspections.grading import FRAMEWORKS, Level, grade_for, normalise

OUT, GOOD, RI, INAD = Level.OUTSTANDING, Level.GOOD, Level.REQUIRES_IMPROVEMENT, Level.INADEQUATE


@pytest.mark.parametrize(
    ("framework", "written", "level"),
    [
        # APA 2005-2008: 1-4, 4 is best; grade 2 is adequate, which Ofsted restates as RI.
        ("APA", "4", OUT),
        ("APA", "3", GOOD),
        ("APA", "2", RI),
        ("APA", "1", INAD),
        ("APA", "3 – Good", GOOD),
        ("APA", "2 – Adequate", RI),
        ("APA", "3 - Good", GOOD),
        # JAR: same direction; some lines carry only a word.
        ("JAR", "3 – Good", GOOD),
        ("JAR", "Good", GOOD),
        ("JAR", "good", GOOD),
        # YOT component scores: 4 is best, no overall grade.
        ("YOT", "3", GOOD),
        ("YOT", "1", INAD),
        # 2009-12 safeguarding and looked after children: 1-4, 1 is best.
        ("SLAC", "Grade 1 (Outstanding)", OUT),
        ("SLAC", "Grade 2 (Good)", GOOD),
        ("SLAC", "Grade 3 (Adequate)", RI),
        ("SLAC", "Grade 4 (Inadequate)", INAD),
        ("SLAC", "Grade 3 (adequate)", RI),
        ("SLAC", "inadequate", INAD),
        ("SLAC", "Adequate", RI),
        ("SLAC", "**Grade 2 (Good)**", GOOD),
        ("SLAC", "4", INAD),
        ("SLAC", "1", OUT),
        # Ofsted's national data restates 2009-12 "Adequate" in today's words.
        ("SLAC", "Requires improvement to be good", RI),
        ("CPI", "Adequate", RI),
        ("TLAC", "Grade 2 (Good)", GOOD),
        # SIF and ILACS: words only.
        ("SIF", "Requires improvement to be good", RI),
        ("SIF", "Requires improvement", RI),
        ("SIF", "Outstanding", OUT),
        ("ILACS", "Good", GOOD),
        ("ILACS", "Inadequate", INAD),
        ("ILACS", "requires  improvement to be good", RI),
    ],
)
def test_it_normalises_each_scale_in_its_own_direction(framework, written, level):
    assert normalise(framework, written) == level


def test_the_same_number_means_opposite_things_on_apa_and_slac():
    assert normalise("APA", "4") == OUT
    assert normalise("SLAC", "4") == INAD
    assert normalise("APA", "1") == INAD
    assert normalise("SLAC", "1") == OUT


@pytest.mark.parametrize(
    ("framework", "written"),
    [("APA", "5"), ("SLAC", "Grade 7"), ("SIF", "Splendid"), ("ILACS", ""), ("NOTICE", "Good"), ("XYZ", "Good")],
)
def test_it_refuses_what_is_not_on_the_scale(framework, written):
    assert normalise(framework, written) is None


def test_where_a_number_and_a_word_disagree_the_number_decides():
    # "Grade 3 (Good)" would be a typo on the SLAC scale; the grade is the number.
    assert grade_for("SLAC", "Grade 3 (Good)").value == 3


def test_every_graded_framework_has_one_point_per_level():
    for spec in FRAMEWORKS.values():
        if spec.grades:
            assert sorted(g.level for g in spec.grades) == sorted(Level.values), spec.code
