"""Ofsted's letters between inspections imported through the command and the upload page: each
becomes an Ofsted activity with its number, the inspection it follows and its findings as written;
a second import of the same letter is refused; a monitoring visit whose inspection is not in the
product is refused, saying which inspection to import first."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from inspections import services
from inspections.models import Inspection, Judgement, OfstedActivity, OfstedFinding, PostInspectionPlan

LETTERS = Path(__file__).resolve().parent / "letters"
MONITORING = LETTERS / "sutton-monitoring-visit-2022-07-12.txt"
FOCUSED = LETTERS / "sutton-focused-visit-2019-08-14.txt"
JTAI = LETTERS / "sutton-jtai-2020-02-10.txt"
D = datetime.date


def run(*args) -> str:
    err = io.StringIO()
    call_command("import_inspection", *[str(a) for a in args], stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def _inspection(council, framework, published, fieldwork, overall):
    inspection = Inspection.objects.create(
        council=council,
        framework=framework,
        title=f"{framework.code} inspection",
        published=published,
        fieldwork_start=fieldwork,
        fieldwork_end=fieldwork + datetime.timedelta(days=11),
    )
    grade = services.grade_lookup(framework, overall)
    Judgement.objects.create(
        inspection=inspection, area="Overall effectiveness", grade_as_written=overall, grade=grade, level=grade.level
    )
    return inspection


@pytest.fixture
def inadequate_2021(frameworks, sutton):
    """The inspection the monitoring letter names ("judged inadequate in September 2021")."""
    return _inspection(sutton, frameworks["ILACS"], D(2021, 11, 1), D(2021, 9, 13), "Inadequate")


@pytest.fixture
def good_2017(frameworks, sutton):
    return _inspection(sutton, frameworks["SIF"], D(2017, 2, 13), D(2016, 11, 28), "Good")


# --- the command ------------------------------------------------------------------------------------


def test_a_monitoring_visit_letter_is_saved_numbered_after_the_inspection_it_names(sutton, inadequate_2021, good_2017):
    message = run(MONITORING)
    visit = OfstedActivity.objects.get()
    assert (visit.kind, visit.number, visit.follows, visit.council) == ("monitoring_visit", 2, inadequate_2021, sutton)
    assert (visit.started, visit.ended, visit.published) == (D(2022, 6, 7), D(2022, 6, 8), D(2022, 7, 12))
    assert (visit.title, visit.lead_inspector) == ("Monitoring visit to Sutton children's services", "Lisa Summers")
    assert [(f.kind, f.heading_as_written, f.text) for f in visit.findings.all()] == [
        (
            "progress",
            "Headline findings",
            "Leaders have made steady progress since the last monitoring visit. Assessments are now timelier, "
            "and most children's plans are reviewed when their circumstances change.",
        ),
        (
            "progress",
            "Headline findings",
            "Progress is slower for disabled children, whose assessments are still too often delayed.",
        ),
        (
            "area_for_improvement",
            "Areas for improvement",
            "The quality of supervision, which does not yet consistently challenge drift in children's plans.",
        ),
        ("area_for_improvement", "Areas for improvement", "The timeliness of assessments for disabled children."),
    ]
    assert "Dear Jo" in visit.letter_text and visit.source_file.name
    assert (
        "imported the Second monitoring visit, Sutton, 7 June 2022, following the ILACS inspection published 1 November 2021: 4 findings"
        in message
    )


def test_the_same_letter_imported_twice_is_refused_and_nothing_more_is_saved(sutton, inadequate_2021):
    run(MONITORING)
    with pytest.raises(CommandError, match="already recorded"):
        run(MONITORING)
    assert OfstedActivity.objects.count() == 1 and OfstedFinding.objects.count() == 4


def test_a_monitoring_visit_whose_inspection_is_not_in_the_product_is_refused_saying_so(sutton, frameworks):
    with pytest.raises(CommandError, match="Import that inspection report first") as refused:
        run(MONITORING)
    assert "judged inadequate in September 2021" in str(refused.value)
    assert not OfstedActivity.objects.exists()


def test_a_focused_visit_letter_keeps_its_priority_action_and_sets_the_action_plan_deadlines(sutton, frameworks):
    run(FOCUSED)
    visit = OfstedActivity.objects.get()
    assert (visit.kind, visit.number, visit.follows, visit.published) == ("focused_visit", None, None, D(2019, 8, 14))
    assert [f.kind for f in visit.findings.all()] == ["priority_action", "area_for_improvement", "area_for_improvement"]
    assert visit.findings.first().text == (
        "The quality and timeliness of assessments for children in need, so that risks are understood and "
        "children receive help quickly."
    )
    assert sorted(PostInspectionPlan.objects.filter(activity=visit).values_list("stage", flat=True)) == [
        "draft",
        "final",
    ]


def test_a_joint_targeted_area_inspection_letter_keeps_its_strengths(sutton, frameworks):
    run(JTAI)
    visit = OfstedActivity.objects.get()
    assert (visit.kind, visit.started, visit.ended) == ("jtai", D(2019, 12, 2), D(2019, 12, 6))
    assert [f.kind for f in visit.findings.all()] == [
        "strength",
        "strength",
        "area_for_improvement",
        "area_for_improvement",
    ]


def test_a_dry_run_of_a_letter_saves_nothing(sutton, inadequate_2021):
    assert "dry run, nothing saved: imported the Second monitoring visit" in run(MONITORING, "--dry-run")
    assert not OfstedActivity.objects.exists()


# --- the upload page --------------------------------------------------------------------------------


def _upload(client, path: Path):
    return client.post(reverse("imports:upload"), {"document": SimpleUploadedFile(path.name, path.read_bytes())})


def test_a_focused_visit_letter_is_reviewed_then_saved_and_a_second_upload_is_refused(
    client, administrator, sutton, frameworks, review_form_data
):
    client.force_login(administrator)
    assert _upload(client, FOCUSED).status_code == 302
    review = client.get(reverse("imports:review"))
    page = review.content.decode()
    assert review.status_code == 200
    assert "Check what was read from the letter" in page and "Focused visit" in page and "3 findings" in page
    assert not OfstedActivity.objects.exists()  # nothing before confirming

    saved = client.post(
        reverse("imports:review"), review_form_data(review, **{"f-2-keep": None})
    )  # the reviewer drops the last finding
    assert saved.status_code == 302 and saved.url == reverse("inspections:ofsted", args=[sutton.ons_code])
    visit = OfstedActivity.objects.get()
    assert [f.kind for f in visit.findings.all()] == ["priority_action", "area_for_improvement"]
    assert "Focused visit" in client.get(saved.url).content.decode()  # listed among the council's Ofsted activity
    assert visit.source_file.name and "This letter summarises" in visit.letter_text

    again = _upload(client, FOCUSED)
    assert again.status_code == 200
    assert "This focused visit is already recorded for Sutton" in again.content.decode()
    assert OfstedActivity.objects.count() == 1


def test_the_review_page_asks_which_inspection_a_monitoring_visit_follows_when_the_letter_does_not_say(
    client, administrator, sutton, inadequate_2021, good_2017, review_form_data
):
    client.force_login(administrator)
    letter = MONITORING.read_text().replace("since the local authority was judged\ninadequate in September 2021", "")
    upload = SimpleUploadedFile("monitoring.txt", letter.encode())
    Judgement.objects.filter(inspection=inadequate_2021).delete()  # nothing to infer it from
    assert client.post(reverse("imports:upload"), {"document": upload}).status_code == 302
    review = client.get(reverse("imports:review"))
    assert review.context["header"]["follows"].value() is None

    refused = client.post(reverse("imports:review"), review_form_data(review))
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "govuk-error-summary" in page and "Choose the inspection this monitoring visit follows" in page
    assert not OfstedActivity.objects.exists()

    saved = client.post(reverse("imports:review"), review_form_data(review, **{"h-follows": str(inadequate_2021.pk)}))
    assert saved.status_code == 302
    assert OfstedActivity.objects.get().follows == inadequate_2021
