"""The report-ready email links to the report with full addresses built from SITE_URL."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from improvement_board.models import BoardMember, BoardReport
from improvement_board.reports import services
from inspections.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_report(sutton_board):
    BoardMember.objects.create(
        board=sutton_board,
        name="A Member",
        email="member@example.org",
        organisation=Organisation.objects.create(name="Health"),
        joined=datetime.date(2012, 6, 1),
    )
    return BoardReport.objects.create(
        board=sutton_board,
        period=datetime.date(2012, 10, 1),
        status="ready",
        size=10,
        checksum="x" * 64,
        generated_at=timezone.now(),
    )


def test_the_email_gives_full_links_to_the_download_and_the_board_page(ready_report, settings):
    settings.SITE_URL = "https://boards.example.gov.uk/"
    assert services.board_report_notify(report=ready_report) >= 1
    [message] = mail.outbox
    download = f"https://boards.example.gov.uk/boards/sutton/reports/{ready_report.pk}/download/"
    assert download in message.body
    assert "https://boards.example.gov.uk/boards/sutton/\n" in message.body
    html = message.alternatives[0][0]
    assert f'href="{download}"' in html and 'href="https://boards.example.gov.uk/boards/sutton/"' in html
    assert "//boards/" not in message.body
