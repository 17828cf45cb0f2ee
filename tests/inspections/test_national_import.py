"""The national import on the real vendored files: councils, inspection history, indicators,
statistical neighbours; idempotence; seed documents win; bad files change nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from inspections import services
from inspections.models import (
    Council,
    ImportRun,
    Inspection,
    InspectionSection,
    Judgement,
    PublishedIndicator,
    PublishedValue,
    StatisticalNeighbour,
)
from inspections.national import (
    combine_histories,
    fixture_path,
    read_ilacs_history_2025,
    read_inspection_history_2023,
)

SAMPLES = Path(__file__).resolve().parent / "national" / "samples"
SUTTON = "E09000029"
MODELS = (Council, Inspection, InspectionSection, Judgement, PublishedIndicator, PublishedValue, StatisticalNeighbour)


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    """Everything imported once for this module, removed after it."""
    with django_db_blocker.unblock():
        out = StringIO()
        call_command("import_national_data", stdout=out, stderr=StringIO())
    yield out.getvalue()
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def snapshot():
    """Row counts and every value that matters, to prove that nothing changed."""
    return {
        "counts": {m.__name__: m.objects.count() for m in MODELS},
        "councils": sorted(
            Council.objects.values_list(
                "ons_code", "name", "slug", "la_number", "region", "kind", "is_current", "national_name"
            )
        ),
        "inspections": sorted(
            Inspection.objects.values_list(
                "council__ons_code", "framework__code", "published", "variant", "title", "source"
            )
        ),
        "judgements": sorted(
            Judgement.objects.values_list(
                "inspection__council__ons_code",
                "inspection__published",
                "section__name",
                "area",
                "grade_as_written",
                "level",
            ),
            key=str,
        ),
        "values": sorted(
            PublishedValue.objects.values_list("indicator__code", "area_code", "year_end", "value", "missing_reason"),
            key=str,
        ),
        "neighbours": sorted(
            StatisticalNeighbour.objects.values_list("council__ons_code", "rank", "neighbour__ons_code", "closeness")
        ),
    }


def sutton_history():
    out = {}
    for inspection in Inspection.objects.filter(council__ons_code=SUTTON).select_related("framework"):
        out[(inspection.framework.code, inspection.published.year)] = {
            (j.section.name if j.section else None, j.area): j.level for j in inspection.judgements.all()
        }
    return out


# --- councils -------------------------------------------------------------------------------


def test_every_current_english_council_exactly_once(national, db):
    current = Council.objects.filter(is_current=True)
    assert current.count() == 153
    assert len(set(current.values_list("ons_code", flat=True))) == 153
    assert len(set(current.values_list("la_number", flat=True))) == 153
    assert current.filter(ons_code="E09000001").exists()  # City of London
    assert current.filter(ons_code="E06000053").exists()  # Isles of Scilly
    former = set(Council.objects.filter(is_current=False).values_list("la_number", flat=True))
    assert former == {"835", "836", "837", "909", "928"}
    assert Council.objects.count() == len(set(Council.objects.values_list("slug", flat=True)))


def test_council_fields_from_the_releases(national, db):
    sutton = Council.objects.get(ons_code=SUTTON)
    assert (sutton.la_number, sutton.kind, sutton.region, sutton.region_code) == (
        "319",
        Council.Kind.LONDON_BOROUGH,
        "London",
        "E12000007",
    )
    assert Council.objects.get(ons_code="E09000001").kind == Council.Kind.LONDON_BOROUGH
    north_yorkshire = Council.objects.get(la_number="815")
    assert north_yorkshire.ons_code == "E06000065" and "E10000023" in north_yorkshire.previous_ons_codes
    assert north_yorkshire.kind == Council.Kind.UNITARY
    assert Council.objects.get(ons_code="E10000028").kind == Council.Kind.COUNTY
    assert Council.objects.get(ons_code="E08000025").kind == Council.Kind.METROPOLITAN_DISTRICT
    cumbria = Council.objects.get(la_number="909")
    assert not cumbria.is_current and cumbria.abolished == datetime.date(2023, 4, 1)
    assert sorted(cumbria.successor_ons_codes) == ["E06000063", "E06000064"]


def test_an_existing_councils_name_is_kept(national, db):
    Council.objects.filter(ons_code=SUTTON).update(name="London Borough of Sutton", slug="lb-sutton", la_number=None)
    call_command("import_councils", stdout=StringIO(), stderr=StringIO())
    sutton = Council.objects.get(ons_code=SUTTON)
    assert (sutton.name, sutton.slug, sutton.national_name, sutton.la_number) == (
        "London Borough of Sutton",
        "lb-sutton",
        "Sutton",
        "319",
    )
    assert Council.objects.filter(is_current=True).count() == 153


# --- inspection history ---------------------------------------------------------------------


def test_suttons_history(national, db):
    history = sutton_history()
    assert history[("SLAC", 2012)] == {
        ("Safeguarding", "Overall effectiveness"): "inadequate",
        ("Looked after children", "Overall effectiveness"): "requires_improvement",
    }
    assert history[("CPI", 2013)] == {(None, "Overall effectiveness"): "requires_improvement"}
    assert history[("SIF", 2017)][(None, "Overall effectiveness")] == "good"
    assert history[("SIF", 2017)][(None, "Experiences and progress of care leavers")] == "requires_improvement"
    assert history[("ILACS", 2022)][(None, "Overall effectiveness")] == "good"
    assert history[("ILACS", 2022)][(None, "Impact of leaders")] == "outstanding"
    slac = Inspection.objects.get(council__ons_code=SUTTON, framework__code="SLAC")
    assert slac.source == Inspection.Source.NATIONAL_DATA
    assert slac.published == datetime.date(2012, 5, 29)
    assert slac.judgements.get(section__name="Safeguarding").grade.value == 4  # 1 is best on the SLAC scale
    ilacs = Inspection.objects.get(council__ons_code=SUTTON, framework__code="ILACS")
    assert ilacs.title == "ILACS short inspection"


def test_every_judgement_is_imported(national, db):
    assert Inspection.objects.filter(source=Inspection.Source.NATIONAL_DATA).count() == 661
    assert Inspection.objects.filter(framework__code="ILACS").count() == 271
    # Warrington's two SLAC re-inspections published the same day are one inspection with both sections
    warrington = Inspection.objects.get(council__name="Warrington", framework__code="SLAC", variant="re-inspection")
    assert set(warrington.sections.values_list("name", flat=True)) == {"Safeguarding", "Looked after children"}
    history = combine_histories(
        read_inspection_history_2023(fixture_path("ofsted_2023")), read_ilacs_history_2025(fixture_path("ofsted_2025"))
    )
    assert Judgement.objects.count() == sum(len(r.judgements) for r in history.inspections) == 2743


# --- indicators -----------------------------------------------------------------------------


def test_suttons_rereferral_rate_against_england(national, db):
    values = {
        v.area_code: v.value for v in PublishedValue.objects.filter(indicator__code="rereferral_rate", year_end=2025)
    }
    assert values[SUTTON] == Decimal("18.3")
    assert values["E92000001"] == Decimal("22.6")
    assert values["E12000007"] is not None  # London, for comparison
    indicator = PublishedIndicator.objects.get(code="rereferral_rate")
    assert (indicator.unit, indicator.higher_is_better) == ("percent", False)
    assert PublishedIndicator.objects.count() == 9


def test_suppressed_values_are_missing_not_zero(national, db):
    missing = PublishedValue.objects.exclude(missing_reason="")
    assert missing.count() > 100
    assert not missing.exclude(value=None).exists()
    assert set(missing.values_list("missing_reason", flat=True)) >= {"c", "x", "z", "u", "low"}
    cumbria = PublishedValue.objects.get(
        indicator__code="care_leavers_eet_19_21", council__la_number="909", year_end=2025
    )
    assert cumbria.value is None and cumbria.missing_reason == "z"
    assert not PublishedValue.objects.filter(value=None, missing_reason="").exists()


def test_joint_workforce_rows_are_stored_for_each_council(national, db):
    kingston, richmond = (
        PublishedValue.objects.get(indicator__code="sw_turnover_rate", area_code=code, year_end=2025)
        for code in ("E09000021", "E09000027")
    )
    assert kingston.value == richmond.value == Decimal("28")
    assert kingston.shared_area_code == "E09000021 / E09000027"


# --- statistical neighbours -----------------------------------------------------------------


def test_each_council_has_its_ten_neighbours(national, db):
    sutton = StatisticalNeighbour.objects.filter(council__ons_code=SUTTON).select_related("neighbour")
    assert [n.rank for n in sutton] == list(range(1, 11))
    assert all(n.closeness for n in sutton)
    with_set = set(StatisticalNeighbour.objects.values_list("council__ons_code", flat=True))
    current = set(Council.objects.filter(is_current=True).values_list("ons_code", flat=True))
    assert current - with_set == {"E06000063", "E06000064"}  # Cumberland, Westmorland and Furness (2023)


# --- idempotence and seeds ------------------------------------------------------------------


def test_a_second_import_changes_nothing(national, db):
    before = snapshot()
    out = StringIO()
    call_command("import_national_data", stdout=out, stderr=StringIO())
    assert snapshot() == before
    text = out.getvalue()
    assert " 0 created, 0 updated" in text and "created, 0 updated" in text
    assert all(f"{n} created" not in text for n in range(1, 10))
    assert ImportRun.objects.filter(kind="indicators").count() == 10  # a log entry per file per run


def test_a_seed_document_inspection_wins_and_the_difference_is_reported(national, db):
    Inspection.objects.filter(council__ons_code=SUTTON, framework__code="SLAC").delete()
    frameworks = services.frameworks_sync()
    sutton = Council.objects.get(ons_code=SUTTON)
    seed = Inspection.objects.create(
        council=sutton,
        framework=frameworks["SLAC"],
        title="Inspection of safeguarding",
        published=datetime.date(2012, 5, 29),
        source=Inspection.Source.DOCUMENT,
        source_name="Sutton SLAC 2012.pdf",
    )
    services.judgement_create(
        inspection=seed,
        section="Safeguarding services",
        area="Overall effectiveness",
        grade_as_written="Grade 4 (Inadequate)",
    )
    services.judgement_create(
        inspection=seed,
        section="Services for looked after children",
        area="Overall effectiveness",
        grade_as_written="Adequate",
    )
    out = StringIO()
    call_command(
        "import_inspection_history",
        history_2023=str(fixture_path("ofsted_2023")),
        ilacs=str(fixture_path("ofsted_2025")),
        stdout=out,
        stderr=StringIO(),
    )
    slac = Inspection.objects.get(council=sutton, framework__code="SLAC")
    assert slac.pk == seed.pk and slac.source == Inspection.Source.DOCUMENT
    assert sorted(slac.judgements.values_list("grade_as_written", flat=True)) == ["Adequate", "Grade 4 (Inadequate)"]
    text = out.getvalue()
    assert "its version kept" in text
    assert (
        "Sutton SLAC 29 May 2012: Services for looked after children: Overall effectiveness is 'Adequate' in the "
        "inspection document; the release restates it as 'Requires improvement to be good' (same level)"
    ) in text
    assert "Safeguarding services: Overall effectiveness is 'Grade 4" in text  # written differently, same level


# --- bad files ------------------------------------------------------------------------------


def _fails(command, *args, says, **options):
    before = snapshot()
    with pytest.raises(CommandError) as caught:
        call_command(command, *args, stdout=StringIO(), stderr=StringIO(), **options)
    message = str(caught.value)
    assert says in message, message
    assert "nothing was imported" in message
    assert snapshot() == before
    return message


def test_an_indicator_file_with_a_wrong_header(national, db):
    _fails("import_indicators", str(SAMPLES / "c1_wrong_header.csv"), says="c1_wrong_header.csv")


def test_a_truncated_indicator_file(national, db):
    _fails("import_indicators", str(SAMPLES / "c1_cut_off.csv"), says="cut off")


def test_a_truncated_ofsted_file(national, db):
    _fails("import_inspection_history", ilacs=str(SAMPLES / "ofsted_2025_cut_off.ods"), says="ofsted_2025_cut_off.ods")


def test_an_ofsted_file_with_a_wrong_header(national, db):
    _fails("import_inspection_history", history_2023=str(SAMPLES / "ods_wrong_header.ods"), says="ods_wrong_header.ods")


def test_the_wrong_kind_of_file(national, db):
    _fails("import_indicators", str(fixture_path("neighbours")), says="is not one of the DfE files")
    _fails("import_statistical_neighbours", str(fixture_path("referrals")), says="c1_children_in_need")
    _fails("import_inspection_history", history_2023=str(fixture_path("ofsted_2025")), says="LA_Inspection_Outcomes")
    _fails(
        "import_councils", str(fixture_path("referrals")), str(fixture_path("ofsted_2025")), says="c1_children_in_need"
    )
    _fails("import_indicators", str(SAMPLES / "image_named.csv"), says="image_named.csv")


def test_a_neighbours_file_with_a_wrong_header(national, db):
    _fails(
        "import_statistical_neighbours",
        str(SAMPLES / "neighbours_wrong_header.csv"),
        says="neighbours_wrong_header.csv",
    )
