"""python manage.py import_plan FILE --council ONS_CODE [--dry-run] [--user USERNAME]

Brings a council's improvement plan in from a spreadsheet (XLSX or CSV), as the upload page does:
every row is listed as create, update, unchanged or error; one error saves nothing; importing
the same file again changes nothing. ``--dry-run`` lists and saves nothing. Status, RAG and
update columns become progress updates, written by ``--user`` (needed when the file has any)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from actions import plan_import, selectors
from inspections.models import Council


class Command(BaseCommand):
    help = "Import a council's improvement plan from an XLSX or CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--council", required=True, help="The council's ONS code, e.g. E09000029.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; save nothing.")
        parser.add_argument("--user", help="Username recorded as making the changes and writing any updates.")

    def handle(self, *args, file, council, dry_run, user, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        found = Council.objects.filter(ons_code=council.strip().upper()).first()
        if found is None:
            raise CommandError(f"No council has the ONS code {council}.")
        by = None
        if user:
            by = get_user_model().objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"No user is called {user}.")
        data = path.read_bytes()
        plan = selectors.active_plan(found)
        result = plan_import.preview(data=data, filename=path.name, council=found, plan=plan)
        self._report(result)
        if not result.ok:
            raise CommandError(f"{len(result.errors)} error{'s' if len(result.errors) != 1 else ''}: nothing saved.")
        if by is None and any(r.values.get("progress") for r in result.rows if not r.heading):
            raise CommandError("The file sets statuses, ratings or updates: name who writes them with --user.")
        if dry_run:
            self.stdout.write("Dry run: nothing saved.")
            return
        plan_import.plan_import(data=data, filename=path.name, council=found, by=by)
        self.stdout.write(
            self.style.SUCCESS(
                f"Saved: {result.count('create')} created, {result.count('update')} updated, "
                f"{result.count('unchanged')} unchanged."
            )
        )

    def _report(self, result) -> None:
        for row in result.rows:
            what = ("objective " if row.heading else "") + row.kind
            detail = "; ".join(row.errors or row.changes)
            self.stdout.write(
                f"{row.where}: {row.reference} {row.title[:50]} - {what}" + (f": {detail}" if detail else "")
            )
        for error in result.file_errors:
            self.stdout.write(error)
        if result.ignored_columns:
            self.stdout.write(f"Columns not used: {', '.join(result.ignored_columns)}")
        self.stdout.write(
            f"{result.count('create')} to create, {result.count('update')} to update, "
            f"{result.count('unchanged')} unchanged, {result.count('error')} with errors."
        )
