"""Ask, don't guess: a report whose overall judgement cannot be read, or whose grade is not a word
of its framework's scale, is not saved with a guess. The command says what is missing and saves
only with explicit input (--overall, or --force); the review page asks for it with a required
field and a GOV.UK error."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from inspections.import_reading import grade_on_scale
from inspections.models import Inspection, Judgement

HEAD = (
    "Inspection of Sutton local authority children's services\n"
    "Inspection dates: 6 to 10 December 2021\nLead inspector: A Person, HMI\nJudgement Grade\n"
    "The impact of leaders on social work practice with children and families Good\n"
    "The experiences and progress of children who need help and protection Good\n"
)
NO_OVERALL = HEAD + "What needs to improve?\n• Pathway planning for children aged 16 and 17.\n"
OFF_SCALE = (
    HEAD + "The experiences and progress of children in care and care leavers Adequate\nOverall effectiveness Good\n"
)


@pytest.fixture
def report(tmp_path):
    def write(text: str):
        path = tmp_path / "sutton-ilacs.txt"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def run(*args) -> str:
    err = io.StringIO()
    call_command("import_inspection", *[str(a) for a in args], stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_a_grade_is_on_its_scale_only_in_the_scales_own_words():
    assert grade_on_scale("ILACS", "Requires improvement to be good") and grade_on_scale("SLAC", "Grade 4 (Inadequate)")
    assert not grade_on_scale("ILACS", "Adequate")  # a word of the 2009-12 scale, not of ILACS's
    assert not grade_on_scale("SLAC", "Grade 2 (Adequate)")  # on that scale 2 is good: number and word disagree


# --- the command ------------------------------------------------------------------------------------


def test_the_command_refuses_a_report_without_an_overall_judgement_and_says_what_is_missing(sutton, frameworks, report):
    with pytest.raises(CommandError) as refused:
        run(report(NO_OVERALL))
    message = str(refused.value)
    assert "the overall effectiveness judgement could not be read from this ILACS report" in message
    assert "--overall" in message and "--force" in message
    assert not Inspection.objects.exists()


def test_the_command_saves_the_overall_judgement_it_is_given(sutton, frameworks, report):
    run(report(NO_OVERALL), "--overall", "Requires improvement to be good")
    overall = Judgement.objects.get(area="Overall effectiveness")
    assert (overall.grade_as_written, overall.level) == ("Requires improvement to be good", "requires_improvement")
    assert overall.inspection.recommendations.count() == 1


def test_the_command_refuses_an_overall_grade_that_is_not_on_the_scale(sutton, frameworks, report):
    with pytest.raises(CommandError, match="'Grade 9' is not a grade on the ILACS scale"):
        run(report(NO_OVERALL), "--overall", "Grade 9")
    assert not Inspection.objects.exists()


def test_with_force_the_command_saves_without_the_missing_overall_judgement(sutton, frameworks, report):
    run(report(NO_OVERALL), "--force")
    inspection = Inspection.objects.get()
    assert not inspection.judgements.filter(area="Overall effectiveness").exists()
    assert inspection.judgements.count() == 2


def test_the_command_refuses_a_grade_that_is_not_a_word_of_the_scale(sutton, frameworks, report):
    with pytest.raises(CommandError) as refused:
        run(report(OFF_SCALE))
    assert (
        "the grade of The experiences and progress of children in care and care leavers ('Adequate') "
        "is not on the ILACS scale"
    ) in str(refused.value)
    assert not Inspection.objects.exists()


# --- the review page --------------------------------------------------------------------------------


def _upload(client, text: str):
    document = SimpleUploadedFile("sutton-ilacs.txt", text.encode())
    return client.post(reverse("imports:upload"), {"document": document})


def test_the_review_page_asks_for_the_overall_judgement_and_saves_the_one_given(
    client, administrator, sutton, frameworks, review_form_data
):
    client.force_login(administrator)
    assert _upload(client, NO_OVERALL).status_code == 302
    review = client.get(reverse("imports:review"))
    page = review.content.decode()
    assert "The overall effectiveness judgement could not be read from this ILACS report" in page
    assert 'name="h-overall"' in page and 'type="radio"' in page

    refused = client.post(reverse("imports:review"), review_form_data(review))
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "govuk-error-summary" in page and "Choose the overall effectiveness grade the report gives" in page
    assert not Inspection.objects.exists()

    saved = client.post(reverse("imports:review"), review_form_data(review, **{"h-overall": "Inadequate"}))
    assert saved.status_code == 302
    overall = Judgement.objects.get(area="Overall effectiveness")
    assert (overall.grade_as_written, overall.level) == ("Inadequate", "inadequate")


def test_the_review_page_asks_for_a_grade_that_is_not_on_the_scale(
    client, administrator, sutton, frameworks, review_form_data
):
    client.force_login(administrator)
    assert _upload(client, OFF_SCALE).status_code == 302
    review = client.get(reverse("imports:review"))
    assert "is not on the ILACS scale" in review.content.decode()
    asked = next(form for item, form in review.context["judgements"] if item["grade"] == "Adequate")

    refused = client.post(reverse("imports:review"), review_form_data(review))
    assert refused.status_code == 400
    assert "Choose the grade, or untick" in refused.content.decode()
    assert not Inspection.objects.exists()

    chosen = {f"{asked.prefix}-grade": "Requires improvement to be good"}
    assert client.post(reverse("imports:review"), review_form_data(review, **chosen)).status_code == 302
    judgement = Judgement.objects.get(area__startswith="The experiences and progress of children in care")
    assert (judgement.grade_as_written, judgement.level) == ("Requires improvement to be good", "requires_improvement")


def test_with_force_a_grade_that_is_not_a_word_of_the_scale_is_not_saved(sutton, frameworks, report):
    message = run(report(OFF_SCALE), "--force")
    inspection = Inspection.objects.get()
    assert sorted(inspection.judgements.values_list("grade_as_written", flat=True)) == ["Good", "Good", "Good"]
    assert "'Adequate' is not a grade on the ILACS scale" in message
