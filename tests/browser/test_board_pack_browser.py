"""The demo chair, in a real browser, prepares the pack for the next meeting, writes the key
messages, marks it reviewed, signs it off and sends it to the members. Every page is scanned
with axe-core; the PDF's first page is read back."""

from __future__ import annotations

import datetime
import subprocess

import pytest
from django.core import mail
from django.utils import timezone

pytestmark = [pytest.mark.browser]


@pytest.fixture
def demo_chair(transactional_db, settings, data_sets):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from improvement_board.models import User

    data_sets.load("demo", media_root=settings.MEDIA_ROOT)
    chair = User.objects.get(username="sutton.chair")
    chair.set_password("correct-horse-battery")
    chair.email = "chair@example.org"  # the demo's members have no addresses; the pack goes to the chair too
    chair.save()
    TOTPDevice.objects.get_or_create(user=chair, name="Authenticator app", defaults={"confirmed": True})
    return chair


def _date(page, field, day: datetime.date) -> None:
    page.fill(f"#id_{field}_0", str(day.day))
    page.fill(f"#id_{field}_1", str(day.month))
    page.fill(f"#id_{field}_2", str(day.year))


def _wait_ready(page, url):
    for _ in range(240):
        page.goto(url)
        if "Download the PDF" in page.content():
            return
        page.wait_for_timeout(500)
    raise AssertionError("The pack's PDF was not ready within two minutes")


def test_the_demo_chair_prepares_signs_off_and_sends_the_pack(
    live_server, page, sign_in, axe_check, demo_chair, tmp_path
):
    from improvement_board.models import BoardReport

    # Without a broker the PDF is drawn in the request itself (eager tasks): allow it the time.
    page.set_default_timeout(180_000)
    sign_in("sutton.chair")
    page.goto(f"{live_server.url}/boards/sutton/")
    axe_check("board-with-pack-button")
    page.click("text=Prepare the pack for the next meeting")
    axe_check("pack-new")
    assert page.locator("h1").inner_text() == "Prepare the pack for a meeting"
    meeting = timezone.localdate() + datetime.timedelta(days=2)
    _date(page, "meeting_date", meeting)
    _date(page, "cutoff_day", timezone.localdate() - datetime.timedelta(days=1))
    page.click("button:has-text('Prepare the pack'), input[value='Prepare the pack']")
    page.wait_for_load_state()
    pack = BoardReport.objects.get(meeting_date=meeting)
    pack_url = f"{live_server.url}/boards/sutton/reports/{pack.pk}/"
    _wait_ready(page, pack_url)
    axe_check("pack-drafted")

    page.click("text=Write or change the key messages")
    axe_check("pack-key-messages")
    page.fill("#id_council_commentary", "Caseloads are down for the third month running.")
    page.fill("#id_chair_commentary", "The board should agree the revised dates for recruitment today.")
    page.click("button:has-text('Save the key messages'), input[value='Save the key messages']")
    page.wait_for_load_state()
    _wait_ready(page, pack_url)
    assert "Caseloads are down for the third month running." in page.content()

    page.click("button:has-text('Mark as reviewed')")
    page.wait_for_load_state()
    assert "Reviewed" in page.locator("[data-pack-stage]").inner_text()
    page.click("button:has-text('Sign off the pack')")
    page.wait_for_load_state()
    assert "Signed off by the chair" in page.locator("[data-pack-stage]").inner_text()
    axe_check("pack-signed-off")
    page.click("button:has-text('Send to members')")
    page.wait_for_load_state()
    assert "Sent to members" in page.locator("[data-pack-stage]").inner_text()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    assert "Correct this pack" in page.content() and "Write or change the key messages" not in page.content()
    axe_check("pack-sent")

    pack.refresh_from_db()
    assert pack.stage == "sent" and pack.sent_to >= 1
    assert mail.outbox and pack_url.replace(live_server.url, "") in mail.outbox[-1].body

    path = tmp_path / "pack.pdf"
    path.write_bytes(pack.file.read())
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Caseloads are down for the third month running." in first
    assert "Decisions needed today" in first and "RAG summary" in first
