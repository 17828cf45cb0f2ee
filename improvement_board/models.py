"""Django looks for the app's models here; they live in the sub-packages."""

from .accounts.models import User
from .api.models import ApiToken
from .boards.governance import AgendaItem, BoardAction, BoardRisk, TermsOfReference
from .boards.models import Attendance, BoardMember, Decision, ImprovementBoard, Meeting, MeetingRevision
from .ops.models import OutboxMessage
from .reports.models import BoardReport

__all__ = ["AgendaItem", "ApiToken", "Attendance", "BoardAction", "BoardMember", "BoardReport", "BoardRisk", "Decision",
           "ImprovementBoard", "Meeting", "MeetingRevision", "OutboxMessage", "TermsOfReference", "User"]
