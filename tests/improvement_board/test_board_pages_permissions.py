"""Who may see the board page, download its reports, generate one now and record a meeting:
every persona, the wrong method, and the right one."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from improvement_board.models import BoardMember, BoardReport
from inspections.models import Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

VIEWERS = ["sutton_chair", "board_member", "sutton_officer", "observer", "administrator"]
OUTSIDERS = ["southwark_officer", "southwark_observer"]
CANNOT_CHANGE = ["board_member", "sutton_officer", "observer"]
CHAIRS = ["sutton_chair", "administrator"]


@pytest.fixture
def board_member(make_user, sutton_board):
    """A partner agency's member of Sutton's board, with an account but no council role."""
    user = make_user("police.member", "observer")
    BoardMember.objects.create(
        board=sutton_board,
        name="Det Supt Member",
        user=user,
        joined=datetime.date(2012, 6, 1),
        organisation=Organisation.objects.create(name="Metropolitan Police", kind="police"),
    )
    return user


@pytest.fixture
def persona(
    request, sutton_board, board_member, sutton_officer, southwark_officer, observer, southwark_observer, administrator
):
    return request.getfixturevalue(request.param)


@pytest.fixture
def ready_report(sutton_board):
    report = BoardReport(
        board=sutton_board,
        period=datetime.date(2012, 10, 1),
        version=1,
        status="ready",
        size=14,
        checksum="x" * 64,
        generated_at=timezone.now(),
    )
    report.file.save("sutton-improvement-board-2012-10-v1.pdf", ContentFile(b"%PDF-1.7 test\n"), save=False)
    report.save()
    return report


def _download(board, report):
    return reverse("board_report_download", kwargs={"slug": board.slug, "pk": report.pk})


@pytest.mark.parametrize("persona", VIEWERS, indirect=True)
def test_the_board_and_its_members_may_download_the_report(client, persona, sutton_board, ready_report):
    client.force_login(persona)
    response = client.get(_download(sutton_board, ready_report))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="sutton-improvement-board-2012-10.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test\n"
    assert client.get(sutton_board.get_absolute_url()).status_code == 200
    status = client.get(reverse("board_report_status", kwargs={"slug": "sutton", "pk": ready_report.pk}))
    assert status.json()["download_url"] == _download(sutton_board, ready_report)


@pytest.mark.parametrize("persona", OUTSIDERS, indirect=True)
def test_other_councils_people_get_not_found(client, persona, sutton_board, ready_report):
    client.force_login(persona)
    assert client.get(_download(sutton_board, ready_report)).status_code == 404
    assert client.get(sutton_board.get_absolute_url()).status_code == 404
    assert client.get(reverse("board_report", kwargs={"slug": "sutton", "pk": ready_report.pk})).status_code == 404
    assert (
        client.post(
            reverse("board_report_generate", kwargs={"slug": "sutton"}), {"period_0": "10", "period_1": "2012"}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("board_meeting_new", kwargs={"slug": "sutton"}), {"date": "2012-10-30"}).status_code == 404
    )


def test_anonymous_visitors_are_sent_to_sign_in(client, sutton_board, ready_report):
    response = client.get(_download(sutton_board, ready_report))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", CANNOT_CHANGE, indirect=True)
def test_members_officers_and_observers_cannot_generate_or_record(client, persona, sutton_board):
    client.force_login(persona)
    assert (
        client.post(
            reverse("board_report_generate", kwargs={"slug": "sutton"}), {"period_0": "10", "period_1": "2012"}
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("board_meeting_new", kwargs={"slug": "sutton"}), {"date": "2012-10-30"}).status_code == 403
    )
    assert client.get(reverse("board_meeting_new", kwargs={"slug": "sutton"})).status_code == 403
    assert not BoardReport.objects.exists()
    assert b"Generate now" not in client.get(sutton_board.get_absolute_url()).content


@pytest.mark.parametrize("persona", CHAIRS, indirect=True)
def test_the_chair_and_an_administrator_generate_now_and_follow_its_progress(
    client, persona, sutton_board, monkeypatch, django_capture_on_commit_callbacks
):
    from improvement_board.reports import services

    monkeypatch.setattr(services, "board_report_pdf", lambda **kw: b"%PDF-1.7 made now")
    client.force_login(persona)
    assert b"Generate now" in client.get(sutton_board.get_absolute_url()).content
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("board_report_generate", kwargs={"slug": "sutton"}), {"period_0": "10", "period_1": "2012"}
        )
    report = BoardReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("board_report", kwargs={"slug": "sutton", "pk": report.pk})
    queued = client.get(response["Location"])
    assert b"Waiting to start" in queued.content and b"Reload this page" in queued.content
    main = queued.content.split(b"</header>")[1].split(b"<footer")[0]
    assert b'<script src="' in main and b"report-status" in main  # live progress, from a static file only
    assert main.count(b"<script") == main.count(b'<script src="')
    assert len(callbacks) == 1
    callbacks[0]()  # the task, as the worker would run it
    ready = client.get(response["Location"])
    assert b"Download the PDF" in ready.content
    page = client.get(sutton_board.get_absolute_url()).content.decode()
    assert "October 2012" in page and "Download PDF" in page


def test_a_future_month_is_refused(client, sutton_chair, sutton_board):
    client.force_login(sutton_chair)
    response = client.post(
        reverse("board_report_generate", kwargs={"slug": "sutton"}), {"period_0": "1", "period_1": "2999"}, follow=True
    )
    assert b"must not be in the future" in response.content
    assert not BoardReport.objects.exists()


def test_the_wrong_methods_are_refused(client, sutton_chair, sutton_board, ready_report):
    client.force_login(sutton_chair)
    assert client.get(reverse("board_report_generate", kwargs={"slug": "sutton"})).status_code == 405
    assert client.post(_download(sutton_board, ready_report)).status_code == 405
    assert client.post(sutton_board.get_absolute_url()).status_code == 405
    assert client.delete(reverse("board_meeting_new", kwargs={"slug": "sutton"})).status_code == 405


def test_an_older_version_downloads_with_its_version_in_the_name(client, sutton_chair, sutton_board, ready_report):
    newer = BoardReport(
        board=sutton_board,
        period=ready_report.period,
        version=2,
        status="ready",
        size=14,
        checksum="y" * 64,
        generated_at=timezone.now(),
    )
    newer.file.save("v2.pdf", ContentFile(b"%PDF-1.7 newer\n"), save=False)
    newer.save()
    client.force_login(sutton_chair)
    old = client.get(_download(sutton_board, ready_report))
    assert old["Content-Disposition"] == 'attachment; filename="sutton-improvement-board-2012-10-v1.pdf"'
    assert client.get(_download(sutton_board, newer))["Content-Disposition"].endswith(
        'filename="sutton-improvement-board-2012-10.pdf"'
    )


def test_a_report_not_ready_cannot_be_downloaded_and_a_failure_is_shown(client, sutton_chair, sutton_board):
    failed = BoardReport.objects.create(
        board=sutton_board,
        period=datetime.date(2012, 9, 1),
        status="failed",
        attempts=6,
        error="OperationalError: could not connect to server",
    )
    client.force_login(sutton_chair)
    assert client.get(_download(sutton_board, failed)).status_code == 404
    page = client.get(reverse("board_report", kwargs={"slug": "sutton", "pk": failed.pk})).content
    assert b"could not be generated" in page and b"could not connect to server" in page
    assert b"could not connect to server" in client.get(sutton_board.get_absolute_url()).content


def test_a_report_of_another_board_is_not_found_under_this_one(
    client, sutton_chair, sutton_board, southwark, ready_report
):
    from improvement_board.models import ImprovementBoard

    ImprovementBoard.objects.create(
        council=southwark, name="Southwark board", slug="southwark", established=datetime.date(2012, 1, 1)
    )
    client.force_login(sutton_chair)
    assert (
        client.get(reverse("board_report_download", kwargs={"slug": "southwark", "pk": ready_report.pk})).status_code
        == 404
    )


def test_a_future_report_month_gets_an_error_summary_not_a_banner(client, sutton_chair, sutton_board):
    client.force_login(sutton_chair)
    response = client.post(
        reverse("board_report_generate", kwargs={"slug": "sutton"}), {"period_0": "1", "period_1": "2999"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_period_0">The month of the report must not be in the future</a>' in page
    assert "govuk-notification-banner" not in page
    assert 'name="period_0"' in page and 'type="month"' not in page
