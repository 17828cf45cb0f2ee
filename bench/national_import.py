"""Time a full national data import (import_national_data) from an empty database.

Run on PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> SECRET_KEY=x \
    .venv/bin/python bench/national_import.py
The script creates its own scratch database next to the one DATABASE_URL names (same server),
migrates it, times the import, times a second (no-change) import, and drops the scratch database.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "improvement_board.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402


def main() -> None:
    vendor = connection.vendor
    scratch = None
    if vendor == "postgresql":
        scratch = f"bench_national_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{scratch}"')
        connection.close()
        settings.DATABASES["default"]["NAME"] = scratch
        connections["default"].settings_dict["NAME"] = scratch
    else:
        print(f"note: {vendor}, not PostgreSQL; the target is measured on PostgreSQL", file=sys.stderr)
    try:
        call_command("migrate", verbosity=0)
        from inspections.models import Council, Inspection, Judgement, PublishedValue, StatisticalNeighbour

        assert not Council.objects.exists(), "the database is not empty"
        start = time.perf_counter()
        call_command("import_national_data", stdout=StringIO(), stderr=StringIO())
        first = time.perf_counter() - start
        start = time.perf_counter()
        call_command("import_national_data", stdout=StringIO(), stderr=StringIO())
        second = time.perf_counter() - start
        print(f"database: {vendor} ({connection.settings_dict['NAME']}), empty at start")
        print(
            f"rows: {Council.objects.count()} councils, {Inspection.objects.count()} inspections, "
            f"{Judgement.objects.count()} judgements, {PublishedValue.objects.count()} indicator values, "
            f"{StatisticalNeighbour.objects.count()} neighbour links"
        )
        print(f"full import from an empty database: {first:.2f} s (target < 60 s)")
        print(f"second import (nothing to change): {second:.2f} s")
    finally:
        if scratch:
            connection.close()
            settings.DATABASES["default"]["NAME"] = "postgres"
            connections["default"].settings_dict["NAME"] = "postgres"
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')


if __name__ == "__main__":
    main()
