from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import guardrails
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
class ActionAdmin(ArchivedPlanReadOnly, SimpleHistoryAdmin):
    list_display = ["reference", "title", "plan", "owner", "status", "due_date", "revised_due_date", "reported_rag"]
    list_filter = ["status", "reported_rag", "plan__is_synthetic"]
    search_fields = ["reference", "title", "plan__council__name"]
    list_select_related = ["plan", "owner"]
    autocomplete_fields = ["recommendations", "measures"]
    raw_id_fields = ["owner", "plan"]
    readonly_fields = ["revised_due_date", "version", "last_updated_at"]


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


@admin.register(DueDateRevision)
class DueDateRevisionAdmin(ArchivedPlanReadOnly, SimpleHistoryAdmin):
    plan_path = "action.plan"
    list_display = ["action", "proposed_date", "status", "proposed_by", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["action", "proposed_by", "decided_by"]
    raw_id_fields = ["action"]


class IndicatorValueInline(admin.TabularInline):
    """Its ``obj`` is the indicator: an archived plan's values cannot be changed or added."""

    model = IndicatorValue
    extra = 0
    fields = ["month", "value", "source", "entered_by"]
    raw_id_fields = ["entered_by"]

    def _archived(self, indicator) -> bool:
        return indicator is not None and not indicator.plan.is_active

    def has_add_permission(self, request, obj=None):
        return not self._archived(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._archived(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._archived(obj) and super().has_delete_permission(request, obj)


@admin.register(PerformanceIndicator)
class PerformanceIndicatorAdmin(ArchivedPlanReadOnly, admin.ModelAdmin):
    list_display = ["name", "plan", "unit", "polarity", "target", "target_date"]
    list_filter = ["unit", "polarity"]
    inlines = [IndicatorValueInline]


@admin.register(Milestone)
class MilestoneAdmin(ArchivedPlanReadOnly, SimpleHistoryAdmin):
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
            obj.redacted_by = request.user
            super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False
