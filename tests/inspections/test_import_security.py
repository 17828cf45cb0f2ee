"""A PDF decompression bomb in the inspection import (issue 16, item 4): refused before any
extractor inflates it, parsed in a child process with memory and time limits, and the person who
uploaded it gets a plain GOV.UK error with nothing saved."""

from __future__ import annotations

import resource
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.import_errors import DocumentUnreadable
from inspections.import_sandbox import parse_isolated
from inspections.models import Inspection, Judgement, Recommendation
from inspections.parsing.text import PdfLimitError, inflated_size, read_document

MB = 1024 * 1024
SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seeds" / "reports" / "sutton-ilacs-2022-02-01.pdf"


def bomb_pdf(inflated: int, *, nested: bool = False) -> bytes:
    """A one-page PDF of a few hundred KB whose content stream inflates to ``inflated`` bytes
    (compressed a megabyte at a time, so making it takes no memory); ``nested``: two Flate filters."""
    packer = zlib.compressobj(9)
    chunk = b" " * MB
    data = b"".join(packer.compress(chunk) for _ in range(inflated // MB)) + packer.flush()
    filters = b"/FlateDecode"
    if nested:
        data, filters = zlib.compress(data, 9), b"[/FlateDecode /FlateDecode]"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter %s >>\nstream\n%s\nendstream" % (len(data), filters, data),
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("nested", [False, True])
def test_the_inflated_size_of_a_bomb_is_refused_past_the_limit(nested):
    bomb = bomb_pdf(40 * MB, nested=nested)
    assert len(bomb) < 200 * 1024
    with pytest.raises(PdfLimitError):
        inflated_size(bomb, limit=20 * MB)
    assert inflated_size(bomb, limit=60 * MB) >= 40 * MB


def test_a_real_report_inflates_well_under_the_limit():
    assert inflated_size(SEED.read_bytes()) < 5 * MB


def test_reading_a_bomb_raises_before_any_extractor_runs(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(bomb_pdf(150 * MB))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(PdfLimitError):
        read_document(path)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 50  # PDFium alone takes over 300 MB for this file


def test_the_child_process_runs_under_a_memory_limit(tmp_path):
    # the same real report reads in the default limit and is stopped in a 32 MB address space
    assert parse_isolated(SEED, name="report.pdf", councils=[]).framework == "ILACS"
    with pytest.raises(DocumentUnreadable, match="could not be read within the limits"):
        parse_isolated(SEED, name="report.pdf", councils=[], memory_bytes=32 * MB)


def test_a_bomb_the_scan_lets_through_is_stopped_by_the_childs_memory_limit(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(bomb_pdf(600 * MB))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(DocumentUnreadable, match="within the limits"):
        parse_isolated(path, name="bomb.pdf", councils=[], max_inflated=10_000 * MB, memory_bytes=256 * MB)
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 50


def test_an_uploaded_bomb_gets_a_plain_error_and_nothing_is_saved(client, administrator, sutton, frameworks):
    client.force_login(administrator)
    response = client.post(
        reverse("imports:upload"), {"document": SimpleUploadedFile("report.pdf", bomb_pdf(150 * MB))}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "report.pdf was refused: its contents unpack to far more than any inspection report does" in page
    assert not (Inspection.objects.exists() or Judgement.objects.exists() or Recommendation.objects.exists())
    assert client.session.get("inspection_import") is None
