"""Getting text out of documents, and cleaning single lines without losing line numbers.

PDFs are read with one extractor, PDFium (``pypdfium2``): on the 126 development reports it
takes about 0.15 s a report where pypdf took over 2 s and pdfplumber longer still, and the
parser reads the same items from its text (the seed golden files differ only in line numbers).
Pages are joined with a newline, so line numbers count from the first line of page 1. The parser never edits ``lines``: every cleaning step works
on a copy of one line, so an item's ``line`` always points at the extracted text.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)

# Bullets seen in extracted text: ASCII dashes, typographic bullets, squares, and the Symbol /
# Wingdings glyphs Word PDFs map into the Unicode private use area (U+F0B7, U+F02D, U+F06E...).
_BULLET_RE = re.compile(
    r"^\s*(?:[-\u2013\u2014\u2022\u25aa\u25fc\u25cf\u25a0\u25a1\u25e6\u2023\u2043\u00b7\u27a2\u2713\u2714\ue000-\uf8ff]|\*(?!\*))\s*"
)
_SUPERSCRIPTS = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
_MARKUP_RE = re.compile(r"</?(?:i|b|em|strong|u|sup|sub)>", re.I)


# A report's streams inflate to a few MB (the largest of the 133 development and seed reports: 2.5 MB);
# a decompression bomb inflates to hundreds of MB from a few hundred KB.
MAX_INFLATED_BYTES = 100 * 1024 * 1024


class PdfLimitError(ValueError):
    """The PDF's compressed streams inflate past the limit: it is refused, never read further
    (no other extractor is tried)."""


_STREAM_RE = re.compile(rb"(?<!end)stream\r?\n")
_FILTER_RE = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")


def inflated_size(data: bytes, limit: int = MAX_INFLATED_BYTES) -> int:
    """Total bytes the PDF's Flate streams inflate to (chained Flate filters followed), counted
    chunk by chunk without keeping the output; raises :class:`PdfLimitError` past ``limit``.

    The check runs before any extractor sees the file, so it caps every extractor alike; the
    import's child process (``inspections.import_sandbox``) adds memory and time limits for
    whatever a PDF does that this scan cannot see (other filters, encrypted streams).
    """
    import zlib

    total = 0
    for m in _STREAM_RE.finditer(data):
        start = m.end()
        dict_start = data.rfind(b"<<", max(0, m.start() - 4096), m.start())
        fm = _FILTER_RE.search(data, dict_start if dict_start >= 0 else m.start(), m.start())
        if not fm:
            continue
        flates = len(re.findall(rb"/FlateDecode|/Fl\b", fm.group(1)))
        if not flates:
            continue
        end = data.find(b"endstream", start)
        raw = data[start : end if end >= 0 else len(data)]
        chain = [zlib.decompressobj() for _ in range(flates)]
        pending = [raw]
        for level, inflater in enumerate(chain):
            produced: list[bytes] = []
            for chunk in pending:
                try:
                    out = inflater.decompress(chunk, 1 << 20)
                    while True:
                        total += len(out)
                        if total > limit:
                            raise PdfLimitError(f"streams inflate to more than {limit // (1024 * 1024)} MB")
                        if level + 1 < len(chain):
                            produced.append(out)
                        if inflater.eof or not inflater.unconsumed_tail:
                            break
                        out = inflater.decompress(inflater.unconsumed_tail, 1 << 20)
                except zlib.error:
                    break
            pending = produced
            if level + 1 < len(chain):
                total -= sum(len(x) for x in produced)  # count each stream's final output once
    return total


def read_document(path, *, max_inflated: int | None = None) -> tuple[str, list[str]]:
    """Return (text, warnings) for a .pdf or text file. Never raises for unreadable files, except
    :class:`PdfLimitError` for a PDF whose streams inflate past ``max_inflated`` bytes
    (default ``MAX_INFLATED_BYTES``)."""
    warnings: list[str] = []
    p = str(path)
    if p.lower().endswith(".pdf"):
        text = ""
        with open(p, "rb") as fh:
            inflated_size(fh.read(), max_inflated or MAX_INFLATED_BYTES)
        try:
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(p)
            try:
                text = "\n".join(_page_text(pdf[i]) for i in range(len(pdf)))
            finally:
                pdf.close()
        except Exception as exc:  # noqa: BLE001 - any reader failure becomes a warning
            warnings.append(f"the PDF could not be read ({exc.__class__.__name__}: {exc})")
        if not text.strip():
            warnings.append("no text could be extracted from the PDF (scanned image?)")
        return text, warnings
    try:
        with open(p, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        return "", [f"could not read {p}: {exc}"]
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(enc), warnings
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace"), warnings  # pragma: no cover - latin-1 always decodes


def pdf_made_on(path) -> date | None:
    """The day the PDF says it was last changed (its ModDate, else CreationDate), or None."""
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            meta = pdf.get_metadata_dict()
        finally:
            pdf.close()
    except Exception:  # noqa: BLE001 - no date is an answer
        return None
    for key in ("ModDate", "CreationDate"):
        m = re.match(r"^(?:D:)?(\d{4})(\d{2})(\d{2})", meta.get(key) or "")
        if m:
            made = _mk(*map(int, m.groups()))
            if made:
                return made
    return None


def _page_text(page) -> str:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
        page.close()
    return text.replace("\r\n", "\n").replace("\x02", "-").replace("\ufffe", "-")


def split_lines(text: str) -> list[str]:
    # Only \n (and \r\n / \r) split lines: str.splitlines would also split on form feeds and
    # unicode separators, which would shift line numbers against what a viewer shows.
    return re.split(r"\r\n|\r|\n", text)


# a line with none of these is plain text: only its spaces need tidying (most lines of a PDF)
_MARKED = re.compile("[\u00a0\u200b\ufeff<*_\u2000-\u200a\u3000" + _SUPERSCRIPTS + "]")


def strip_markup(s: str) -> str:
    """Remove bold/italic markers, HTML tags and superscript footnote digits; tidy spaces (keeps tabs)."""
    if not _MARKED.search(s):
        if "  " in s or "\t" in s:
            s = re.sub(r" *\t *", "\t", re.sub(r" +", " ", s))
        return s.strip()
    s = s.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    s = _MARKUP_RE.sub("", s)
    s = s.replace("**", " ").replace("__", " ")
    s = re.sub(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])", r"\1", s)  # *italic*
    s = s.translate({ord(c): None for c in _SUPERSCRIPTS})
    s = re.sub(r"[ \u2000-\u200a\u3000]+", " ", s)
    s = re.sub(r" *\t *", "\t", s)
    return s.strip()


def clean(s: str) -> str:
    """One line as plain text: markup removed, tabs turned into spaces."""
    return re.sub(r"\s+", " ", strip_markup(s)).strip()


def bullet_of(s: str) -> tuple[bool, str]:
    """(is_bullet, text without the bullet) for a cleaned line."""
    m = _BULLET_RE.match(s)
    if m and not re.match(r"^\s*-?\d", s):
        return True, s[m.end() :].strip()
    return False, s.strip()


def strip_footnote_digits(s: str) -> str:
    """'Board1' -> 'Board', 'area2' -> 'area' (a footnote marker glued to the last word)."""
    return re.sub(r"(?<=[A-Za-z)\]’'])\d{1,2}$", "", s.strip()).strip()


def is_page_number(s: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\s*", s, re.I))


def parse_date(s: str) -> date | None:
    """First full date in s: '29 May 2012', '29th May 2012', '01 November 2006', '27.01.09', '2012-05-29'."""
    if not s:
        return None
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + MONTH_RE + r")\.?,?\s+(\d{4})\b", s, re.I)
    if m:
        return _mk(int(m.group(3)), MONTHS.get(m.group(2).lower()[:3]), int(m.group(1)))
    m = re.search(r"\b(" + MONTH_RE + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", s, re.I)
    if m:
        return _mk(int(m.group(3)), MONTHS.get(m.group(1).lower()[:3]), int(m.group(2)))
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", s)
    if m:
        return _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.search(r"\b(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})\b", s)
    if m:
        year = int(m.group(3))
        year = year + 2000 if year < 100 else year
        return _mk(year, int(m.group(2)), int(m.group(1)))
    return None


def parse_month(s: str) -> date | None:
    """'January 2014' -> date(2014, 1, 1)."""
    m = re.search(r"\b(" + MONTH_RE + r")\s+(\d{4})\b", s or "", re.I)
    if not m:
        return None
    return _mk(int(m.group(2)), MONTHS.get(m.group(1).lower()[:3]), 1)


def all_months(s: str) -> list[tuple[date, str]]:
    out = []
    for m in re.finditer(r"\b(" + MONTH_RE + r")\s+(\d{4})\b", s or "", re.I):
        d = _mk(int(m.group(2)), MONTHS.get(m.group(1).lower()[:3]), 1)
        if d:
            out.append((d, m.group(0)))
    return out


def parse_date_range(s: str) -> tuple[date | None, date | None]:
    """'10 April to 20 April 2012', '26 to 30 September 2022', '14 January 2014 – 5 February 2014'."""
    s = clean(s)
    m = re.search(
        r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+(" + MONTH_RE + r"))?(?:\s+(\d{4}))?\s*(?:to|until|-|–|—|and)\s*"
        r"(\d{1,2})(?:st|nd|rd|th)?\s+(" + MONTH_RE + r")\s+(\d{4})",
        s,
        re.I,
    )
    if not m:
        return None, None
    end = _mk(int(m.group(6)), MONTHS.get(m.group(5).lower()[:3]), int(m.group(4)))
    month = MONTHS.get(m.group(2).lower()[:3]) if m.group(2) else (end.month if end else None)
    year = int(m.group(3)) if m.group(3) else (end.year if end else None)
    start = _mk(year, month, int(m.group(1))) if year and month else None
    if start and end and start > end and not m.group(3):
        start = _mk(year - 1, month, int(m.group(1)))
    return start, end


def _mk(year, month, day) -> date | None:
    try:
        if not month:
            return None
        return date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None
