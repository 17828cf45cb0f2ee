"""The board's terms of reference (versioned, a new version checked before it is saved), each
meeting's agenda with its papers, and the minutes (drafted, approved at a later meeting,
corrected only at a later meeting). Everyone who may see the board reads them; its chair and
secretary keep them."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from inspections import uploads

from ..accounts import access
from . import governance_selectors as selectors
from . import governance_services, meeting_services
from .governance import AgendaItem, TermsOfReference
from .governance_forms import AgendaItemForm, LaterMeetingForm, MinutesForm, TermsForm
from .governance_views import GET_POST, form_errors, form_page, governed_board
from .models import ImprovementBoard, Meeting
from .services import next_meeting_date

# --- Terms of reference ------------------------------------------------------------------------


@require_safe
@login_required
def terms(request: HttpRequest, slug: str) -> HttpResponse:
    board = governed_board(request, slug)
    today = timezone.localdate()
    versions = list(TermsOfReference.objects.filter(board=board).order_by("-version"))
    current = selectors.current_terms(board, on=today)
    return render(
        request,
        "boards/terms.html",
        {
            "board": board,
            "current": current,
            "review_overdue": current is not None and current.review_date < today,
            "versions": versions,
            "today": today,
            "can_manage": access.can_manage_governance(request.user, board),
        },
    )


@require_safe
@login_required
def terms_version(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    board = governed_board(request, slug)
    shown = get_object_or_404(TermsOfReference, board=board, version=version)
    current = selectors.current_terms(board, on=timezone.localdate())
    return render(
        request,
        "boards/terms_version.html",
        {"board": board, "terms": shown, "is_current": current is not None and current.pk == shown.pk},
    )


def _session_key(board: ImprovementBoard) -> str:
    return f"board-terms:{board.pk}"


def _to_session(data: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in data.items()}


def _from_session(data: dict) -> dict:
    dates = ("agreed_on", "review_date")
    return {k: datetime.date.fromisoformat(v) if k in dates else v for k, v in data.items()}


@GET_POST
@login_required
def terms_new(request: HttpRequest, slug: str) -> HttpResponse:
    """A new version of the terms, starting from the current one; checked on the next page."""
    board = governed_board(request, slug, manage=True)
    waiting = request.session.get(_session_key(board))
    current = TermsOfReference.objects.filter(board=board).order_by("-version").first()
    if waiting:
        initial = _from_session(waiting)
        initial["substitutes_count"] = "yes" if initial["substitutes_count"] else "no"
    elif current:
        fields = ("remit", "membership", "quorum", "inquorate", "escalation")
        initial = {name: getattr(current, name) for name in fields}
        initial["substitutes_count"] = "yes" if current.substitutes_count else "no"
    else:
        initial = {"substitutes_count": "yes", "inquorate": TermsOfReference.Inquorate.WARN}
    form = TermsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        request.session[_session_key(board)] = _to_session(form.cleaned_data)
        return redirect("board_terms_check", slug=board.slug)
    return form_page(
        request,
        board,
        form,
        heading="New version of the terms of reference" if current else "Terms of reference",
        back=reverse("board_terms", args=[board.slug]),
        intro=(
            f"This will be version {current.version + 1}, starting from version {current.version}, which is kept "
            f"as it was. You can check your answers before saving."
            if current
            else "The board's remit, quorum, membership and escalation. You can check your answers before saving."
        ),
    )


def _terms_rows(data: dict) -> list[tuple[str, str, str]]:
    inquorate = dict(TermsOfReference.Inquorate.choices)[data["inquorate"]]
    return [
        ("Date the board agreed them", f"{data['agreed_on']:%-d %B %Y}", "agreed_on_0"),
        ("Remit", data["remit"], "remit"),
        ("Membership", data["membership"], "membership"),
        ("Quorum", f"{data['quorum']} members", "quorum"),
        ("Substitutes count towards the quorum", "Yes" if data["substitutes_count"] else "No", "substitutes_count"),
        ("When a meeting is not quorate", inquorate, "inquorate"),
        ("Escalation", data["escalation"], "escalation"),
        ("Review date", f"{data['review_date']:%-d %B %Y}", "review_date_0"),
    ]


@GET_POST
@login_required
def terms_check(request: HttpRequest, slug: str) -> HttpResponse:
    """Check your answers, then save the new version (the earlier ones are kept)."""
    board = governed_board(request, slug, manage=True)
    waiting = request.session.get(_session_key(board))
    if not waiting:
        return redirect("board_terms_new", slug=board.slug)
    data = _from_session(waiting)
    current = TermsOfReference.objects.filter(board=board).order_by("-version").first()
    error = ""
    if request.method == "POST":
        try:
            saved = governance_services.terms_of_reference_agree(board=board, **data)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            del request.session[_session_key(board)]
            messages.success(request, f"Version {saved.version} of the terms of reference saved.")
            return redirect("board_terms", slug=board.slug)
    return render(
        request,
        "boards/terms_check.html",
        {
            "board": board,
            "rows": _terms_rows(data),
            "current": current,
            "error": error,
            "error_links": [("save", error)] if error else [],
        },
        status=400 if error else 200,
    )


# --- Agenda and papers -------------------------------------------------------------------------


def _day(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        raise Http404("No such meeting date.")


def _item(board: ImprovementBoard, pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem, board=board, pk=pk)


def _agenda_url(board: ImprovementBoard, day: datetime.date) -> str:
    return reverse("board_agenda", kwargs={"slug": board.slug}) + f"?date={day.isoformat()}"


@require_safe
@login_required
def agenda(request: HttpRequest, slug: str) -> HttpResponse:
    """A meeting's agenda and papers: the next meeting's unless ``?date=`` names another."""
    board = governed_board(request, slug)
    today = timezone.localdate()
    day = _day(request.GET.get("date")) or next_meeting_date(board, today) or today
    return render(
        request,
        "boards/agenda.html",
        {
            "board": board,
            "day": day,
            "items": selectors.agenda(board, day),
            "dates": [d for d in selectors.agenda_dates(board) if d != day],
            "meeting": Meeting.objects.filter(board=board, date=day).first(),
            "can_manage": access.can_manage_governance(request.user, board),
        },
    )


@GET_POST
@login_required
def agenda_item_new(request: HttpRequest, slug: str) -> HttpResponse:
    board = governed_board(request, slug, manage=True)
    day = _day(request.GET.get("date")) or next_meeting_date(board, timezone.localdate())
    form = AgendaItemForm(request.POST or None, request.FILES or None, initial={"meeting_date": day})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = meeting_services.agenda_item_add(
                board=board,
                meeting_date=data["meeting_date"],
                title=data["title"],
                presenter=data["presenter"],
                paper=data["paper"],
                paper_title=data["paper_title"],
                added_by=request.user,
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"Item {item.order}, {item.title}, added to the agenda.")
            return redirect(_agenda_url(board, item.meeting_date))
    return form_page(
        request,
        board,
        form,
        heading="Add an agenda item",
        back=_agenda_url(board, day) if day else reverse("board_agenda", args=[board.slug]),
        intro="Items are numbered in the order they are added; you can move them afterwards.",
    )


@GET_POST
@login_required
def agenda_item_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board = governed_board(request, slug, manage=True)
    item = _item(board, pk)
    form = AgendaItemForm(
        request.POST or None,
        request.FILES or None,
        new=False,
        has_paper=bool(item.paper),
        initial={"title": item.title, "presenter": item.presenter, "paper_title": item.paper_title},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting_services.agenda_item_edit(
                item=item,
                title=data["title"],
                presenter=data["presenter"],
                paper=data["paper"],
                paper_title=data["paper_title"],
                remove_paper=data.get("remove_paper", False),
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"Item {item.order}, {item.title}, changed.")
            return redirect(_agenda_url(board, item.meeting_date))
    return form_page(
        request,
        board,
        form,
        heading=f"Change agenda item {item.order}",
        back=_agenda_url(board, item.meeting_date),
        rows=[
            ("Meeting", f"{item.meeting_date:%-d %B %Y}"),
            ("Paper", item.paper_title or item.paper_name if item.paper else "None"),
        ],
    )


@require_POST
@login_required
def agenda_item_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board = governed_board(request, slug, manage=True)
    item = _item(board, pk)
    meeting_services.agenda_item_move(item=item, up=request.POST.get("direction") != "down")
    return redirect(_agenda_url(board, item.meeting_date) + f"#item-{item.pk}")


@GET_POST
@login_required
def agenda_item_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Are you sure? Then the item and its paper go."""
    board = governed_board(request, slug, manage=True)
    item = _item(board, pk)
    if request.method == "POST":
        day, title = item.meeting_date, item.title
        meeting_services.agenda_item_remove(item=item)
        messages.success(request, f"{title} taken off the agenda.")
        return redirect(_agenda_url(board, day))
    return render(request, "boards/agenda_item_remove.html", {"board": board, "item": item})


