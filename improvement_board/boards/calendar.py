"""The boards' meetings, told to the plan (``actions.meetings``), which does not import boards."""

from __future__ import annotations

import datetime

from actions.meetings import BoardMeeting

from .models import ImprovementBoard, Meeting
from .services import next_meeting_date


class BoardCalendar:
    def previous_meeting_date(self, council, *, on: datetime.date) -> datetime.date | None:
        """The latest meeting before ``on`` of the council's active board, in one query."""
        meeting = (
            Meeting.objects.filter(board__council=council, board__is_active=True, date__lt=on)
            .order_by("-date")
            .only("date")
            .first()
        )
        return meeting.date if meeting else None

    def next_meetings(self, *, on: datetime.date) -> list[BoardMeeting]:
        found = []
        for board in ImprovementBoard.objects.filter(is_active=True).select_related("council").order_by("pk"):
            date = next_meeting_date(board, on)
            if date is None:
                continue
            previous = board.meetings.filter(date__lt=on).order_by("-date").first()
            found.append(
                BoardMeeting(
                    council=board.council, name=board.name, date=date, previous=previous.date if previous else None
                )
            )
        return found
