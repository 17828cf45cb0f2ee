"""The overview's per-council summaries come from the cache, and are never stale: the database bumps
a council's version in the same transaction as every write to what its summary reads, so the next
page after a write shows it, whoever or whatever made the write."""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from actions import services
from actions.models import IndicatorValue, PerformanceIndicator
from improvement_board.dashboards import freshness
from inspections.models import (
    Framework,
    ImprovementNotice,
    Inspection,
    NoticeDate,
    PublishedIndicator,
    PublishedValue,
    StatisticalNeighbour,
)

TODAY = datetime.date(2013, 3, 1)


def version(council_id: int) -> int:
    return freshness.versions([council_id])[council_id]


def overview_row(client, council):
    response = client.get("/dashboards/")
    assert response.status_code == 200
    return next(r for r in response.context["rows"] if r.council == council)


@pytest.fixture
def indicator(sutton_plan):
    return PerformanceIndicator.objects.create(
        plan=sutton_plan,
        name="Re-referrals",
        definition="Referrals within 12 months of another",
        unit="percent",
        polarity="lower",
        target=Decimal("20"),
        target_date=datetime.date(2014, 3, 1),
    )


def test_a_write_to_each_table_a_summary_reads_moves_its_councils_version_on(
    sutton, southwark, sutton_plan, make_action, sutton_officer, indicator
):
    seen = {"sutton": version(sutton.pk), "southwark": version(southwark.pk), "national": version(0)}

    def moved() -> set[str]:
        now = {"sutton": version(sutton.pk), "southwark": version(southwark.pk), "national": version(0)}
        changed = {k for k in now if now[k] != seen[k]}
        assert all(now[k] > seen[k] for k in changed)  # versions only grow
        seen.update(now)
        return changed

    action = make_action(sutton_plan, due_date=datetime.date(2099, 12, 31))
    assert moved() == {"sutton"}
    services.progress_update_create(
        action=action, author=sutton_officer, narrative="Started.", status="in_progress", rag="green"
    )
    assert moved() == {"sutton"}
    IndicatorValue.objects.create(indicator=indicator, month=datetime.date(2013, 1, 1), value=25)
    assert moved() == {"sutton"}
    framework = Framework.objects.create(code="TST", name="Test framework")
    assert moved() == {"national"}
    inspection = Inspection.objects.create(
        council=southwark, framework=framework, title="Test inspection", published=datetime.date(2012, 5, 1)
    )
    assert moved() == {"southwark"}
    notice = ImprovementNotice.objects.create(
        council=southwark, inspection=inspection, issued=datetime.date(2012, 6, 1), title="Improvement notice"
    )
    assert moved() == {"southwark"}
    NoticeDate.objects.create(notice=notice, kind=NoticeDate.Kind.REVIEW, date=datetime.date(2012, 12, 1))
    assert moved() == {"southwark"}
    StatisticalNeighbour.objects.create(
        council=sutton, neighbour=southwark, rank=1, closeness="Close", source_file="neighbours.csv"
    )
    assert moved() == {"sutton"}
    published = PublishedIndicator.objects.create(
        code="x", name="X", unit="percent", higher_is_better=True, source_file="x.csv"
    )
    PublishedValue.objects.create(
        indicator=published,
        geographic_level=PublishedValue.Level.LOCAL_AUTHORITY,
        council=sutton,
        area_code=sutton.ons_code,
        area_name="Sutton",
        year_end=2013,
        year_label="2012-13",
        value=Decimal("10"),
    )
    assert moved() == {"national"}
    make_action(sutton_plan).delete()
    assert moved() == {"sutton"}


def test_a_write_rolled_back_leaves_the_version_where_it_was(sutton_plan, make_action):
    before = version(sutton_plan.council_id)
    with pytest.raises(RuntimeError), transaction.atomic():
        make_action(sutton_plan)
        raise RuntimeError("changed my mind")
    assert version(sutton_plan.council_id) == before


