"""Board meetings as the plan sees them: when the council's board last met (for "not updated
since the last meeting") and which boards meet next (for the reminders before a meeting).

The plan does not know about boards. The boards package tells it by registering a calendar when
the project starts (``improvement_board.apps``); with none registered, no council has meetings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class BoardMeeting:
    """A council's board's next meeting, and the one before it (None if it has not met yet)."""

    council: object  # inspections.models.Council
    name: str  # the board's name, as the reminder email gives it
    date: datetime.date
    previous: datetime.date | None


class Calendar(Protocol):
    def previous_meeting_date(self, council, *, on: datetime.date) -> datetime.date | None: ...

    def next_meetings(self, *, on: datetime.date) -> list[BoardMeeting]: ...


_calendar: Calendar | None = None


def register(calendar: Calendar | None) -> None:
    global _calendar
    _calendar = calendar


def previous_meeting_date(council, *, on: datetime.date) -> datetime.date | None:
    """The latest meeting before ``on`` of the council's active board."""
    return _calendar.previous_meeting_date(council, on=on) if _calendar else None


def next_meetings(*, on: datetime.date) -> list[BoardMeeting]:
    """Every active board's next meeting on or after ``on``, for the boards that have met."""
    return _calendar.next_meetings(on=on) if _calendar else []
