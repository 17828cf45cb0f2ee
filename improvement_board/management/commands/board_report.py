"""Write a board's monthly report as a PDF, synchronously: the same PDF the task stores.

    python manage.py board_report --council E09000029 --period 2012-10 --output sutton-2012-10.pdf

With ``--store`` it also goes through the task's path (a new version in media storage, with
its row), for when the worker is not running.
"""

from __future__ import annotations

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from improvement_board.models import ImprovementBoard
from improvement_board.reports import services


class Command(BaseCommand):
    help = "Generate a board's monthly report as a PDF, synchronously."

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, help="ONS code (E09000029), slug or short name.")
        parser.add_argument("--period", required=True, help="The month, as YYYY-MM.")
        parser.add_argument("--output", help="Where to write the PDF ('-' for standard output).")
        parser.add_argument("--store", action="store_true", help="Also store it as a new version for the board.")

    def handle(self, *args, council, period, output=None, store=False, **options):
        try:
            month = datetime.datetime.strptime(period, "%Y-%m").date()
        except ValueError:
            raise CommandError(f"--period must be YYYY-MM, not {period!r}") from None
        board = (
            ImprovementBoard.objects.select_related("council")
            .filter(
                Q(council__ons_code__iexact=council)
                | Q(council__slug__iexact=council)
                | Q(council__short_name__iexact=council)
            )
            .order_by("-is_active", "-established")
            .first()
        )
        if board is None:
            raise CommandError(f"No improvement board for council {council!r}.")
        if not output and not store:
            raise CommandError("Give --output FILE.pdf, or --store, or both.")
        started = time.perf_counter()
        if store:
            report, _ = services.board_report_request(board=board, period=month, queue=False)
            services.board_report_generate(report_id=report.pk, generated_by="manage.py board_report")
            report.refresh_from_db()
            pdf = report.file.open("rb").read()
            self.stderr.write(f"Stored {report} as {report.file.name}")
        else:
            pdf = services.board_report_pdf(board=board, period=month)
        if output == "-":
            self.stdout.buffer.write(pdf)
        elif output:
            with open(output, "wb") as handle:
                handle.write(pdf)
            self.stderr.write(f"Wrote {output}: {len(pdf):,} bytes in {time.perf_counter() - started:.1f} s")
