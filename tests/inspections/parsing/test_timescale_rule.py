"""One timescale rule: how reports word a timescale, read the same way by the parser's codes and the
model's Timescale (one function)."""

import pytest

from inspections.parsing import timescale_code
from inspections.rules import Timescale, timescale_from_text


@pytest.mark.parametrize(
    ("written", "timescale"),
    [
        ("Immediately:", Timescale.IMMEDIATELY),
        ("Immediate:", Timescale.IMMEDIATELY),
        ("immediate action", Timescale.IMMEDIATELY),
        ("to be implemented immediately", Timescale.IMMEDIATELY),
        ("Within three months:", Timescale.WITHIN_3_MONTHS),
        ("within 3 months", Timescale.WITHIN_3_MONTHS),
        # the two copies used to disagree on these: a list headed "Three months" or "in 3 months" is
        # due within three months, not "other" with no due date
        ("Three months", Timescale.WITHIN_3_MONTHS),
        ("in 3 months", Timescale.WITHIN_3_MONTHS),
        ("Six months:", Timescale.WITHIN_6_MONTHS),
        ("Within six months:", Timescale.WITHIN_6_MONTHS),
        ("Next six months:", Timescale.WITHIN_6_MONTHS),
        ("For action over the next six months:", Timescale.WITHIN_6_MONTHS),
        ("over the next 6 months", Timescale.WITHIN_6_MONTHS),
        ("What needs to improve", Timescale.WITH_ACTION_PLAN),
        ("Within 13 months", Timescale.OTHER),
        ("By the end of the year", Timescale.OTHER),
        ("", Timescale.OTHER),
        (None, Timescale.OTHER),
    ],
)
def test_the_parser_and_the_model_read_a_timescale_the_same_way(written, timescale):
    assert timescale_code(written) == timescale.value
    assert timescale_from_text(written) == timescale


def test_ilacs_what_needs_to_improve_items_are_due_with_the_action_plan():
    from inspections.parsing import parse_text

    result = parse_text(
        "Inspection of Sutton local authority children's services\n"
        "Judgement Grade\nOverall effectiveness Good\n\nWhat needs to improve\n"
        "- The quality of plans for children in care.\n- Supervision of social workers.\n"
    )
    assert [(r.text, r.timescale) for r in result.recommendations] == [
        ("The quality of plans for children in care.", "with_action_plan"),
        ("Supervision of social workers.", "with_action_plan"),
    ]
