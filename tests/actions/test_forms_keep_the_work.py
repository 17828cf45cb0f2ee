"""Forms keep the work: evidence attached to a progress update that fails validation is kept
(private to its uploader, expiring) and shown as attached; the personal-data warning names what
it found and in which field, with the matched text highlighted."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from actions import held
from actions.models import Evidence, HeldFile

pytestmark = pytest.mark.django_db


def test_evidence_survives_a_failed_validation_and_is_saved_with_the_update(
    client, sutton_officer, sutton_action, upload, post_progress
):
    client.force_login(sutton_officer)
    response = post_progress(client, sutton_action, narrative="", files=[upload("audit.pdf")])
    page = response.content.decode()
    assert "Enter what has happened since the last update" in page
    assert "Evidence files already attached" in page and "Remove audit.pdf" in page
    kept = HeldFile.objects.get()
    assert kept.owner == sutton_officer and kept.expires_at > timezone.now()
    response = post_progress(client, sutton_action, held_evidence=str(kept.token))
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.original_name == "audit.pdf" and evidence.update.action == sutton_action
    assert not HeldFile.objects.exists(), "a saved update leaves nothing held"


def test_a_kept_file_is_only_its_uploaders_and_can_be_removed(
    client, sutton_officer, make_user, sutton, sutton_action, upload, post_progress
):
    client.force_login(sutton_officer)
    post_progress(client, sutton_action, narrative="", files=[upload("audit.pdf")])
    kept = HeldFile.objects.get()
    colleague = make_user("sam.jones", "officer", council=sutton)
    client.force_login(colleague)
    post_progress(client, sutton_action, held_evidence=str(kept.token))
    assert not Evidence.objects.exists(), "another person cannot use someone's held file"
    client.force_login(sutton_officer)
    post_progress(client, sutton_action, narrative="", held_evidence=str(kept.token), remove_evidence=str(kept.token))
    assert not HeldFile.objects.exists()


def test_expired_held_files_are_deleted(sutton_officer, upload):
    kept = held.held_file_create(file=upload("audit.pdf"), owner=sutton_officer, purpose="evidence")
    name = kept.file.name
    assert held.held_files_purge(now=timezone.now() + datetime.timedelta(days=2)) == 1
    assert not HeldFile.objects.exists() and not kept.file.storage.exists(name)


def test_the_warning_names_what_it_found_where_with_the_text_highlighted(
    client, sutton_officer, sutton_action, post_progress
):
    client.force_login(sutton_officer)
    response = post_progress(
        client,
        sutton_action,
        narrative="Visited the family at SM1 1EA today.",
        remedial_action="Chase NHS 943 476 5919",
    )
    page = response.content.decode()
    assert (
        "This looks as if it identifies a child (What has happened since the last update: a full postcode; "
        "Remedial action: an NHS number)"
    ) in page
    assert 'Visited the family at <mark class="app-highlight">SM1 1EA</mark> today.' in page
    assert 'Chase NHS <mark class="app-highlight">943 476 5919</mark>' in page
