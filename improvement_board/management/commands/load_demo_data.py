"""``manage.py load_demo_data``: load the demo data from ``fixtures/demo`` (idempotent)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from improvement_board.demo import loader as demo


class Command(BaseCommand):
    help = (
        "Load the demo data: the seed documents' councils, inspections, judgements, recommendations "
        "and notice, and Sutton's 2012-2014 improvement board and plan. Safe to run again: it only "
        "adds what is missing. Demo users get settings.DEMO_PASSWORD when created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            action="store_true",
            help="Also add illustrative live work dated relative to today (what make run does).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        loader = demo.load()
        if options["today"] and demo.live_work() and options["verbosity"] >= 1:
            self.stdout.write("Illustrative live work added, dated relative to today.")
        elapsed = time.monotonic() - started
        if options["verbosity"] < 1:
            return
        added = sum(loader.created.values())
        changed = sum(loader.changed.values())
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded in {elapsed:.1f}s: {added} rows added, {changed} rows corrected.")
        )
        for name, count in demo.summary():
            self.stdout.write(f"  {name}: {count}")
        if options["verbosity"] >= 2:
            for label, count in sorted(loader.created.items()):
                self.stdout.write(f"  added {label}: {count}")
            for label, count in sorted(loader.changed.items()):
                self.stdout.write(f"  corrected {label}: {count}")
