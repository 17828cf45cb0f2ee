"""Time every page of the dashboards, the plan and the board at the size of England, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ib_mine SECRET_KEY=x .venv/bin/python bench/dashboards.py [--in-place] [--keep] [--requests N]

Without ``--in-place`` it creates a scratch database on the same server (dropped at the end unless
``--keep``); with it, it uses DATABASE_URL's own database, filling it only when it has no plans
yet, so a second run times straight away. Filling is import_national_data, load_demo_data and
generate_plans --councils all --actions 120 --months 24 (153 councils, 18,000 actions).

Each page is asked for 50 times with Django's test Client (in process: server time, with no
network), signed in as the person who uses it, after one warming request. For each page it prints
p50 and p95 of wall time, the mean CPU time of this process per request (Python and templates; the
database's own time is the difference), the ratio of its p95 to the Django admin changelist's p95
on the same data, and its query count. Targets (issue 17): every page's p95 under 100 ms; the
overview's p95 at most half the admin changelist's. The load average is printed before and after,
as figures taken on a busy machine are not reliable.
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

SUTTON, STAFFORDSHIRE = "E09000029", "E10000028"
TARGET_P95 = 100  # ms of server time, every page (issue 17)
BASELINE = "admin changelist (baseline)"
OVERVIEW = "overview"


def _option(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


REQUESTS = _option("--requests", 50)


def timed(client: Client, url: str, n: int = REQUESTS) -> dict:
    assert client.get(url).status_code == 200, url  # warm: connection, caches, templates
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        assert client.get(url).status_code == 200
    wall, cpu = [], []
    for _ in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, url
    return {"wall": wall, "cpu": cpu, "queries": len(queries)}


def p(times: list[float], q: int) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[q - 1]


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def fill() -> None:
    call_command("migrate", verbosity=0)
    from actions.models import ImprovementPlan

    if ImprovementPlan.objects.filter(is_synthetic=True).exists():
        print("data already there: timing straight away")
        return
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


def signed_in(username: str) -> Client:
    """A client signed in as ``username`` with a session that gave its code, as the sign-in
    pages leave it (those who need one get an app made for them here)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from improvement_board.accounts.two_factor import needs_code
    from improvement_board.models import User

    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    if needs_code(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="Bench", confirmed=True
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def pages() -> dict[str, tuple[Client, str]]:
    from django.db.models import Count

    from actions.models import Action, PerformanceIndicator
    from improvement_board.models import User

    admin = User.objects.get(username="admin")
    if not (admin.is_staff and admin.is_superuser):
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    observer, chair, officer = signed_in("dfe.observer"), signed_in("sutton.chair"), signed_in("sutton.officer")
    busiest = (
        Action.objects.filter(plan__council__ons_code=STAFFORDSHIRE, plan__is_active=True)
        .annotate(n=Count("updates"))
        .order_by("-n", "pk")
        .first()
    )
    indicator = PerformanceIndicator.objects.filter(plan__council__ons_code=STAFFORDSHIRE, plan__is_active=True).first()
    return {
        BASELINE: (signed_in("admin"), "/admin/actions/action/"),
        OVERVIEW: (observer, "/dashboards/"),
        "overview, London by overdue": (observer, "/dashboards/?region=London&sort=-overdue"),
        "overview, searched by name": (observer, "/dashboards/?name=sutton"),
        "overview, last page": (observer, "/dashboards/?page=4"),
        "overview CSV": (observer, "/dashboards/overview.csv"),
        "council dashboard (Sutton)": (observer, f"/dashboards/{SUTTON}/"),
        "council dashboard (synthetic)": (observer, f"/dashboards/{STAFFORDSHIRE}/"),
        "plan (synthetic, 120 actions)": (observer, f"/actions/?council={STAFFORDSHIRE}"),
        "plan, searched": (observer, f"/actions/?council={STAFFORDSHIRE}&q=review"),
        "plan (officer, Sutton)": (officer, "/actions/"),
        "indicators (synthetic)": (observer, f"/actions/indicators/?council={STAFFORDSHIRE}"),
        "indicator page (synthetic)": (observer, f"/actions/indicators/{indicator.pk}/"),
        f"action page ({busiest.n} updates)": (observer, f"/actions/{busiest.pk}/"),
        "board page (chair)": (chair, "/boards/sutton/"),
        "councils list": (observer, "/councils/"),
        "council inspections page": (observer, f"/councils/{SUTTON}/"),
        "API actions": (observer, f"/api/v1/councils/{STAFFORDSHIRE}/actions/"),
        "API actions, red and overdue": (observer, f"/api/v1/councils/{STAFFORDSHIRE}/actions/?rag=red&overdue=true"),
    }


def report(results: dict[str, dict]) -> None:
    baseline_p95 = p(results[BASELINE]["wall"], 95)
    print(f"\n{REQUESTS} requests each, server time in process (ms); ratio = p95 / admin changelist p95")
    print(f"{'page':40} {'p50':>7} {'p95':>7} {'cpu':>7} {'ratio':>6} {'queries':>8}  p95 < {TARGET_P95} ms")
    for name, r in results.items():
        p95 = p(r["wall"], 95)
        verdict = "" if name == BASELINE else ("met" if p95 < TARGET_P95 else "NOT met")
        print(
            f"{name:40} {statistics.median(r['wall']):7.1f} {p95:7.1f} {statistics.mean(r['cpu']):7.1f} "
            f"{p95 / baseline_p95:6.2f} {r['queries']:8}  {verdict}"
        )
    ratio = p(results[OVERVIEW]["wall"], 95) / baseline_p95
    missed = [n for n, r in results.items() if n != BASELINE and p(r["wall"], 95) >= TARGET_P95]
    print(f"\noverview p95 / admin changelist p95 = {ratio:.2f} (at most 0.50: {'met' if ratio <= 0.5 else 'NOT met'})")
    print(f"pages with p95 under {TARGET_P95} ms: {len(results) - 1 - len(missed)} of {len(results) - 1}")
    if missed:
        print("  not met: " + "; ".join(missed))


def main() -> None:
    in_place, keep = "--in-place" in sys.argv, "--keep" in sys.argv
    if connection.vendor != "postgresql":
        sys.exit("bench/dashboards.py measures on PostgreSQL: set DATABASE_URL=postgres://...")
    base = connection.settings_dict["NAME"]
    scratch = base if in_place else f"bench_dashboards_{uuid.uuid4().hex[:8]}"
    if not in_place:
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
        fill()
        from actions.models import Action, ProgressUpdate

        print(f"rows: {Action.objects.count()} actions, {ProgressUpdate.objects.count()} progress updates")
        print(f"before timing: {load()}")
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        results = {name: timed(c, url) for name, (c, url) in pages().items()}
        print(
            f"after timing: {load()}; {time.perf_counter() - start_wall:.1f} s wall, "
            f"{time.process_time() - start_cpu:.1f} s CPU in this process"
        )
        report(results)
    finally:
        if not in_place:
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
