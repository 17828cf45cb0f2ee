"""Logging progress: narrative, status, RAG within the rules, evidence files checked by their
content, links; bad input changes nothing; a stale edit is refused with what changed."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions import services
from actions.models import Action, Evidence, ProgressUpdate

pytestmark = pytest.mark.django_db


def _unchanged(action):
    fresh = Action.objects.get(pk=action.pk)
    return (
        fresh.version == action.version
        and not ProgressUpdate.objects.exists()
        and not Evidence.objects.exists()
        and fresh.status == action.status
    )


def _stored_files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_the_form_renders_for_the_officer(client, sutton_officer, sutton_action):
    client.force_login(sutton_officer)
    response = client.get(reverse("actions:progress", args=[sutton_action.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "novalidate" in html and 'enctype="multipart/form-data"' in html
    assert f'name="version" value="{sutton_action.version}"' in html


def test_an_officer_logs_progress_with_a_file_and_a_link(
    client, sutton_officer, sutton_action, upload, settings, post_progress
):
    client.force_login(sutton_officer)
    response = post_progress(
        client,
        sutton_action,
        files=[upload("audit.pdf"), upload("chart.png")],
        links="https://intranet.sutton.gov.uk/audit\n",
    )
    assert response.status_code == 302 and response["Location"] == sutton_action.get_absolute_url()
    update = ProgressUpdate.objects.get()
    assert update.narrative == "Audit of 40 plans complete." and update.author == sutton_officer
    kinds = sorted(e.content_type or e.url for e in update.evidence.all())
    assert kinds == ["application/pdf", "https://intranet.sutton.gov.uk/audit", "image/png"]
    action = Action.objects.get(pk=sutton_action.pk)
    assert action.version == sutton_action.version + 1 and action.status == "in_progress"
    assert len(_stored_files(settings)) == 2
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))


def test_office_documents_and_jpegs_are_accepted(client, sutton_officer, sutton_action, upload, post_progress):
    client.force_login(sutton_officer)
    response = post_progress(
        client, sutton_action, files=[upload("plan.docx"), upload("figures.xlsx"), upload("photo.jpg")]
    )
    assert response.status_code == 302
    assert Evidence.objects.count() == 3


def test_it_requires_a_narrative_status_and_rating(client, sutton_officer, sutton_action, post_progress):
    client.force_login(sutton_officer)
    response = post_progress(client, sutton_action, narrative="   ", status="", rag="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter what has happened since the last update" in html
    assert "Select the action&#x27;s status" in html and "Select a RAG rating" in html
    assert _unchanged(sutton_action)


def test_it_refuses_a_pdf_named_file_that_is_not_a_pdf(
    client, sutton_officer, sutton_action, upload, settings, post_progress
):
    client.force_login(sutton_officer)
    response = post_progress(client, sutton_action, files=[upload("audit.pdf", b"MZ\x90\x00 this is an executable")])
    assert "audit.pdf must be a PDF, Word document, Excel spreadsheet, PNG or JPEG" in response.content.decode()
    assert _unchanged(sutton_action) and not _stored_files(settings)


def test_it_refuses_a_real_file_named_as_another_type(client, sutton_officer, sutton_action, upload, post_progress):
    client.force_login(sutton_officer)
    response = post_progress(client, sutton_action, files=[upload("audit.pdf", upload("x.png").read())])
    assert "audit.pdf is named as a PDF but is not one" in response.content.decode()
    assert _unchanged(sutton_action)


def test_it_refuses_a_zip_that_is_not_an_office_document(client, sutton_officer, sutton_action, upload, post_progress):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", "x")
    client.force_login(sutton_officer)
    response = post_progress(client, sutton_action, files=[upload("report.docx", buffer.getvalue())])
    assert "report.docx must be a PDF" in response.content.decode()
    assert _unchanged(sutton_action)


def test_it_refuses_a_file_over_20_mb(client, sutton_officer, sutton_action, settings, post_progress):
    client.force_login(sutton_officer)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * settings.EVIDENCE_MAX_BYTES)
    response = post_progress(client, sutton_action, files=[big])
    assert "big.pdf must be smaller than 20.0" in response.content.decode()
    assert _unchanged(sutton_action)


def test_it_refuses_files_too_big_together_for_one_update(
    client, sutton_officer, sutton_action, upload, settings, post_progress
):
    settings.EVIDENCE_MAX_BYTES_PER_UPDATE = 1000
    client.force_login(sutton_officer)
    files = lambda n: [upload(f"part-{i}.pdf", b"%PDF-1.4\n" + b"0" * 300) for i in range(n)]  # noqa: E731
    response = post_progress(client, sutton_action, files=files(4))
    assert response.status_code == 200
    assert "The files must be smaller than 1000\xa0bytes together" in response.content.decode()
    assert _unchanged(sutton_action) and not _stored_files(settings)
    # Three of them together are within the limit.
    assert post_progress(client, sutton_action, files=files(3)).status_code == 302


def test_the_service_refuses_files_too_big_together_and_stores_none(sutton_officer, sutton_action, upload, settings):
    from django.core.exceptions import ValidationError

    settings.EVIDENCE_MAX_BYTES_PER_UPDATE = 1000
    with pytest.raises(ValidationError, match="smaller than 1000"):
        services.progress_update_create(
            action=sutton_action,
            author=sutton_officer,
            narrative="x",
            status="in_progress",
            rag="green",
            files=[upload(f"part-{n}.pdf", b"%PDF-1.4\n" + b"0" * 300) for n in range(4)],
        )
    assert _unchanged(sutton_action) and not _stored_files(settings)


def test_one_bad_file_among_good_ones_saves_nothing(
    client, sutton_officer, sutton_action, upload, settings, post_progress
):
    client.force_login(sutton_officer)
    response = post_progress(client, sutton_action, files=[upload("good.pdf"), upload("bad.png", b"GIF89a")])
    assert response.status_code == 200
    assert _unchanged(sutton_action) and not _stored_files(settings)


def test_a_failure_after_files_are_stored_leaves_no_file_and_no_row(sutton_officer, sutton_action, upload, settings):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.progress_update_create(
            action=sutton_action,
            author=sutton_officer,
            narrative="x",
            status="in_progress",
            rag="green",
            files=[upload("good.pdf")],
            links=[services.LinkEvidence(title="bad", url="not a url")],
        )
    assert _unchanged(sutton_action) and not _stored_files(settings)


def test_it_refuses_a_link_that_is_not_a_web_address(client, sutton_officer, sutton_action, post_progress):
    client.force_login(sutton_officer)
    response = post_progress(client, sutton_action, links="javascript:alert(1)")
    assert "is not a web address" in response.content.decode()
    assert _unchanged(sutton_action)


def test_an_overdue_action_cannot_be_rated_green_and_the_form_says_why(
    client, sutton_officer, overdue_action, post_progress
):
    client.force_login(sutton_officer)
    page = client.get(reverse("actions:progress", args=[overdue_action.pk])).content.decode()
    assert "cannot be rated Green or Amber until the board agrees a revised due date" in page
    response = post_progress(client, overdue_action, rag="green")
    assert "past its due date with no agreed revised date, so it is Red" in response.content.decode()
    assert _unchanged(overdue_action)
    assert post_progress(client, overdue_action, rag="red").status_code == 302


def test_blue_needs_the_action_to_be_complete(client, sutton_officer, sutton_action, post_progress):
    client.force_login(sutton_officer)
    response = post_progress(client, sutton_action, rag="blue", status="in_progress")
    assert "Blue means complete" in response.content.decode()
    assert _unchanged(sutton_action)


def test_a_stale_edit_is_refused_and_shows_what_changed(
    client, sutton_officer, sutton_action, make_user, sutton, post_progress
):
    colleague = make_user("sutton.colleague", "officer", council=sutton)
    loaded_version = sutton_action.version
    services.progress_update_create(
        action=sutton_action,
        author=colleague,
        narrative="Colleague's news",
        status="in_progress",
        rag="amber",
        expected_version=loaded_version,
    )
    client.force_login(sutton_officer)
    response = post_progress(client, sutton_action, version=loaded_version, narrative="My news")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this action since you opened this page" in html
    assert "Colleague&#x27;s news" in html
    assert "Not started → In progress" in html
    assert "My news" in html  # their text is kept in the form
    assert list(ProgressUpdate.objects.values_list("narrative", flat=True)) == ["Colleague's news"]
    # Having seen the change, the second save goes through.
    fresh = Action.objects.get(pk=sutton_action.pk)
    assert f'name="version" value="{fresh.version}"' in html
    assert post_progress(client, fresh, narrative="My news").status_code == 302
    assert ProgressUpdate.objects.count() == 2


def test_updates_appear_on_the_action_page_with_downloadable_evidence(
    client, sutton_officer, sutton_action, upload, post_progress
):
    client.force_login(sutton_officer)
    post_progress(client, sutton_action, files=[upload("audit.pdf")])
    evidence = Evidence.objects.get()
    html = client.get(sutton_action.get_absolute_url()).content.decode()
    assert "Audit of 40 plans complete." in html
    assert reverse("actions:evidence", args=[evidence.pk]) in html
    download = client.get(reverse("actions:evidence", args=[evidence.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="audit.pdf"')
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_evidence_files_are_never_served_from_a_public_address(
    client, sutton_officer, sutton_action, upload, post_progress
):
    client.force_login(sutton_officer)
    post_progress(client, sutton_action, files=[upload("audit.pdf")])
    name = Evidence.objects.get().file.name
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get(f"/static/{name}").status_code == 404


def test_another_councils_officer_cannot_download_evidence(
    client, sutton_officer, southwark_officer, sutton_action, upload, post_progress
):
    client.force_login(sutton_officer)
    post_progress(client, sutton_action, files=[upload("audit.pdf")])
    client.force_login(southwark_officer)
    assert client.get(reverse("actions:evidence", args=[Evidence.objects.get().pk])).status_code == 404


@pytest.mark.parametrize("persona, status", [("observer", 403), ("sutton_chair", 403), ("southwark_officer", 404)])
def test_only_the_councils_officers_may_log_progress(client, request, sutton_action, persona, status, post_progress):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("actions:progress", args=[sutton_action.pk])).status_code == status
    assert post_progress(client, sutton_action).status_code == status
    assert _unchanged(sutton_action)


def test_it_refuses_other_methods(client, sutton_officer, sutton_action):
    client.force_login(sutton_officer)
    assert client.put(reverse("actions:progress", args=[sutton_action.pk])).status_code == 405


def test_a_complete_evidenced_action_becomes_blue(client, sutton_officer, sutton_action, post_progress):
    client.force_login(sutton_officer)
    post_progress(client, sutton_action, status="complete", rag="blue", evidence_of_impact="Audit shows 95% compliance")
    action = Action.objects.get(pk=sutton_action.pk)
    assert action.rag_on(datetime.date.today()) == "blue"
