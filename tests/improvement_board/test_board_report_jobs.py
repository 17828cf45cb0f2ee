"""The report jobs, run directly against the database and storage: claim, render, store;
idempotency, versions, failure, retry, the monthly fan-out and the beat schedule."""

import datetime
import hashlib
import io
import zoneinfo

import pypdf
import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import OperationalError

from improvement_board.celery import app
from improvement_board.models import BoardReport, ImprovementBoard
from improvement_board.reports import services, tasks

OCTOBER = datetime.date(2012, 10, 1)  # the month of the known report (conftest.py)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
LONDON = zoneinfo.ZoneInfo("Europe/London")


def _files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def fake_pdf(monkeypatch):
    """Rendering replaced by a tiny PDF, for tests about the job rather than the document."""
    calls = []

    def render(*, board, period, generated_at=None, version=None, pack=None):
        calls.append((board.pk, period, version))
        return b"%PDF-1.7 board " + f"{board.slug} {period:%Y-%m} v{version}".encode()

    monkeypatch.setattr(services, "board_report_pdf", render)
    return calls


@pytest.fixture
def errors_stay_in_the_task(eager_celery):
    """Eager tasks keep their errors (as a worker does) instead of raising them to the caller;
    Celery's eager retries re-raise otherwise."""
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = True


def _request(board, period=OCTOBER, **kwargs):
    return services.board_report_request(board=board, period=period, queue=False, **kwargs)[0]


def test_the_task_stores_a_tagged_pdf_with_its_size_checksum_and_tells_the_members(
    known_report, django_capture_on_commit_callbacks, settings
):
    board = known_report["board"]
    with django_capture_on_commit_callbacks(execute=True):
        report, created = services.board_report_request(board=board, period=OCTOBER, requested_by=board.chair)
    assert created
    report.refresh_from_db()
    assert report.status == BoardReport.Status.READY
    data = report.file.open("rb").read()
    assert report.size == len(data) and report.checksum == hashlib.sha256(data).hexdigest()
    assert report.generated_at and report.attempts == 1 and report.generated_by.startswith("celery")
    assert report.file.name.startswith("board-reports/")
    assert "/StructTreeRoot" in pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].bcc == ["member@example.org"]
    assert "October 2012 report ready" in mail.outbox[0].subject
    assert "/boards/sutton/" in mail.outbox[0].body


def test_a_second_run_of_the_same_task_finds_nothing_to_claim(sutton_board, fake_pdf, settings):
    report = _request(sutton_board)
    assert services.board_report_generate(report_id=report.pk) is not None
    assert services.board_report_generate(report_id=report.pk) is None
    assert len(fake_pdf) == 1
    assert len(_files(settings)) == 1


def test_asking_again_while_one_is_queued_gives_the_same_report(sutton_board, fake_pdf):
    first = _request(sutton_board)
    again, created = services.board_report_request(board=sutton_board, period=OCTOBER, queue=False)
    assert again == first and not created


def test_generating_again_makes_a_new_version_and_keeps_the_old_one(sutton_board, fake_pdf, settings):
    first = _request(sutton_board)
    services.board_report_generate(report_id=first.pk)
    second = _request(sutton_board)
    services.board_report_generate(report_id=second.pk)
    assert (first.version, second.version) == (1, 2)
    assert list(BoardReport.objects.filter(board=sutton_board).values_list("version", "status")) == [
        (2, "ready"),
        (1, "ready"),
    ]
    assert services.current_report(sutton_board, OCTOBER) == second
    assert len(_files(settings)) == 2


def test_a_failed_render_leaves_no_file_and_no_ready_row(sutton_board, monkeypatch, settings):
    def broken(**kwargs):
        raise ValueError("template exploded")

    monkeypatch.setattr(services, "board_report_pdf", broken)
    report = _request(sutton_board)
    with pytest.raises(ValueError):
        tasks.generate_board_report.apply(kwargs={"report_id": report.pk}, throw=True)
    report.refresh_from_db()
    assert report.status == BoardReport.Status.FAILED
    assert report.error == "ValueError: template exploded"
    assert report.attempts == 1  # not transient: no retry
    assert not report.file and _files(settings) == []
    assert not BoardReport.objects.filter(status="ready").exists()


