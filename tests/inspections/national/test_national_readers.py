"""The national data readers on the real vendored releases (fixtures/national)."""

import time
from datetime import date
from decimal import Decimal

from inspections.grading import Level
from inspections.national import (
    FILES,
    FIXTURES_DIR,
    INDICATOR_FILES,
    Council,
    FormerCouncil,
    combine_histories,
    fixture_path,
    name_key,
    read_councils,
    read_ilacs_history_2025,
    read_indicator_file,
    read_inspection_history_2023,
    read_statistical_neighbours,
)

SUTTON = "E09000029"
ENGLAND = "E92000001"


# --- councils -------------------------------------------------------------------------------


def test_there_are_153_councils(councils):
    assert len(councils) == 153
    assert len({c.ons_code for c in councils}) == 153
    assert len({c.la_number for c in councils}) == 153


def test_cumbria_split_and_small_councils_are_counted(councils):
    names = {c.name for c in councils}
    assert {
        "Cumberland",
        "Westmorland and Furness",
        "North Northamptonshire",
        "West Northamptonshire",
        "City of London",
        "Isles of Scilly",
    } <= names
    assert "Cumbria" not in names and "Northamptonshire" not in names


def test_sutton_council(councils):
    sutton = councils.by_ons_code(SUTTON)
    assert sutton == councils.by_la_number("319")
    assert sutton.name == "Sutton"
    assert sutton.ofsted_region == "London"
    assert (sutton.region_code, sutton.region_name) == ("E13000002", "Outer London")
    assert sutton.authority_type == "London Borough"


def test_every_council_has_all_fields(councils):
    for council in councils:
        assert council.ons_code.startswith("E") and len(council.ons_code) == 9
        assert len(council.la_number) == 3 and council.la_number.isdigit()
        assert council.name and council.dfe_name and council.ofsted_region and council.region_code
        assert council.authority_type in {"London Borough", "Metropolitan District", "Unitary", "Shire County"}


def test_former_councils_and_changed_codes(councils):
    former = {f.la_number: f for f in councils.former}
    assert set(former) == {"835", "836", "837", "909", "928"}
    cumbria = councils.by_ons_code("E10000006")
    assert isinstance(cumbria, FormerCouncil) and cumbria.name == "Cumbria"
    assert set(cumbria.successor_ons_codes) == {"E06000063", "E06000064"}
    # North Yorkshire became unitary in 2023: new ONS code, same council and LA number.
    north_yorkshire = councils.by_ons_code("E10000023")
    assert isinstance(north_yorkshire, Council) and north_yorkshire.ons_code == "E06000065"


def test_name_variants_match(councils):
    for written, code in [
        ("Bristol, City of", "E06000023"),
        ("Bristol", "E06000023"),
        ("Kingston upon Hull, City of", "E06000010"),
        ("Kingston Upon Hull", "E06000010"),
        ("Herefordshire, County of", "E06000019"),
        ("Herefordshire", "E06000019"),
        ("Bournemouth, Christchurch & Poole", "E06000058"),
        ("Telford & Wrekin", "E06000020"),
        ("St Helens", "E08000013"),
        ("St. Helens", "E08000013"),
        ("Durham", "E06000047"),
        ("County Durham", "E06000047"),
        ("Bedford Borough", "E06000055"),
        ("City of London", "E09000001"),
        ("Richmond Upon Thames", "E09000027"),
    ]:
        assert councils.match_name(written).ons_code == code, written
    assert name_key("Dorset (Pre LG)") == "dorset"
    assert councils.match_name("Dorset").ons_code == "E06000059"
    assert councils.match_name("Dorset", prefer_former=True).ons_code == "E10000009"


# --- inspection history ---------------------------------------------------------------------


def _sutton(history, framework, year):
    found = [r for r in history.for_council(SUTTON) if r.framework == framework and r.publication_date.year == year]
    assert len(found) == 1, (framework, year, found)
    return found[0]


def test_sutton_slac_2012(history_2023):
    slac = _sutton(history_2023, "SLAC", 2012)
    assert slac.variant == ""
    assert slac.publication_date == date(2012, 5, 29)
    safeguarding, lac = slac.judgement("Safeguarding"), slac.judgement("Looked after children")
    assert (safeguarding.grade_as_written, safeguarding.level) == ("Inadequate", Level.INADEQUATE)
    # The 2023 sheet restates the 2009-12 "Adequate": kept as written, normalised correctly.
    assert lac.grade_as_written == "Requires improvement to be good"
    assert lac.level == Level.REQUIRES_IMPROVEMENT
    assert slac.council.name_as_written == "Sutton" and slac.council.la_number == "319"


def test_sutton_cpi_2013(history_2023):
    cpi = _sutton(history_2023, "CPI", 2013)
    assert cpi.variant == ""
    assert cpi.judgement("Overall effectiveness").level == Level.REQUIRES_IMPROVEMENT


