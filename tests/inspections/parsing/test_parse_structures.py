"""Structures every framework's reports print, in the variants the text layer gives them
(plural verbs, line breaks anywhere, a grade wrapped in its column, a council name on a line of
its own): each rule pinned on a few lines shaped like the development reports."""

from __future__ import annotations

from datetime import date

import pytest

from inspections.parsing import parse_text
from inspections.parsing.councils import lookup_from_names

COUNCILS = lookup_from_names(
    [
        ("E08000016", ["Barnsley"]),
        ("E09000005", ["Brent"]),
        ("E08000008", ["Tameside"]),
        ("E08000021", ["Newcastle upon Tyne"]),
        ("E06000058", ["Bournemouth, Christchurch and Poole"]),
        ("E06000040", ["Windsor and Maidenhead"]),
        ("E10000016", ["Kent"]),
    ]
)

SIF_HEAD = (
    "Brent\nInspection of services for children in need of help and protection, children looked after\n"
    "and care leavers\nInspection date: 14 September 2015 – 8 October 2015\nReport published: 30 November 2015\n"
)


def overall(result):
    return [(j.grade, j.level) for j in result.judgements if j.area == "Overall effectiveness"]


@pytest.mark.parametrize(
    "headline",
    [
        "Children’s services in Brent require improvement to be good",
        "Children’s services in Brent require \nimprovement to be good",
        "Children’s services in Brent requires improvement to be good",
        "The overall judgement is that children’s services require \nimprovement to be good",
        "The overall judgement is requires improvement.",
    ],
)
def test_a_sif_headline_gives_overall_effectiveness_in_every_wording(headline):
    result = parse_text(SIF_HEAD + headline + "\n1. Children who need help and protection Good\n")
    assert [level for _, level in overall(result)] == ["requires_improvement"]


def test_a_headline_grade_is_kept_as_written():
    result = parse_text(SIF_HEAD + "Children’s services in Brent are good\n")
    assert overall(result) == [("good", "good")]


@pytest.mark.parametrize(
    "sentence, level",
    [
        (
            "The effectiveness of the Local Safeguarding Children Board (LSCB) is \nrequires improvement \n",
            "requires_improvement",
        ),
        ("The Local Safeguarding Children Board requires improvement \nExecutive summary\n", "requires_improvement"),
        ("The Local Safeguarding Children Board (LSCB) is good.\n", "good"),
    ],
)
def test_the_lscb_judgement_is_read_from_its_sentence(sentence, level):
    result = parse_text(SIF_HEAD + "Children’s services in Brent are good\n" + sentence)
    assert [j.level for j in result.judgements if j.section == "Local Safeguarding Children Board"] == [level]


def test_a_grade_wrapped_in_its_column_makes_no_judgement_named_to_be():
    text = (
        "Barnsley\nInspection of children’s social care services\nInspection dates: 8 October 2018 to "
        "19 October 2018\nJudgement Grade\nThe impact of leaders on social work practice with children \n"
        "and families\nRequires improvement\nto be good\nThe experiences and progress of children who need help \n"
        "and protection\nGood\nOverall effectiveness Requires improvement\nto be good\n"
    )
    result = parse_text(text, council_lookup=COUNCILS)
    assert [(j.area, j.grade) for j in result.judgements] == [
        ("The impact of leaders on social work practice with children and families", "Requires improvement to be good"),
        ("The experiences and progress of children who need help and protection", "Good"),
        ("Overall effectiveness", "Requires improvement to be good"),
    ]


@pytest.mark.parametrize(
    "first_lines, code",
    [
        ("Barnsley\nInspection of children’s social care services\n", "E08000016"),
        ("Inspection of Tameside metropolitan borough local authority children’s services\n", "E08000008"),
        ("Inspection of Newcastle local authority children’s services\n", "E08000021"),
        (
            "Inspection of the Royal Borough of Windsor and \nMaidenhead local authority children’s services\n",
            "E06000040",
        ),
        ("Inspection of Bournemouth, Christchurch and Poole local authority children’s services\n", "E06000058"),
    ],
)
def test_the_council_comes_from_the_title_block(first_lines, code):
    text = first_lines + (
        "Inspection dates: 6 to 10 December 2021\nJudgement Grade\nThe impact of leaders on social "
        "work practice with children and families Good\nOverall effectiveness Good\n"
    )
    assert parse_text(text, council_lookup=COUNCILS).council == code


def test_a_publication_date_the_report_does_not_print_is_inferred_with_a_warning():
    text = (
        "Inspection of Brent local authority children’s services\nInspection dates: 6 to 10 December 2021\n"
        "Judgement Grade\nOverall effectiveness Good\n"
    )
    result = parse_text(text, council_lookup=COUNCILS)
    assert result.published == date(2022, 1, 25)
    assert any("publication date not printed in the report: inferred as 25 January 2022" in w for w in result.warnings)


def test_a_looked_after_children_inspection_of_2013_is_read_with_its_wrapped_heading():
    text = (
        "Inspection of looked after children \nservices\nKent County Council\nInspection dates: 15 – 19 July 2013\n"
        "Published: 23 August 2013\nOverall effectiveness of services for looked \nafter children and young people\n"
        "Grade 3 (Adequate)\n11. The overall effectiveness of services for looked after children is adequate.\n"
    )
    result = parse_text(text, council_lookup=COUNCILS)
    assert (result.framework, result.council, result.published) == ("TLAC", "E10000016", date(2013, 8, 23))
    assert [(j.area, j.grade, j.level) for j in result.judgements] == [
        ("Overall effectiveness", "Grade 3 (Adequate)", "requires_improvement")
    ]
