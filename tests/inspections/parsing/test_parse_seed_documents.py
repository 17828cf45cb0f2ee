"""The parser on the twelve seed documents: full comparison with hand-checked JSON, and spot checks.

The expected files under ``expected/`` hold everything except ``warnings``; multi-inspection
documents (Southwark 2009: JAR with APA and YOT) carry their extra inspections under ``parts``.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from inspections.parsing import NotAnInspectionError, parse_document, parse_text, validate
from inspections.parsing.rules import TIMESCALES

REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO / "fixtures" / "seeds"
REPORTS = SEEDS / "reports"
EXPECTED = Path(__file__).resolve().parent / "expected"


def _path(name: str) -> Path:
    return (REPORTS if name.endswith(".pdf") else SEEDS) / name


@lru_cache(maxsize=None)
def parsed(name: str):
    return parse_document(_path(name))


def _comparable(result) -> dict:
    data = result.to_json_dict(include_parts=True)
    data.pop("warnings")
    for part in data.get("parts", []):
        part.pop("warnings")
    return data


def test_seed_files_are_present(seed_names):
    missing = [n for n in seed_names if not _path(n).is_file()]
    assert not missing, f"seed documents not found under {SEEDS}: {missing}"


def test_full_extraction_matches_hand_checked_json(seed_name):
    expected = json.loads((EXPECTED / (seed_name.rsplit(".", 1)[0] + ".json")).read_text(encoding="utf-8"))
    assert _comparable(parsed(seed_name)) == expected


def test_every_item_points_at_its_source_line(seed_name):
    result = parsed(seed_name)
    for j in result.judgements + [j for p in result.parts for j in p.judgements]:
        src = result.line_text(j.line).lower()
        word = j.grade.split()[-1].lower().strip("()")
        assert word in src or j.grade.lower() in src, (j, src)
    for r in result.recommendations:
        assert r.text.split()[0] in result.line_text(r.line), (r, result.line_text(r.line))
    for m in result.measures:
        assert m.text.split()[0] in result.line_text(m.line)


def test_json_shape(seed_name):
    data = parsed(seed_name).to_json_dict()
    assert set(data) == {"framework", "council", "published", "judgements", "recommendations", "measures", "warnings"}
    for j in data["judgements"]:
        assert set(j) == {"section", "area", "grade", "level", "line"}
        assert j["level"] in {"outstanding", "good", "requires_improvement", "inadequate", None}
    for r in data["recommendations"]:
        assert set(r) == {"section", "timescale", "text", "bodies", "line"}
        assert r["timescale"] in set(TIMESCALES)
    json.dumps(data)


# ------------------------------------------------------------------ Sutton 2012 (SLAC)


def test_sutton_slac_metadata_and_counts():
    r = parsed("sutton-slac-inspection-2012.txt")
    assert r.framework == "SLAC"
    assert r.council == "E09000029"
    assert r.published == date(2012, 5, 29)
    assert (r.fieldwork_start, r.fieldwork_end) == (date(2012, 4, 10), date(2012, 4, 20))
    assert r.lead_inspector == "Richard Nash"
    assert len(r.judgements) == 22
    sections = [j.section for j in r.judgements]
    assert sections.count("Safeguarding services") == 10
    assert sections.count("Services for looked after children") == 12
    # one source per judgement: no (section, area) twice
    assert len({(j.section, j.area) for j in r.judgements}) == 22


def test_sutton_slac_safeguarding_overall_is_inadequate():
    r = parsed("sutton-slac-inspection-2012.txt")
    overall = [j for j in r.judgements if j.section == "Safeguarding services" and j.area == "Overall effectiveness"]
    assert len(overall) == 1
    assert overall[0].grade == "Grade 4 (Inadequate)"
    assert overall[0].level == "inadequate"
    assert r.line_text(overall[0].line) == "Grade 4 (Inadequate)"


def test_sutton_slac_equality_and_diversity_comes_from_the_record_table():
    r = parsed("sutton-slac-inspection-2012.txt")
    eq = [j for j in r.judgements if j.area == "Equality and diversity"]
    assert [(j.section, j.grade) for j in eq] == [
        ("Safeguarding services", "Adequate"),
        ("Services for looked after children", "Adequate"),
    ]


def test_sutton_slac_recommendation_splits():
    r = parsed("sutton-slac-inspection-2012.txt")

    def split(section):
        ts = [x.timescale for x in r.recommendations if x.section == section]
        return {t: ts.count(t) for t in set(ts)}

    assert len(r.recommendations) == 29
    assert split("Safeguarding services") == {"immediately": 7, "within_3_months": 6}
    assert split("Services for looked after children") == {
        "immediately": 4,
        "within_3_months": 10,
        "within_6_months": 2,
    }
    assert {x.timescale_as_written for x in r.recommendations} == {
        "Immediately",
        "Within three months",
        "Within six months",
    }


def test_sutton_slac_bodies():
    r = parsed("sutton-slac-inspection-2012.txt")
    by_line = {x.line: x.bodies for x in r.recommendations}
    assert by_line[125] == ["Sutton LSCB"]
    assert by_line[133] == ["Sutton and Merton PCT", "South West London & St George's Hospital NHS Foundation Trust"]
    assert by_line[135] == [
        "Sutton and Merton PCT",
        "Epsom & St Helier Hospitals NHS trust",
        "substance misuse services",
    ]
    assert by_line[136] == ["Sutton and Merton PCT", "Royal Marsden Hospitals NHS Foundation Trust"]
    assert by_line[289] == ["Sutton and Merton PCT", "London Borough of Sutton"]
    assert by_line[119] == []  # addressed to the local authority and its partners: no named body


# ------------------------------------------------------------------ notice


def test_sutton_notice_measures_and_dates():
    r = parsed("sutton-improvement-notice-2012.txt")
    assert r.framework == "NOTICE"
    assert r.council == "E09000029"
    themes = [m.theme for m in r.measures]
    assert themes.count("The Council must take action to") == 2  # the notice's words, no invented "Overall"
    assert themes.count("Quality and effectiveness of safeguarding practice") == 5
    assert themes.count("Improving the effectiveness of partnership and governance") == 3
    assert themes.count("Capacity and Capability") == 2
    nd = r.notice_dates
    assert nd.compliance == date(2014, 1, 1)
    assert nd.ministerial_reports == [date(2012, 10, 1), date(2013, 4, 1), date(2013, 10, 1)]
    assert nd.reviews == [date(2013, 4, 1), date(2013, 10, 1), date(2014, 2, 1)]
    assert nd.final_review == date(2014, 2, 1)
    assert nd.inspection_report == date(2012, 5, 29)


# ------------------------------------------------------------------ APA / JAR


def test_sutton_apa_2005():
    r = parsed("sutton-apa-2005.txt")
    assert r.framework == "APA" and r.council == "E09000029" and r.published == date(2006, 3, 9)
    assert [(j.grade, j.level) for j in r.judgements] == [
        ("2", "requires_improvement"),
        ("3", "good"),
        ("3", "good"),
        ("2", "requires_improvement"),
    ]
    assert r.judgements[2].area == "Overall effectiveness"  # the children's services grade
    counts = {}
    for x in r.recommendations:
        counts.setdefault(x.section, []).append(x.timescale)
    assert counts == {
        "Being Healthy": ["other"],
        "Staying safe": ["immediately"] * 4 + ["within_6_months"],
        "Enjoying and achieving": ["immediately"],
        "Achieving economic well-being": ["within_6_months"],
        "Service management": ["within_6_months"] * 3,
    }
    assert r.recommendations[7].bodies == [
        "Learning and Skills Council",
        "Director of Learning for Life",
        "post-16 providers",
    ]


def test_staffordshire_apa_2006():
    r = parsed("staffordshire-apa-2006.txt")
    assert r.framework == "APA" and r.council == "E10000028" and r.published == date(2006, 11, 1)
    assert [j.grade for j in r.judgements] == ["2", "3", "2"]
    assert [x.timescale for x in r.recommendations] == [
        "within_6_months",
        "immediately",
        "within_6_months",
        "within_6_months",
        "within_6_months",
    ]


def test_southwark_2009_carries_jar_apa_and_yot():
    r = parsed("southwark-jar-apa-executive-report-2009.txt")
    assert r.framework == "JAR" and r.council == "E09000028"
    grades = [j.grade for j in r.judgements]
    assert len(grades) == 7 and grades.count("3 – Good") == 5 and grades.count("Good") == 2
    assert all(j.level == "good" for j in r.judgements)
    assert [x.timescale for x in r.recommendations] == ["immediately"] * 3 + ["within_6_months"] * 2
    parts = {p.framework: p for p in r.parts}
    assert set(parts) == {"APA", "YOT"}
    assert len(parts["APA"].judgements) == 7
    assert parts["APA"].judgements[0].area == "Overall effectiveness"
    assert len(parts["YOT"].judgements) == 8
    assert not any(j.area == "Overall effectiveness" for j in parts["YOT"].judgements)
    assert all(p.council == "E09000028" for p in r.parts)


# ------------------------------------------------------------------ SIF / ILACS PDFs


@pytest.mark.parametrize(
    "name,council,published,overall,n_judgements,n_recs",
    [
        ("staffordshire-sif-2014-03-21.pdf", "E10000028", date(2014, 3, 21), "good", 7, 10),
        ("sutton-sif-2017-02-13.pdf", "E09000029", date(2017, 2, 13), "good", 7, 11),
        ("southwark-sif-2017-06-13.pdf", "E09000028", date(2017, 6, 13), "good", 7, 15),
        ("staffordshire-ilacs-2019-03-11.pdf", "E10000028", date(2019, 3, 11), "good", 4, 6),
        ("sutton-ilacs-2022-02-01.pdf", "E09000029", date(2022, 2, 1), "good", 4, 2),
        ("southwark-ilacs-2022-11-11.pdf", "E09000028", date(2022, 11, 11), "good", 4, 3),
        ("staffordshire-ilacs-2024-01-12.pdf", "E10000028", date(2024, 1, 12), "requires_improvement", 5, 4),
    ],
)
def test_pdf_reports(name, council, published, overall, n_judgements, n_recs):
    r = parsed(name)
    assert r.framework == ("SIF" if "-sif-" in name else "ILACS")
    assert r.council == council
    assert r.published == published
    assert len(r.judgements) == n_judgements
    assert len(r.recommendations) == n_recs
    ov = [j for j in r.judgements if j.area == "Overall effectiveness"]
    assert len(ov) == 1 and ov[0].level == overall
    assert r.lead_inspector
    assert r.fieldwork_start and r.fieldwork_end and r.fieldwork_start <= r.fieldwork_end
    if r.framework == "ILACS":
        assert r.ilacs_variant == "short"  # all four had one week on site


def test_sif_lscb_judgement_and_recommendation_sections():
    r = parsed("southwark-sif-2017-06-13.pdf")
    lscb = [j for j in r.judgements if j.section == "Local Safeguarding Children Board"]
    assert [(j.grade, j.level) for j in lscb] == [("good", "good")]
    assert [x.section for x in r.recommendations].count("Local Safeguarding Children Board") == 4
    assert r.recommendations[10].text.startswith("Ensure that children are aware of how to complain")


def test_sif_wrapped_area_and_page_break():
    r = parsed("sutton-sif-2017-02-13.pdf")
    areas = [j.area for j in r.judgements]
    assert "Children looked after and achieving permanence" in areas
    assert "Requires improvement" in [j.grade for j in r.judgements]


def test_staffordshire_sif_priority_section_says_none():
    r = parsed("staffordshire-sif-2014-03-21.pdf")
    assert not any("did not find" in x.text for x in r.recommendations)
    assert r.recommendations[1].bodies == ["the authority"]


def test_ilacs_2023_has_five_judgements():
    r = parsed("staffordshire-ilacs-2024-01-12.pdf")
    assert [j.area for j in r.judgements] == [
        "The impact of leaders on social work practice with children and families",
        "The experiences and progress of children who need help and protection",
        "The experiences and progress of children in care",
        "The experiences and progress of care leavers",
        "Overall effectiveness",
    ]


# ------------------------------------------------------------------ API odds and ends


def test_council_lookup_is_injected_and_hint_wins():
    text = (SEEDS / "sutton-slac-inspection-2012.txt").read_text(encoding="utf-8")
    seen = []
    r = parse_text(text, council_lookup=lambda name: seen.append(name) or ("X99" if "Sutton" in name else None))
    assert r.council == "X99" and seen
    assert parse_text(text, council_hint="E09000028").council == "E09000028"


def test_unknown_council_is_null_with_warning():
    text = (SEEDS / "sutton-slac-inspection-2012.txt").read_text(encoding="utf-8").replace("Sutton", "Barchester")
    r = parse_text(text)
    assert r.council is None
    assert any("council" in w for w in r.warnings)
    assert r.framework == "SLAC" and len(r.judgements) == 22


def test_not_an_inspection():
    r = parse_text("Minutes of the allotment society.\nTea was served.")
    assert r.framework is None and r.warnings
    with pytest.raises(NotAnInspectionError):
        validate(r)
    assert validate(parsed("sutton-apa-2005.txt")) is parsed("sutton-apa-2005.txt")


def test_parse_document_accepts_text_and_missing_files():
    assert parse_document("Inspection of safeguarding and looked after children services\n").framework == "SLAC"
    r = parse_document(Path("/nonexistent/file.pdf"))
    assert r.framework is None and r.warnings
