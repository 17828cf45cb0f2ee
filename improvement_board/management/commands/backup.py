"""Back up the database and the media files into a directory (see improvement_board.ops.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from improvement_board.ops import backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and MEDIA_ROOT into --output, with a manifest of counts and checksums."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="A new or empty directory.")

    def handle(self, *args, output: Path, **options):
        try:
            manifest = backup.backup(output)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            f"Backed up {len(manifest['tables'])} tables ({rows} rows) and "
            f"{manifest['media_files']} media files into {output}"
        )
