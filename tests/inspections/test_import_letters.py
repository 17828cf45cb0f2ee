"""An Ofsted letter (focused visit) uploaded to the inspection import: read, then refused in plain
English, nothing saved (saving letters as Ofsted activities is not wired to this page yet)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.models import Inspection, OfstedActivity

LETTER = (
    b"14 August 2019\nFocused visit to Sutton local authority children's services\n"
    b"This letter summarises the findings of the focused visit to Sutton local authority children's\n"
    b"services on 10 and 11 July 2019.\nAreas for priority action\n- The timeliness of assessments.\n"
    b"Yours sincerely\n"
)


def test_a_focused_visit_letter_is_refused_by_the_inspection_import_saying_what_it_is(
    client, administrator, sutton, frameworks
):
    client.force_login(administrator)
    response = client.post(reverse("imports:upload"), {"document": SimpleUploadedFile("letter.txt", LETTER)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "This is a focused visit letter, not a graded inspection report: it was read (1 findings)" in page
    assert not Inspection.objects.exists() and not OfstedActivity.objects.exists()
