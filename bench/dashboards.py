"""Time the observer's dashboards and the actions API at the size of England, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres SECRET_KEY=x .venv/bin/python bench/dashboards.py

Creates a scratch database on the same server, runs import_national_data, load_demo_data and
generate_plans --councils all --actions 120 --months 24, then times 50 requests to each page with
Django's test Client (in process, so server time only), and the Django admin's action list on the
same data as a familiar baseline. Prints p50/p95, each page's p95 against the 100 ms target and
its ratio to the admin baseline's p95 (the overview's must be at most 0.5), and the number of
queries each page makes. Drops the scratch database at the end (--keep keeps it).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "improvement_board.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402

REQUESTS = 50
SUTTON, STAFFORDSHIRE = "E09000029", "E10000028"
TARGET_P95 = 100  # ms of server time, every page (issue 17)
BASELINE = "admin action list (baseline)"


def timed(client: Client, url: str, n: int = REQUESTS) -> tuple[list[float], int]:
    assert client.get(url).status_code == 200, url  # warm: connection, caches, templates
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return times, len(queries)


def p(times: list[float], q: int) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[q - 1]


def main() -> None:
    keep = "--keep" in sys.argv
    if connection.vendor != "postgresql":
        sys.exit("bench/dashboards.py measures on PostgreSQL: set DATABASE_URL=postgres://...")
    base = connection.settings_dict["NAME"]
    scratch = f"bench_dashboards_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    connection.close()
    settings.DATABASES["default"]["NAME"] = scratch
    connections["default"].settings_dict["NAME"] = scratch
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.DEBUG = False
    # Pages name static files; without a collected manifest, use plain names (no hashing to time).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    try:
        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        call_command("import_national_data", stdout=StringIO(), stderr=StringIO())
        call_command("load_demo_data", verbosity=0, stdout=StringIO())
        print(f"national and demo data: {time.perf_counter() - start:.1f} s")
        out = StringIO()
        start = time.perf_counter()
        call_command("generate_plans", "--councils", "all", "--actions", "120", "--months", "24", stdout=out)
        print(f"generate_plans --councils all --actions 120 --months 24: {time.perf_counter() - start:.1f} s")
        print(f"  {out.getvalue().strip()}")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        from actions.models import Action, ProgressUpdate
        from improvement_board.models import User

        print(f"rows: {Action.objects.count()} actions, {ProgressUpdate.objects.count()} progress updates")
        observer = User.objects.get(username="dfe.observer")
        admin = User.objects.get(username="admin")
        if not (admin.is_staff and admin.is_superuser):
            admin.is_staff = admin.is_superuser = True
            admin.save(update_fields=["is_staff", "is_superuser"])
        client, admin_client = Client(), Client()
        client.force_login(observer)
        admin_client.force_login(admin)
        pages = {
            "admin action list (baseline)": (admin_client, "/admin/actions/action/"),
            "overview": (client, "/dashboards/"),
            "overview sorted by overdue, London": (client, "/dashboards/?region=London&sort=-overdue"),
            "overview CSV": (client, "/dashboards/overview.csv"),
            "council dashboard": (client, f"/dashboards/{SUTTON}/"),
            "council dashboard (synthetic plan)": (client, f"/dashboards/{STAFFORDSHIRE}/"),
            "overview, searched by name": (client, "/dashboards/?name=sutton"),
            "overview, last page": (client, "/dashboards/?page=4"),
            "plan (synthetic, 120 actions)": (client, f"/actions/?council={STAFFORDSHIRE}"),
            "indicators (synthetic plan)": (client, f"/actions/indicators/?council={STAFFORDSHIRE}"),
            "councils list": (client, "/councils/"),
            "council inspections page": (client, f"/councils/{SUTTON}/"),
            "API actions": (client, f"/api/v1/councils/{STAFFORDSHIRE}/actions/"),
            "API actions, red and overdue": (client, f"/api/v1/councils/{STAFFORDSHIRE}/actions/?rag=red&overdue=true"),
        }
        results = {name: timed(c, url) for name, (c, url) in pages.items()}
        baseline = statistics.median(results[BASELINE][0])
        baseline_p95 = p(results[BASELINE][0], 95)
        print(f"\n{REQUESTS} requests each, server time in process (ms); ratio = p95 / admin list p95")
        print(f"{'page':40} {'p50':>7} {'p95':>7} {'ratio':>6} {'queries':>8}  target p95 < {TARGET_P95} ms")
        for name, (times, queries) in results.items():
            verdict = "met" if p(times, 95) < TARGET_P95 else "NOT met"
            print(
                f"{name:40} {statistics.median(times):7.1f} {p(times, 95):7.1f} "
                f"{p(times, 95) / baseline_p95:6.2f} {queries:8}  {verdict}"
            )
        ratio = p(results["overview"][0], 95) / baseline_p95
        print(
            f"\noverview p95 / admin list p95 = {ratio:.2f} (target at most 0.50: {'met' if ratio <= 0.5 else 'NOT met'});"
            f" admin list p50 {baseline:.1f} ms"
        )
    finally:
        connection.close()
        settings.DATABASES["default"]["NAME"] = base
        connections["default"].settings_dict["NAME"] = base
        if keep:
            print(f"kept scratch database {scratch}")
        else:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')


if __name__ == "__main__":
    main()
