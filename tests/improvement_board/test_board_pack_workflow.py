"""A meeting's pack from drafted to sent, and a signed-off pack that never changes."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from improvement_board.models import BoardMember, BoardReport
from improvement_board.reports import packs
from improvement_board.reports.services import _claim
from inspections.models import Organisation

pytestmark = pytest.mark.django_db
MEETING = datetime.date(2012, 11, 7)


def _ready(pack):
    """As the generation task leaves it (the PDF itself is tested in test_board_pack_page_one)."""
    pack.file.save(f"pack-{pack.pk}.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    BoardReport.objects.filter(pk=pack.pk).update(
        status="ready", size=13, checksum="x" * 64, file=pack.file.name, generated_at=timezone.now()
    )
    pack.refresh_from_db()
    return pack


@pytest.fixture
def pack(sutton_board, sutton_chair):
    org = Organisation.objects.get_or_create(name="Sutton and Merton PCT")[0]
    BoardMember.objects.create(
        board=sutton_board,
        name="Dr A Member",
        organisation=org,
        email="member@example.org",
        joined=datetime.date(2012, 6, 1),
    )
    return _ready(packs.board_pack_create(board=sutton_board, meeting_date=MEETING, requested_by=sutton_chair))


def test_a_cut_off_after_the_meeting_is_refused(sutton_board, sutton_chair):
    with pytest.raises(ValidationError, match="on or before the day of the meeting"):
        packs.board_pack_create(
            board=sutton_board, meeting_date=MEETING, cutoff_day=MEETING.replace(day=8), requested_by=sutton_chair
        )
    assert not BoardReport.objects.exists()


def test_a_cut_off_that_has_not_passed_is_refused(sutton_board, sutton_chair):
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="must be before today"):
        packs.board_pack_create(
            board=sutton_board,
            meeting_date=today + datetime.timedelta(days=3),
            cutoff_day=today,
            requested_by=sutton_chair,
        )


def test_preparing_again_gives_the_same_draft(pack, sutton_board, sutton_chair):
    again = packs.board_pack_create(board=sutton_board, meeting_date=MEETING, requested_by=sutton_chair)
    assert again.pk == pack.pk and BoardReport.objects.count() == 1


def test_it_goes_drafted_reviewed_signed_off_sent(pack, sutton_chair, django_capture_on_commit_callbacks):
    packs.board_pack_review(pack=pack, by=sutton_chair)
    packs.board_pack_sign_off(pack=pack, by=sutton_chair)
    with pytest.raises(ValidationError):
        packs.board_pack_review(pack=pack, by=sutton_chair)
    with django_capture_on_commit_callbacks(execute=True):
        sent = packs.board_pack_send(pack=pack, by=sutton_chair, base_url="https://board.example")
    pack.refresh_from_db()
    assert (pack.stage, pack.sent_to) == ("sent", sent)
    message = mail.outbox[-1]
    assert "member@example.org" in message.bcc and len(message.bcc) == sent
    assert f"https://board.example/boards/sutton/reports/{pack.pk}/" in message.body
    assert not message.attachments  # the PDF stays behind sign-in


def test_only_the_chair_signs_off(pack, sutton_chair, sutton_officer):
    packs.board_pack_review(pack=pack, by=sutton_chair)
    with pytest.raises(ValidationError, match="Only the board's chair"):
        packs.board_pack_sign_off(pack=pack, by=sutton_officer)


def test_changing_the_key_messages_sends_a_reviewed_pack_back_to_drafted(pack, sutton_chair):
    packs.board_pack_review(pack=pack, by=sutton_chair)
    pack = packs.board_pack_commentary_save(pack=pack, chair_commentary="  New view.  ")
    assert (pack.stage, pack.status, pack.chair_commentary) == ("drafted", "queued", "New view.")


def test_a_signed_off_pack_never_changes(pack, sutton_chair):
    packs.board_pack_review(pack=pack, by=sutton_chair)
    packs.board_pack_sign_off(pack=pack, by=sutton_chair)
    with pytest.raises(ValidationError, match="signed off and cannot change"):
        packs.board_pack_commentary_save(pack=pack, chair_commentary="Changed my mind.")
    with pytest.raises(ValidationError, match="is signed off"):
        packs.board_pack_create(board=pack.board, meeting_date=MEETING, requested_by=sutton_chair)
    BoardReport.objects.filter(pk=pack.pk).update(status="queued")  # even if something put it back in the queue
    assert _claim(pack.pk) is None
    pack.refresh_from_db()
    assert pack.chair_commentary == "" and pack.stage == "signed_off"


def test_a_correction_is_a_new_version_with_the_reason(pack, sutton_chair):
    packs.board_pack_review(pack=pack, by=sutton_chair)
    packs.board_pack_sign_off(pack=pack, by=sutton_chair)
    with pytest.raises(ValidationError, match="Enter why"):
        packs.board_pack_correct(pack=pack, by=sutton_chair, reason="  ")
    correction = packs.board_pack_correct(pack=pack, by=sutton_chair, reason="Indicator 2 was for the wrong month.")
    assert (correction.version, correction.stage, correction.corrects_id) == (2, "drafted", pack.pk)
    pack.refresh_from_db()
    assert pack.stage == "signed_off"


def test_the_chair_prepares_a_pack_on_the_page_with_a_gov_uk_date(client, sutton_chair, sutton_board):
    client.force_login(sutton_chair)
    response = client.post(
        reverse("board_pack_new", kwargs={"slug": "sutton"}),
        {"meeting_date_0": "7", "meeting_date_1": "11", "meeting_date_2": "2012"},
    )
    pack = BoardReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "board_report", kwargs={"slug": "sutton", "pk": pack.pk}
    )
    assert pack.cutoff_day == datetime.date(2012, 10, 31)


def test_a_bad_meeting_date_gives_one_gov_uk_error(client, sutton_chair, sutton_board):
    client.force_login(sutton_chair)
    response = client.post(
        reverse("board_pack_new", kwargs={"slug": "sutton"}),
        {"meeting_date_0": "31", "meeting_date_1": "2", "meeting_date_2": "2012"},
    )
    assert response.status_code == 200
    assert "Date of the meeting must be a real date" in response.content.decode()
    assert not BoardReport.objects.exists()
