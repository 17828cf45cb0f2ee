"""Pages of the improvement plan. Each view: decorators state the contract, a helper loads the
object and asks ``improvement_board.accounts.access`` (404 for what you may not see, 403 for what
you may see but not change), a form validates, a service acts, the view redirects."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from inspections import uploads

from . import access, exports, forms, held, indicator_selectors, rules, selectors, services
from .models import ARCHIVED_PLAN_MESSAGE, Action, DueDateRevision, Evidence, IndicatorValue, PerformanceIndicator

PAGE_SIZE = 50


def _action(request: HttpRequest, pk: int, *, write: bool = False) -> Action:
    action = get_object_or_404(
        Action.objects.select_related("plan__council", "owner", "lead_organisation", "objective"), pk=pk
    )
    if write:
        request.user.require_view_council(action.plan.council)
        if not request.user.can_update_action(action):  # a partner officer: only their organisation's
            raise PermissionDenied("You can read this action but not change it.")
        _require_open(action.plan)
    else:
        request.user.require_view_council(action.plan.council)
    return action


def _require_open(plan) -> None:
    """403 for a change to an archived plan (the services refuse it too)."""
    if plan.is_archived:
        raise PermissionDenied(ARCHIVED_PLAN_MESSAGE)


def _can_update(user, plan) -> bool:
    return plan.is_active and user.can_update_plan(plan.council)


def _plan_context(request: HttpRequest):
    """The council and plan asked for, the filter form, and the filtered actions."""
    council = request.user.plan_council(request.GET.get("council"))
    if council is None:
        return None
    plan = selectors.active_plan(council)
    today = timezone.localdate()
    context = {"council": council, "plan": plan, "today": today, "choosing": _choosing(request.user)}
    if plan is None:
        return context
    since = selectors.council_previous_meeting_date(council, on=today)
    form = forms.PlanFilterForm(request.GET or None, choices=selectors.plan_filter_choices(plan))
    filters = form.filters()
    context.update(
        form=form,
        filters=filters,
        since=since,
        actions=selectors.plan_actions_filtered(plan, on=today, filters=filters, since=since),
    )
    return context


def _choosing(user) -> bool:
    """Whether the user picks a council (everyone but a council's own people)."""
    own = {user.Role.OFFICER, user.Role.COUNCIL_ADMINISTRATOR, user.Role.PARTNER_OFFICER, user.Role.BOARD_MEMBER}
    return not (user.role in own and not user.is_administrator())


@require_safe
@login_required
def plan(request: HttpRequest) -> HttpResponse:
    """A council's improvement plan: the officer's own actions first (overdue and due within 14
    days at the top), then the whole plan, filtered, sorted and paginated."""
    context = _plan_context(request)
    if context is None:
        councils = request.user.visible_councils().filter(plans__is_active=True).distinct()
        return render(request, "actions/choose_council.html", {"councils": councils.order_by("short_name")})
    if context["plan"] is not None:
        plan, today = context["plan"], context["today"]
        rag_counts = selectors.plan_rag_counts(plan, on=today)
        paginator = Paginator(context["actions"], PAGE_SIZE)
        if not context["filters"]:
            paginator.count = sum(rag_counts.values())  # the whole plan: counted with its ratings
        page = paginator.get_page(request.GET.get("page"))
        context.update(
            page=page,
            rag_counts=rag_counts,
            mine=_mine(request.user, plan, on=today, since=context["since"]),
            can_update=request.user.can_update_plan(context["council"]),
            export_query=request.GET.urlencode(),
        )
        context["urgent"] = [a for a in context["mine"] if a.urgent]
        context["urgent_caption"] = f"Overdue or due in the next {rules.DUE_SOON_DAYS} days"
        context["other_mine"] = [a for a in context["mine"] if not a.urgent]
    return render(request, "actions/plan.html", context)


def _mine(user, plan, *, on, since) -> list:
    """The person's own actions in the plan. Someone not of the plan's council (an observer, a
    chair, an administrator) seldom owns any: a quick question first spares them the long one."""
    if user.council_id != plan.council_id and not plan.actions.filter(owner=user).exists():
        return []
    return list(selectors.owner_actions(plan, user, on=on, since=since)[:PAGE_SIZE])


@require_safe
@login_required
def plan_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered list as CSV or XLSX."""
    context = _plan_context(request)
    if context is None or context["plan"] is None:
        raise Http404("Choose a council with a plan to export.")
    rows = selectors.export_rows(context["actions"])
    name = f"{context['council'].slug}-improvement-plan-{context['today']:%Y-%m-%d}"
    if fmt == "csv":
        return exports.actions_csv(rows, filename=f"{name}.csv", on=context["today"])
    return exports.actions_xlsx(rows, filename=f"{name}.xlsx", on=context["today"])


@require_safe
@login_required
def action(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    today = timezone.localdate()
    council = action.plan.council
    since = selectors.council_previous_meeting_date(council, on=today)
    revisions = list(action.revisions.select_related("proposed_by", "decided_by"))
    return render(
        request,
        "actions/action.html",
        {
            "action": action,
            "rag": action.rag_on(today),
            "overdue": action.is_overdue(on=today),
            "not_updated": rules.not_updated_since(
                status=action.status, last_updated_at=action.last_updated_at, since=since
            ),
            "since": since,
            "recommendations": action.recommendations.select_related("inspection__framework", "section"),
            "measures": action.measures.select_related("theme__notice"),
            "updates": list(action.updates.select_related("author").prefetch_related("evidence")),
            "revisions": revisions,
            "pending": next((r for r in revisions if r.is_pending), None),
            "history": selectors.action_history(action),
            "can_update": action.plan.is_active and request.user.can_update_action(action),
            "can_decide": action.plan.is_active and request.user.can_decide_revisions(council),
            "can_edit_structure": action.plan.is_active
            and access.can_edit_structure(request.user, council, action.plan),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def progress_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Log progress. Evidence files attached to a form that fails validation are kept (private to
    the officer, for a day) and shown as attached, so they need not be chosen again."""
    action = _action(request, pk, write=True)
    today = timezone.localdate()
    stale = None
    kept = []
    if request.method == "POST":
        kept = held.held_files_for(
            tokens=request.POST.getlist("held_evidence"), owner=request.user, purpose=held.EVIDENCE
        )
        kept = [h for h in kept if str(h.token) not in request.POST.getlist("remove_evidence")]
        form = forms.ProgressUpdateForm(
            request.POST, request.FILES, action=action, on=today, held_names=[h.original_name for h in kept]
        )
        if form.is_valid():
            data = form.cleaned_data
            uploads = [held.HeldUpload(h) for h in kept]
            try:
                services.progress_update_create(
                    action=action,
                    author=request.user,
                    narrative=data["narrative"],
                    status=data["status"],
                    rag=data["rag"],
                    remedial_action=data["remedial_action"],
                    evidence_of_impact=data["evidence_of_impact"],
                    expected_version=data["version"],
                    files=[*data["files"], *uploads],
                    links=data["links"],
                )
            except services.StaleEdit as error:
                stale = selectors.action_changes_since(error.action, error.expected_version)
                form.add_error(
                    None,
                    "Someone else changed this action since you opened this page. Check what "
                    "changed below, then save your update again if it is still right.",
                )
                # The next save is checked against what the person has now seen.
                form.data = form.data.copy()
                form.data["version"] = error.action.version
                action = error.action
            except ValidationError as error:
                form.add_error(None, error)
            else:
                for upload in uploads:
                    upload.close()
                    held.held_file_delete(upload.held)
                messages.success(request, f"Progress update saved for {action.reference} {action.title}.")
                return redirect(action)
            finally:
                for upload in uploads:
                    upload.close()
        kept = held.evidence_keep(request=request, form_files=(form.cleaned_data.get("files") or []))
    else:
        form = forms.ProgressUpdateForm(action=action, on=today)
    return render(
        request,
        "actions/progress_form.html",
        {
            "action": action,
            "form": form,
            "stale": stale,
            "overdue": form.overdue,
            "rag": action.rag_on(today),
            "kept": kept,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def revision_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose a revised due date, or replace the one awaiting the board with another."""
    action = _action(request, pk, write=True)
    today = timezone.localdate()
    pending = action.revisions.pending().first()
    form = forms.RevisedDateForm(
        request.POST if request.method == "POST" else None, action=action, on=today, replacing=pending
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.revised_date_propose(
                action=action,
                proposed_by=request.user,
                proposed_date=form.cleaned_data["proposed_date"],
                reason=form.cleaned_data["reason"],
                replace=pending is not None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                (
                    "Your new proposal replaces the one awaiting the board. "
                    if pending
                    else "Revised due date sent to the board. "
                )
                + "It does not change the due date until the chair agrees it.",
            )
            return redirect(action)
    return render(request, "actions/revision_form.html", {"action": action, "form": form, "pending": pending})


@require_safe
@login_required
def revisions_pending(request: HttpRequest) -> HttpResponse:
    """The chair's list of revised due dates awaiting the board."""
    councils = request.user.chaired_councils()
    if not councils.exists():
        raise PermissionDenied("Only a board chair can agree or reject revised due dates.")
    return render(
        request,
        "actions/revisions_pending.html",
        {"revisions": selectors.pending_revisions(councils), "today": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
@login_required
def revision_decide(request: HttpRequest, pk: int) -> HttpResponse:
    revision = get_object_or_404(
        DueDateRevision.objects.select_related("action__plan__council", "action__owner", "proposed_by", "decided_by"),
        pk=pk,
    )
    request.user.require_decide_revisions(revision.action.plan.council)
    _require_open(revision.action.plan)
    form = forms.RevisionDecisionForm(request.POST if request.method == "POST" else None, on=timezone.localdate())
    if request.method == "POST" and revision.is_pending and form.is_valid():
        decision = form.cleaned_data["decision"]
        agree = decision in ("agree", "different")
        try:
            services.revised_date_decide(
                revision=revision,
                decided_by=request.user,
                agree=agree,
                reason=form.cleaned_data["reason"],
                agreed_date=form.cleaned_data["agreed_date"] if decision == "different" else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Revised due date for {revision.action.reference} {'agreed' if agree else 'rejected'}."
            )
            return redirect("actions:revisions")
    return render(
        request,
        "actions/revision_decide.html",
        {"revision": revision, "action": revision.action, "form": form, "today": timezone.localdate()},
    )


@require_safe
@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, for those who may see its action; never from a public address."""
    evidence = get_object_or_404(Evidence.objects.select_related("update__action__plan__council"), pk=pk)
    request.user.require_view_council(evidence.update.action.plan.council)
    if not evidence.file:
        raise Http404("This evidence is a link, not a file.")
    return uploads.file_response(
        evidence.file, filename=evidence.original_name, content_type=evidence.content_type or "application/octet-stream"
    )


# --- Indicators ------------------------------------------------------------------------------


def _indicator(request: HttpRequest, pk: int, *, write: bool = False) -> PerformanceIndicator:
    indicator = get_object_or_404(PerformanceIndicator.objects.select_related("plan__council"), pk=pk)
    if write:
        request.user.require_update_plan(indicator.plan.council)
        _require_open(indicator.plan)
    else:
        request.user.require_view_council(indicator.plan.council)
    return indicator


@require_safe
@login_required
def indicators(request: HttpRequest) -> HttpResponse:
    council = request.user.plan_council(request.GET.get("council"))
    if council is None:
        councils = request.user.visible_councils().filter(plans__is_active=True).distinct()
        return render(
            request,
            "actions/choose_council.html",
            {"councils": councils.order_by("short_name"), "target": "actions:indicators"},
        )
    plan = selectors.active_plan(council)
    return render(
        request,
        "actions/indicators.html",
        {
            "council": council,
            "plan": plan,
            "rows": indicator_selectors.plan_standings(plan) if plan else [],
            "choosing": _choosing(request.user),
            "can_update": request.user.can_update_plan(council),
            "months": forms.month_choices(timezone.localdate(), months=12),
        },
    )


@require_safe
@login_required
def indicator(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk)
    values = list(indicator.values.select_related("entered_by").order_by("-month"))
    standing = indicator_selectors.IndicatorStanding(indicator, values[::-1])
    standing.chart_svg = indicator_selectors.chart_svg(standing)
    history = list(
        IndicatorValue.history.filter(indicator_id=indicator.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    return render(
        request,
        "actions/indicator.html",
        {
            "indicator": indicator,
            "values": values,
            "standing": standing,
            "history": history,
            "can_update": _can_update(request.user, indicator.plan),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def indicator_value_enter(request: HttpRequest, pk: int) -> HttpResponse:
    """One month's value for one indicator; replacing a value needs a confirmation."""
    indicator = _indicator(request, pk, write=True)
    today = timezone.localdate()
    needs_confirmation = request.method == "POST" and "confirm_replace" in request.POST
    form = forms.IndicatorValueForm(
        request.POST if request.method == "POST" else None,
        indicator=indicator,
        on=today,
        needs_confirmation=needs_confirmation,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.indicator_value_set(
                indicator=indicator,
                month=data["month"],
                value=data["value"],
                source=data["source"],
                entered_by=request.user,
                replace=data["confirm_replace"],
            )
        except services.ReplaceNeedsConfirming as error:
            form = forms.IndicatorValueForm(request.POST, indicator=indicator, on=today, needs_confirmation=True)
            form.is_valid()
            form.add_error(
                "confirm_replace",
                f"{indicator.name} already has {error.existing.value:g} for "
                f"{error.existing.month:%B %Y}. Tick the box to replace it.",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{indicator.name}: {data['month']:%B %Y} saved.")
            return redirect("actions:indicator", pk=indicator.pk)
    return render(request, "actions/indicator_value_form.html", {"indicator": indicator, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def indicator_table(request: HttpRequest) -> HttpResponse:
    """Every indicator of the plan for one month, as one table."""
    council = request.user.plan_council(request.GET.get("council"))
    if council is None:
        raise Http404("Choose a council.")
    request.user.require_update_plan(council)
    plan = selectors.active_plan(council)
    if plan is None:
        raise Http404("This council has no plan.")
    today = timezone.localdate()
    choices = dict(forms.month_choices(today))
    month_key = (request.POST or request.GET).get("month") or today.replace(day=1).isoformat()
    if month_key not in choices:
        raise Http404("No such month.")
    month = datetime.date.fromisoformat(month_key)
    indicators = list(selectors.plan_indicators(plan))
    existing = {v.indicator_id: v for v in IndicatorValue.objects.filter(indicator__plan=plan, month=month)}
    form = forms.IndicatorTableForm(
        request.POST if request.method == "POST" else None,
        initial={"month": month_key},
        indicators=indicators,
        existing=existing,
        on=today,
        needs_confirmation="confirm_replace" in request.POST,
    )
    if request.method == "POST" and form.is_valid():
        values = form.values()
        replacing = [(i, v) for i, v in values if i.pk in existing and existing[i.pk].value != v]
        if replacing and not form.cleaned_data["confirm_replace"]:
            form = forms.IndicatorTableForm(
                request.POST, indicators=indicators, existing=existing, on=today, needs_confirmation=True
            )
            form.is_valid()
            names = "; ".join(f"{i.name} ({existing[i.pk].value:g} to {v:g})" for i, v in replacing)
            form.add_error(
                "confirm_replace",
                f"These already have values for {month:%B %Y}: {names}. Tick the box to replace them.",
            )
        elif values:
            services.indicator_values_set(values=values, month=month, entered_by=request.user)
            messages.success(request, f"{len(values)} value{'s' if len(values) != 1 else ''} saved for {month:%B %Y}.")
            return redirect(
                f"{reverse('actions:indicators')}{'?council=' + council.ons_code if _choosing(request.user) else ''}"
            )
        else:
            form.add_error(None, "Enter at least one value")
    return render(
        request,
        "actions/indicator_table.html",
        {
            "council": council,
            "plan": plan,
            "form": form,
            "month": month,
            "existing": existing,
            "months": forms.month_choices(today, months=12),
            "choosing": _choosing(request.user),
        },
    )
