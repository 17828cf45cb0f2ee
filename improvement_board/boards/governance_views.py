"""The board's action log and risk register: lists everyone who may see the board reads, and the
pages where the chair or the board's secretary keeps them (a member who owns an action records
its progress). Thin: the form validates, a service acts, the view redirects."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from actions.models import Action

from ..accounts import access
from . import governance_selectors as selectors
from . import governance_services as services
from .governance import RISK_SCORE_MEANING, BoardAction, BoardRisk
from .governance_forms import BoardActionForm, CloseForm, PlanLinkForm, ProgressForm, RiskForm, RiskReviewForm
from .models import Decision, ImprovementBoard
from .views import visible_board

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def governed_board(request: HttpRequest, slug: str, *, manage: bool = False) -> ImprovementBoard:
    """The board (404 for someone who may not see it); with ``manage``, 403 for anyone but its
    chair, its secretary or an administrator."""
    board = visible_board(request, slug)
    if manage and not access.can_manage_governance(request.user, board):
        raise PermissionDenied("Only the board's chair or secretary can change its papers.")
    return board


def form_errors(form, exc: ValidationError) -> None:
    """A service's refusal, shown on the form: by field where it names one, else at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _back(action: BoardAction) -> str:
    return reverse("board_action", args=[action.board.slug, action.number])


def _action(request: HttpRequest, slug: str, number: int, *, manage: bool = False):
    """The board and its action ``number`` (404 when either is missing or hidden from the user;
    with ``manage``, 403 as :func:`governed_board` says)."""
    board = governed_board(request, slug, manage=manage)
    return board, get_object_or_404(
        BoardAction.objects.select_related("raised_at", "closed_at", "owner_member", "board", "decision__meeting"),
        board=board,
        number=number,
    )


def form_page(request, board, form, *, heading: str, back: str, intro: str = "", rows=()) -> HttpResponse:
    """The one form page (``boards/form.html``): a heading, what is being changed, the form."""
    return render(
        request,
        "boards/form.html",
        {"board": board, "form": form, "heading": heading, "back": back, "intro": intro, "rows": rows},
    )


def governance_page(request, board, template: str, **context) -> HttpResponse:
    """A page of the board's papers: ``template`` with the board, whether this user may change
    its papers (``can_manage``), and ``context``."""
    can_manage = access.can_manage_governance(request.user, board)
    return render(request, template, {"board": board, "can_manage": can_manage, **context})


def register_page(request, slug: str, template: str, select, *, late: str, **context) -> HttpResponse:
    """A register of the board's papers (the action log, the risk register): ``select`` gives the
    open entries, each with its ``late`` flag set for today, and the closed ones. The template
    gets them as ``open_entries`` and ``closed_entries``, and the number flagged as ``late``."""
    board = governed_board(request, slug)
    today = timezone.localdate()
    open_entries, closed_entries = select(board, on=today)
    return governance_page(
        request,
        board,
        template,
        open_entries=open_entries,
        closed_entries=closed_entries,
        late=sum(1 for entry in open_entries if getattr(entry, late)),
        today=today,
        **context,
    )


def _action_rows(action: BoardAction) -> list[tuple[str, str]]:
    return [
        ("Action", action.text),
        ("Owner", action.owner),
        ("Due", f"{action.due:%-d %B %Y}"),
        ("Raised at", f"The meeting of {action.raised_at.date:%-d %B %Y}"),
        ("Progress", action.progress or "None recorded"),
    ]


def _risk_rows(risk: BoardRisk) -> list[tuple[str, str]]:
    return [
        ("Score now", f"{risk.score}, {risk.band.lower()}: likelihood {risk.likelihood} × impact {risk.impact}"),
        ("Trend", risk.get_trend_display()),
        ("Mitigations", risk.mitigations),
        ("Review date", f"{risk.review_date:%-d %B %Y}"),
    ]


# --- The action log ----------------------------------------------------------------------------


@require_safe
@login_required
def action_log(request: HttpRequest, slug: str) -> HttpResponse:
    return register_page(request, slug, "boards/action_log.html", selectors.action_log, late="overdue")


