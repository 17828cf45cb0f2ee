"""The import page: upload a document, review what was read beside its source lines, confirm."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.importing import MAX_BYTES
from inspections.models import (
    Council,
    ImprovementNotice,
    Inspection,
    Judgement,
    NoticeMeasure,
    Recommendation,
)

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SLAC = SEEDS / "sutton-slac-inspection-2012.txt"
UPLOAD = reverse("imports:upload")
REVIEW = reverse("imports:review")
CANCEL = reverse("imports:cancel")


def upload_file(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def nothing_saved() -> bool:
    return not (
        Inspection.objects.exists()
        or Judgement.objects.exists()
        or Recommendation.objects.exists()
        or ImprovementNotice.objects.exists()
    )


def pending_files() -> list[str]:
    try:
        return default_storage.listdir("imports/pending")[1]
    except FileNotFoundError:
        return []


def review_post(response, **changes) -> dict:
    """The review form as the page renders it (every field's current value), with ``changes``."""
    data = {}
    for form in [
        response.context["header"],
        *(f for key in ("judgements", "recommendations", "measures") for _, f in response.context[key]),
    ]:
        for field in form:
            value = field.value()
            if field.name.endswith("keep") or field.html_name.endswith("-keep"):
                if value:
                    data[field.html_name] = "on"
                continue
            if isinstance(value, list):  # the date's day, month and year
                for i, part in enumerate(value):
                    data[f"{field.html_name}_{i}"] = part
                continue
            if hasattr(value, "day") and not isinstance(value, str):
                data.update(
                    {
                        f"{field.html_name}_0": value.day,
                        f"{field.html_name}_1": value.month,
                        f"{field.html_name}_2": value.year,
                    }
                )
                continue
            data[field.html_name] = "" if value is None else value
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    data["confirm"] = ""
    return data


@pytest.fixture
def staffordshire(db):
    return Council.objects.create(
        name="Staffordshire County Council",
        short_name="Staffordshire",
        slug="staffordshire",
        kind=Council.Kind.COUNTY,
        ons_code="E10000028",
    )


# --- who may import ------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in(client, db, settings):
    for url in (UPLOAD, REVIEW):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize("persona", ["observer", "southwark_observer", "sutton_chair"])
def test_observers_and_chairs_may_not_import(client, request, persona, frameworks):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(UPLOAD).status_code == 403
    assert client.post(UPLOAD, {"document": upload_file(SLAC)}).status_code == 403
    assert client.post(CANCEL).status_code == 403
    assert nothing_saved()


def test_the_wrong_method_is_refused(client, administrator):
    client.force_login(administrator)
    assert client.put(UPLOAD).status_code == 405
    assert client.get(CANCEL).status_code == 405
    assert client.delete(REVIEW).status_code == 405


def test_an_officer_may_not_import_another_councils_report(client, southwark_officer, sutton, frameworks):
    client.force_login(southwark_officer)
    response = client.post(UPLOAD, {"document": upload_file(SLAC)})
    assert response.status_code == 200
    assert "This report is for Sutton. You can import reports for Southwark only." in response.content.decode()
    assert nothing_saved() and not pending_files()
    # and cannot choose another council: the field is not offered to officers
    assert "council" not in response.context["form"].fields


def test_an_officer_imports_their_own_councils_report(client, sutton_officer, frameworks):
    client.force_login(sutton_officer)
    response = client.post(UPLOAD, {"document": upload_file(SLAC)})
    assert response.status_code == 302 and response.url == REVIEW
    response = client.get(REVIEW)
    assert response.status_code == 200
    assert nothing_saved()
    response = client.post(REVIEW, review_post(response))
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response.url == inspection.get_absolute_url()
    assert inspection.judgements.count() == 22 and inspection.recommendations.count() == 29


# --- upload, review, confirm ---------------------------------------------------------------------


def test_the_review_page_shows_each_item_beside_its_source_line(client, administrator, sutton, frameworks):
    client.force_login(administrator)
    client.post(UPLOAD, {"document": upload_file(SLAC)})
    response = client.get(REVIEW)
    page = response.content.decode()
    assert len(response.context["judgements"]) == 22 and len(response.context["recommendations"]) == 29
    item, form = response.context["judgements"][0]
    line_text = SLAC.read_text(encoding="utf-8").split("\n")[item["line"] - 1].strip()
    assert f"Line {item['line']}" in page
    assert line_text.replace("'", "&#x27;").split("**")[0][:20] in page
    assert form["area"].value() == item["area"]
    assert "novalidate" in page and "Confirm and save" in page and "Cancel import" in page


def test_upload_review_confirm_saves_the_report_and_its_file(client, administrator, sutton, frameworks):
    client.force_login(administrator)
    client.post(UPLOAD, {"document": upload_file(SLAC)})
    assert len(pending_files()) == 1 and nothing_saved()
    response = client.post(REVIEW, review_post(client.get(REVIEW)))
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.source == Inspection.Source.DOCUMENT and inspection.source_name == SLAC.name
    assert inspection.source_file.name.endswith(".txt")
    assert not pending_files()
    assert client.session.get("inspection_import") is None
    follow = client.get(response.url)
    assert "imported Sutton&#x27;s SLAC inspection" in follow.content.decode().replace("Imported", "imported")


def test_corrections_and_removals_are_applied(client, administrator, sutton, frameworks):
    client.force_login(administrator)
    client.post(UPLOAD, {"document": upload_file(SLAC)})
    response = client.get(REVIEW)
    first_judgement = response.context["judgements"][0][1]
    first_rec = response.context["recommendations"][0][1]
    data = review_post(
        response,
        **{
            "h-title": "Sutton SLAC 2012 (corrected)",
            f"{first_judgement.prefix}-grade": "Grade 2 (Good)",
            f"{first_judgement.prefix}-area": "Overall effectiveness (corrected)",
            "j-1-keep": None,  # untick the second judgement
            f"{first_rec.prefix}-text": "A corrected recommendation.",
            f"{first_rec.prefix}-timescale": "within_6_months",
            "r-2-keep": None,
        },
    )
    assert client.post(REVIEW, data).status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.title == "Sutton SLAC 2012 (corrected)"
    assert inspection.judgements.count() == 21 and inspection.recommendations.count() == 28
    corrected = inspection.judgements.get(area="Overall effectiveness (corrected)")
    assert (corrected.grade_as_written, corrected.level, corrected.grade.value) == ("Grade 2 (Good)", "good", 2)
    rec = inspection.recommendations.get(number=1)
    assert (rec.text, rec.timescale, rec.timescale_as_written) == ("A corrected recommendation.", "within_6_months", "")
    assert rec.due_date.isoformat() == "2012-11-29"


def test_a_grade_off_the_scale_is_an_error_and_nothing_is_saved(client, administrator, sutton, frameworks):
    client.force_login(administrator)
    client.post(UPLOAD, {"document": upload_file(SLAC)})
    data = review_post(client.get(REVIEW), **{"j-0-grade": "Splendid", "r-0-text": ""})
    response = client.post(REVIEW, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "is not a grade on the SLAC scale" in page
    assert 'href="#id_j-0-grade"' in page and "Enter the recommendation" in page
    assert nothing_saved() and len(pending_files()) == 1


def test_an_empty_title_or_timescale_says_what_to_enter(client, administrator, sutton, frameworks):
    client.force_login(administrator)
    client.post(UPLOAD, {"document": upload_file(SLAC)})
    data = review_post(client.get(REVIEW), **{"h-title": "", "r-0-timescale": ""})
    response = client.post(REVIEW, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter the document&#x27;s title" in page and "Choose the recommendation&#x27;s timescale" in page
    assert "This field is required" not in page
    assert nothing_saved()


def test_cancel_saves_nothing_and_removes_the_uploaded_file(client, administrator, sutton, frameworks):
    client.force_login(administrator)
    client.post(UPLOAD, {"document": upload_file(SLAC)})
    assert len(pending_files()) == 1
    response = client.post(CANCEL, review_post(client.get(REVIEW)))
    assert response.status_code == 302 and response.url == UPLOAD
    assert nothing_saved() and not pending_files()
    assert client.get(REVIEW).url == UPLOAD  # nothing left to review


def test_a_second_upload_replaces_the_pending_one(client, administrator, sutton, frameworks):
    client.force_login(administrator)
    client.post(UPLOAD, {"document": upload_file(SLAC)})
    client.post(UPLOAD, {"document": upload_file(SEEDS / "sutton-apa-2005.txt")})
    assert len(pending_files()) == 1
    assert client.get(REVIEW).context["extraction"]["framework"] == "APA"


def test_a_report_already_imported_is_refused_at_upload(client, administrator, sutton, frameworks):
    client.force_login(administrator)
    client.post(UPLOAD, {"document": upload_file(SLAC)})
    client.post(REVIEW, review_post(client.get(REVIEW)))
    response = client.post(UPLOAD, {"document": upload_file(SLAC)})
    assert "is already in the product" in response.content.decode()
    assert Inspection.objects.count() == 1


def test_a_notice_is_reviewed_with_its_measures_and_needs_its_issue_date(client, administrator, sutton, frameworks):
    client.force_login(administrator)
    client.post(UPLOAD, {"document": upload_file(SLAC)})
    client.post(REVIEW, review_post(client.get(REVIEW)))
    notice = SEEDS / "sutton-improvement-notice-2012.txt"
    response = client.post(UPLOAD, {"document": upload_file(notice)})
    assert "states no issue date" in response.content.decode()
    response = client.post(
        UPLOAD, {"document": upload_file(notice), "published_0": "15", "published_1": "6", "published_2": "2012"}
    )
    assert response.status_code == 302
    response = client.get(REVIEW)
    assert len(response.context["measures"]) == 12 and "Date issued" in response.content.decode()
    assert client.post(REVIEW, review_post(response, **{"m-0-keep": None})).status_code == 302
    notice_row = ImprovementNotice.objects.get()
    assert notice_row.issued.isoformat() == "2012-06-15"
    assert NoticeMeasure.objects.filter(theme__notice=notice_row).count() == 11


def test_southwark_2009_shows_the_judgements_of_each_part(client, administrator, southwark, frameworks):
    client.force_login(administrator)
    client.post(UPLOAD, {"document": upload_file(SEEDS / "southwark-jar-apa-executive-report-2009.txt")})
    response = client.get(REVIEW)
    assert len(response.context["judgements"]) == 7 + 8 + 7
    assert client.post(REVIEW, review_post(response)).status_code == 302
    assert sorted(Inspection.objects.values_list("framework__code", flat=True)) == ["APA", "JAR", "YOT"]


# --- bad input -------------------------------------------------------------------------------------


def blank_pdf() -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.pdf", b"", "The file is empty: choose the inspection report itself"),
        ("blank.txt", b"   \n\n", "is empty"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "neither a PDF nor a text file"),
        ("scan.pdf", None, "no text layer"),
        (
            "minutes.txt",
            b"Minutes of the meeting\nApologies were received.\n" * 10,
            "does not look like an inspection report",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(
    client, administrator, sutton, frameworks, name, content, message
):
    client.force_login(administrator)
    content = blank_pdf() if content is None else content
    response = client.post(UPLOAD, {"document": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert nothing_saved() and not pending_files() and client.session.get("inspection_import") is None


def test_a_file_over_20_mb_is_refused(client, administrator, frameworks):
    client.force_login(administrator)
    big = SimpleUploadedFile("huge.pdf", b"%PDF-1.4\n" + b"0" * MAX_BYTES)
    response = client.post(UPLOAD, {"document": big})
    assert "the largest file that can be imported is 20 MB" in response.content.decode()
    assert nothing_saved() and not pending_files()


def test_a_report_for_a_council_the_product_does_not_know_is_refused(client, administrator, sutton, frameworks):
    client.force_login(administrator)
    pdf = SEEDS / "reports" / "staffordshire-ilacs-2019-03-11.pdf"
    response = client.post(UPLOAD, {"document": upload_file(pdf)})
    assert "a council the product does not know" in response.content.decode()
    assert nothing_saved() and not pending_files()


def test_an_administrator_can_name_the_council(client, administrator, sutton, staffordshire, frameworks):
    client.force_login(administrator)
    text = SLAC.read_text(encoding="utf-8").replace("Sutton", "Xanadu").encode()
    response = client.post(UPLOAD, {"document": SimpleUploadedFile("report.txt", text)})
    assert "council could not be identified" in response.content.decode()
    response = client.post(UPLOAD, {"document": SimpleUploadedFile("report.txt", text), "council": sutton.pk})
    assert response.status_code == 302
    assert client.get(REVIEW).context["council"] == sutton
