"""Restore a backup made by `backup` into the configured database and MEDIA_ROOT, then check it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from improvement_board.ops import backup


class Command(BaseCommand):
    help = (
        "Restore --input (made by `backup`) into the configured, empty database and MEDIA_ROOT; "
        "then check every table's row count and a sample of rows against the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, type=Path, help="A directory made by `backup`.")
        parser.add_argument("--force", action="store_true", help="Replace a database that is not empty.")
        parser.add_argument(
            "--verify-only", action="store_true", help="Only compare the database with the backup's manifest."
        )

    def handle(self, *args, input: Path, force: bool, verify_only: bool, **options):
        try:
            if verify_only:
                checked = backup.verify(backup.read_manifest(input))
            else:
                checked = backup.restore(input, force=force)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored and checked: {checked['tables']} tables, {checked['rows']} rows counted, "
            f"{checked['sampled_rows']} sampled rows identical, {checked['media_files']} media files"
        )
