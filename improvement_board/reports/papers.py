"""The meeting's agenda papers, appended to its pack after the appendix, in agenda order.

The pack reserves their pages as it is laid out: one empty placeholder page for each page of each
paper, at the end, the first of each with an anchor the contents links to. So the contents gives
each paper's first page, and every page's "Page n of m" counts the papers' pages, with no second
layout. Then (:func:`append`) the placeholders are removed and the papers' own pages imported in
their place with pypdfium2. A paper that cannot be read as a PDF is listed in the pack, not
appended (uploads are checked as PDFs, so this is a file damaged or replaced since).

The papers keep their own page size and their own (or no) tags: the pack's pages stay tagged.
"""

from __future__ import annotations

import datetime
import io
import logging
from dataclasses import dataclass

import pypdfium2

from ..boards import governance_selectors
from ..boards.governance import AgendaItem
from ..boards.models import ImprovementBoard

logger = logging.getLogger(__name__)


@dataclass
class Paper:
    """An agenda item's paper: its bytes and page count (0 if it could not be read as a PDF)."""

    item: AgendaItem
    data: bytes
    pages: int

    @property
    def anchor(self) -> str:
        return f"paper-{self.item.order}"

    @property
    def title(self) -> str:
        return self.item.paper_title or self.item.paper_name or self.item.title

    @property
    def appended(self) -> bool:
        return self.pages > 0

    @property
    def placeholders(self) -> range:
        """The placeholder pages after the first (the template draws the first with the anchor)."""
        return range(max(self.pages - 1, 0))


def meeting_papers(board: ImprovementBoard, meeting_date: datetime.date | None) -> list[Paper]:
    """The papers of the meeting's agenda items, in agenda order, read and counted."""
    if meeting_date is None:
        return []
    found = []
    for item in governance_selectors.meeting_papers(board, meeting_date):
        try:
            with item.paper.open("rb") as handle:
                data = handle.read()
        except OSError:
            logger.warning("Board pack: paper %s of agenda item %s is missing", item.paper.name, item.pk)
            data = b""
        found.append(Paper(item=item, data=data, pages=_page_count(data)))
    return found


def _page_count(data: bytes) -> int:
    if not data.startswith(b"%PDF"):
        return 0
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return 0
    try:
        return len(document)
    finally:
        document.close()


def append(pdf: bytes, papers: list[Paper]) -> bytes:
    """The pack with its placeholder pages (the last ones) replaced by the papers' pages."""
    appended = [paper for paper in papers if paper.appended]
    if not appended:
        return pdf
    pack = pypdfium2.PdfDocument(pdf)
    try:
        reserved = sum(paper.pages for paper in appended)
        for index in range(len(pack) - 1, len(pack) - 1 - reserved, -1):
            pack.del_page(index)
        for paper in appended:
            source = pypdfium2.PdfDocument(paper.data)
            try:
                pack.import_pages(source)
            finally:
                source.close()
        out = io.BytesIO()
        pack.save(out)
        return out.getvalue()
    finally:
        pack.close()
