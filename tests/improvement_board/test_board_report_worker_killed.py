"""Fault: a worker killed while it renders a report. After a new worker starts, the report exists
exactly once, ready and complete, and nothing is left behind.

Real processes throughout: a Celery worker (prefork, one child) is started as a subprocess against
the real Redis broker and the same database as the test, takes the task, claims the report and
starts rendering; the test then kills the worker's whole process group with SIGKILL (as the
kernel's OOM killer or a lost machine would). The task is acknowledged late, so its message stays
unacknowledged in Redis; a second worker gets it again once the broker's visibility timeout has
passed, finds the report 'generating' under a claim older than the task's hard time limit (its
run is dead), takes the claim over, renders and stores the report.

To keep the test short the subprocesses run with small limits (hard time limit 15 s, visibility
timeout 17 s) and the first worker's rendering pauses at its start (a marker file says it began),
so that the kill lands while it renders.

Databases: on PostgreSQL (DATABASE_URL, as in CI) the workers use the test database itself. On
SQLite, pytest-django's test database lives in memory where no other process can open it, so the
test copies it to a file (SQLite's backup API) once the report is requested, points the workers at
that file and reads the outcome from it.

Redis: REDIS_URL, else redis://127.0.0.1:6379/14; the test fails (it does not skip) if Redis is
not answering.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pypdf
import pytest
from django.db import connection

from improvement_board.models import BoardReport
from improvement_board.reports import services, tasks

OCTOBER = datetime.date(2012, 10, 1)  # the month of the known report (conftest.py)

pytestmark = [pytest.mark.redis, pytest.mark.long, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
FALLBACK_REDIS = "redis://127.0.0.1:6379/14"
HARD_LIMIT, SOFT_LIMIT, CLAIM_MARGIN = 15, 12, 1  # a claim is stale after 16 s
VISIBILITY_TIMEOUT = 17  # Redis gives an unacknowledged message to another worker after this

WORKER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path

    sys.path.insert(0, os.environ["PROJECT_ROOT"])
    import django

    django.setup()
    from django.conf import settings

    settings.BOARD_REPORT_CLAIM_MARGIN_SECONDS = int(os.environ["CLAIM_MARGIN"])
    from improvement_board.reports import services
    from improvement_board.celery import app

    app.conf.broker_transport_options = {
        "visibility_timeout": int(os.environ["VISIBILITY_TIMEOUT"]),
        "unacked_restore_interval": 1, "unacked_restore_throttle": 1,
    }
    render = services.board_report_pdf

    def observable_render(**kwargs):
        # Rendering has begun: say so, then (for the worker about to be killed) take a while.
        with open(os.environ["RENDER_MARKER"], "a") as marker:
            marker.write(f"{os.environ['WORKER_NAME']} {os.getpid()}\\n")
        time.sleep(float(os.environ["RENDER_PAUSE"]))
        return render(**kwargs)

    services.board_report_pdf = observable_render
    app.worker_main(["worker", "--pool=prefork", "--concurrency=1", "-Q", os.environ["QUEUE"],
                     "-n", os.environ["WORKER_NAME"] + "@%h", "--loglevel=INFO",
                     "--without-gossip", "--without-mingle", "--without-heartbeat"])
""")


@pytest.fixture
def broker(real_broker):
    return real_broker(FALLBACK_REDIS, "test-worker-killed")


class SharedDatabase:
    """The database the workers use, and a way to read the reports from it."""

    def __init__(self, tmp_path: Path):
        self.vendor = connection.vendor
        self.file = tmp_path / "worker-db.sqlite3"
        if self.vendor == "postgresql":
            s = connection.settings_dict
            auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
            self.url = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
        elif self.vendor == "sqlite":
            self.url = f"sqlite:///{self.file}"
        else:
            pytest.fail(f"This test runs on PostgreSQL or SQLite, not {self.vendor}.")

    def publish(self) -> None:
        """Make what the test created visible to the workers (a copy, on SQLite)."""
        if self.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)

    def reports(self, board_id: int) -> list[dict]:
        columns = ["id", "version", "status", "file", "size", "checksum", "attempts", "claimed_by", "generated_by"]
        sql = f"SELECT {', '.join(columns)} FROM improvement_board_boardreport WHERE board_id = %s ORDER BY version"
        if self.vendor == "sqlite":
            with sqlite3.connect(self.file, timeout=20) as db:
                rows = db.execute(sql.replace("%s", "?"), [board_id]).fetchall()
        else:
            with connection.cursor() as cursor:
                cursor.execute(sql, [board_id])
                rows = cursor.fetchall()
        return [dict(zip(columns, row)) for row in rows]


