"""Uploads are capped per request (413, before the body is read) and per person per hour (429),
as well as per file and per update (tests/actions/test_progress_update.py) (issue 16, item 6)."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actions.models import Evidence, ProgressUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(sutton_plan, make_action, sutton_officer):
    today = timezone.localdate()
    return make_action(
        sutton_plan,
        owner=sutton_officer,
        start_date=today - datetime.timedelta(days=30),
        due_date=today + datetime.timedelta(days=30),
    )


def _pdf(n: int, size: int = 400) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"evidence-{n}.pdf", b"%PDF-1.4\n" + b"0" * size, "application/pdf")


def _post(client, action, files, **extra):
    return client.post(
        reverse("actions:progress", args=[action.pk]),
        {
            "version": action.version,
            "narrative": "Audit complete.",
            "status": "in_progress",
            "rag": "green",
            "files": files,
        },
        **extra,
    )


def test_a_request_bigger_than_the_limit_is_refused_before_it_is_read(client, settings, sutton_officer, action):
    settings.REQUEST_MAX_BYTES = 2_000
    client.force_login(sutton_officer)
    response = _post(client, action, [_pdf(n) for n in range(6)])
    assert response.status_code == 413
    assert b"The files are too big" in response.content
    assert not ProgressUpdate.objects.exists() and not Evidence.objects.exists()
    assert _post(client, action, [_pdf(1)]).status_code == 302


def test_a_declared_length_over_the_limit_is_refused_whatever_the_body(settings, sutton_officer, action):
    settings.REQUEST_MAX_BYTES = 2_000
    client = Client()
    client.force_login(sutton_officer)
    response = client.generic(
        "POST",
        reverse("login"),
        b"x" * 10,
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH="999999999",
    )
    assert response.status_code == 413


def test_each_person_has_an_hourly_upload_allowance(client, settings, sutton_officer, make_user, sutton, action):
    settings.UPLOAD_BYTES_PER_USER_PER_HOUR = 5_000
    client.force_login(sutton_officer)
    statuses = [
        _post(client, action.__class__.objects.get(pk=action.pk), [_pdf(n, 1_500)]).status_code for n in range(4)
    ]
    assert statuses[:2] == [302, 302] and statuses[-1] == 429
    assert ProgressUpdate.objects.count() == statuses.count(302)
    refused = _post(client, action.__class__.objects.get(pk=action.pk), [_pdf(9, 1_500)])
    assert b"Too many uploads" in refused.content
    # A colleague has their own allowance; a form without files is not an upload.
    colleague = Client()
    colleague.force_login(make_user("sutton.colleague", "officer", council=sutton))
    assert _post(colleague, action.__class__.objects.get(pk=action.pk), [_pdf(5, 1_500)]).status_code == 302
    assert (
        client.post(
            reverse("actions:progress", args=[action.pk]),
            {
                "version": action.__class__.objects.get(pk=action.pk).version,
                "narrative": "No files.",
                "status": "in_progress",
                "rag": "green",
            },
        ).status_code
        == 302
    )


def test_the_allowance_is_counted_in_the_shared_cache_by_hour():
    from django.conf import settings

    from improvement_board.ops.security import upload_allowance_take

    limit = settings.UPLOAD_BYTES_PER_USER_PER_HOUR
    assert upload_allowance_take(who="user:1", size=limit, now=3600 * 10)
    assert not upload_allowance_take(who="user:1", size=1, now=3600 * 10 + 10)
    assert upload_allowance_take(who="user:1", size=1, now=3600 * 11)
    assert upload_allowance_take(who="user:2", size=1, now=3600 * 10)