@GET_POST
@login_required
def action_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Add an action; from ``?decision=<id>`` (one of the board's decisions), the decision's
    meeting and wording to start from."""
    board = governed_board(request, slug, manage=True)
    decision = None
    if request.GET.get("decision", "").isdigit():
        decision = get_object_or_404(Decision.objects.select_related("meeting"), pk=request.GET["decision"])
        if decision.meeting.board_id != board.pk:
            decision = None
    initial = {"text": decision.text, "raised_at": decision.meeting} if decision else {}
    if not board.meetings.exists():
        messages.error(request, "Record a meeting first: every action is raised at one.")
        return redirect("board_actions", slug=board.slug)
    form = BoardActionForm(request.POST or None, board=board, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = services.board_action_raise(
                board=board,
                meeting=data["raised_at"],
                text=data["text"],
                owner=data["owner"],
                owner_member=data["owner_member"],
                due=data["due"],
                decision=decision if decision and decision.meeting_id == data["raised_at"].pk else None,
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"Action {action.number} added to the action log.")
            return redirect("board_action", slug=board.slug, number=action.number)
    intro = (
        f"From decision {decision.number} of the meeting of {decision.meeting.date:%-d %B %Y}. "
        "Change the wording so that it says who is to do what."
        if decision
        else "A follow-up the board asked for at a meeting: who is to do what, and by when."
    )
    return form_page(
        request, board, form, heading="Add an action", back=reverse("board_actions", args=[board.slug]), intro=intro
    )


@require_safe
@login_required
def action_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    board, action = _action(request, slug, number)
    return governance_page(
        request,
        board,
        "boards/action.html",
        action=action,
        overdue=action.is_overdue(on=timezone.localdate()),
        plan_actions=action.plan_actions.select_related("plan").order_by("order"),
        history=action.history.select_related("history_user").order_by("-history_date", "-history_id"),
        can_update=access.can_update_board_action(request.user, action),
    )


@GET_POST
@login_required
def action_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    board, action = _action(request, slug, number, manage=True)
    initial = {"text": action.text, "owner_member": action.owner_member, "due": action.due}
    if action.owner_member is None:
        initial["owner"] = action.owner
    form = BoardActionForm(request.POST or None, board=board, new=False, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.board_action_edit(
                action=action,
                text=data["text"],
                owner=data["owner"],
                owner_member=data["owner_member"],
                due=data["due"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"Action {action.number} changed.")
            return redirect("board_action", slug=board.slug, number=action.number)
    return form_page(request, board, form, heading=f"Change action {number}", back=_back(action))


@GET_POST
@login_required
def action_progress(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    board, action = _action(request, slug, number)
    if not access.can_update_board_action(request.user, action):
        raise PermissionDenied("Only the action's owner, or the board's chair or secretary, can record its progress.")
    form = ProgressForm(request.POST or None, initial={"progress": action.progress})
    if request.method == "POST" and form.is_valid():
        try:
            services.board_action_progress(action=action, by=request.user, progress=form.cleaned_data["progress"])
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"Progress on action {action.number} saved.")
            return redirect("board_action", slug=board.slug, number=action.number)
    return form_page(
        request,
        board,
        form,
        heading=f"Record progress on action {number}",
        back=_back(action),
        rows=_action_rows(action)[:3],
    )


@GET_POST
@login_required
def action_close(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    board, action = _action(request, slug, number, manage=True)
    form = CloseForm(request.POST or None, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.board_action_close(
                action=action, meeting=form.cleaned_data["meeting"], status=form.cleaned_data["status"]
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"Action {action.number} closed.")
            return redirect("board_actions", slug=board.slug)
    return form_page(
        request,
        board,
        form,
        heading=f"Close action {number}",
        back=_back(action),
        intro="Check the action, then choose the meeting that closed it. A closed action cannot change.",
        rows=_action_rows(action),
    )


@GET_POST
@login_required
def action_links(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Search the council's plan for the actions this one follows up, and link them."""
    board, action = _action(request, slug, number, manage=True)
    plan_actions = Action.objects.filter(plan__council=board.council, plan__is_active=True).order_by("order")
    query = request.GET.get("q", "").strip()[:200]
    linked = list(action.plan_actions.order_by("order"))
    found = []
    if query:
        found = list(
            plan_actions.filter(
                Q(reference__iexact=query) | Q(title__icontains=query) | Q(description__icontains=query)
            ).exclude(pk__in=[a.pk for a in linked])[:25]
        )
    form = PlanLinkForm(request.POST or None, choices=plan_actions, initial={"plan_actions": linked})
    if request.method == "POST" and form.is_valid():
        try:
            services.board_action_link(action=action, plan_actions=form.cleaned_data["plan_actions"])
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"Plan actions linked to action {action.number} saved.")
            return redirect("board_action", slug=board.slug, number=action.number)
    return render(
        request,
        "boards/action_links.html",
        {"board": board, "action": action, "form": form, "query": query, "linked": linked, "found": found},
    )


