"""Import an inspection document (PDF or text): its judgements and recommendations, or a notice's measures.

    python manage.py import_inspection FILE [--council ONS_CODE] [--framework CODE]
                                            [--published YYYY-MM-DD] [--dry-run] [--json]

``--json`` prints the extraction in the issue's JSON shape and nothing else on standard output;
everything else (what was saved, warnings, refusals) goes to standard error. Without
``--dry-run`` the document is saved (see :mod:`inspections.importing` for the rules); with it,
every check runs and nothing is saved. A refused document exits with status 1.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections.importing import ImportRefused, document_read, inspection_import, result_check
from inspections.models import Council
from inspections.parsing import FRAMEWORK_CODES


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--published: {value!r} is not a date (YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = "Import an inspection report or improvement notice (PDF or text) into the product."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the document: .pdf (with a text layer) or text")
        parser.add_argument("--council", metavar="ONS_CODE", help="the council, when the document does not say")
        parser.add_argument(
            "--framework",
            metavar="CODE",
            choices=FRAMEWORK_CODES,
            help="the framework, when it is not recognised: " + ", ".join(FRAMEWORK_CODES),
        )
        parser.add_argument(
            "--published",
            metavar="YYYY-MM-DD",
            type=_date,
            help="the publication (for a notice: issue) date, when the document does not state it",
        )
        parser.add_argument("--dry-run", action="store_true", help="check everything, save nothing")
        parser.add_argument(
            "--json", action="store_true", help="print the extraction as JSON (only that) on standard output"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        council = None
        if options["council"]:
            council = Council.objects.filter(ons_code=options["council"].strip().upper()).first()
            if council is None:
                raise CommandError(f"--council {options['council']}: the product knows no council with that ONS code")
        try:
            result = document_read(
                path=path,
                council_hint=council.ons_code if council else None,
                framework_hint=options["framework"],
                published_hint=options["published"],
            )
        except ImportRefused as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.to_json_dict(), ensure_ascii=False, indent=1))
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        try:
            council = result_check(result, council=council)
            outcome = inspection_import(
                result=result, council=council, file=None if options["dry_run"] else path, dry_run=options["dry_run"]
            )
        except ImportRefused as exc:
            raise CommandError(str(exc)) from exc
        for message in outcome.messages:
            self.stderr.write(message)
        prefix = "dry run, nothing saved: " if options["dry_run"] else ""
        self.stderr.write(prefix + (outcome.summary or "nothing to import"))