def _start_worker(
    name: str, *, db: SharedDatabase, broker_url: str, queue: str, media: Path, tmp_path: Path, render_pause: float
) -> tuple[subprocess.Popen, Path]:
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    log = tmp_path / f"{name}.log"
    env = {
        **os.environ,
        "PROJECT_ROOT": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "improvement_board.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "test-worker-killed",
        "DEBUG": "",
        "DATABASE_URL": db.url,
        "REDIS_URL": broker_url,
        "MEDIA_ROOT": str(media),
        "VAR_DIR": str(tmp_path / "var"),
        "CELERY_TASK_TIME_LIMIT": str(HARD_LIMIT),
        "CELERY_TASK_SOFT_TIME_LIMIT": str(SOFT_LIMIT),
        "CLAIM_MARGIN": str(CLAIM_MARGIN),
        "VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "RENDER_MARKER": str(tmp_path / "rendering"),
        "RENDER_PAUSE": str(render_pause),
        "WORKER_NAME": name,
        "QUEUE": queue,
    }
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(script)],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return process, log


def _stop(process: subprocess.Popen, sig=signal.SIGTERM, wait: float = 15) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
    except ProcessLookupError:
        pass


def _wait_for(condition, timeout: float, what: str, logs: list[Path]):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    tails = "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}" for log in logs if log.exists())
    pytest.fail(f"Timed out after {timeout:.0f} s waiting for {what}.\n{tails}")


def _files(media: Path) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()) if media.exists() else []


def test_a_report_whose_worker_was_killed_while_rendering_is_made_once_and_complete_by_the_next_worker(
    known_report, broker, tmp_path, settings
):
    started = time.monotonic()
    broker_url, queue = broker
    board = known_report["board"]
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    db = SharedDatabase(tmp_path)
    expected_pages = len(pypdf.PdfReader(io.BytesIO(services.board_report_pdf(board=board, period=OCTOBER))).pages)

    report, created = services.board_report_request(board=board, period=OCTOBER, requested_by=board.chair, queue=False)
    assert created and report.version == 1
    db.publish()
    marker = tmp_path / "rendering"
    first, first_log = _start_worker(
        "first", db=db, broker_url=broker_url, queue=queue, media=media, tmp_path=tmp_path, render_pause=120
    )
    second = None
    try:
        tasks.generate_board_report.apply_async(kwargs={"report_id": report.pk}, queue=queue)

        # The first worker claims the report and starts rendering; then it is killed, all of it.
        _wait_for(
            lambda: marker.exists() and marker.read_text().startswith("first "),
            40,
            "the first worker to start rendering",
            [first_log],
        )
        [row] = db.reports(board.pk)
        assert row["status"] == BoardReport.Status.GENERATING and row["attempts"] == 1
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        [row] = db.reports(board.pk)
        assert row["status"] == BoardReport.Status.GENERATING, "the kill should land while the report renders"
        assert _files(media) == []

        # A new worker: the message comes back from Redis and the stale claim is taken over.
        second, second_log = _start_worker(
            "second", db=db, broker_url=broker_url, queue=queue, media=media, tmp_path=tmp_path, render_pause=0
        )
        done = _wait_for(
            lambda: [
                r for r in db.reports(board.pk) if r["status"] in (BoardReport.Status.READY, BoardReport.Status.FAILED)
            ],
            45,
            "the second worker to finish the report",
            [first_log, second_log],
        )
    finally:
        _stop(first, signal.SIGKILL)
        if second is not None:
            _stop(second)

    rows = db.reports(board.pk)
    assert len(rows) == 1, rows  # exactly once: no second version was made
    [row] = rows
    assert done == rows
    assert row["status"] == BoardReport.Status.READY, second_log.read_text(errors="replace")[-3000:]
    assert row["version"] == 1 and row["id"] == report.pk
    assert row["attempts"] == 2
    assert row["claimed_by"].startswith("celery improvement_board.tasks.generate_board_report ")
    assert " on second@" in row["claimed_by"] and row["generated_by"] == row["claimed_by"]

    # Complete: the one file in storage is the recorded one, its size and checksum match, and it
    # opens with every page.
    assert _files(media) == [row["file"]]
    data = (media / row["file"]).read_bytes()
    assert len(data) == row["size"] and hashlib.sha256(data).hexdigest() == row["checksum"]
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == expected_pages
    assert f"Page {expected_pages} of {expected_pages}" in reader.pages[-1].extract_text()
    assert time.monotonic() - started < 60
