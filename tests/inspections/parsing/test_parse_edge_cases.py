"""Robustness rules on small synthetic texts (one rule per test)."""

from __future__ import annotations

import pytest

from inspections.parsing import bodies_of, parse_text, timescale_code
from inspections.parsing.rules import timescale_heading

SLAC_HEAD = "Inspection of safeguarding and looked after children services\n\nLondon Borough of Sutton\n\nPublished: 29 May 2012\n\n"


def slac(body: str):
    return parse_text(SLAC_HEAD + "Safeguarding services\n\n" + body)


def grades(result):
    return [(j.area, j.grade, j.level) for j in result.judgements]


def test_grade_on_the_line_after_its_area():
    r = slac("Overall effectiveness\n\nGrade 4 (Inadequate)\n\n9. The overall effectiveness is inadequate.\n")
    assert grades(r) == [("Overall effectiveness", "Grade 4 (Inadequate)", "inadequate")]
    assert r.line_text(r.judgements[0].line) == "Grade 4 (Inadequate)"


def test_grade_on_the_same_line_with_bold_markers():
    r = slac("Staying safe**Grade 3 (Adequate)**\n\n83. Outcomes are adequate.\n")
    assert grades(r) == [("Staying safe", "Grade 3 (Adequate)", "requires_improvement")]


def test_grade_word_wrapped_onto_the_next_line():
    r = slac("Quality of provision\nGrade 4 (Inad-\nGrade 2\n(Good)\n")
    assert ("Quality of provision", "Grade 2 (Good)", "good") not in grades(r)  # not invented
    r = slac("Partnership working\n\nGrade 2\n(Good)\n")
    assert grades(r) == [("Partnership working", "Grade 2 (Good)", "good")]


def test_lowercase_grade():
    r = slac("Leadership and management\n\nGrade 3 (adequate)\n")
    assert grades(r) == [("Leadership and management", "Grade 3 (adequate)", "requires_improvement")]


def test_page_number_between_area_and_grade():
    r = slac("Capacity for improvement\n\n12\n\nGrade 3 (Adequate)\n")
    assert grades(r)[0][0] == "Capacity for improvement"


def test_footnote_digit_on_an_area():
    r = slac("Partnership working2\n\nGrade 2 (Good)\n")
    assert grades(r) == [("Partnership working", "Grade 2 (Good)", "good")]


def test_scale_description_is_not_a_judgement():
    r = slac(
        "Outstanding (Grade 1)\tA service that significantly exceeds minimum requirements\n"
        "Good (Grade 2)\tA service that exceeds minimum requirements\n"
    )
    assert r.judgements == []


def test_overall_stated_only_as_a_sentence():
    r = slac("9. The overall effectiveness of safeguarding services is inadequate. Whilst ...\n")
    assert grades(r) == [("Overall effectiveness", "inadequate", "inadequate")]


def test_record_table_wrapped_grade_and_no_double_count():
    r = slac(
        "Overall effectiveness\n\nGrade 4 (Inadequate)\n\nRecord of main findings:\n\nSafeguarding services\t\n"
        "Overall effectiveness\tInadequate\nEquality and diversity\n\nGood\n"
    )
    assert grades(r) == [
        ("Overall effectiveness", "Grade 4 (Inadequate)", "inadequate"),
        ("Equality and diversity", "Good", "good"),
    ]


SIF_HEAD = (
    "London Borough of Sutton\nInspection of services for children in need of help and \n"
    "protection, children looked after and care leavers\nReport published: 13 February 2017\n"
)


def test_sif_overall_sentence_and_wrapped_table_grades():
    r = parse_text(
        SIF_HEAD + "Children’s services in Sutton are good \n"
        "1. Children who need help and protection Good \n"
        "2. Children looked after and achieving \npermanence Good \n"
        "2.2 Experiences and progress of care leavers Requires \nimprovement \n"
        "3. Leadership, management and governance\nGood\nExecutive summary\n"
    )
    assert grades(r) == [
        ("Overall effectiveness", "good", "good"),
        ("Children who need help and protection", "Good", "good"),
        ("Children looked after and achieving permanence", "Good", "good"),
        ("Experiences and progress of care leavers", "Requires improvement", "requires_improvement"),
        ("Leadership, management and governance", "Good", "good"),
    ]


