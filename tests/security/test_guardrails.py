"""Personal-data guardrails: the detectors (valid and invalid examples), the warning before
saving, an administrator's recorded redaction, and the limits that keep the detectors from
being made to keep a worker busy (issue 16, item 3): every pattern is linear in the text, the
text scanned is capped, and an update's text is capped in length.

Before the patterns were made linear, a 20 KB narrative of a name followed by spaces took 28 s
to check; each check in the limits section is given a second, hundreds of times what a linear
scan needs."""

from __future__ import annotations

import datetime
import time

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from actions import guardrails

# --- The detectors (pure functions) ----------------------------------------------------------


@pytest.mark.parametrize("number", ["943 476 5919", "9434765919", "943-476-5919", "401 023 2137"])
def test_nhs_numbers_that_pass_modulus_11(number):
    assert guardrails.is_nhs_number(number)
    assert guardrails.findings(f"Seen by GP, NHS no {number}, on Tuesday")[0].kind == "nhs_number"


@pytest.mark.parametrize("number", ["943 476 5918", "1234567890", "123456789", "94347659190"])
def test_ten_digits_that_fail_the_check_are_not_nhs_numbers(number):
    assert not guardrails.is_nhs_number(number)
    assert not [f for f in guardrails.findings(f"Reference {number}") if f.kind == "nhs_number"]


def test_a_remainder_of_ten_is_never_a_valid_nhs_number():
    # 1 1 1 1 1 1 1 1 2: 10+9+...+3 = 52, + 2*2 = 56; 56 % 11 = 1; 11 - 1 = 10: no check digit.
    assert guardrails.nhs_check_digit("111111112") is None
    assert not any(guardrails.is_nhs_number(f"111111112{d}") for d in range(10))


def test_nhs_check_digit_eleven_means_zero():
    nine = next(
        f"{n:09d}"
        for n in range(10**8, 10**9)
        if sum(int(d) * w for d, w in zip(f"{n:09d}", range(10, 1, -1))) % 11 == 0
    )
    assert guardrails.nhs_check_digit(nine) == 0 and guardrails.is_nhs_number(nine + "0")


@pytest.mark.parametrize("upn", ["B801200005001", "b801200005001"])
def test_upns_with_the_right_check_letter(upn):
    assert guardrails.is_upn(upn)
    assert guardrails.findings(f"Pupil {upn} moved school")[0].kind == "upn"


@pytest.mark.parametrize("upn", ["A801200005001", "B80120000500", "I801200005001", "B80120000A001"])
def test_not_upns(upn):
    assert not guardrails.is_upn(upn)


def test_a_temporary_upn_ends_with_a_letter():
    body = "80120000500A"
    upn = guardrails.upn_check_letter(body) + body
    assert guardrails.is_upn(upn)
    assert not guardrails.is_upn(("A" if upn[0] != "A" else "B") + body)


@pytest.mark.parametrize(
    "text",
    [
        "Jane Smith (03/04/2009) moved to a new placement",
        "DOB: 12 March 2010",
        "born on 3rd May 2011",
        "Jayden Okafor, 14.02.2011, allocated",
        "date of birth 1/2/09 for Amy Lee",
        "12/03/2010 Tom Brown",
    ],
)
def test_dates_of_birth_next_to_a_name(text):
    assert [f.kind for f in guardrails.findings(text)] == ["date_of_birth"]


@pytest.mark.parametrize(
    "text",
    [
        "Audit completed 3/4/2012 by the team.",
        "Board Meeting 12/03/2013 agreed the plan",
        "Due 31 March 2014; on track",
        "Team Manager, 3 March 2013",
        "In January 2013 the board met",
    ],
)
def test_ordinary_plan_dates_are_not_dates_of_birth(text):
    assert guardrails.findings(text) == []


@pytest.mark.parametrize("text", ["lives at SM1 1EA", "SW1A 1AA", "m1 1ae", "EC1A1BB", "W1A 0AX"])
def test_full_postcodes(text):
    assert [f.kind for f in guardrails.findings(text)] == ["postcode"]


@pytest.mark.parametrize("text", ["the SM1 district", "SM1", "ILACS 2022", "Section 47 enquiries", "Q1 2013"])
def test_not_full_postcodes(text):
    assert guardrails.findings(text) == []


def test_findings_are_masked_when_shown_back():
    finding = guardrails.findings("NHS 943 476 5919")[0]
    assert finding.masked.endswith("19") and "943" not in finding.masked


# --- The warning before saving --------------------------------------------------------------


