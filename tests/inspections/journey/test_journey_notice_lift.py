"""Recording that DfE lifted a notice by letter, without a review meeting; saved by
``notice_lift``: the notice ends on the letter's date, and the council's intervention with it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from inspections.intervention import Stage, intervention_stage
from inspections.intervention_services import notice_lift, notice_review_record
from inspections.models import ImprovementNotice

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def url(sutton_notice):
    return f"/councils/E09000029/intervention/notices/{sutton_notice.pk}/lift/"


def test_it_refuses_a_put(signed_in, url):
    assert signed_in("administrator").put(url).status_code == 405


@pytest.mark.parametrize("persona, status", [("observer", 403), ("sutton_chair", 403), ("southwark_officer", 404)])
def test_only_administrators_record_a_lift(signed_in, persona, status, sutton_notice, url, day):
    assert signed_in(persona).post(url, day("lifted_on", D(2014, 2, 3))).status_code == status
    sutton_notice.refresh_from_db()
    assert sutton_notice.status == ImprovementNotice.Status.IN_FORCE


def test_a_notice_asked_for_under_another_council_is_not_found(signed_in, sutton_notice, southwark):
    url = f"/councils/E09000028/intervention/notices/{sutton_notice.pk}/lift/"
    assert signed_in("administrator").get(url).status_code == 404


def test_the_intervention_page_offers_it_to_administrators_only(signed_in, sutton_notice, url):
    assert url in signed_in("sutton_council_admin").get("/councils/E09000029/intervention/").content.decode()
    assert url not in signed_in("observer").get("/councils/E09000029/intervention/").content.decode()


def test_the_lift_is_checked_then_saved_and_the_notice_ends_that_day(
    client, sutton_council_admin, sutton, sutton_notice, url, day, record
):
    client.force_login(sutton_council_admin)
    check, done = record(client, url, day("lifted_on", D(2013, 3, 4)))
    page = check.content.decode()
    assert "Date of the letter lifting it" in page and "4 March 2013" in page
    assert f'href="{url}#id_lifted_on_0"' in page
    assert done.status_code == 302
    assert done.url == f"/councils/E09000029/intervention/#notice-{sutton_notice.pk}"
    sutton_notice.refresh_from_db()
    assert (sutton_notice.status, sutton_notice.status_changed_on) == ("lifted", D(2013, 3, 4))
    assert intervention_stage(sutton, on=D(2013, 3, 3)).stage == Stage.NOTICE
    assert intervention_stage(sutton, on=D(2013, 3, 4)).stage == Stage.ENDED
    page = client.get(done.url).content.decode()
    assert "Recorded that the Improvement Notice of 15 June 2012 was lifted on 4 March 2013." in page
    assert url not in page  # an ended notice offers no more changes


def test_no_date_gets_the_govuk_error_linked_to_the_day_box(client, administrator, url, error_summary):
    client.force_login(administrator)
    response = client.post(url, {})
    assert response.status_code == 400
    assert error_summary(response) == [("id_lifted_on_0", "Enter the date of the letter lifting the notice")]


@pytest.mark.parametrize(
    "lifted_on, message",
    [
        (
            D(2012, 6, 14),
            "The date of the letter lifting the notice must be on or after the notice was issued, 15 June 2012",
        ),
        (D(2099, 1, 1), "The date of the letter lifting the notice must be today or in the past"),
        (D(2012, 12, 1), "The date of the letter must be on or after the review held on 14 December 2012"),
    ],
)
def test_a_date_before_the_notice_in_the_future_or_before_a_review_held_is_refused(
    client, administrator, sutton_notice, url, day, error_summary, lifted_on, message
):
    notice_review_record(notice=sutton_notice, held_on=D(2012, 12, 14), outcome="continue")
    client.force_login(administrator)
    response = client.post(url, day("lifted_on", lifted_on))
    assert response.status_code == 400
    assert error_summary(response) == [("id_lifted_on_0", message)]


def test_a_notice_that_has_ended_cannot_be_lifted_again(client, administrator, sutton_notice, url, day, error_summary):
    notice_lift(notice=sutton_notice, lifted_on=D(2013, 9, 1))
    client.force_login(administrator)
    response = client.post(url, day("lifted_on", D(2014, 2, 3)))
    assert response.status_code == 400
    assert error_summary(response) == [("id_lifted_on_0", "This notice has already ended: lifted")]


def test_the_service_refuses_what_the_form_refuses_and_saves_nothing(sutton_notice):
    notice_review_record(notice=sutton_notice, held_on=D(2012, 12, 14), outcome="continue")
    for lifted_on, message in [
        (D(2012, 6, 1), "A notice cannot be lifted before it was issued."),
        (D(2012, 12, 1), "A review of this notice was held on 14 December 2012, after that date"),
    ]:
        with pytest.raises(ValidationError, match=message):
            notice_lift(notice=sutton_notice, lifted_on=lifted_on)
    sutton_notice.refresh_from_db()
    assert sutton_notice.status == ImprovementNotice.Status.IN_FORCE
    notice_lift(notice=sutton_notice, lifted_on=D(2013, 9, 1))
    with pytest.raises(ValidationError, match=r"already ended \(lifted, 1 September 2013\)"):
        notice_lift(notice=sutton_notice, lifted_on=D(2013, 10, 1))


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_letter_is_checked_then_kept_and_whoever_may_see_the_council_downloads_it(
    client, sutton_council_admin, observer, southwark_officer, sutton_notice, url, day, record
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(sutton_council_admin)
    data = {**day("lifted_on", D(2013, 3, 4)), "letter_file": SimpleUploadedFile("lifting letter.pdf", PDF)}
    check, done = record(client, url, data)
    page = check.content.decode()
    assert "The letter" in page and "lifting letter.pdf" in page and f'href="{url}#id_letter_file"' in page
    assert done.status_code == 302
    sutton_notice.refresh_from_db()
    assert sutton_notice.status == "lifted" and sutton_notice.lift_letter_file.read() == PDF
    download = f"/councils/E09000029/intervention/notices/{sutton_notice.pk}/letter/"
    page = client.get(done.url).content.decode()
    assert f'href="{download}"' in page and "Letter lifting it" in page

    client.force_login(observer)
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="lifting')
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(southwark_officer)
    assert client.get(download).status_code == 404


def test_a_lift_without_a_letter_has_none_to_download(client, observer, sutton_notice):
    notice_lift(notice=sutton_notice, lifted_on=D(2013, 3, 4))
    client.force_login(observer)
    page = client.get("/councils/E09000029/intervention/").content.decode()
    assert "Letter lifting it" not in page
    assert client.get(f"/councils/E09000029/intervention/notices/{sutton_notice.pk}/letter/").status_code == 404


def test_a_file_that_is_not_a_letter_is_refused_and_the_notice_stays_in_force(
    client, administrator, sutton_notice, url, day, error_summary
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(administrator)
    data = {**day("lifted_on", D(2013, 3, 4)), "letter_file": SimpleUploadedFile("letter.pdf", b"MZ\x90\x00 a program")}
    response = client.post(url, data)
    assert response.status_code == 400
    assert error_summary(response) == [("id_letter_file", "letter.pdf must be a PDF or Word document.")]
    sutton_notice.refresh_from_db()
    assert (sutton_notice.status, sutton_notice.lift_letter_file.name) == ("in_force", "")


def test_the_service_refuses_a_file_that_is_not_a_letter_and_saves_nothing(sutton_notice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError, match="must be a PDF or Word document"):
        notice_lift(
            notice=sutton_notice, lifted_on=D(2013, 3, 4), letter_file=SimpleUploadedFile("x.pdf", b"not a pdf")
        )
    sutton_notice.refresh_from_db()
    assert (sutton_notice.status, sutton_notice.lift_letter_file.name) == ("in_force", "")


def test_a_notices_lifting_letter_cannot_be_uploaded_in_the_admin(client, administrator, sutton_notice):
    client.force_login(administrator)
    page = client.get(f"/admin/inspections/improvementnotice/{sutton_notice.pk}/change/").content.decode()
    assert "Lift letter file" in page and 'name="lift_letter_file"' not in page