def test_sif_grade_printed_before_the_wrapped_area():
    r = parse_text(
        SIF_HEAD + "The overall judgement is good\n2. Children looked after and achieving\nGood\npermanence\nContents\n"
    )
    assert ("Children looked after and achieving permanence", "Good", "good") in grades(r)


def test_ilacs_table_and_lowercase_bullets():
    r = parse_text(
        "Inspection of Sutton local authority\nchildren’s services\nInspection dates: 6 to 17 December 2021\n"
        "Judgement Grade\nThe impact of leaders on social work\npractice with children and families\n"
        "Requires improvement to\nbe good\nOverall effectiveness inadequate\n\nWhat needs to improve?\n"
        "\u25fc the quality of\nplanning for care leavers.\n\u2022 Return home interviews.\n"
        "The experiences and progress of children: good\n"
    )
    assert r.framework == "ILACS" and r.ilacs_variant == "standard"
    assert grades(r) == [
        (
            "The impact of leaders on social work practice with children and families",
            "Requires improvement to be good",
            "requires_improvement",
        ),
        ("Overall effectiveness", "inadequate", "inadequate"),
    ]
    assert [x.text for x in r.recommendations] == [
        "the quality of planning for care leavers.",
        "Return home interviews.",
    ]


@pytest.mark.parametrize("bullet", ["-", "•", "\uf0b7", "\uf02d", "", "\u25fc", "*"])
def test_varying_bullets_in_areas_for_improvement(bullet):
    r = slac(
        "Areas for improvement\n\n17. The local authority and its partners should take the following action.\n\n"
        f"Immediately:\n\n{bullet} ensure that plans are reviewed\n{bullet} Sutton LSCB to audit its work.\n\n"
        "Within three months:\n\n-\n - Sutton and Merton PCT to review CAMHS\n\nQuality of provision\n"
    )
    assert [(x.timescale, x.bodies) for x in r.recommendations] == [
        ("immediately", []),
        ("immediately", ["Sutton LSCB"]),
        ("within_3_months", ["Sutton and Merton PCT"]),
    ]


def test_wrapped_recommendation_over_a_page_break_with_running_header():
    header = "Inspection of Sutton local authority children’s services"
    text = (
        f"{header}\n6 to 10 December 2021  1\nJudgement Grade\nOverall effectiveness Good\n"
        f"{header}\n6 to 10 December 2021  2\n\nWhat needs to improve?\n"
        "\u25fc The quality of practice and earlier planning to meet the needs of\n\n"
        f"{header}\n6 to 10 December 2021  3\ncare leavers.\nThe experiences\n"
    )
    r = parse_text(text)
    assert [x.text for x in r.recommendations] == [
        "The quality of practice and earlier planning to meet the needs of care leavers."
    ]


def test_numbered_paragraph_recommendations_with_page_number():
    r = parse_text(
        SIF_HEAD + "The overall judgement is good\n\nRecommendations\n"
        "1. Ensure that plans are reviewed. Ensure that they\nare updated.\n\n 9 \n"
        "2. Increase the participation of children in the\nChildren in Care Council.\n\n"
        "Summary for children and young people\n3. Not a recommendation.\n"
    )
    assert [x.text for x in r.recommendations] == [
        "Ensure that plans are reviewed. Ensure that they are updated.",
        "Increase the participation of children in the Children in Care Council.",
    ]
    assert all(x.timescale == "other" and x.timescale_as_written is None for x in r.recommendations)


