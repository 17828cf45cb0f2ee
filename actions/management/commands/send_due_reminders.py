"""Send today's due and overdue reminders by hand (the beat task calls the same service)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from actions import services


class Command(BaseCommand):
    help = "Email each action owner their actions due within 7 days and overdue (once per person per day)."

    def add_arguments(self, parser):
        parser.add_argument("--on", type=datetime.date.fromisoformat, help="Run as if on this date (YYYY-MM-DD).")

    def handle(self, *args, on=None, **options):
        sent = services.due_reminders_send(on=on or timezone.localdate())
        self.stdout.write(f"Sent {sent} reminder email{'s' if sent != 1 else ''}.")
