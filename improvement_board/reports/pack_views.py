"""The board pack's pages: prepare it for a meeting, write the key messages, move it through
review, sign-off and circulation, correct a signed-off one. Thin: the form validates, a service
in :mod:`.packs` acts, the view redirects."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ..accounts import access
from ..boards import services as board_services
from ..boards.models import ImprovementBoard
from ..boards.views import visible_board
from . import packs
from .models import BoardReport
from .pack_forms import CommentaryForm, CorrectionForm, PackCreateForm


def pack_permissions(user, board: ImprovementBoard) -> dict[str, bool]:
    """What ``user`` may do with the board's packs (the page shows only those buttons)."""
    return {
        "prepare": access.can_prepare_pack(user, board),
        "sign_off": access.can_chair(user, board),
        "comment": access.can_prepare_pack(user, board) or access.can_update_plan(user, board.council),
    }


def _pack(board: ImprovementBoard, pk: int) -> BoardReport:
    pack = get_object_or_404(BoardReport.objects.select_related("board__council", "corrects"), pk=pk, board=board)
    if pack.meeting_date is None:
        raise Http404("This is a monthly report, not a meeting's pack.")
    return pack


def _refuse(request, allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pack_new(request: HttpRequest, slug: str) -> HttpResponse:
    board = visible_board(request, slug)
    _refuse(
        request,
        access.can_prepare_pack(request.user, board),
        "Only the board's chair or secretary can prepare its pack.",
    )
    next_meeting = board_services.next_meeting_date(board, timezone.localdate())
    initial = {"meeting_date": next_meeting} if next_meeting else {}
    form = PackCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            pack = packs.board_pack_create(
                board=board,
                meeting_date=form.cleaned_data["meeting_date"],
                cutoff_day=form.cleaned_data["cutoff_day"],
                requested_by=request.user,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"The pack for the meeting on {pack.meeting_date:%-d %B %Y} is being prepared.")
            return redirect("board_report", slug=board.slug, pk=pack.pk)
    return render(
        request,
        "improvement_board/pack_new.html",
        {
            "board": board,
            "form": form,
            "next_meeting": next_meeting,
            "default_cutoff": packs.default_cutoff_day(next_meeting) if next_meeting else None,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pack_commentary(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board = visible_board(request, slug)
    pack = _pack(board, pk)
    may = pack_permissions(request.user, board)
    _refuse(
        request,
        may["comment"],
        "Only the council's officers and the board's chair or secretary write the key messages.",
    )
    council = may["comment"]
    chair = access.can_chair(request.user, board)
    form = CommentaryForm(
        request.POST or None,
        council=council,
        chair=chair,
        initial={"council_commentary": pack.council_commentary, "chair_commentary": pack.chair_commentary},
    )
    if request.method == "POST" and form.is_valid():
        try:
            packs.board_pack_commentary_save(
                pack=pack,
                council_commentary=form.cleaned_data.get("council_commentary"),
                chair_commentary=form.cleaned_data.get("chair_commentary"),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "Key messages saved. The PDF is being drawn again.")
            return redirect("board_report", slug=board.slug, pk=pack.pk)
    return render(request, "improvement_board/pack_commentary.html", {"board": board, "report": pack, "form": form})


@require_POST
@login_required
def pack_step(request: HttpRequest, slug: str, pk: int, step: str) -> HttpResponse:
    """Review, sign off or send: one button each on the pack's page."""
    board = visible_board(request, slug)
    pack = _pack(board, pk)
    may = pack_permissions(request.user, board)
    try:
        if step == "review":
            _refuse(request, may["prepare"], "Only the board's chair or secretary can mark the pack as reviewed.")
            packs.board_pack_review(pack=pack, by=request.user)
            messages.success(request, "The pack is marked as reviewed.")
        elif step == "sign_off":
            _refuse(request, may["sign_off"], "Only the board's chair can sign off its pack.")
            packs.board_pack_sign_off(pack=pack, by=request.user)
            messages.success(request, "The pack is signed off. It will not change now.")
        else:
            _refuse(request, may["prepare"], "Only the board's chair or secretary can send the pack.")
            sent = packs.board_pack_send(pack=pack, by=request.user, base_url=request.build_absolute_uri("/"))
            messages.success(request, f"The pack was sent to {sent} member{'s' if sent != 1 else ''}.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("board_report", slug=board.slug, pk=pack.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pack_correct(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board = visible_board(request, slug)
    pack = _pack(board, pk)
    _refuse(request, access.can_chair(request.user, board), "Only the board's chair can correct a signed-off pack.")
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = packs.board_pack_correct(pack=pack, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"Version {correction.version} is being prepared.")
            return redirect("board_report", slug=board.slug, pk=correction.pk)
    return render(request, "improvement_board/pack_correct.html", {"board": board, "report": pack, "form": form})
