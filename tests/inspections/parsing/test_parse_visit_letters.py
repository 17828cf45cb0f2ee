"""Ofsted's letters between inspections: recognised, dated, with their findings in order."""

from __future__ import annotations

from datetime import date

from inspections.parsing import parse_text
from inspections.parsing.councils import lookup_from_names

COUNCILS = lookup_from_names([("E08000016", ["Barnsley"])])

FOCUSED = """\
14 August 2019
Ms Jane Smith
Director of Children's Services, Barnsley Metropolitan Borough Council
Dear Ms Smith
Focused visit to Barnsley local authority children's services
This letter summarises the findings of the focused visit to Barnsley local authority children's
services on 10 and 11 July 2019. The inspectors were Jan Edwards, Her Majesty's Inspector, and
Sam Hill, Her Majesty's Inspector.
Areas covered by the visit
Inspectors evaluated the local authority's arrangements for children in need and children subject
to a child protection plan.
Overview
Leaders have a clear understanding of the strengths of practice.
Areas for priority action
 The quality and timeliness of assessments for children in need, so that
risks are understood.
What needs to improve in this area of social work practice
 Management oversight of plans for children in need.
 The recording of the
reasons for decisions.
Findings
Children receive a timely response at the front door.
Yours sincerely
"""

MONITORING = """\
Monitoring visit to Barnsley local authority children's services
This letter summarises the findings of the second monitoring visit to Barnsley children's services on
3 and 4 March 2020. The visit was the second monitoring visit since the local authority was judged
inadequate in 2019.
Areas for improvement
 Supervision is regular but does not yet challenge drift.
Yours sincerely
"""


def test_a_focused_visit_letter_is_recognised_with_its_dates_and_findings():
    result = parse_text(FOCUSED, council_lookup=COUNCILS)
    assert (result.framework, result.activity_kind, result.council) == (None, "focused_visit", "E08000016")
    assert (result.fieldwork_start, result.fieldwork_end, result.published) == (
        date(2019, 7, 10),
        date(2019, 7, 11),
        date(2019, 8, 14),
    )
    assert [(f.kind, f.text) for f in result.findings] == [
        (
            "priority_action",
            "The quality and timeliness of assessments for children in need, so that risks are understood.",
        ),
        ("area_for_improvement", "Management oversight of plans for children in need."),
        ("area_for_improvement", "The recording of the reasons for decisions."),
    ]
    assert result.findings[1].heading == "What needs to improve in this area of social work practice"
    assert not result.judgements  # ungraded: nothing invented
    assert result.to_json_dict()["activity_kind"] == "focused_visit"


def test_a_monitoring_visit_letter_gives_its_number():
    result = parse_text(MONITORING, council_lookup=COUNCILS)
    assert (result.activity_kind, result.visit_number, result.fieldwork_end) == (
        "monitoring_visit",
        2,
        date(2020, 3, 4),
    )
    assert [f.text for f in result.findings] == ["Supervision is regular but does not yet challenge drift."]
    assert any("publication date not printed" in w for w in result.warnings)


def test_a_graded_report_that_mentions_a_focused_visit_is_not_a_letter():
    text = (
        "Inspection of Barnsley local authority children's services\nJudgement Grade\n"
        "Overall effectiveness Good\nFocused visit to Barnsley in 2019 found improvements.\n"
    )
    result = parse_text(text, council_lookup=COUNCILS)
    assert (result.framework, result.activity_kind) == ("ILACS", None)