def test_only_the_councils_whose_data_changed_are_computed_again(sutton, southwark, sutton_plan, make_action):
    asked = []

    def compute(ids):
        asked.append(sorted(ids))
        return {i: f"summary of {i}" for i in ids}

    def read():
        return freshness.per_council("test", [sutton.pk, southwark.pk], on=TODAY, compute=compute)

    assert read() == {sutton.pk: f"summary of {sutton.pk}", southwark.pk: f"summary of {southwark.pk}"}
    read()
    make_action(sutton_plan)
    read()
    assert asked == [sorted([sutton.pk, southwark.pk]), [sutton.pk]]
    freshness.per_council("test", [sutton.pk, southwark.pk], on=TODAY + datetime.timedelta(days=1), compute=compute)
    assert asked[-1] == sorted([sutton.pk, southwark.pk])  # a new day: overdue and RAG move on


@time_machine.travel(datetime.datetime(2013, 3, 1, 12, 0), tick=False)
def test_the_overview_shows_a_progress_update_at_once(
    client, observer, sutton, sutton_plan, make_action, sutton_officer
):
    action = make_action(sutton_plan, due_date=datetime.date(2013, 12, 31))
    client.force_login(observer)  # at the travelled time, or the idle session would have ended
    assert overview_row(client, sutton).rag["green"] == 1
    with CaptureQueriesContext(connection) as cached:
        assert overview_row(client, sutton).rag["green"] == 1
    services.progress_update_create(
        action=action, author=sutton_officer, narrative="Slipping.", status="in_progress", rag="red"
    )
    with CaptureQueriesContext(connection) as fresh:
        row = overview_row(client, sutton)
    assert (row.rag["red"], row.rag["green"]) == (1, 0)
    assert len(fresh) > len(cached)  # computed again, not read back


@time_machine.travel(datetime.datetime(2013, 3, 1, 12, 0), tick=False)
def test_the_overview_shows_a_new_indicator_value_off_target_at_once(client, observer, sutton, indicator):
    client.force_login(observer)
    assert overview_row(client, sutton).indicators_off_target == 0
    services.indicator_value_set(indicator=indicator, month=datetime.date(2013, 2, 1), value=Decimal("31"))
    row = overview_row(client, sutton)
    assert (row.indicators_off_target, row.indicators_measured) == (1, 1)


def test_an_action_falls_overdue_the_next_day_with_no_write(client, observer, sutton, sutton_plan, make_action):
    make_action(sutton_plan, due_date=datetime.date(2013, 3, 1))
    for day, overdue in ((1, 0), (2, 1)):
        with time_machine.travel(datetime.datetime(2013, 3, day, 9, 0), tick=False):
            client.force_login(observer)
            assert overview_row(client, sutton).overdue == overdue


def test_every_table_a_summary_reads_has_its_triggers(db):
    """A later migration that rebuilds a table (SQLite does, to alter a column) drops its
    triggers with it: this says so, naming the table."""
    migration = importlib.import_module("improvement_board.migrations.0009_dashboard_versions")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal")
        found = {(table, name) for table, name in cursor.fetchall()}
    missing = [
        (table, f"dashboard_version_{table}_{event}")
        for table in migration.COUNCIL_OF
        for event in ("insert", "update", "delete")
        if (table, f"dashboard_version_{table}_{event}") not in found
    ]
    assert missing == []


def test_a_release_that_changes_a_template_reads_back_nothing_cached_before(settings, tmp_path):
    (tmp_path / "templates").mkdir()
    row = tmp_path / "templates" / "row.html"
    row.write_text("<tr>{{ r }}</tr>")
    settings.BASE_DIR = tmp_path
    freshness.code_version.cache_clear()
    try:
        before = freshness.code_version()
        row.write_text("<tr class='new'>{{ r }}</tr>")
        freshness.code_version.cache_clear()
        assert freshness.code_version() != before
    finally:
        freshness.code_version.cache_clear()
