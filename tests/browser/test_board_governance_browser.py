"""The demo board's chair, in a real browser, through a meeting cycle: records today's meeting
with its attendance (the quorum checked under the terms of reference), turns a decision into a
tracked action, adds a risk, approves the last meeting's minutes, puts a paper on the next
meeting's agenda, then prepares the pack for that meeting, writes the key messages, signs it off
and sends it. Every page is scanned with axe-core and checked for sideways scrolling at 320 px."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

pytestmark = [pytest.mark.browser]
PAPER = Path(__file__).resolve().parents[2] / "improvement_board" / "demo" / "papers" / "workforce-report.pdf"


@pytest.fixture
def chair(transactional_db, settings, data_sets):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from improvement_board.models import User

    data_sets.load("demo", media_root=settings.MEDIA_ROOT)
    user = User.objects.get(username="sutton.chair")
    user.set_password("correct-horse-battery")
    user.email = "chair@example.org"
    user.save()
    TOTPDevice.objects.get_or_create(user=user, name="Authenticator app", defaults={"confirmed": True})
    return user


@pytest.fixture
def look(page, axe_check):
    """axe-core on the page now open, and no sideways scrolling at 320 px."""

    def check(name: str) -> None:
        axe_check(name)
        size = page.viewport_size
        page.set_viewport_size({"width": 320, "height": 800})
        wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        page.set_viewport_size(size)
        assert wide <= 0, f"{name} scrolls sideways by {wide}px at 320 px"

    return check


def fill_day(page, field: str, day: datetime.date) -> None:
    for part, value in enumerate((day.day, day.month, day.year)):
        page.fill(f"#id_{field}_{part}", str(value))


def press(page, text: str) -> None:
    """Press a form's button and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(f"button:has-text('{text}'), input[value='{text}']")


