"""Parse time of each seed PDF (target: under one second each).

    .venv/bin/python bench/importer.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from inspections.parsing import parse_document  # noqa: E402

REPORTS = ROOT.parent / "shared" / "seeds" / "reports"
TARGET = 1.0


def main() -> int:
    pdfs = sorted(REPORTS.glob("*.pdf"))
    if not pdfs:
        print(f"no PDFs under {REPORTS}")
        return 1
    slow = 0
    print(f"{'document':40} {'seconds':>8}  judgements recs")
    for pdf in pdfs:
        start = time.perf_counter()
        result = parse_document(pdf)
        elapsed = time.perf_counter() - start
        slow += elapsed >= TARGET
        print(f"{pdf.name:40} {elapsed:8.3f}  {len(result.judgements):10} "
              f"{len(result.recommendations):4}{'  SLOW' if elapsed >= TARGET else ''}")
    print(f"{len(pdfs) - slow}/{len(pdfs)} under {TARGET:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