# --- The risk register -------------------------------------------------------------------------


def _risk(request: HttpRequest, slug: str, pk: int, *, manage: bool = False):
    """The board and its risk ``pk``, as :func:`_action` finds an action."""
    board = governed_board(request, slug, manage=manage)
    return board, get_object_or_404(BoardRisk.objects.select_related("board"), board=board, pk=pk)


@require_safe
@login_required
def risk_register(request: HttpRequest, slug: str) -> HttpResponse:
    return register_page(
        request,
        slug,
        "boards/risk_register.html",
        selectors.risk_register,
        late="review_overdue",
        meaning=RISK_SCORE_MEANING,
    )


@GET_POST
@login_required
def risk_new(request: HttpRequest, slug: str) -> HttpResponse:
    board = governed_board(request, slug, manage=True)
    form = RiskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            risk = services.board_risk_record(board=board, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"{risk.title} added to the risk register, scoring {risk.score} ({risk.band}).")
            return redirect("board_risk", slug=board.slug, pk=risk.pk)
    return form_page(
        request,
        board,
        form,
        heading="Add a risk",
        back=reverse("board_risks", args=[board.slug]),
        intro=RISK_SCORE_MEANING,
    )


@require_safe
@login_required
def risk_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, risk = _risk(request, slug, pk)
    return governance_page(
        request,
        board,
        "boards/risk.html",
        risk=risk,
        review_overdue=risk.is_review_overdue(on=timezone.localdate()),
        history=selectors.risk_history(risk),
        meaning=RISK_SCORE_MEANING,
    )


@GET_POST
@login_required
def risk_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, risk = _risk(request, slug, pk, manage=True)
    fields = ("title", "cause", "owner", "mitigations", "review_date", "escalated", "closed")
    form = RiskForm(request.POST or None, new=False, initial={name: getattr(risk, name) for name in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.board_risk_record(
                board=board,
                risk=risk,
                likelihood=risk.likelihood,
                impact=risk.impact,
                trend=risk.trend,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"{risk.title} changed.")
            return redirect("board_risk", slug=board.slug, pk=risk.pk)
    return form_page(
        request,
        board,
        form,
        heading=f"Change the risk: {risk.title}",
        back=reverse("board_risk", args=[board.slug, risk.pk]),
        intro="Its likelihood and impact change when it is reviewed, so that each review is recorded.",
    )


@GET_POST
@login_required
def risk_review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, risk = _risk(request, slug, pk, manage=True)
    form = RiskReviewForm(
        request.POST or None,
        initial={"likelihood": risk.likelihood, "impact": risk.impact, "escalated": risk.escalated},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.board_risk_review(risk=risk, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request,
                f"Review recorded: {risk.title} now scores {risk.score} ({risk.band}), {risk.get_trend_display().lower()}.",
            )
            return redirect("board_risk", slug=board.slug, pk=risk.pk)
    return form_page(
        request,
        board,
        form,
        heading=f"Review the risk: {risk.title}",
        back=reverse("board_risk", args=[board.slug, risk.pk]),
        intro=f"{RISK_SCORE_MEANING} The trend follows from the new score against the last one.",
        rows=_risk_rows(risk),
    )
