"""Reading a document for import: refuse what cannot be an inspection document (empty, too large,
binary, a scan with no text), parse it with a council lookup over every council in the
database, and name the council it is about."""

from __future__ import annotations

import datetime
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import grading
from .import_errors import CouncilUnknown, DocumentUnreadable, NotAnInspection
from .import_sandbox import parse_isolated
from .models import Council
from .parsing import ParseResult
from .parsing.councils import lookup_from_names
from .parsing.document import OVERALL

MAX_BYTES = 20 * 1024 * 1024
MAX_SIZE_LABEL = "20 MB"


def council_names_from_db() -> list[tuple[str, list[str]]]:
    """(ONS code, [name, short name, the names the national releases use]) for every council."""
    return [
        (c.ons_code, [n for n in (c.name, c.short_name, c.national_name, c.dfe_name) if n])
        for c in Council.objects.all()
    ]


def council_lookup_from_db():
    """A ``name -> ONS code`` lookup over every council in the database: its name, short name,
    and the names the national releases use, compared without "London Borough of", "Council"..."""
    return lookup_from_names(council_names_from_db())


def document_check(*, name: str, size: int, head: bytes) -> str:
    """'pdf' or 'text' for a file that may be an inspection document; raises DocumentUnreadable.
    ``head`` is the start of the file (a few KB)."""
    if size == 0 or not head.strip():
        raise DocumentUnreadable(f"{name} is empty: choose the inspection report itself (a PDF or text file).")
    if size > MAX_BYTES:
        raise DocumentUnreadable(
            f"{name} is {size / 1024 / 1024:.1f} MB; the largest file that can be imported is {MAX_SIZE_LABEL}. "
            "Ofsted's reports are well under that: check that this is the report."
        )
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if name.lower().endswith(".pdf"):
        raise DocumentUnreadable(f"{name} is not a valid PDF: its content does not start as a PDF does.")
    if b"\x00" in head or _looks_like_image(head):
        raise DocumentUnreadable(
            f"{name} is neither a PDF nor a text file (it looks like a binary or image file). "
            "Choose the report as a PDF or as text."
        )
    return "text"


def _looks_like_image(head: bytes) -> bool:
    return head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM"))


def document_read(
    *,
    path: Path | str,
    name: str | None = None,
    council_hint: str | None = None,
    framework_hint: str | None = None,
    published_hint: datetime.date | None = None,
) -> ParseResult:
    """Check and parse the file at ``path`` (``name``: what the person called it, used in messages
    and for the date some file names carry). The parse runs in a child process with memory and
    time limits (:mod:`inspections.import_sandbox`). Raises DocumentUnreadable; never validates
    the framework or council (see :func:`result_check`)."""
    path = Path(path)
    name = name or path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        raise DocumentUnreadable(f"{name} could not be read: {exc.strerror or exc}.") from exc
    kind = document_check(name=name, size=size, head=head)
    wanted_suffix = ".pdf" if kind == "pdf" else ".txt"
    with tempfile.TemporaryDirectory(prefix="import-") as tmp:
        source = path
        if path.suffix.lower() != wanted_suffix or Path(name).name != path.name:
            # the parser reads by suffix and takes a date hint from the name: give it both
            safe = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).stem)[:100] or "document"
            source = Path(tmp) / f"{safe}{wanted_suffix}"
            shutil.copyfile(path, source)
        result = parse_isolated(
            source,
            name=name,
            councils=council_names_from_db(),
            council_hint=council_hint,
            framework_hint=framework_hint,
            published_hint=published_hint,
        )
    result.source = name
    if not any(line.strip() for line in result.lines):
        if kind == "pdf":
            raise DocumentUnreadable(
                f"{name} has no text layer: it is probably a scanned image, which cannot be read. "
                "Use the PDF published by Ofsted (or the DfE), or a text version of the report."
            )
        raise DocumentUnreadable(f"{name} contains no text.")
    return result


