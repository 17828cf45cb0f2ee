"""python manage.py generate_plans --councils all --actions 120 --months 24

Adds a synthetic improvement plan (actions with monthly progress updates, indicators with monthly
values, milestones) to every council that has none, to measure speed at the size of England.
Councils that already have an active plan (real or synthetic) are left alone, so a second run
changes nothing."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from actions.synthetic import plans_generate
from inspections.models import Council


class Command(BaseCommand):
    help = "Add a synthetic improvement plan to every council (or those named) that has none."

    def add_arguments(self, parser):
        parser.add_argument(
            "--councils", default="all", help="'all' (every current council) or ONS codes separated by commas."
        )
        parser.add_argument("--actions", type=int, default=120, help="Actions per plan.")
        parser.add_argument("--months", type=int, default=24, help="Months of monthly progress updates.")
        parser.add_argument("--seed", type=int, default=2012)

    def handle(self, *args, councils, actions, months, seed, **options):
        if actions < 1 or months < 1:
            raise CommandError("--actions and --months must be at least 1.")
        if councils == "all":
            chosen = Council.objects.filter(is_current=True)
        else:
            codes = [c.strip() for c in councils.split(",") if c.strip()]
            chosen = Council.objects.filter(ons_code__in=codes)
            unknown = set(codes) - set(chosen.values_list("ons_code", flat=True))
            if unknown:
                raise CommandError(f"No council with ONS code {', '.join(sorted(unknown))}.")
        started = time.perf_counter()

        def progress(done, total):
            if options["verbosity"] > 1:
                self.stdout.write(f"councils: {done}/{total}")

        result = plans_generate(councils=chosen, actions=actions, months=months, seed=seed, progress=progress)
        self.stdout.write(
            f"synthetic plans: {result.plans} ({result.skipped} councils already had a plan); "
            f"{result.actions} actions, {result.updates} progress updates, {result.indicator_values} indicator "
            f"values, {result.milestones} milestones in {time.perf_counter() - started:.1f} s"
        )
