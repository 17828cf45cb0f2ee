"""The overview, a council dashboard and the actions API make the same number of queries
whatever the size of the data: measured once, then again after every council has gained a
synthetic plan and Sutton's plan has grown."""

from __future__ import annotations

import datetime
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import Action, DueDateRevision, IndicatorValue, ProgressUpdate
from improvement_board.models import User
from inspections.models import NoticeMeasure

SUTTON = "E09000029"
PAGES = {
    "/dashboards/": 21,  # intervention stages (notices, their dates, reviews, directions); versions
    f"/dashboards/{SUTTON}/": 37,  # + intervention stage (4 queries) and Ofsted activity (3)
    f"/api/v1/councils/{SUTTON}/actions/": 12,
    f"/api/v1/councils/{SUTTON}/actions/?rag=red&overdue=true": 12,
}


# The overview once every council's row is in the cache: no counting at all.
OVERVIEW_CACHED = 13


def counts(client) -> dict[str, int]:
    out = {}
    for url in PAGES:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        out[url] = len(queries)
    return out


def grow(today: datetime.date) -> None:
    """Every other council gets a synthetic plan; Sutton's plan gains actions answering measures,
    progress updates, a pending revision and indicator values."""
    call_command("generate_plans", "--councils", "all", "--actions", "12", "--months", "6", stdout=StringIO())
    sutton_action = Action.objects.filter(plan__council__ons_code=SUTTON, plan__is_active=True).first()
    plan = sutton_action.plan
    measures = list(NoticeMeasure.objects.filter(theme__notice__council=plan.council))
    author = User.objects.get(username="sutton.officer")
    for n in range(40):
        action = Action.objects.create(
            plan=plan,
            reference=f"9.{n + 1}",
            order=900 + n,
            title=f"Extra action {n}",
            lead_organisation=sutton_action.lead_organisation,
            start_date=datetime.date(2012, 7, 1),
            due_date=datetime.date(2013, 1, 1) + datetime.timedelta(days=n * 30),
            status="in_progress",
        )
        action.measures.add(*measures[n % len(measures) : n % len(measures) + 2])
        ProgressUpdate.objects.create(
            action=action, author=author, narrative="More work.", status="in_progress", rag="amber"
        )
        if n % 10 == 0:
            DueDateRevision.objects.create(
                action=action, proposed_date=today + datetime.timedelta(days=90), reason="More time", proposed_by=author
            )
    for indicator in plan.indicators.all():
        last = indicator.values.order_by("-month").first()
        month = last.month if last else datetime.date(2012, 6, 1)
        for m in range(12):
            month = (month.replace(day=28) + datetime.timedelta(days=5)).replace(day=1)
            IndicatorValue.objects.create(indicator=indicator, month=month, value=50)


def test_query_counts_do_not_grow_with_the_data(client, national_demo, db):
    client.force_login(User.objects.get(username="dfe.observer"))
    small = counts(client)
    actions_before = Action.objects.count()
    grow(datetime.date.today())
    assert Action.objects.count() > actions_before * 10
    large = counts(client)
    assert small == large
    for url, bound in PAGES.items():
        assert large[url] <= bound, (url, large[url])


def test_the_overview_read_from_the_cache_makes_fewer_queries_at_any_size(client, national_demo, db):
    client.force_login(User.objects.get(username="dfe.observer"))
    sizes = []
    for _ in range(2):
        assert client.get("/dashboards/").status_code == 200  # computes the rows missing
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/dashboards/").status_code == 200
        sizes.append(len(queries))
        call_command("generate_plans", "--councils", "all", "--actions", "12", "--months", "6", stdout=StringIO())
    assert sizes[0] == sizes[1] <= OVERVIEW_CACHED