def test_a_failure_after_the_file_was_stored_deletes_the_file(sutton_board, fake_pdf, monkeypatch, settings):
    def no_checksum(data):
        raise RuntimeError("database went away while marking it ready")

    monkeypatch.setattr(services.hashlib, "sha256", no_checksum)
    report = _request(sutton_board)
    with pytest.raises(RuntimeError):
        services.board_report_generate(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == BoardReport.Status.FAILED and not report.file
    assert _files(settings) == []


def test_a_transient_error_is_retried_and_the_retry_succeeds(
    sutton_board, monkeypatch, settings, errors_stay_in_the_task
):
    attempts = []

    def flaky(*, board, period, generated_at=None, version=None, pack=None):
        attempts.append(1)
        if len(attempts) == 1:
            raise OperationalError("could not connect to server")
        return b"%PDF-1.7 second time lucky"

    monkeypatch.setattr(services, "board_report_pdf", flaky)
    report = _request(sutton_board)
    result = tasks.generate_board_report.apply(kwargs={"report_id": report.pk}, throw=False)
    assert result.successful()
    report.refresh_from_db()
    assert report.status == BoardReport.Status.READY
    assert report.attempts == 2
    assert len(_files(settings)) == 1


def test_a_storage_error_that_persists_ends_failed_after_the_last_retry(
    sutton_board, fake_pdf, monkeypatch, settings, errors_stay_in_the_task
):
    def full_disk(name, content, max_length=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(default_storage, "save", full_disk)
    report = _request(sutton_board)
    result = tasks.generate_board_report.apply(kwargs={"report_id": report.pk}, throw=False)
    assert isinstance(result.result, OSError)
    report.refresh_from_db()
    assert report.status == BoardReport.Status.FAILED
    assert report.attempts == tasks.MAX_RETRIES + 1
    assert "No space left on device" in report.error
    assert _files(settings) == []


def test_retries_back_off_exponentially():
    assert [tasks.retry_delay(n) for n in range(6)] == [30, 60, 120, 240, 480, 900]


def test_the_retry_is_scheduled_with_the_backoff_countdown(sutton_board, monkeypatch):
    seen = {}

    def broken(**kwargs):
        raise OperationalError("server closed the connection")

    def fake_retry(*args, **kwargs):
        seen.update(kwargs)
        raise RuntimeError("stop here")

    monkeypatch.setattr(services, "board_report_pdf", broken)
    monkeypatch.setattr(tasks.generate_board_report, "retry", fake_retry)
    report = _request(sutton_board)
    with pytest.raises(RuntimeError):
        tasks.generate_board_report.apply(kwargs={"report_id": report.pk}, throw=True)
    assert seen["countdown"] == 30 and isinstance(seen["exc"], OperationalError)
    report.refresh_from_db()
    assert report.status == BoardReport.Status.QUEUED  # put back for the retry to claim
    assert "trying again in 30 s" in report.error


@time_machine.travel(datetime.datetime(2012, 11, 1, 6, 0, tzinfo=LONDON), tick=False)
def test_the_monthly_run_queues_last_months_report_once_per_active_board(
    sutton_board, southwark, make_user, fake_pdf, django_capture_on_commit_callbacks
):
    other = ImprovementBoard.objects.create(
        council=southwark, name="Southwark board", slug="southwark", established=datetime.date(2012, 1, 1)
    )
    ImprovementBoard.objects.create(
        council=southwark,
        name="Old Southwark board",
        slug="southwark-old",
        established=datetime.date(2009, 1, 1),
        is_active=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        queued = tasks.generate_monthly_reports.apply().get()
    assert len(queued) == 2
    assert sorted((r.board.slug, r.period, r.status) for r in BoardReport.objects.all()) == [
        ("southwark", OCTOBER, "ready"),
        ("sutton", OCTOBER, "ready"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.generate_monthly_reports.apply().get() == []
    assert BoardReport.objects.count() == 2
    assert other.reports.count() == 1


@time_machine.travel(datetime.datetime(2012, 11, 1, 6, 0, tzinfo=LONDON), tick=False)
def test_one_boards_failure_does_not_stop_the_others(
    sutton_board, southwark, monkeypatch, django_capture_on_commit_callbacks, errors_stay_in_the_task
):
    ImprovementBoard.objects.create(
        council=southwark, name="Southwark board", slug="southwark", established=datetime.date(2012, 1, 1)
    )

    def render(*, board, period, generated_at=None, version=None, pack=None):
        if board.slug == "sutton":
            raise ValueError("Sutton's data is broken")
        return b"%PDF-1.7 fine"

    monkeypatch.setattr(services, "board_report_pdf", render)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.generate_monthly_reports.apply()
    status = dict(BoardReport.objects.values_list("board__slug", "status"))
    assert status == {"sutton": "failed", "southwark": "ready"}


def test_the_beat_schedule_runs_the_monthly_reports_on_the_configured_day_at_six_london_time():
    entry = settings.CELERY_BEAT_SCHEDULE["monthly-board-reports"]
    assert entry["task"] == "improvement_board.tasks.generate_monthly_reports"
    assert entry["task"] in app.tasks
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert schedule.day_of_month == {settings.REPORT_DAY_OF_MONTH} == {1}
    assert schedule.hour == {6} and schedule.minute == {0}
    assert app.conf.timezone == "Europe/London"
    assert tasks.generate_board_report.name in app.tasks


@pytest.mark.parametrize("redis_url, eager", [("", "True"), ("redis://127.0.0.1:6379/15", "False")])
def test_without_redis_the_tasks_run_eagerly(redis_url, eager):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"} | {"SECRET_KEY": "x", "REDIS_URL": redis_url}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from improvement_board.celery import app; "
            "print(app.conf.task_always_eager)",
        ],
        env=env | {"DJANGO_SETTINGS_MODULE": "improvement_board.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == eager


def test_the_command_writes_the_same_pdf_synchronously(known_report, tmp_path):
    out = tmp_path / "sutton.pdf"
    call_command("board_report", "--council", "E09000029", "--period", "2012-10", "--output", str(out))
    reader = pypdf.PdfReader(str(out))
    assert reader.metadata.title == "Sutton Safeguarding Improvement Board: monthly report, October 2012"
    assert "Page 1 of" in reader.pages[0].extract_text()


def test_the_command_can_store_a_version(sutton_board, fake_pdf, tmp_path):
    call_command("board_report", "--council", "sutton", "--period", "2012-10", "--store")
    assert BoardReport.objects.get().status == "ready"
