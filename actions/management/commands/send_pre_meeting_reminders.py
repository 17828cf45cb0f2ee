"""Send the pre-meeting reminders by hand (the beat task calls the same service)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from actions import services


class Command(BaseCommand):
    help = (
        "Email owners of actions not updated since the last board meeting, when a board meets in "
        "5 working days (once per person per day)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--on", type=datetime.date.fromisoformat, help="Run as if on this date (YYYY-MM-DD).")

    def handle(self, *args, on=None, **options):
        sent = services.pre_meeting_reminders_send(on=on or timezone.localdate())
        self.stdout.write(f"Sent {sent} reminder email{'s' if sent != 1 else ''}.")