def follow(page, link: str) -> None:
    """Follow a link and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(f"text={link}")


def pdf_text(data: bytes, folder: Path) -> str:
    path = folder / "pack.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_chair_runs_a_meeting_cycle_and_circulates_the_pack(live_server, page, sign_in, look, chair, tmp_path):
    from improvement_board.models import BoardAction, BoardReport, BoardRisk, Meeting

    page.set_default_timeout(180_000)  # the pack's PDF is drawn in the request (eager tasks)
    today = timezone.localdate()
    board_url = f"{live_server.url}/boards/sutton/"
    sign_in("sutton.chair")
    page.goto(board_url)
    look("board")

    # Today's meeting: five of the ten voting members ticked off, below the quorum of six.
    follow(page, "Record a meeting")
    fill_day(page, "date", today)
    page.fill("#id_decisions", "Epsom and St Helier to report on the referral pathway at the next meeting.")
    absent = ["Councillor Rosemary Thane", "Philip Nwosu", "Sarah Kingsley", "Ian Pritchard", "Andrew Hale"]
    for name in absent:
        page.uncheck(f"label:has-text('{name},')")
    press(page, "Record the meeting")
    warning = page.locator("#quorum-warning").inner_text()
    assert "not quorate: 5 members present or represented" in warning and "need 6" in warning
    assert not Meeting.objects.filter(date=today).exists()
    look("meeting-quorum-warning")
    page.check("label:has-text('Andrew Hale,')")  # he came after all: six, a quorum
    press(page, "Record the meeting")
    meeting = Meeting.objects.get(board__slug="sutton", date=today)
    assert meeting.quorum_note == "" and "recorded" in page.content()
    look("meeting-recorded")

    # The decision becomes a tracked action, owned by the trust's board member.
    follow(page, "Track as an action")
    assert "From decision 1 of the meeting of" in page.content()
    page.select_option("#id_owner_member", label="Philip Nwosu, Epsom and St Helier University Hospitals NHS Trust")
    fill_day(page, "due", today + datetime.timedelta(days=28))
    look("action-new")
    press(page, "Add the action")
    action = BoardAction.objects.get(board__slug="sutton", raised_at=meeting)
    assert action.owner == "Philip Nwosu" and action.decision.number == 1
    look("action")
    follow(page, "Action log")
    assert "Overdue" in page.content()  # the demo's 2014 actions are still open
    look("action-log")

    # A risk.
    follow(page, "Risk register")
    follow(page, "Add a risk")
    page.fill("#id_title", "Winter pressure on placements")
    page.fill("#id_cause", "Few local foster placements; more children coming into care over winter.")
    page.get_by_label("3 – Possible", exact=True).check()
    page.get_by_label("4 – Major", exact=True).check()
    page.fill("#id_owner", "Head of Commissioning and Placements")
    page.fill("#id_mitigations", "Block-booked placements with two independent agencies.")
    fill_day(page, "review_date", today + datetime.timedelta(days=56))
    look("risk-new")
    press(page, "Add the risk")
    assert BoardRisk.objects.get(title="Winter pressure on placements").score == 12
    assert "scoring 12 (High)" in page.content()
    follow(page, "Back to the risk register")
    look("risk-register")

    # Last meeting's minutes, approved at today's.
    last = Meeting.objects.get(board__slug="sutton", date=datetime.date(2014, 2, 27))
    page.goto(f"{board_url}meetings/{last.pk}/")
    follow(page, "Approve the minutes")
    assert "Check the minutes" in page.content()
    look("minutes-approve")
    press(page, "Approve the minutes")
    last.refresh_from_db()
    assert last.minutes_approved_at == meeting and last.minutes_approved_by == chair
    assert "Approved" in page.locator("main").inner_text()

    # The next meeting's agenda, with a paper.
    next_meeting = today + datetime.timedelta(days=28)
    page.goto(f"{board_url}agenda/?date={next_meeting.isoformat()}")
    follow(page, "Add an agenda item")
    page.fill("#id_title", "Workforce report")
    page.fill("#id_presenter", "Strategic Director")
    page.set_input_files("#id_paper", str(PAPER))
    look("agenda-item-new")
    press(page, "Add the item")
    assert "1. Workforce report" in page.content()
    look("agenda")

    # The pack for the next meeting: prepared, key messages, reviewed, signed off, sent.
    page.goto(board_url)
    follow(page, "Prepare the pack for the next meeting")
    fill_day(page, "meeting_date", next_meeting)
    fill_day(page, "cutoff_day", today - datetime.timedelta(days=1))  # a cut-off is a day already over
    press(page, "Prepare the pack")
    pack = BoardReport.objects.get(board__slug="sutton", meeting_date=next_meeting)
    pack_url = f"{board_url}reports/{pack.pk}/"
    for _ in range(240):
        page.goto(pack_url)
        if "Download the PDF" in page.content():
            break
        page.wait_for_timeout(500)
    follow(page, "Write or change the key messages")
    page.fill("#id_council_commentary", "The referral pathway is back on track.")
    page.fill("#id_chair_commentary", "The board should keep the vacancy risk escalated.")
    press(page, "Save the key messages")
    for step, stage in [
        ("Mark as reviewed", "Reviewed"),
        ("Sign off the pack", "Signed off by the chair"),
        ("Send to members", "Sent to members"),
    ]:
        page.goto(pack_url)
        press(page, step)
        assert stage in page.locator("[data-pack-stage]").inner_text()
    look("pack-sent")
    pack.refresh_from_db()
    assert pack.stage == "sent" and mail.outbox
    text = pdf_text(pack.file.read(), tmp_path)
    # The key messages on its first page; the agenda's paper appended after the pack's own pages.
    assert text.index("The referral pathway is back on track.") < text.index("Illustrative demo paper")
    assert any(a.number == action.number for a in BoardAction.objects.filter(board__slug="sutton", status="open"))


def test_the_chair_agrees_new_terms_and_a_member_records_progress_on_their_action(
    live_server, page, sign_in, look, chair
):
    from improvement_board.models import BoardAction, TermsOfReference, User

    board_url = f"{live_server.url}/boards/sutton/"
    sign_in("sutton.chair")
    page.goto(board_url)
    follow(page, "Terms of reference >> nth=0")
    assert "Version 2, in force" in page.content() and "Review overdue" in page.content()
    look("terms")
    follow(page, "Record a new version")
    assert "This will be version 3, starting from version 2" in page.content()
    fill_day(page, "agreed_on", timezone.localdate())
    page.fill("#id_quorum", "seven")
    press(page, "Continue")
    assert "The quorum must be a whole number, like 6" in page.locator(".govuk-error-summary").inner_text()
    look("terms-new-error")
    page.fill("#id_quorum", "7")
    fill_day(page, "review_date", timezone.localdate() + datetime.timedelta(days=365))
    press(page, "Continue")
    assert "Check your answers before saving" in page.content() and "7 members" in page.content()
    look("terms-check")
    press(page, "Save version 3")
    assert "Version 3, in force" in page.content() and "Review overdue" not in page.content()
    assert list(
        TermsOfReference.objects.filter(board__slug="sutton").order_by("version").values_list("version", "quorum")
    ) == [
        (1, 6),
        (2, 6),
        (3, 7),
    ]

    # Diane Carver, a board member, owns action 5: she records its progress, and nothing else.
    member = User.objects.get(username="sutton.member")
    member.set_password("correct-horse-battery")
    member.save()
    sign_in("sutton.member")
    page.goto(f"{board_url}actions/5/")
    assert "Close at a meeting" not in page.content()
    follow(page, "Record progress")
    page.fill("#id_progress", "Assessments of the twelve children placed outside Sutton are booked.")
    look("action-progress")
    press(page, "Save the progress")
    assert BoardAction.objects.get(board__slug="sutton", number=5).progress.startswith("Assessments of the twelve")
    look("action-with-progress")
