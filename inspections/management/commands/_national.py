"""Shared parts of the national data import commands."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from inspections.national.errors import NationalDataError
from inspections.national.loaders import Progress


class NationalImportCommand(BaseCommand):
    """Runs a loader: progress on stderr, the summary on stdout, a clear CommandError on a bad file
    (the loader's transaction has been rolled back, so the database is as it was)."""

    def progress(self, options) -> Progress:
        return Progress(
            self.stderr._out if hasattr(self.stderr, "_out") else self.stderr,
            enabled=options["verbosity"] >= 1 and not options.get("no_progress"),
        )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Do not show the progress counter.")

    def report(self, result, options):
        if options["verbosity"] >= 1:
            for line in result.summary():
                self.stdout.write(line)

    def run_loader(self, loader, *args, options, **kwargs):
        try:
            result = loader(*args, progress=self.progress(options), **kwargs)
        except NationalDataError as error:
            raise CommandError(f"{error} -- nothing was imported from it.") from error
        except OSError as error:
            raise CommandError(f"{error} -- nothing was imported.") from error
        self.report(result, options)
        return result