def test_sutton_sif_2017(history_2023):
    sif = _sutton(history_2023, "SIF", 2017)
    assert sif.variant == ""
    assert sif.judgement("Overall effectiveness").level == Level.GOOD
    care_leavers = sif.judgement("Experiences and progress of care leavers")
    assert care_leavers.grade_as_written == "Requires improvement to be good"
    assert care_leavers.level == Level.REQUIRES_IMPROVEMENT
    assert sif.judgement("Adoption performance").level == Level.GOOD
    assert sif.judgement("Local Safeguarding Children Board").level == Level.GOOD
    assert len(sif.judgements) == 7


def test_sutton_ilacs_2022_in_both_releases(history_2023, ilacs_2025):
    for history in (history_2023, ilacs_2025):
        ilacs = _sutton(history, "ILACS", 2022)
        assert ilacs.variant == "short"
        assert ilacs.publication_date == date(2022, 2, 1)
        assert ilacs.judgement("Overall effectiveness").level == Level.GOOD
        assert ilacs.judgement("Impact of leaders").level == Level.OUTSTANDING
        assert ilacs.judgement("Children in care and care leavers").level == Level.GOOD
    assert _sutton(ilacs_2025, "ILACS", 2022).inspection_date == date(2021, 12, 6)


def test_all_names_matched(history_2023, ilacs_2025):
    assert history_2023.unmatched == ()
    assert ilacs_2025.unmatched == ()
    assert all(r.council.ons_code for r in history_2023.inspections + ilacs_2025.inspections)


def test_former_councils_history(history_2023, ilacs_2025):
    old_dorset = [r for r in history_2023.inspections if r.council.ons_code == "E10000009"]
    assert {r.framework for r in old_dorset} == {"SLAC", "SIF"} and not old_dorset[0].council.current
    new_dorset = [r for r in history_2023.inspections if r.council.ons_code == "E06000059"]
    assert [r.framework for r in new_dorset] == ["ILACS"]
    cumbria = [r for r in ilacs_2025.inspections if r.council.ons_code == "E10000006"]
    assert len(cumbria) == 1 and not cumbria[0].council.current


def test_framework_variants(history_2023):
    kinds = {(r.framework, r.variant) for r in history_2023.inspections}
    assert kinds == {
        ("SLAC", ""),
        ("SLAC", "re-inspection"),
        ("CPI", ""),
        ("CPI", "re-inspection"),
        ("TLAC", ""),
        ("SIF", ""),
        ("SIF", "re-inspection"),
        ("ILACS", "standard"),
        ("ILACS", "short"),
    }
    assert all(j.level is not None for r in history_2023.inspections for j in r.judgements)


def test_not_judged_is_not_a_grade(history_2023):
    scilly = [r for r in history_2023.for_council("E06000053") if r.framework == "SIF"][0]
    assert "Adoption performance" in scilly.not_judged
    assert scilly.judgement("Adoption performance") is None


def test_ilacs_2025_judgement_counts(ilacs_2025):
    assert len(ilacs_2025.inspections) == 271
    for record in ilacs_2025.inspections:
        assert record.variant in {"standard", "short"}
        assert len(record.judgements) in {4, 5}
        if record.inspection_date >= date(2023, 1, 1):
            assert record.judgement("Care leavers") is not None


def test_combined_history(history_2023, ilacs_2025):
    combined = combine_histories(history_2023, ilacs_2025)
    ilacs = [r for r in combined.inspections if r.framework == "ILACS"]
    assert len(ilacs) == len(ilacs_2025.inspections)
    # Nottingham's second ILACS is dated 5 November 2022 in 2023, 5 September 2022 in 2025.
    assert [(c.ons_code, c.section) for c in combined.conflicts] == [("E06000018", "publication date")]
    sutton = [(r.framework, r.publication_date.year) for r in combined.inspections if r.council.ons_code == SUTTON]
    assert sutton == [("SLAC", 2012), ("CPI", 2013), ("SIF", 2017), ("ILACS", 2022)]


# --- indicators -----------------------------------------------------------------------------


def test_sutton_rereferral_rate_2025(indicator_files):
    referrals = indicator_files["referrals"]
    sutton = referrals.value("rereferral_rate", SUTTON, 2025)
    england = referrals.value("rereferral_rate", ENGLAND, 2025)
    assert sutton.value == Decimal("18.3")
    assert england.value == Decimal("22.6")
    assert sutton.geographic_level == "local_authority" and sutton.la_numbers == ("319",)
    assert sutton.year_label == "2025" and sutton.ons_codes == (SUTTON,)
    assert england.geographic_level == "national"
    indicator = referrals.indicators[0]
    assert (indicator.code, indicator.unit, indicator.higher_is_better) == ("rereferral_rate", "percent", False)
    assert indicator.source_file == FILES["referrals"]


