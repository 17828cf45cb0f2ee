from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import guardrails, services
from .models import (
    ARCHIVED_PLAN_MESSAGE,
    Action,
    DueDateRevision,
    Evidence,
    ImprovementPlan,
    IndicatorValue,
    Milestone,
    PerformanceIndicator,
    ProgressUpdate,
    Redaction,
)


class ServicesOnly:
    """Read here, changed only through the pages and their services, which keep the rules that
    go with a change (an action's version and completion, a milestone's or value's history for
    the board pack, a change written in words): the admin shows every field read-only and saves
    nothing, the history page included."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.concrete_fields] + [f.name for f in self.model._meta.many_to_many]

    def save_model(self, request, obj, form, change):
        raise PermissionDenied("Change this through the plan's pages.")


class ArchivedPlanReadOnly:
    """What belongs to an archived plan is read-only in the admin too: it may be seen, not
    changed, deleted or added to. ``plan_path`` leads from the object to its plan."""

    plan_path = "plan"

    def _plan(self, obj):
        for part in self.plan_path.split("."):
            obj = getattr(obj, part, None) if obj is not None else None
        return obj

    def _archived(self, obj) -> bool:
        plan = self._plan(obj)
        return plan is not None and not plan.is_active

    def has_change_permission(self, request, obj=None):
        return not self._archived(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._archived(obj) and super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        owner = self

        class RefuseArchived(form):
            def clean(self):
                data = super().clean()
                first, _, rest = owner.plan_path.partition(".")
                plan = data.get(first)
                for part in rest.split(".") if rest else []:
                    plan = getattr(plan, part, None)
                if plan is not None and not plan.is_active:
                    raise ValidationError(ARCHIVED_PLAN_MESSAGE)
                return data

        return RefuseArchived


@admin.register(ImprovementPlan)
class ImprovementPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "agreed_on", "is_active", "is_synthetic"]
    list_filter = ["is_active", "is_synthetic"]
    search_fields = ["title", "council__name"]


@admin.register(Action)
class ActionAdmin(ServicesOnly, SimpleHistoryAdmin):
    """Actions change on the plan's pages (structure services write each change in words and
    keep the version; progress updates set status, completion and lateness)."""

    list_display = ["reference", "title", "plan", "owner", "status", "due_date", "revised_due_date", "reported_rag"]
    list_filter = ["status", "reported_rag", "plan__is_synthetic"]
    search_fields = ["reference", "title", "plan__council__name"]
    list_select_related = ["plan", "owner"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    readonly_fields = ["title", "file", "original_name", "content_type", "size", "url"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PersonalDataFilter(admin.SimpleListFilter):
    """Updates whose text (as shown now, so redacted ones drop out) or evidence names look as if
    they identify a child (actions/guardrails.py). Scans the text in Python: an occasional check."""

    title = "personal data"
    parameter_name = "personal_data"

    def lookups(self, request, model_admin):
        return [("flagged", "Looks as if it identifies a child"), ("redacted", "Redacted")]

    def queryset(self, request, queryset):
        if self.value() == "redacted":
            return queryset.filter(redactions__isnull=False).distinct()
        if self.value() != "flagged":
            return queryset
        names: dict[int, list[str]] = {}
        for update_id, title, original in Evidence.objects.values_list("update_id", "title", "original_name"):
            names.setdefault(update_id, []).extend([title, original])
        flagged = [
            u.pk
            for u in queryset.only("pk", "narrative", "remedial_action")
            if guardrails.looks_identifying(u.narrative, u.remedial_action)
            or (u.redaction is None and guardrails.looks_identifying(*names.get(u.pk, [])))
        ]
        return queryset.filter(pk__in=flagged)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    """Updates are history: the admin may read them, never change or delete them; an update that
    identifies a child is redacted (a Redaction, itself recorded) from its page."""

    list_display = ["action", "created_at", "author", "status", "rag", "redact_link"]
    list_filter = [PersonalDataFilter, "status", "rag"]
    list_select_related = ["action", "author"]
    inlines = [EvidenceInline]

    @admin.display(description="Redact")
    def redact_link(self, obj):
        url = reverse("admin:actions_redaction_add") + f"?update={obj.pk}"
        return format_html('<a href="{}">Redact{}</a>', url, " again" if getattr(obj, "redaction", None) else "")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


class RevisionDecisionForm(forms.ModelForm):
    """A pending proposal decided in the admin, as the chair decides it: through
    :func:`actions.decisions.revised_date_decide`, so the action's revised date and RAG follow.
    (Its fields are named apart from the model's own ``agreed_date`` and ``reason``, shown
    read-only beside them.)"""

    DECISIONS = [
        ("", "Leave it awaiting the board"),
        ("agree", "Agree the proposed date"),
        ("agree_other", "Agree a different date"),
        ("reject", "Reject it"),
    ]
    decision = forms.ChoiceField(choices=DECISIONS, required=False)
    date_agreed = forms.DateField(required=False, help_text="Only when agreeing a different date.")
    why = forms.CharField(widget=forms.Textarea, required=False, help_text="Why (to reject or change the date).")
    _FIELD_OF = {"agreed_date": "date_agreed", "reason": "why"}

    class Meta:
        model = DueDateRevision
        fields: list[str] = []

    def clean(self):
        data = super().clean()
        if not data.get("decision"):
            return data
        if data["decision"] == "agree_other" and not data.get("date_agreed"):
            raise ValidationError({"date_agreed": "Enter the date the board agreed."})
        try:
            data["date_agreed"] = services.revised_date_decision_check(
                self.instance,
                agree=data["decision"] != "reject",
                reason=data.get("why") or "",
                agreed_date=data.get("date_agreed") if data["decision"] == "agree_other" else None,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            raise ValidationError({self._FIELD_OF.get(k, None): v for k, v in error.message_dict.items()})
        return data


@admin.register(DueDateRevision)
class DueDateRevisionAdmin(ArchivedPlanReadOnly, SimpleHistoryAdmin):
    """Proposals are made on the action's page; here a pending one may be decided (through the
    service), nothing else changed."""

    plan_path = "action.plan"
    list_display = ["action", "proposed_date", "status", "proposed_by", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["action", "proposed_by", "decided_by"]
    form = RevisionDecisionForm

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in DueDateRevision._meta.concrete_fields]

    def get_fields(self, request, obj=None):
        fields = self.get_readonly_fields(request, obj)
        return fields + (["decision", "date_agreed", "why"] if obj is not None and obj.is_pending else [])

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision") if obj.is_pending else ""
        if decision:
            services.revised_date_decide(
                revision=obj,
                decided_by=request.user,
                agree=decision != "reject",
                reason=form.cleaned_data.get("why") or "",
                agreed_date=form.cleaned_data.get("date_agreed"),
            )


class IndicatorValueInline(admin.TabularInline):
    """Values are entered on the indicator's page (the service records when, for the board pack's
    point in time); here they are read."""

    model = IndicatorValue
    extra = 0
    fields = readonly_fields = ["month", "value", "source", "entered_by", "entered_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PerformanceIndicator)
class PerformanceIndicatorAdmin(ServicesOnly, admin.ModelAdmin):
    list_display = ["name", "plan", "unit", "polarity", "target", "target_date"]
    list_filter = ["unit", "polarity"]
    inlines = [IndicatorValueInline]


@admin.register(Milestone)
class MilestoneAdmin(ServicesOnly, SimpleHistoryAdmin):
    list_display = ["title", "plan", "due_date", "achieved_on"]


@admin.register(Redaction)
class RedactionAdmin(admin.ModelAdmin):
    """Redactions are made and read here, never changed or deleted: each records who redacted
    which update, when and why, and the text shown instead."""

    list_display = ["update", "redacted_by", "at", "reason"]
    list_select_related = ["update__action", "redacted_by"]
    raw_id_fields = ["update"]
    fields = ["update", "reason", "narrative", "remedial_action"]
    readonly_fields: list[str] = []

    def get_readonly_fields(self, request, obj=None):
        return ["update", "reason", "narrative", "remedial_action", "redacted_by", "at"] if obj else []

    def get_fields(self, request, obj=None):
        return self.fields + (["redacted_by", "at"] if obj else [])

    def save_model(self, request, obj, form, change):
        if not change:
            created = services.redaction_create(
                update=obj.update,
                redacted_by=request.user,
                reason=obj.reason,
                narrative=obj.narrative,
                remedial_action=obj.remedial_action,
            )
            obj.pk, obj.redacted_by, obj.at = created.pk, created.redacted_by, created.at

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False