@require_safe
@login_required
def agenda_paper(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A paper, for whoever may see the board; never from a public address."""
    board = governed_board(request, slug)
    item = _item(board, pk)
    if not item.paper:
        raise Http404("This item has no paper.")
    return uploads.file_response(
        item.paper, filename=item.paper_name or f"paper-{item.pk}.pdf", content_type="application/pdf"
    )


# --- Minutes -----------------------------------------------------------------------------------


def _meeting(board: ImprovementBoard, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("minutes_approved_at", "board"), board=board, pk=pk)


@GET_POST
@login_required
def minutes_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board = governed_board(request, slug, manage=True)
    meeting = _meeting(board, pk)
    if meeting.minutes_approved_at_id:
        messages.error(request, "These minutes are approved: they cannot change. Record a correction instead.")
        return redirect("board_meeting", slug=board.slug, pk=meeting.pk)
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.minutes_draft(meeting=meeting, text=form.cleaned_data["minutes"])
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "Draft minutes saved.")
            return redirect("board_meeting", slug=board.slug, pk=meeting.pk)
    return form_page(
        request,
        board,
        form,
        heading=f"Minutes of the meeting of {meeting.date:%-d %B %Y}",
        back=reverse("board_meeting", args=[board.slug, meeting.pk]),
    )


def _later(request: HttpRequest, slug: str, pk: int, *, correction: bool) -> HttpResponse:
    board = governed_board(request, slug, manage=True)
    meeting = _meeting(board, pk)
    later = meeting_services.later_meetings(meeting)
    approved = bool(meeting.minutes_approved_at_id)
    if approved != correction:
        messages.error(
            request,
            "These minutes are approved: record a correction instead."
            if approved
            else "These minutes are still a draft: change the draft instead.",
        )
        return redirect("board_meeting", slug=board.slug, pk=meeting.pk)
    if not later.exists():
        messages.error(request, "Record the later meeting first: minutes are approved and corrected at one.")
        return redirect("board_meeting", slug=board.slug, pk=meeting.pk)
    form = LaterMeetingForm(
        request.POST or None, meetings=later, correction=correction, initial={"at_meeting": later.first()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if correction:
                meeting_services.minutes_correct(
                    meeting=meeting, at_meeting=data["at_meeting"], text=data["text"], by=request.user
                )
            else:
                meeting_services.minutes_approve(meeting=meeting, at_meeting=data["at_meeting"], by=request.user)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request, "Correction recorded." if correction else "Minutes approved. They will not change now."
            )
            return redirect("board_meeting", slug=board.slug, pk=meeting.pk)
    when = f"{meeting.date:%-d %B %Y}"
    return form_page(
        request,
        board,
        form,
        heading=f"Record a correction to the minutes of {when}" if correction else f"Approve the minutes of {when}",
        back=reverse("board_meeting", args=[board.slug, meeting.pk]),
        intro=(
            "The approved minutes stay as they were; the correction is shown with them."
            if correction
            else "Check the minutes. Once approved they cannot change: a correction is recorded at a later meeting."
        ),
        rows=[("Minutes" if not correction else "Approved minutes", meeting.minutes)],
    )


@GET_POST
@login_required
def minutes_approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Check the minutes, then record that a later meeting approved them."""
    return _later(request, slug, pk, correction=False)


@GET_POST
@login_required
def minutes_correct(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _later(request, slug, pk, correction=True)
