#!/usr/bin/env python3
"""make prod-smoke: the production stack, for real, on loopback.

Starts gunicorn (2 workers), one Celery worker and exactly one Celery beat with production
settings (DEBUG off, a generated SECRET_KEY, static files collected and served by WhiteNoise)
against a scratch PostgreSQL database it creates (and drops) and a spare Redis database number
(flushed), loads the demo data, and then:

1. smoke: signs in as the officer (CSRF token from the form, a cookie jar), logs progress on an
   action; signs in as the chair; waits for BEAT's schedule (the monthly entry made to fire every
   few seconds by REPORT_SCHEDULE_SECONDS) to have the worker make a monthly report; downloads
   it (%PDF, size); checks /healthz/ (200 for staff with every check ok; 200 with no details for
   the anonymous); checks the request id reached the worker's log lines;
2. PostgreSQL restarted under the running app (pg_ctlcluster restart): the next requests answer
   200 within a time bound and none hangs;
3. backup and restore: `manage.py backup` of the scratch database and media, `manage.py restore`
   into a second, empty scratch database and media directory, which checks every table's count
   and a sample of rows against the manifest.

Everything it started is stopped, and the scratch databases dropped, whatever happens. Prints what
it did and how long each step took; exits non-zero on any failure.

Plain HTTP on loopback, so SECURE_SSL_REDIRECT=0 and SECURE_COOKIES=0 here (production runs
behind TLS with both on). Options: --skip-pg-restart (restarting PostgreSQL interrupts anything
else using it on this machine), --keep (leave the scratch directory for inspection).
Environment: PG_URL_BASE (default postgres://postgres@127.0.0.1:5432), REDIS_BASE (default
redis://127.0.0.1:6379), PROD_SMOKE_REDIS_DB (default 13), PROD_SMOKE_PORT (default: a free port).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from prodsmoke.checks import backup_restore, pg_restart, smoke
from prodsmoke.stack import (
    BIN,
    PG_URL_BASE,
    PORT,
    PYTHON,
    REDIS_BASE,
    REDIS_DB,
    ROOT,
    Stack,
    check,
    psql,
    redis_cli,
    results,
    step,
    wait_for_http,
)


def run(args) -> None:
    tag = secrets.token_hex(4)
    db_name, restore_db = f"ib_smoke_{tag}", f"ib_smoke_restore_{tag}"
    workdir = Path(tempfile.mkdtemp(prefix="prod-smoke-"))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))},
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{PG_URL_BASE}/{db_name}",
        "REDIS_URL": f"{REDIS_BASE}/{REDIS_DB}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback: no redirect to HTTPS and cookies without the Secure flag.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "VAR_DIR": str(workdir / "var"),
        "REPORT_SCHEDULE_SECONDS": "5",
        "OUTBOX_DRAIN_SECONDS": "5",
        "LOG_LEVEL": "INFO",
        "LOG_FORMAT": "json",
        "SENTRY_DSN": "",
        "PYTHONUNBUFFERED": "1",
    }
    stack = Stack(workdir, env)
    print(f"prod-smoke: scratch database {db_name}, Redis db {REDIS_DB}, http://127.0.0.1:{PORT}, files in {workdir}")
    created = []
    try:
        with step("create the scratch database, migrate, collect static files, load the demo data"):
            psql(f'CREATE DATABASE "{db_name}"')
            created.append(db_name)
            redis_cli("FLUSHDB")
            stack.manage("migrate", "--noinput")
            stack.manage("collectstatic", "--noinput", "--verbosity", "0")
            stack.manage("load_demo_data")
            deploy = subprocess.run(
                [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            check(deploy.returncode == 0, f"check --deploy: {deploy.stderr[-2000:]}")

        import socket

        with socket.socket() as sock:
            check(sock.connect_ex(("127.0.0.1", PORT)) != 0, f"port {PORT} is already in use")
        with step("start gunicorn (2 workers), one Celery worker, exactly one beat"):
            stack.start(
                "gunicorn",
                [
                    str(BIN / "gunicorn"),
                    "improvement_board.wsgi",
                    "--bind",
                    f"127.0.0.1:{PORT}",
                    "--workers",
                    "2",
                    "--timeout",
                    "60",
                    "--graceful-timeout",
                    "10",
                ],
            )
            stack.start(
                "worker",
                [
                    str(BIN / "celery"),
                    "-A",
                    "improvement_board",
                    "worker",
                    # Prefork, as docker-compose runs it: the main process answers /healthz/'s
                    # ping while a child renders a report (a solo worker cannot until it is done).
                    "--pool=prefork",
                    "--concurrency=1",
                    "--loglevel=INFO",
                    "--hostname",
                    f"smoke-{tag}@%h",
                    "--without-mingle",
                    "--without-gossip",
                ],
            )
            stack.start(
                "beat",
                [
                    str(BIN / "celery"),
                    "-A",
                    "improvement_board",
                    "beat",
                    "--loglevel=INFO",
                    "--schedule",
                    str(workdir / "celerybeat-schedule"),
                ],
            )
            wait_for_http(stack)

        smoke(stack, workdir)
        if args.skip_pg_restart:
            print("--> PostgreSQL restart: skipped (--skip-pg-restart)")
        else:
            pg_restart(stack)
        stack.alive()
    finally:
        with step("stop the stack"):
            stack.stop()
    try:
        backup_restore(stack, workdir, db_name, restore_db, created)
    finally:
        with step("drop the scratch databases and the Redis db"):
            for name in created:
                psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            redis_cli("FLUSHDB")
            if not args.keep:
                shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-pg-restart", action="store_true")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    failed = None
    try:
        run(args)
    except Exception as exc:  # noqa: BLE001 - reported below
        failed = exc
    print("\nprod-smoke summary:")
    for name, elapsed, status in results:
        print(f"  {'ok  ' if status == 'ok' else 'FAIL'} {elapsed:6.1f} s  {name}")
    print(f"  total {time.monotonic() - started:.1f} s")
    if failed is not None:
        print(f"\nprod-smoke FAILED: {failed}", file=sys.stderr)
        return 1
    print("prod-smoke passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
