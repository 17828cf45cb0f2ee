"""Parse time of each seed PDF (target: under one second each), then the time to import each
(parse + save on the database, in a transaction rolled back afterwards, so nothing is kept).

    .venv/bin/python bench/importer.py
    SECRET_KEY=x DATABASE_URL=postgres://... .venv/bin/python bench/importer.py

The import part runs on DATABASE_URL when set (migrated first), otherwise on a scratch SQLite
database in a temporary folder.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from inspections.parsing import parse_document  # noqa: E402

REPORTS = ROOT / "fixtures" / "seeds" / "reports"
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
        print(
            f"{pdf.name:40} {elapsed:8.3f}  {len(result.judgements):10} "
            f"{len(result.recommendations):4}{'  SLOW' if elapsed >= TARGET else ''}"
        )
    print(f"{len(pdfs) - slow}/{len(pdfs)} under {TARGET:.1f} s")
    import_times(pdfs)
    return 0


def import_times(pdfs) -> None:
    """Read, check and save each PDF as the import command does, timing the whole."""
    import os
    import tempfile

    if not os.environ.get("DATABASE_URL"):
        os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="bench-importer-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "improvement_board.settings")
    os.environ.setdefault("SECRET_KEY", "bench")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from inspections import importing, services
    from inspections.models import Council

    call_command("migrate", verbosity=0)
    print(f"\n{'document':40} {'seconds':>8}  import = parse + save on {connection.vendor} (rolled back)")
    slow = 0
    for pdf in pdfs:
        with transaction.atomic():
            services.frameworks_sync()
            code = parse_document(pdf).council
            if code and not Council.objects.filter(ons_code=code).exists():
                Council.objects.create(
                    name=f"Council {code}",
                    short_name=f"Council {code}",
                    slug=code.lower(),
                    kind=Council.Kind.UNITARY,
                    ons_code=code,
                )
            start = time.perf_counter()
            try:
                result = importing.document_read(path=pdf)
                council = importing.result_check(result)
                importing.inspection_import(result=result, council=council)
            except importing.ImportRefused as exc:
                print(f"{pdf.name:40} refused: {exc}")
                continue
            finally:
                transaction.set_rollback(True)
            elapsed = time.perf_counter() - start
        slow += elapsed >= TARGET
        print(f"{pdf.name:40} {elapsed:8.3f}{'  SLOW' if elapsed >= TARGET else ''}")
    print(f"{len(pdfs) - slow}/{len(pdfs)} imported under {TARGET:.1f} s")


if __name__ == "__main__":
    raise SystemExit(main())
