"""The import_inspection command and the importing service behind it."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from inspections import services
from inspections.importing import MAX_BYTES, document_read
from inspections.models import (
    Council,
    ImprovementNotice,
    Inspection,
    InspectionSection,
    Judgement,
    NoticeDate,
    NoticeMeasure,
    Organisation,
    Recommendation,
)

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
EXPECTED = Path(__file__).resolve().parent / "parsing" / "expected"
NOTICE_ISSUED = "2012-06-15"  # the notice states no date of its own


def seed(name: str) -> Path:
    return SEEDS / name if name.endswith(".txt") else SEEDS / "reports" / name


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_inspection", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts() -> tuple:
    return (
        Inspection.objects.count(),
        Judgement.objects.count(),
        Recommendation.objects.count(),
        InspectionSection.objects.count(),
        ImprovementNotice.objects.count(),
        NoticeMeasure.objects.count(),
    )


@pytest.fixture
def staffordshire(db):
    return Council.objects.get_or_create(
        ons_code="E10000028",
        defaults=dict(
            name="Staffordshire County Council",
            short_name="Staffordshire",
            slug="staffordshire",
            kind=Council.Kind.COUNTY,
            region="West Midlands",
        ),
    )[0]


@pytest.fixture
def councils(sutton, southwark, staffordshire, frameworks):
    return {"sutton": sutton, "southwark": southwark, "staffordshire": staffordshire}


# --- --json ------------------------------------------------------------------------------------


def test_json_prints_exactly_the_issue_shape_and_nothing_else(councils, seed_name):
    args = [seed(seed_name), "--json", "--dry-run"]
    if seed_name == "sutton-improvement-notice-2012.txt":
        run(seed("sutton-slac-inspection-2012.txt"))  # the notice rests on it
        args += ["--published", NOTICE_ISSUED]
    out, _ = run(*args)
    data = json.loads(out)  # the whole of stdout is one JSON document
    assert list(data) == ["framework", "council", "published", "judgements", "recommendations", "measures", "warnings"]
    expected = json.loads((EXPECTED / (Path(seed_name).stem + ".json")).read_text())
    expected.pop("parts", None)
    if seed_name == "sutton-improvement-notice-2012.txt":
        expected["published"] = NOTICE_ISSUED
    assert {k: v for k, v in data.items() if k != "warnings"} == expected
    assert all(isinstance(w, str) for w in data["warnings"])
    for judgement in data["judgements"]:
        assert list(judgement) == ["section", "area", "grade", "level", "line"]
    for recommendation in data["recommendations"]:
        assert list(recommendation) == ["section", "timescale", "text", "bodies", "line"]
    for measure in data["measures"]:
        assert list(measure) == ["theme", "text", "line"]


def test_json_goes_to_stdout_and_the_report_of_what_was_saved_to_stderr(councils):
    out, err = run(seed("sutton-slac-inspection-2012.txt"), "--json")
    assert json.loads(out)["framework"] == "SLAC"
    assert "imported Sutton's SLAC inspection published 29 May 2012: 22 judgements, 29 recommendations" in err


# --- dry run -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["sutton-slac-inspection-2012.txt", "southwark-jar-apa-executive-report-2009.txt", "sutton-sif-2017-02-13.pdf"],
)
def test_a_dry_run_saves_nothing(councils, name, settings):
    before = counts()
    _, err = run(seed(name), "--dry-run")
    assert "dry run, nothing saved" in err
    assert counts() == before == (0, 0, 0, 0, 0, 0)
    assert not Organisation.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / "inspections").exists()


def test_a_dry_run_still_refuses_what_the_import_would_refuse(councils):
    run(seed("sutton-slac-inspection-2012.txt"))
    with pytest.raises(CommandError, match="already in the product"):
        run(seed("sutton-slac-inspection-2012.txt"), "--dry-run")


# --- saving ------------------------------------------------------------------------------------


def test_it_saves_all_twelve_seed_documents_and_refuses_each_second_import(councils, seed_names):
    for name in seed_names:
        if "notice" not in name:
            run(seed(name))
    run(seed("sutton-improvement-notice-2012.txt"), "--published", NOTICE_ISSUED)

    for name in seed_names:
        expected = json.loads((EXPECTED / (Path(name).stem + ".json")).read_text())
        if expected["framework"] == "NOTICE":
            continue
        inspection = Inspection.objects.get(
            council__ons_code=expected["council"],
            framework__code=expected["framework"],
            published=expected["published"],
        )
        assert inspection.source == Inspection.Source.DOCUMENT
        assert inspection.source_name == name
        assert inspection.source_file.name.endswith(Path(name).suffix)
        saved = [
            (j.section.name, j.area, j.grade_as_written, j.level, j.source_line)
            for j in inspection.judgements.order_by("order")
        ]
        assert saved == [(j["section"], j["area"], j["grade"], j["level"], j["line"]) for j in expected["judgements"]]
        recs = [
            (r.number, r.section.name, r.timescale, r.text, r.source_line)
            for r in inspection.recommendations.order_by("number")
        ]
        assert recs == [
            (n, r["section"], r["timescale"], r["text"], r["line"])
            for n, r in enumerate(expected["recommendations"], start=1)
        ]

    # Southwark 2009 holds three inspections: each its own row
    southwark_2009 = Inspection.objects.filter(council__short_name="Southwark", published__year=2009)
    assert sorted(southwark_2009.values_list("framework__code", flat=True)) == ["APA", "JAR", "YOT"]
    assert Inspection.objects.count() == 11 + 2

    before = counts()
    for name in seed_names:
        extra = ["--published", NOTICE_ISSUED] if "notice" in name else []
        with pytest.raises(CommandError, match="already in the product"):
            run(seed(name), *extra)
    assert counts() == before


def test_a_slac_report_saves_its_sections_due_dates_and_bodies(councils):
    run(seed("sutton-slac-inspection-2012.txt"))
    inspection = Inspection.objects.get()
    assert (inspection.title, inspection.lead_inspector) == (
        "Inspection of safeguarding and looked after children services",
        "Richard Nash",
    )
    assert (inspection.fieldwork_start, inspection.fieldwork_end) == (
        datetime.date(2012, 4, 10),
        datetime.date(2012, 4, 20),
    )
    assert list(inspection.sections.values_list("name", flat=True)) == [
        "Safeguarding services",
        "Services for looked after children",
    ]
    assert inspection.judgements.count() == 22 and inspection.recommendations.count() == 29
    immediate = inspection.recommendations.filter(timescale="immediately").first()
    assert immediate.due_date is None  # "Immediately" sets no calendar date
    assert inspection.recommendations.filter(timescale="within_3_months").first().due_date == datetime.date(2012, 8, 29)
    # "the council" is the council itself; named bodies are organisations; role phrases are not
    council_body = Organisation.objects.get(name="London Borough of Sutton")
    assert council_body.kind == Organisation.Kind.COUNCIL and council_body.council == councils["sutton"]
    assert Organisation.objects.get(name="Sutton LSCB").kind == Organisation.Kind.LSCB
    assert Organisation.objects.get(name="Sutton and Merton PCT").kind == Organisation.Kind.HEALTH
    assert not Organisation.objects.filter(name="substance misuse services").exists()


def test_the_generic_bodies_of_a_report_are_the_council_itself(councils):
    run(seed("staffordshire-sif-2014-03-21.pdf"))
    bodies = Organisation.objects.filter(recommendations__isnull=False).distinct()
    assert list(bodies.values_list("name", flat=True)) == ["Staffordshire County Council"]


def test_a_notice_is_saved_with_its_themes_measures_and_dates_resting_on_its_inspection(councils):
    run(seed("sutton-slac-inspection-2012.txt"))
    run(seed("sutton-improvement-notice-2012.txt"), "--published", NOTICE_ISSUED)
    notice = ImprovementNotice.objects.get()
    assert notice.inspection.framework.code == "SLAC" and notice.issued == datetime.date(2012, 6, 15)
    assert list(notice.themes.values_list("title", flat=True)) == [
        "The Council must take action to",
        "Quality and effectiveness of safeguarding practice",
        "Improving the effectiveness of partnership and governance",
        "Capacity and Capability",
    ]
    assert [t.measures.count() for t in notice.themes.all()] == [2, 5, 3, 2]
    assert notice.themes.get(order=2).measures.get(number=1).source_line == 27
    dates = [(d.kind, d.date, d.precision) for d in notice.dates.order_by("date", "kind")]
    assert (NoticeDate.Kind.COMPLIANCE, datetime.date(2014, 1, 31), "month") in dates
    assert (NoticeDate.Kind.FINAL_REVIEW, datetime.date(2014, 2, 28), "month") in dates
    assert [d for d in dates if d[0] == NoticeDate.Kind.MINISTERIAL_REPORT] == [
        ("ministerial_report", datetime.date(2012, 10, 31), "month"),
        ("ministerial_report", datetime.date(2013, 4, 30), "month"),
        ("ministerial_report", datetime.date(2013, 10, 31), "month"),
    ]
    assert len([d for d in dates if d[0] == NoticeDate.Kind.REVIEW]) == 2


def test_a_notice_without_a_date_or_before_its_inspection_is_refused(councils):
    with pytest.raises(CommandError, match="states no issue date"):
        run(seed("sutton-improvement-notice-2012.txt"))
    with pytest.raises(CommandError, match="inspection report of 29 May 2012, which is not in the product"):
        run(seed("sutton-improvement-notice-2012.txt"), "--published", NOTICE_ISSUED)
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_the_parts_of_southwark_2009_without_a_date_of_their_own_take_the_documents(councils):
    _, err = run(seed("southwark-jar-apa-executive-report-2009.txt"))
    assert "The APA part states no publication date of its own" in err
    by_code = {i.framework.code: i for i in Inspection.objects.all()}
    assert {c: i.published for c, i in by_code.items()} == {
        c: datetime.date(2009, 1, 27) for c in ("JAR", "APA", "YOT")
    }
    assert (
        by_code["JAR"].judgements.count(),
        by_code["APA"].judgements.count(),
        by_code["YOT"].judgements.count(),
    ) == (7, 7, 8)
    assert by_code["JAR"].recommendations.count() == 5


def test_council_and_framework_options_are_hints(councils, tmp_path):
    text = seed("sutton-slac-inspection-2012.txt").read_text().replace("Sutton", "Xanadu")
    path = tmp_path / "report.txt"
    path.write_text(text)
    with pytest.raises(CommandError, match="council could not be identified|does not know"):
        run(path, "--dry-run")
    run(path, "--council", "E09000029")
    assert Inspection.objects.get().council.short_name == "Sutton"
    with pytest.raises(CommandError, match="no council with that ONS code"):
        run(path, "--council", "E09999999")


# --- reconciliation with national data ------------------------------------------------------------


def national(council, code, published, judgements, variant=""):
    """An inspection as the national data import makes it (section only for SLAC)."""
    framework = services.frameworks_sync()[code]
    inspection = Inspection.objects.create(
        council=council,
        framework=framework,
        published=published,
        variant=variant,
        title=f"{code} inspection",
        source=Inspection.Source.NATIONAL_DATA,
        source_name="Ofsted, LA_inspections.ods, sheet LA row 200",
        fieldwork_start=None,
    )
    for order, (section, area, grade) in enumerate(judgements, start=1):
        services.judgement_create(
            inspection=inspection, section=section, area=area, grade_as_written=grade, order=order, source_line=200
        )
    return inspection


def test_a_sif_report_adds_its_detail_to_the_national_data_row_without_duplicating(councils):
    row = national(
        councils["sutton"],
        "SIF",
        datetime.date(2017, 2, 13),
        [
            (None, "Overall effectiveness", "Requires improvement to be good"),
            (None, "Children who need help and protection", "Requires improvement to be good"),
            (None, "Children looked after and achieving permanence", "Good"),
            (None, "Adoption performance", "Good"),
            (None, "Experiences and progress of care leavers", "Good"),
            (None, "Leadership, management and governance", "Requires improvement to be good"),
            (None, "Local Safeguarding Children Board", "Requires improvement to be good"),
        ],
    )
    _, err = run(seed("sutton-sif-2017-02-13.pdf"))
    assert "was in the product from Ofsted's national data" in err
    assert Inspection.objects.count() == 1
    row.refresh_from_db()
    assert row.source == Inspection.Source.DOCUMENT
    assert row.source_name == "sutton-sif-2017-02-13.pdf" and row.source_file
    assert row.lead_inspector == "Marcie Taylor"
    assert row.title.startswith("Inspection of services for children in need of help and protection")
    assert (row.fieldwork_start, row.fieldwork_end) == (datetime.date(2016, 11, 14), datetime.date(2016, 12, 8))
    assert row.judgements.count() == 7  # every document judgement was already there
    assert row.recommendations.count() == 11
    lscb = row.judgements.get(area="Local Safeguarding Children Board")
    assert lscb.source_line != 200  # now points at the document's line


def test_a_slac_report_adds_the_judgements_the_national_row_lacks(councils):
    row = national(
        councils["sutton"],
        "SLAC",
        datetime.date(2012, 5, 29),
        [
            ("Safeguarding", "Overall effectiveness", "Inadequate"),
            ("Looked after children", "Overall effectiveness", "Requires improvement to be good"),
        ],
    )
    run(seed("sutton-slac-inspection-2012.txt"))
    row.refresh_from_db()
    assert Inspection.objects.count() == 1 and row.source == Inspection.Source.DOCUMENT
    assert row.judgements.count() == 22  # 2 kept + 20 added, none twice
    overall = row.judgements.filter(area="Overall effectiveness")
    assert overall.count() == 2
    assert set(overall.values_list("section__name", flat=True)) == {"Safeguarding", "Looked after children"}
    assert row.recommendations.count() == 29
    # and the document cannot be imported a second time
    with pytest.raises(CommandError, match="already in the product"):
        run(seed("sutton-slac-inspection-2012.txt"))


def test_an_ilacs_report_matches_the_national_wording_of_its_areas(councils):
    row = national(
        councils["staffordshire"],
        "ILACS",
        datetime.date(2024, 1, 12),
        [
            (None, "Overall effectiveness", "Requires improvement to be good"),
            (None, "Impact of leaders", "Requires improvement to be good"),
            (None, "Children who need help and protection", "Requires improvement to be good"),
            (None, "Children in care", "Requires improvement to be good"),
            (None, "Care leavers", "Requires improvement to be good"),
        ],
        variant="short",
    )
    run(seed("staffordshire-ilacs-2024-01-12.pdf"))
    row.refresh_from_db()
    assert row.judgements.count() == 5 and row.variant == "short"
    assert row.recommendations.count() == 4


def test_a_different_grade_in_the_document_is_reported_not_changed(councils):
    row = national(
        councils["sutton"],
        "ILACS",
        datetime.date(2022, 2, 1),
        [
            (None, "Overall effectiveness", "Inadequate"),
        ],
    )
    _, err = run(seed("sutton-ilacs-2022-02-01.pdf"))
    assert "a different level: check it" in err
    assert row.judgements.get(area="Overall effectiveness").level == "inadequate"
    assert row.judgements.count() == 4


# --- bad input -------------------------------------------------------------------------------------


def blank_pdf(path: Path) -> Path:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def write(name: str, data: bytes | str):
    def make(directory: Path) -> Path:
        path = directory / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        return path

    return make


@pytest.mark.parametrize(
    "make, message",
    [
        (write("empty.txt", b""), "is empty"),
        (write("blank.txt", "  \n\n "), "is empty"),
        (write("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40), "neither a PDF nor a text file"),
        (write("data.bin", b"\x00\x01\x02binary\x00" * 100), "neither a PDF nor a text file"),
        (lambda p: blank_pdf(p / "scan.pdf"), "no text layer"),
        (write("broken.pdf", "this is not really a pdf"), "not a valid PDF"),
        (
            write("minutes.txt", "Minutes of the meeting\nApologies were received.\n" * 20),
            "does not look like an inspection report",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(councils, tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(CommandError, match=message):
        run(path)
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_a_file_over_20_mb_is_refused(councils, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write(b"Inspection of safeguarding and looked after children services\n")
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(CommandError, match="the largest file that can be imported is 20 MB"):
        run(path)
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_a_report_for_a_council_the_product_does_not_know_is_refused(sutton, frameworks):
    with pytest.raises(
        CommandError, match="Staffordshire County Council \\(E10000028\\), a council the product does not know"
    ):
        run(seed("staffordshire-ilacs-2019-03-11.pdf"))
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_the_json_of_a_refused_document_is_still_printed_alone_on_stdout(sutton, frameworks):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_inspection", str(seed("staffordshire-ilacs-2019-03-11.pdf")), "--json", stdout=out, stderr=err
        )
    assert json.loads(out.getvalue())["council"] == "E10000028"


def test_a_missing_file_is_refused(db):
    with pytest.raises(CommandError, match="no such file"):
        run("/nonexistent/report.pdf")


def test_the_council_lookup_reads_every_council_in_the_database(db, frameworks, tmp_path):
    Council.objects.create(
        name="Royal Borough of Greenwich",
        short_name="Greenwich",
        slug="greenwich",
        kind=Council.Kind.LONDON_BOROUGH,
        ons_code="E09000011",
    )
    text = seed("sutton-ilacs-2022-02-01.pdf")
    result = document_read(path=text)
    assert result.council == "E09000029"  # Sutton: not in the database, known to the parser
    lines = (
        "Inspection of Greenwich local authority children's services\n"
        "Inspection dates: 6 to 10 December 2021\nLead inspector: A Person, HMI\n"
        "Judgement Grade\nOverall effectiveness Good\n"
    )
    path = tmp_path / "greenwich-ilacs-2022-02-01.txt"
    path.write_text(lines)
    assert document_read(path=path).council == "E09000011"