def test_suppressed_values_are_missing_not_zero(indicator_files):
    referrals = indicator_files["referrals"]
    scilly = referrals.value("rereferral_rate", "E06000053", 2024)
    assert scilly.value is None and scilly.missing_reason == "c"
    hampshire = referrals.value("rereferral_rate", "E10000014", 2024)
    assert hampshire.value is None and hampshire.missing_reason == "u"
    sunderland = indicator_files["workforce"].value("sw_agency_rate", "E08000024", 2025)
    assert sunderland.value is None and sunderland.missing_reason == "low"
    scilly_plans = indicator_files["cpp_subsequent"].value("cpp_subsequent_plan", "E06000053", 2024)
    assert scilly_plans.value is None and scilly_plans.missing_reason == "z"
    for file in indicator_files.values():
        for value in file.values:
            assert (value.value is None) == (value.missing_reason is not None)


def test_every_indicator_present(indicator_files):
    codes = {i.code: i for f in indicator_files.values() for i in f.indicators}
    assert set(codes) == {
        "rereferral_rate",
        "cpp_subsequent_plan",
        "sw_turnover_rate",
        "sw_agency_rate",
        "sw_vacancy_rate",
        "sw_caseload",
        "placement_moves_3_plus",
        "placement_long_term",
        "care_leavers_eet_19_21",
    }
    assert codes["placement_long_term"].higher_is_better and codes["care_leavers_eet_19_21"].higher_is_better
    assert codes["sw_caseload"].unit == "ratio"
    for file in indicator_files.values():
        assert file.unmatched == ()
        for code in (i.code for i in file.indicators):
            latest = [
                v
                for v in file.values
                if v.indicator_code == code and v.year_end == 2025 and v.geographic_level == "local_authority"
            ]
            assert len(latest) >= 150, code


def test_sutton_other_indicators_2025(indicator_files):
    assert indicator_files["cpp_subsequent"].value("cpp_subsequent_plan", SUTTON, 2025).value == Decimal("21.7")
    workforce = indicator_files["workforce"]
    assert workforce.value("sw_turnover_rate", SUTTON, 2025).value == Decimal("34.9")
    assert workforce.value("sw_caseload", SUTTON, 2025).value == Decimal("14")
    assert indicator_files["placement_stability"].value("placement_long_term", SUTTON, 2025).value == Decimal("75")
    assert indicator_files["care_leavers"].value("care_leavers_eet_19_21", SUTTON, 2025).value == Decimal("57")


def test_shared_and_recoded_workforce_rows(indicator_files):
    workforce = indicator_files["workforce"]
    shared = workforce.value("sw_turnover_rate", "E06000061 / E06000062", 2025)
    assert shared.la_numbers == ("940", "941") and shared.ons_codes == ("E06000061", "E06000062")
    # The workforce CSV uses Barnsley's 2024 code; the LA number resolves it to the council.
    barnsley = workforce.value("sw_turnover_rate", "E08000038", 2025)
    assert barnsley.ons_codes == ("E08000016",)


def test_former_council_rows_are_kept_and_flagged(indicator_files):
    cumbria = indicator_files["placement_stability"].value("placement_moves_3_plus", "E10000006", 2025)
    assert cumbria.current is False and cumbria.value is None and cumbria.missing_reason == "z"


# --- statistical neighbours -----------------------------------------------------------------


def test_every_neighbour_set_has_ten(neighbours):
    assert len(neighbours.sets) == 156
    for group in neighbours.sets:
        assert [n.rank for n in group.neighbours] == list(range(1, 11))
        assert all(n.ons_code for n in group.neighbours)
        assert all(n.closeness for n in group.neighbours)
    assert neighbours.unmatched == ()


def test_neighbour_sets_cover_councils(neighbours):
    main = [s for s in neighbours.sets if not s.former]
    assert len(main) == 152
    assert {s.la_number for s in neighbours.sets if s.former} == {"835", "836", "837", "928"}
    # The 2021 groupings predate the Cumbria split.
    assert neighbours.councils_without_set == ("E06000063", "E06000064")
    sutton = neighbours.for_council(SUTTON)
    assert sutton.neighbours[0].rank == 1 and len(sutton.neighbours) == 10


# --- speed ----------------------------------------------------------------------------------


def test_whole_set_reads_fast():
    started = time.perf_counter()
    councils = read_councils(fixture_path("ofsted_2025"), fixture_path("referrals"), fixture_path("ofsted_2023"))
    read_inspection_history_2023(fixture_path("ofsted_2023"), councils)
    read_ilacs_history_2025(fixture_path("ofsted_2025"), councils)
    for key in INDICATOR_FILES:
        read_indicator_file(fixture_path(key), councils)
    read_statistical_neighbours(fixture_path("neighbours"), councils)
    assert time.perf_counter() - started < 15


def test_vendored_files_present():
    for name in FILES.values():
        assert (FIXTURES_DIR / name).stat().st_size > 10_000
