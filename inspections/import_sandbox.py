"""Parse an untrusted document in a child process with a memory and a time limit.

A PDF is a program for its reader: one that inflates to gigabytes, or loops, must not take the
web worker with it. :func:`parse_isolated` runs :func:`inspections.parsing.parse_document` in a
fresh Python process whose address space is capped (``RLIMIT_AS``) and whose CPU time is capped
(``RLIMIT_CPU``, and a wall-clock timeout that kills it); the child sees no database and no
settings, only the file and the council names, and answers in JSON. Before any extractor runs,
the parser refuses a PDF whose streams inflate past ``MAX_INFLATED_BYTES``
(:func:`inspections.parsing.text.inflated_size`), and nothing is tried after that refusal.

    python -m inspections.import_sandbox FILE < request.json    (what the parent runs)
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

from .import_errors import DocumentUnreadable
from .parsing import ParseResult

ROOT = Path(__file__).resolve().parents[1]
MEMORY_BYTES = 512 * 1024 * 1024  # the child's address space (a 2.5 MB report parses in 300 MB; 55 MB resident)
SECONDS = 30
_LIMIT_EXIT = 3


def parse_isolated(
    source: Path,
    *,
    name: str,
    councils: list[tuple[str, list[str]]],
    council_hint: str | None = None,
    framework_hint: str | None = None,
    published_hint: datetime.date | None = None,
    memory_bytes: int = MEMORY_BYTES,
    seconds: int = SECONDS,
    max_inflated: int | None = None,
) -> ParseResult:
    """The parse of ``source`` done by a limited child process; raises DocumentUnreadable (with a
    message for the person who uploaded ``name``) when the child is refused, killed or fails."""
    request = {
        "councils": councils,
        "council_hint": council_hint,
        "framework_hint": framework_hint,
        "published_hint": published_hint.isoformat() if published_hint else None,
        "max_inflated": max_inflated,
    }

    def limit():  # runs in the child, before it starts Python
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))

    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "inspections.import_sandbox", str(source)],
            input=json.dumps(request).encode(),
            capture_output=True,
            timeout=seconds * 2,
            preexec_fn=limit,
            env=env,
            cwd=str(ROOT),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise DocumentUnreadable(
            f"{name} took too long to read (over {seconds * 2} seconds) and was stopped. Nothing was saved. "
            "Use the PDF published by Ofsted (or the DfE), or a text version of the report."
        ) from exc
    if done.returncode == _LIMIT_EXIT:
        raise DocumentUnreadable(
            f"{name} was refused: its contents unpack to far more than any inspection report does "
            "(it may be a damaged or malicious file). Nothing was saved. "
            "Use the PDF published by Ofsted (or the DfE), or a text version of the report."
        )
    if done.returncode != 0:
        raise DocumentUnreadable(
            f"{name} could not be read within the limits set for reading uploaded files (memory or time). "
            "Nothing was saved. Use the PDF published by Ofsted (or the DfE), or a text version of the report."
        )
    return _result_from_json(json.loads(done.stdout))


def _result_to_json(result: ParseResult) -> dict:
    from .import_review import result_fields

    return {**result_fields(result), "parts": [result_fields(p) for p in result.parts], "all_lines": result.lines}


def _result_from_json(data: dict) -> ParseResult:
    from .import_review import result_from_data

    result = result_from_data(data)
    result.lines = list(data["all_lines"])
    for part in result.parts:
        part.lines = result.lines
    return result


def _main(path: str) -> int:
    from .parsing import parse_document, text
    from .parsing.councils import lookup_from_names

    request = json.load(sys.stdin)
    hint = request.get("published_hint")
    if request.get("max_inflated"):
        text.MAX_INFLATED_BYTES = int(request["max_inflated"])  # this child only (tests raise it)
    try:
        result = parse_document(
            Path(path),
            council_hint=request.get("council_hint"),
            framework_hint=request.get("framework_hint"),
            council_lookup=lookup_from_names(request["councils"]),
            published_hint=datetime.date.fromisoformat(hint) if hint else None,
        )
    except text.PdfLimitError as exc:
        print(str(exc), file=sys.stderr)
        return _LIMIT_EXIT
    json.dump(_result_to_json(result), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1]))
