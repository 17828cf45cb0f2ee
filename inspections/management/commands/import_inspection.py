"""Import an inspection document (PDF or text): its judgements and recommendations, or a notice's measures.

    python manage.py import_inspection FILE [--council ONS_CODE] [--framework CODE]
                                            [--published YYYY-MM-DD] [--overall GRADE] [--force]
                                            [--dry-run] [--json]

The document may also be an Ofsted letter (monitoring visit, focused visit, joint targeted area
inspection): it is saved as an Ofsted activity with its findings. When something cannot be read
with confidence (no overall judgement, a grade not on its scale) nothing is saved and the command
says what is missing: give it (``--overall``) or save without it (``--force``).

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

from inspections import grading
from inspections.importing import (
    ImportRefused,
    QuestionsLeft,
    document_read,
    inspection_import,
    overall_given,
    result_check,
)
from inspections.models import Council
from inspections.parsing import FRAMEWORK_CODES
from inspections.parsing.document import OVERALL


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
        parser.add_argument(
            "--overall",
            metavar="GRADE",
            help="the overall effectiveness grade, when it cannot be read from the report (as the scale writes it)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="save even though something could not be read with confidence (a missing overall judgement is "
            "left missing, a grade that is not on its scale is not saved)",
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
        if options["overall"]:
            if any(j.area == OVERALL for j in result.judgements):
                raise CommandError("--overall: the report's overall judgement was read; correct it on the review page")
            if (
                result.framework not in grading.FRAMEWORKS
                or grading.grade_for(result.framework, options["overall"]) is None
            ):
                raise CommandError(f"--overall: {options['overall']!r} is not a grade on the {result.framework} scale")
            overall_given(result, options["overall"])
        try:
            council = result_check(result, council=council)
            outcome = inspection_import(
                result=result,
                council=council,
                file=None if options["dry_run"] else path,
                dry_run=options["dry_run"],
                accept_questions=options["force"],
            )
        except QuestionsLeft as exc:
            hints = []
            if exc.questions.overall_missing:
                hints.append('give the overall judgement with --overall GRADE (for example --overall "Good")')
            hints.append("or save without what is missing with --force")
            raise CommandError(f"{exc} To import it, {' '.join(hints)}.") from exc
        except ImportRefused as exc:
            raise CommandError(str(exc)) from exc
        for message in outcome.messages:
            self.stderr.write(message)
        prefix = "dry run, nothing saved: " if options["dry_run"] else ""
        self.stderr.write(prefix + (outcome.summary or "nothing to import"))
