"""Setting up a council without a developer: a task list, then a page for each step (the
improvement notice, the board, the plan), each followed by a check-your-answers page before
anything is saved. The service administrator picks the council and invites its administrator;
the council administrator does the rest. What is typed waits in the session until confirmed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from actions import services as plan_services
from actions.models import ImprovementPlan
from inspections import services as inspection_services
from inspections.models import Council, ImprovementNotice, NoticeDate

from ..accounts import access
from ..accounts.models import AccountEvent, User
from . import services
from .models import ImprovementBoard
from .setup_forms import BoardForm, NoticeForm, PlanForm


def _council(request: HttpRequest, ons_code: str) -> Council:
    council = get_object_or_404(Council, ons_code=ons_code)
    if not access.can_administer_council(request.user, council):
        if request.user.can_view_council(council):
            raise PermissionDenied("Only the council's administrators set it up.")
        raise Http404("No such council.")
    return council


def _date(value) -> str:
    return f"{value:%-d %B %Y}" if value else "Not given"


# --- What each step shows and saves -----------------------------------------------------------


def _notice_rows(data) -> list[tuple[str, str, str]]:
    themes = "\n".join(
        f"{n}. {t.title}\n" + "\n".join(f"   {n}.{m} {text}" for m, text in enumerate(t.measures, 1))
        for n, t in enumerate(data["themes"], 1)
    )
    return [
        (
            "The inspection it rests on",
            f"{data['inspection'].published:%-d %B %Y}: {data['inspection'].title}",
            "inspection",
        ),
        ("Title", data["title"], "title"),
        ("Date issued", _date(data["issued"]), "issued_0"),
        ("Compliance date", _date(data["compliance"]), "compliance_0"),
        ("First DfE review date", _date(data.get("review")), "review_0"),
        ("Themes and measures", themes, "themes"),
    ]


def _notice_save(*, council, data, actor) -> str:
    dates = [(NoticeDate.Kind.COMPLIANCE, data["compliance"])] + (
        [(NoticeDate.Kind.REVIEW, data["review"])] if data.get("review") else []
    )
    notice = inspection_services.notice_create(
        council=council,
        inspection=data["inspection"],
        issued=data["issued"],
        title=data["title"],
        dates=dates,
        themes=[(theme.title, list(theme.measures)) for theme in data["themes"]],
    )
    measures = sum(len(theme.measures) for theme in data["themes"])
    return f"Recorded the {notice.title} of {_date(notice.issued)}: {len(data['themes'])} themes, {measures} measures"


def _board_rows(data) -> list[tuple[str, str, str]]:
    members = (
        "\n".join(f"{m.name}{', ' + m.job_title if m.job_title else ''}, {m.organisation}" for m in data["members"])
        or "None yet"
    )
    cadence = f"Every {data['cadence_weeks']} weeks" + (" (agreed by DfE)" if data.get("cadence_agreed_by_dfe") else "")
    return [
        ("Board's name", data["name"], "name"),
        ("Independent chair", f"{data['chair'].get_full_name()} ({data['chair'].email})", "chair"),
        ("Improvement notice", str(data["notice"] or "No notice"), "notice"),
        ("Date the board was set up", _date(data["established"]), "established_0"),
        ("How often it meets", cadence, "cadence_weeks"),
        ("Members", members, "members"),
    ]


def _board_save(*, council, data, actor) -> str:
    board = services.board_set_up(
        council=council,
        notice=data["notice"],
        name=data["name"],
        chair=data["chair"],
        established=data["established"],
        cadence_weeks=data["cadence_weeks"],
        cadence_agreed_by_dfe=data["cadence_agreed_by_dfe"],
        members=[(m.name, m.job_title, m.organisation) for m in data["members"]],
    )
    return f"Set up {board.name}, chaired by {board.chair.get_full_name()}, with {len(data['members'])} members"


def _plan_rows(data) -> list[tuple[str, str, str]]:
    return [
        ("Plan's title", data["title"], "title"),
        ("Owner", data["owner"].get_full_name(), "owner"),
        ("Improvement notice it answers", str(data["notice"] or "No notice"), "notice"),
        ("Date the plan was agreed", _date(data["agreed_on"]), "agreed_on_0"),
    ]


def _plan_save(*, council, data, actor) -> str:
    plan = plan_services.plan_create(
        council=council, notice=data["notice"], title=data["title"], agreed_on=data["agreed_on"], owner=data["owner"]
    )
    return f"Created the plan “{plan.title}”, owned by {plan.owner.get_full_name()}"


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    form: type
    rows: Callable
    save: Callable


STEPS = {
    step.name: step
    for step in (
        Step("notice", "Record the improvement notice", NoticeForm, _notice_rows, _notice_save),
        Step("board", "Set up the improvement board", BoardForm, _board_rows, _board_save),
        Step("plan", "Create the improvement plan", PlanForm, _plan_rows, _plan_save),
    )
}


def _draft_key(council: Council, step: Step) -> str:
    return f"setup:{council.ons_code}:{step.name}"


def _draft_form(request, council: Council, step: Step):
    draft = request.session.get(_draft_key(council, step))
    if draft is None:
        return None
    data = QueryDict(mutable=True)
    for key, values in draft.items():
        data.setlist(key, values)
    return step.form(data, council=council)


# --- Pages ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def start(request: HttpRequest) -> HttpResponse:
    """A service administrator chooses the council to set up."""
    if not access.is_service_administrator(request.user):
        if access.can_manage_users(request.user):
            return redirect("setup:council", ons_code=request.user.council.ons_code)
        raise PermissionDenied("Only administrators set up councils.")
    chosen = request.GET.get("council", "")
    if chosen:
        council = Council.objects.filter(ons_code=chosen).first()
        if council is not None:
            return redirect("setup:council", ons_code=council.ons_code)
    councils = Council.objects.filter(is_current=True).order_by("name")
    return render(
        request, "boards/setup_start.html", {"councils": councils, "error": bool(chosen)}, status=400 if chosen else 200
    )


@login_required
@require_http_methods(["GET"])
def council_tasks(request: HttpRequest, ons_code: str) -> HttpResponse:
    council = _council(request, ons_code)
    admins = User.objects.filter(council=council, role=User.Role.COUNCIL_ADMINISTRATOR, deactivated_at__isnull=True)
    tasks = [
        (
            "Invite the council's administrator",
            reverse("user_invite") + f"?council={council.pk}&role=council_administrator",
            admins.exists(),
        ),
        (
            "Invite officers, the chair and board members",
            reverse("user_invite") + f"?council={council.pk}",
            User.objects.filter(council=council).exclude(role=User.Role.COUNCIL_ADMINISTRATOR).exists(),
        ),
        (
            STEPS["notice"].title,
            reverse("setup:notice", kwargs={"ons_code": ons_code}),
            ImprovementNotice.objects.filter(council=council).exists(),
        ),
        (
            STEPS["board"].title,
            reverse("setup:board", kwargs={"ons_code": ons_code}),
            ImprovementBoard.objects.filter(council=council, is_active=True).exists(),
        ),
        (
            STEPS["plan"].title,
            reverse("setup:plan", kwargs={"ons_code": ons_code}),
            ImprovementPlan.objects.active().filter(council=council).exists(),
        ),
    ]
    return render(request, "boards/setup_tasks.html", {"council": council, "tasks": tasks})


@login_required
@require_http_methods(["GET", "POST"])
def step_form(request: HttpRequest, ons_code: str, step: str) -> HttpResponse:
    council = _council(request, ons_code)
    step = STEPS[step]
    if request.method == "POST":
        form = step.form(request.POST, council=council)
        if form.is_valid():
            request.session[_draft_key(council, step)] = {
                key: values for key, values in request.POST.lists() if key not in {"csrfmiddlewaretoken", "submit"}
            }
            return redirect(f"setup:{step.name}_check", ons_code=ons_code)
    else:
        form = _draft_form(request, council, step) or step.form(council=council)
    return render(
        request,
        "boards/setup_step.html",
        {"council": council, "step": step, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def step_check(request: HttpRequest, ons_code: str, step: str) -> HttpResponse:
    council = _council(request, ons_code)
    step = STEPS[step]
    form = _draft_form(request, council, step)
    if form is None or not form.is_valid():
        return redirect(f"setup:{step.name}", ons_code=ons_code)
    error = ""
    if request.method == "POST":
        try:
            done = step.save(council=council, data=form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            del request.session[_draft_key(council, step)]
            AccountEvent.objects.create(
                kind=AccountEvent.Kind.SET_UP, actor=request.user, council=council, description=done
            )
            messages.success(request, done + ".")
            return redirect("setup:council", ons_code=ons_code)
    return render(
        request,
        "boards/setup_check.html",
        {
            "council": council,
            "step": step,
            "rows": step.rows(form.cleaned_data),
            "error": error,
        },
        status=400 if error else 200,
    )