@pytest.fixture
def sutton_action(sutton_plan, make_action, sutton_officer):
    today = timezone.localdate()
    return make_action(
        sutton_plan,
        owner=sutton_officer,
        start_date=today - datetime.timedelta(days=30),
        due_date=today + datetime.timedelta(days=30),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, text",
    [
        ("narrative", "Case of Jane Smith (03/04/2009) reviewed."),
        ("narrative", "Child NHS 943 476 5919 referred."),
        ("remedial_action", "Visit at SM1 1EA arranged."),
        ("links", "https://intranet.example/B801200005001"),
    ],
)
def test_the_officer_is_warned_and_may_save_anyway(client, sutton_officer, sutton_action, field, text, post_progress):
    from actions.models import ProgressUpdate

    client.force_login(sutton_officer)
    response = post_progress(client, sutton_action, **{field: text})
    assert response.status_code == 200
    assert b"looks as if it identifies a child" in response.content
    assert b'name="confirm_personal_data"' in response.content
    assert not ProgressUpdate.objects.exists()
    saved = post_progress(client, sutton_action, **{field: text, "confirm_personal_data": "on"})
    assert saved.status_code == 302
    assert ProgressUpdate.objects.count() == 1


@pytest.mark.django_db
def test_an_evidence_file_name_is_checked_too(client, sutton_officer, sutton_action, post_progress):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(sutton_officer)
    pdf = SimpleUploadedFile("Jane Smith 03-04-2009 assessment.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    response = post_progress(client, sutton_action, files=[pdf])
    assert b"looks as if it identifies a child" in response.content


@pytest.mark.django_db
def test_plain_text_saves_without_a_warning(client, sutton_officer, sutton_action, post_progress):
    client.force_login(sutton_officer)
    assert post_progress(client, sutton_action, narrative="Audit of 40 plans complete on 3/4/2013.").status_code == 302


# --- Redaction ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_administrator_finds_and_redacts_an_update_and_the_redaction_is_recorded(
    client, administrator, sutton_officer, sutton_action
):
    from actions import services
    from actions.models import ProgressUpdate, Redaction

    bad = services.progress_update_create(
        action=sutton_action,
        author=sutton_officer,
        status="in_progress",
        rag="green",
        narrative="Jane Smith (03/04/2009) placed out of area.",
    )
    services.progress_update_create(
        action=sutton_action, author=sutton_officer, status="in_progress", rag="green", narrative="Audit complete."
    )
    client.force_login(administrator)
    flagged = client.get(reverse("admin:actions_progressupdate_changelist") + "?personal_data=flagged")
    assert list(flagged.context["cl"].result_list) == [bad]

    response = client.post(
        reverse("admin:actions_redaction_add") + f"?update={bad.pk}",
        {
            "update": bad.pk,
            "reason": "Named a child with their date of birth.",
            "narrative": "[Redacted: named a child.]",
            "remedial_action": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    redaction = Redaction.objects.get()
    assert (redaction.update, redaction.redacted_by, redaction.reason) == (
        bad,
        administrator,
        "Named a child with their date of birth.",
    )
    assert redaction.at <= timezone.now()
    # Everywhere the update is read, the redacted text shows; the row itself is unchanged.
    page = client.get(reverse("actions:action", args=[sutton_action.pk]))
    assert b"Jane Smith" not in page.content and b"[Redacted: named a child.]" in page.content
    assert ProgressUpdate.objects.get(pk=bad.pk).narrative == "[Redacted: named a child.]"
    assert ProgressUpdate.objects.filter(pk=bad.pk).values_list("narrative", flat=True)[0].startswith("Jane")
    flagged = client.get(reverse("admin:actions_progressupdate_changelist") + "?personal_data=flagged")
    assert list(flagged.context["cl"].result_list) == []
    # The redaction is kept as made: the database refuses to change it, and the admin to delete it.
    with pytest.raises(DatabaseError), transaction.atomic():
        Redaction.objects.filter(pk=redaction.pk).update(reason="changed")
    assert (
        client.post(reverse("admin:actions_redaction_delete", args=[redaction.pk]), {"post": "yes"}).status_code == 403
    )


# --- Limits: linear patterns, capped scan, capped text (issue 16, item 3) -------------------

SLOW = 1.0  # seconds: far above a linear scan (milliseconds), far below a quadratic one


def _seconds(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


# Each is a start of an identifier followed by a long run of what the patterns' gaps accept.
ADVERSARIAL = {
    "name then spaces": "Jane Smith" + " " * 20_000,
    "name, bracket, spaces": "Jane Smith (" + " " * 20_000,
    "name then tabs and newlines": "Jane Smith" + "\t\n" * 10_000,
    "date then spaces": "12/03/2010" + " " * 20_000,
    "date, comma, spaces": "12/03/2010 ," + " " * 20_000,
    "keyword then spaces": "DOB" + " " * 20_000,
    "name, keyword, spaces": "Jane Smith DOB" + " " * 20_000,
    "many names and spaces": ("Jane Smith " + " " * 40) * 400,
    "a long capitalised word": "J" + "a" * 20_000 + " Smith 12/03/2010",
    "digits": "1" * 20_000,
    "digit groups": "123 456 " * 2_500,
    "postcode-like letters": "SM1 " * 5_000,
}


@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_every_detector_reads_a_hostile_text_in_linear_time(text):
    assert _seconds(guardrails.findings, text) < SLOW


def test_a_text_as_long_as_an_update_may_hold_is_read_to_its_end():
    text = " " * (guardrails.UPDATE_TEXT_MAX_CHARS - 30) + "Jane Smith (03/04/2009)"
    assert [f.kind for f in guardrails.findings(text)] == ["date_of_birth"]


def test_only_the_first_scan_limit_characters_of_a_stored_text_are_read():
    assert guardrails.SCAN_LIMIT >= guardrails.UPDATE_TEXT_MAX_CHARS
    tail = "Child NHS 943 476 5919 referred."
    assert guardrails.findings("x" * (guardrails.SCAN_LIMIT - len(tail)) + tail)
    assert guardrails.findings("x" * guardrails.SCAN_LIMIT + tail) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, label",
    [
        ("narrative", "What has happened since the last update"),
        ("remedial_action", "Remedial action"),
        ("evidence_of_impact", "Evidence of impact"),
        ("links", "Links to evidence"),
    ],
)
def test_an_update_text_over_the_limit_is_refused_quickly_and_nothing_is_saved(
    client, sutton_officer, sutton_action, field, label, post_progress
):
    from actions.models import ProgressUpdate

    client.force_login(sutton_officer)
    hostile = "Jane Smith" + " " * 20_000 + "x"
    start = time.perf_counter()
    # Otherwise invalid too (no status): the text must still not be scanned slowly.
    response = post_progress(client, sutton_action, status="", **{field: hostile})
    assert time.perf_counter() - start < SLOW * 3
    assert response.status_code == 200
    assert f"{label} must be 10,000 characters or fewer".encode() in response.content
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_every_update_text_under_the_limit_is_checked_quickly(client, sutton_officer, sutton_action, post_progress):
    client.force_login(sutton_officer)
    hostile = "Jane Smith" + " " * (guardrails.UPDATE_TEXT_MAX_CHARS - 20)
    start = time.perf_counter()
    response = post_progress(
        client, sutton_action, narrative=hostile + "x", remedial_action=hostile, evidence_of_impact=hostile
    )
    assert time.perf_counter() - start < SLOW * 3
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_service_refuses_a_narrative_over_the_limit(sutton_action, sutton_officer):
    from django.core.exceptions import ValidationError

    from actions import services
    from actions.models import ProgressUpdate

    with pytest.raises(ValidationError) as error:
        services.progress_update_create(
            action=sutton_action,
            author=sutton_officer,
            status="in_progress",
            rag="green",
            narrative="x" * (guardrails.UPDATE_TEXT_MAX_CHARS + 1),
        )
    assert "10,000 characters or fewer" in str(error.value)
    assert not ProgressUpdate.objects.exists()


# --- The administrator's "flagged" filter on stored text -------------------------------------


@pytest.mark.django_db
def test_the_flagged_filter_reads_long_stored_text_quickly_and_still_finds_the_rest(
    client, administrator, sutton_action, sutton_officer
):
    from actions import services
    from actions.models import ProgressUpdate

    # Text stored before the cap (the service refuses it now), written straight to the table.
    for _ in range(3):
        ProgressUpdate.objects.create(
            action=sutton_action,
            author=sutton_officer,
            status="in_progress",
            rag="green",
            narrative="Jane Smith" + " " * 30_000,
            remedial_action="12/03/2010" + " " * 30_000,
        )
    bad = services.progress_update_create(
        action=sutton_action,
        author=sutton_officer,
        status="in_progress",
        rag="green",
        narrative="Child NHS 943 476 5919 referred.",
    )
    client.force_login(administrator)
    start = time.perf_counter()
    response = client.get(reverse("admin:actions_progressupdate_changelist") + "?personal_data=flagged")
    assert time.perf_counter() - start < SLOW * 3
    assert list(response.context["cl"].result_list) == [bad]
