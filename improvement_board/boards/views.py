import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from actions import selectors as action_selectors
from actions.models import DueDateRevision

from ..accounts import access as permissions
from ..accounts.models import User
from ..reports.forms import ReportGenerateForm
from ..reports.services import reports_for_board
from . import governance_selectors, meeting_services, services
from .forms import MeetingForm
from .governance_services import quorum_of
from .models import ImprovementBoard, Meeting


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to where their work starts: a council administrator to the council's
    set-up, an officer, partner officer or board member to their council's plan, a chair to
    their board, everyone else to the councils they may see."""
    user = request.user
    if user.role == User.Role.COUNCIL_ADMINISTRATOR and user.council_id:
        return redirect("setup:council", ons_code=user.council.ons_code)
    if user.role in {User.Role.OFFICER, User.Role.PARTNER_OFFICER, User.Role.BOARD_MEMBER} and user.council_id:
        return redirect("actions:plan")
    if user.role == User.Role.CHAIR:
        board = ImprovementBoard.objects.filter(chair=user, is_active=True).first()
        if board:
            return redirect(board)
    return redirect("dashboards:overview" if user.role == User.Role.OBSERVER else "inspections:councils")


def visible_board(request: HttpRequest, slug: str, *, chair: bool = False) -> ImprovementBoard:
    """The board, or 404 for someone who may not see it; 403 for a chair's action by anyone else."""
    board = get_object_or_404(ImprovementBoard.objects.select_related("council", "chair", "notice"), slug=slug)
    if not permissions.can_view_board(request.user, board):
        raise Http404("No such board.")
    if chair and not permissions.can_chair(request.user, board):
        raise PermissionDenied("Only the board's chair can do this.")
    return board


@require_safe
@login_required
def board(request: HttpRequest, slug: str) -> HttpResponse:
    board = visible_board(request, slug)
    return board_page(request, board)


def board_page(
    request: HttpRequest, board: ImprovementBoard, form: ReportGenerateForm | None = None, status: int = 200
) -> HttpResponse:
    """The board page; with the chair's report form as they sent it when it has an error."""
    pending = (
        action_selectors.pending_revisions([board.council])
        .select_related("action", "proposed_by")
        .order_by("action__order")
    )
    is_chair = permissions.can_chair(request.user, board)
    today = timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    if is_chair and form is None:
        form = ReportGenerateForm(board=board, initial={"period": last_month})
    next_meeting = services.next_meeting_date(board, today)
    return render(
        request,
        "improvement_board/board.html",
        {
            "board": board,
            "governance": governance_selectors.governance_summary(board, on=today, next_meeting=next_meeting),
            "members": board.members.select_related("organisation").filter(left__isnull=True),
            "meetings": board.meetings.order_by("-date")[:6],
            "next_meeting": next_meeting,
            "reports": reports_for_board(board),
            "pending": pending,
            "is_chair": is_chair,
            "can_prepare_pack": permissions.can_prepare_pack(request.user, board),
            "form": form if is_chair else None,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def meeting_new(request: HttpRequest, slug: str) -> HttpResponse:
    """The chair (or an administrator) records a meeting: attendance, decisions, agreed dates."""
    board = visible_board(request, slug, chair=True)
    form = MeetingForm(request.POST or None, board=board)
    quorum = None
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_record(
                board=board,
                date=form.cleaned_data["date"],
                recorded_by=request.user,
                location=form.cleaned_data["location"],
                notes=form.cleaned_data["notes"],
                attendance=form.attendance(),
                decisions=form.cleaned_data["decisions"],
                agree_revisions=form.cleaned_data["agree"],
                inquorate_confirmed=form.cleaned_data["confirm_inquorate"],
            )
        except ValidationError as exc:
            quorum = quorum_of(board, form.cleaned_data["date"], form.attendance())
            errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            if set(errors) == {"confirm_inquorate"} and not form.cleaned_data["quorum_warned"]:
                errors = {}  # the first time, a warning (below), not an error
            for field, messages_ in errors.items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            if meeting.quorum_note:
                messages.warning(request, f"Meeting of {meeting.date:%-d %B %Y} recorded as not quorate.")
            else:
                messages.success(request, f"Meeting of {meeting.date:%-d %B %Y} recorded.")
            return redirect("board_meeting", slug=board.slug, pk=meeting.pk)
    return render(
        request,
        "improvement_board/meeting_form.html",
        {"board": board, "form": form, "quorum": quorum if quorum and not quorum.quorate else None},
    )


@require_safe
@login_required
def meeting(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board = visible_board(request, slug)
    meeting = get_object_or_404(
        Meeting.objects.select_related("minutes_approved_at", "minutes_approved_by"), pk=pk, board=board
    )
    return render(
        request,
        "improvement_board/meeting.html",
        {
            "board": board,
            "meeting": meeting,
            "attendance": meeting.attendance.select_related("member__organisation").order_by("member__name"),
            "decisions": meeting.decisions.prefetch_related("board_actions").order_by("number"),
            "revisions": DueDateRevision.objects.filter(decided_in__meeting=meeting).select_related("action"),
            "actions_raised": meeting.actions_raised.order_by("number"),
            "actions_closed": meeting.actions_closed.order_by("number"),
            "minutes_approved": meeting.minutes_approved.order_by("date"),
            "corrections": meeting.minutes_corrections.select_related("recorded_at").order_by("created_at"),
            "later_meeting": meeting_services.later_meetings(meeting).first(),
            "papers": governance_selectors.meeting_papers(board, meeting.date),
            "can_manage": permissions.can_manage_governance(request.user, board),
        },
    )