def result_check(result: ParseResult, *, council: Council | None = None) -> Council:
    """The council the document is about; raises NotAnInspection or CouncilUnknown."""
    if result.framework is None and not result.activity_kind:
        raise NotAnInspection(
            "This does not look like an inspection report: no inspection framework's title was found "
            "(APA, JAR, safeguarding and looked after children, child protection, looked after children, "
            "SIF, ILACS or an improvement notice)."
        )
    if council is not None:
        return council
    if not result.council:
        found = f" (it names {result.council_name!r})" if result.council_name else ""
        raise CouncilUnknown(f"The report's council could not be identified{found}. Choose the council and try again.")
    council = Council.objects.filter(ons_code=result.council).first()
    if council is None:
        named = f"{result.council_name} ({result.council})" if result.council_name else result.council
        raise CouncilUnknown(
            f"The report is for {named}, a council the product does not know. "
            "Import the councils first (import_councils) or ask an administrator to add it."
        )
    return council


def document_read_upload(
    *, upload, council: Council | None = None, published_hint: datetime.date | None = None
) -> ParseResult:
    """:func:`document_read` for an uploaded file (copied to a temporary file first)."""
    name = Path(upload.name or "document").name
    with tempfile.TemporaryDirectory(prefix="upload-") as tmp:
        path = Path(tmp) / (re.sub(r"[^A-Za-z0-9._-]+", "-", name)[:120] or "document")
        with path.open("wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        return document_read(
            path=path, name=name, council_hint=council.ons_code if council else None, published_hint=published_hint
        )


# --- what a reviewer must be asked ---------------------------------------------------------------

# frameworks whose reports always give an overall judgement (JAR, YOT and notices do not)
OVERALL_FRAMEWORKS = frozenset({"APA", "SLAC", "CPI", "TLAC", "SIF", "ILACS"})


@dataclass(frozen=True)
class Questions:
    """What could not be read with confidence, to be asked rather than guessed."""

    overall_missing: bool = False
    off_scale: tuple[str, ...] = ()  # "area (grade as read)" of judgements whose grade is not on the scale

    def __bool__(self) -> bool:
        return self.overall_missing or bool(self.off_scale)

    def messages(self, framework: str | None) -> list[str]:
        out = []
        if self.overall_missing:
            out.append(f"the overall effectiveness judgement could not be read from this {framework} report")
        out.extend(f"the grade of {item} is not on the {framework} scale" for item in self.off_scale)
        return out


def result_questions(data: dict) -> Questions:
    """The questions a parse leaves (``data``: the extraction as :func:`result_to_data` gives it, or
    ``ParseResult.to_json_dict()``): no overall judgement where the framework always gives one, and
    judgements whose grade is not a word of the framework's scale."""
    overall_missing = False
    off_scale = []
    for part in [data, *data.get("parts", [])]:
        framework = part.get("framework")
        judgements = part.get("judgements", [])
        if framework in OVERALL_FRAMEWORKS and not any(j["area"] == OVERALL for j in judgements):
            overall_missing = True
        off_scale += [
            f"{j['area']} ({j['grade']!r})"
            for j in judgements
            if j.get("level") is None or not grade_on_scale(framework, j["grade"])
        ]
    return Questions(overall_missing=overall_missing, off_scale=tuple(off_scale))


def grade_on_scale(framework: str | None, written: str) -> bool:
    """Is a grade as written one of its framework's own grades? Its words must be a word of the
    scale ("Adequate" is not a word of ILACS's scale, "Requires improvement" is not one of the
    2009-12 scale's), its number a number of the scale, and a number and a word must agree
    ("Grade 2 (Adequate)" on a scale where 2 is good does not)."""
    spec = grading.FRAMEWORKS.get(framework or "")
    if spec is None or not spec.grades:
        return False
    text = (written or "").lower().replace("’", "'")
    number = re.search(r"\b([1-9])\b", text)
    words = " ".join(re.sub(r"\bgrade\b|[^a-z ]+", " ", text).split())
    words = re.sub(r"^require\b", "requires", words)
    for grade in spec.grades:
        names = {grade.label.lower(), *(a.lower() for a in grade.aliases)}
        word_ok = not words or words in names
        number_ok = number is None or (grade.value is not None and int(number.group(1)) == grade.value)
        if word_ok and number_ok and (words or number):
            return True
    return False
