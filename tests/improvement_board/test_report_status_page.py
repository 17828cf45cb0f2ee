"""The report status page: live progress from an external script polling status.json, and a page
that still works without it (reload)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from improvement_board.models import BoardReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(sutton_board):
    return BoardReport.objects.create(board=sutton_board, period=datetime.date(2012, 10, 1))


def _page(client, user, report):
    client.force_login(user)
    return client.get(reverse("board_report", kwargs={"slug": report.board.slug, "pk": report.pk}))


def test_a_report_in_progress_loads_the_status_script_and_names_its_status_url(client, sutton_chair, queued):
    html = _page(client, sutton_chair, queued).content.decode()
    status_url = reverse("board_report_status", kwargs={"slug": "sutton", "pk": queued.pk})
    assert f'data-report-status-url="{status_url}"' in html
    assert 'aria-live="polite"' in html
    assert re.search(r'<script src="[^"]*js/report-status[^"]*\.js" defer></script>', html)
    assert "Reload this page" in html  # without JavaScript


def test_the_page_has_no_inline_script(client, sutton_chair, queued):
    html = _page(client, sutton_chair, queued).content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag, tag


def test_a_ready_report_shows_the_download_without_the_script(client, sutton_chair, queued):
    queued.status, queued.size, queued.checksum, queued.generated_at = "ready", 10, "x" * 64, timezone.now()
    queued.save()
    html = _page(client, sutton_chair, queued).content.decode()
    assert "report-status.js" not in html and "data-report-status-url" not in html
    assert reverse("board_report_download", kwargs={"slug": "sutton", "pk": queued.pk}) in html


def test_status_json_gives_the_download_link_once_ready(client, sutton_chair, queued):
    client.force_login(sutton_chair)
    url = reverse("board_report_status", kwargs={"slug": "sutton", "pk": queued.pk})
    assert client.get(url).json()["download_url"] is None
    queued.status, queued.size, queued.checksum, queued.generated_at = "ready", 10, "x" * 64, timezone.now()
    queued.save()
    data = client.get(url).json()
    assert data["status"] == "ready" and data["download_url"].endswith(f"/reports/{queued.pk}/download/")


def test_the_status_page_shows_no_checksum(client, sutton_chair, sutton_board):
    from improvement_board.models import BoardReport

    report = BoardReport.objects.create(
        board=sutton_board,
        period=datetime.date(2012, 10, 1),
        status="ready",
        size=10,
        checksum="ab" * 32,
        generated_at=timezone.now(),
    )
    client.force_login(sutton_chair)
    page = client.get(reverse("board_report", kwargs={"slug": "sutton", "pk": report.pk})).content.decode()
    assert "SHA-256" not in page and "ab" * 32 not in page
    assert "Download the PDF" in page