@pytest.mark.parametrize(
    "written,code",
    [
        ("Immediately", "immediately"),
        ("Immediate", "immediately"),
        ("immediate action", "immediately"),
        ("to be implemented immediately", "immediately"),
        ("Within three months", "within_3_months"),
        ("Within six months", "within_6_months"),
        ("Next six months", "within_6_months"),
        ("over the next six months", "within_6_months"),
        ("For action over the next six months", "within_6_months"),
        ("over the next 6 months", "within_6_months"),
        ("Within one year", "other"),
        (None, "other"),
    ],
)
def test_timescales(written, code):
    assert timescale_code(written) == code


def test_timescale_headings():
    assert timescale_heading("Within three months:") == "Within three months"
    assert timescale_heading("For action over the next six months:") == "For action over the next six months"
    assert timescale_heading("Immediate:") == "Immediate"
    assert timescale_heading("- within three months of the plan being agreed, review it") is None


@pytest.mark.parametrize(
    "text,bodies",
    [
        ("Sutton LSCB to undertake a review", ["Sutton LSCB"]),
        (
            "Sutton and Merton PCT and the Royal Marsden Hospitals NHS Foundation Trust to review",
            ["Sutton and Merton PCT", "Royal Marsden Hospitals NHS Foundation Trust"],
        ),
        ("the council should ensure that all staff are checked", ["the council"]),
        (
            "the Learning and Skills Council, the Director of Learning for Life and post-16 providers should develop",
            ["Learning and Skills Council", "Director of Learning for Life", "post-16 providers"],
        ),
        ("ensure that the improvement plan is prioritised", []),
        ("the re-referral rate of children should be analysed", []),
        ("The local authority’s response to children exposed to risk is not well developed", []),
        ("", []),
    ],
)
def test_bodies_rule(text, bodies):
    assert bodies_of(text) == bodies


def test_apa_tab_table_and_descriptor_table():
    r = parse_text(
        "ANNUAL PERFORMANCE ASSESSMENT (APA) OF LONDON BOROUGH OF SUTTON\n\n9 March 2006\n\n"
        "Areas for judgement\tFinal judgements ¹\n"
        "The contribution of <i>the local authority's children's services</i> in outcomes\t3\n"
        "The council's capacity to improve its services\t2\n\n"
        "Grade\tService descriptors\tCapacity to improve descriptors\n"
        "\tA service that delivers well above minimum\tVery good\n4\trequirements for users\t\n"
    )
    assert r.framework == "APA"
    assert grades(r) == [
        ("Overall effectiveness", "3", "good"),
        ("The council's capacity to improve its services", "2", "requires_improvement"),
    ]


def test_notice_measures_with_wrapped_text():
    r = parse_text(
        "Improvement Notice\n\nTo: LONDON BOROUGH OF SUTTON\n\nThe Council must take action to:\n\n"
        "- (i) improve areas of weakness.\n- (ii) sustain the improvement.\n\n"
        "must demonstrate evidence of improvement in outcomes by the following:\n\nCapacity and Capability\n\n"
        "- Implement a programme of\n\ninduction and training.\n\nImprovement support measures\n\n"
        "The Council must meet all performance indicators and milestones by January 2014.\n"
    )
    assert [(m.theme, m.text) for m in r.measures] == [
        ("The Council must take action to", "improve areas of weakness."),
        ("The Council must take action to", "sustain the improvement."),
        ("Capacity and Capability", "Implement a programme of induction and training."),
    ]
    assert r.notice_dates.compliance.isoformat() == "2014-01-01"


def test_framework_hint_overrides_and_bad_hint_warns():
    r = parse_text("Some text\nOverall effectiveness\nGrade 4 (Inadequate)\n", framework_hint="CPI")
    assert r.framework == "CPI" and r.judgements[0].level == "inadequate"
    r = parse_text("Some text", framework_hint="NOPE")
    assert r.framework is None and any("NOPE" in w for w in r.warnings)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "\x00\x01",
        "Grade",
        "Recommendations\n1.",
        "Improvement Notice\n- ",
        "Judgement Grade\n" * 50,
        "Record of main findings:\n\tGood\n",
    ],
)
def test_degenerate_inputs_never_raise(text):
    r = parse_text(text)
    assert isinstance(r.warnings, list)
    r.to_json_dict()
