from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Action, DueDateRevision, Evidence, ImprovementPlan, IndicatorValue, Milestone, PerformanceIndicator,
    ProgressUpdate,
)


@admin.register(ImprovementPlan)
class ImprovementPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "agreed_on", "is_active", "is_synthetic"]
    list_filter = ["is_active", "is_synthetic"]
    search_fields = ["title", "council__name"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
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


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    """Updates are history: the admin may read them, never change or delete them."""

    list_display = ["action", "created_at", "author", "status", "rag"]
    list_filter = ["status", "rag"]
    list_select_related = ["action", "author"]
    inlines = [EvidenceInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(DueDateRevision)
class DueDateRevisionAdmin(SimpleHistoryAdmin):
    list_display = ["action", "proposed_date", "status", "proposed_by", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["action", "proposed_by", "decided_by"]
    raw_id_fields = ["action", "meeting"]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ["month", "value", "source", "entered_by"]
    raw_id_fields = ["entered_by"]


@admin.register(PerformanceIndicator)
class PerformanceIndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "unit", "polarity", "target", "target_date"]
    list_filter = ["unit", "polarity"]
    inlines = [IndicatorValueInline]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "due_date", "achieved_on"]
