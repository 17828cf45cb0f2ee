"""Django looks for the app's models here; they live in the sub-packages."""

from .accounts.models import AccountEvent, Invitation, User
from .api.models import ApiToken
from .boards.governance import AgendaItem, BoardAction, BoardRisk, MinutesCorrection, TermsOfReference
from .boards.models import Attendance, BoardMember, Decision, ImprovementBoard, Meeting, MeetingRevision
from .dashboards.models import DashboardVersion
from .ops.models import OutboxMessage
from .reports.models import BoardReport

__all__ = [
    "AccountEvent",
    "AgendaItem",
    "ApiToken",
    "Attendance",
    "BoardAction",
    "BoardMember",
    "BoardReport",
    "BoardRisk",
    "DashboardVersion",
    "Decision",
    "ImprovementBoard",
    "Invitation",
    "Meeting",
    "MeetingRevision",
    "MinutesCorrection",
    "OutboxMessage",
    "TermsOfReference",
    "User",
]
