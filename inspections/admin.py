from django.contrib import admin
from django.core.exceptions import PermissionDenied

from .models import (
    Council,
    Framework,
    FrameworkGrade,
    ImportRun,
    ImprovementNotice,
    Inspection,
    InspectionSection,
    Judgement,
    NoticeDate,
    NoticeMeasure,
    NoticeTheme,
    Organisation,
    PublishedIndicator,
    PublishedValue,
    Recommendation,
    StatisticalNeighbour,
)


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ons_code", "la_number", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "short_name", "ons_code", "la_number"]
    prepopulated_fields = {"slug": ["short_name"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "council"]
    list_filter = ["kind"]
    search_fields = ["name"]
    autocomplete_fields = ["council"]


class FrameworkGradeInline(admin.TabularInline):
    model = FrameworkGrade
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "years", "higher_is_better"]
    inlines = [FrameworkGradeInline]


class ReadHere:
    """Read here; written only by the services (inspections.services, through the import pages
    and commands), which keep the rules that come with a write: a grade on its framework's scale
    with its level, a recommendation's due date from the publication date and its timescale."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        raise PermissionDenied("Inspections are recorded through the import pages.")


class SectionInline(ReadHere, admin.TabularInline):
    model = InspectionSection
    extra = 0


class JudgementInline(ReadHere, admin.TabularInline):
    model = Judgement
    extra = 0
    fields = ["order", "section", "area", "grade_as_written", "grade", "level"]


@admin.register(Inspection)
class InspectionAdmin(ReadHere, admin.ModelAdmin):
    list_display = ["council", "framework", "variant", "published", "source"]
    list_filter = ["framework", "source"]
    search_fields = ["council__name", "title"]
    date_hierarchy = "published"
    autocomplete_fields = ["council"]
    list_select_related = ["council", "framework"]
    inlines = [SectionInline, JudgementInline]


@admin.register(FrameworkGrade)
class FrameworkGradeAdmin(admin.ModelAdmin):
    list_display = ["framework", "value", "label", "level"]
    list_filter = ["framework"]
    search_fields = ["label", "framework__code"]


@admin.register(Recommendation)
class RecommendationAdmin(ReadHere, admin.ModelAdmin):
    list_display = ["inspection", "number", "short_text", "timescale", "due_date"]
    list_filter = ["timescale", "inspection__framework"]
    search_fields = ["text", "inspection__council__name"]
    autocomplete_fields = ["bodies"]
    list_select_related = ["inspection__council", "inspection__framework"]


class NoticeDateInline(admin.TabularInline):
    model = NoticeDate
    extra = 0


class NoticeThemeInline(admin.TabularInline):
    model = NoticeTheme
    extra = 0


@admin.register(ImprovementNotice)
class ImprovementNoticeAdmin(admin.ModelAdmin):
    list_display = ["council", "issued", "status"]
    list_filter = ["status"]
    # A lifting letter comes only through the lift form, which checks the file by its content.
    readonly_fields = ["lift_letter_file"]
    inlines = [NoticeDateInline, NoticeThemeInline]


@admin.register(NoticeMeasure)
class NoticeMeasureAdmin(admin.ModelAdmin):
    list_display = ["reference", "theme", "short_text"]
    search_fields = ["text"]
    list_select_related = ["theme__notice__council"]


@admin.register(PublishedIndicator)
class PublishedIndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "higher_is_better", "source_file"]


@admin.register(PublishedValue)
class PublishedValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area_name", "area_code", "year_label", "value", "missing_reason"]
    list_filter = ["indicator", "geographic_level", "year_end"]
    search_fields = ["area_name", "area_code"]
    list_select_related = ["indicator"]
    raw_id_fields = ["council"]


@admin.register(StatisticalNeighbour)
class StatisticalNeighbourAdmin(admin.ModelAdmin):
    list_display = ["council", "rank", "neighbour", "closeness"]
    search_fields = ["council__name"]
    list_select_related = ["council", "neighbour"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["kind", "file_name", "started_at", "rows_read", "created", "updated", "unchanged", "skipped"]
    list_filter = ["kind"]


# Ofsted activity and DfE intervention: read-only here; services are the only write path
# (inspections.ofsted_services, inspections.intervention_services).
from .models import NoticeReview, OfstedActivity, OfstedFinding, PostInspectionPlan, StatutoryDirection  # noqa: E402


class _ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OfstedFindingInline(_ReadOnly, admin.TabularInline):
    model = OfstedFinding
    extra = 0
    fields = ["order", "kind", "heading_as_written", "text"]


@admin.register(OfstedActivity)
class OfstedActivityAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["council", "kind", "number", "started", "published", "judgement_as_written"]
    list_filter = ["kind"]
    search_fields = ["council__name", "title", "focus"]
    list_select_related = ["council"]
    inlines = [OfstedFindingInline]


@admin.register(PostInspectionPlan)
class PostInspectionPlanAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["__str__", "inspection", "activity", "working_days", "submitted"]


@admin.register(NoticeReview)
class NoticeReviewAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["notice", "held_on", "outcome"]
    list_filter = ["outcome"]


@admin.register(StatutoryDirection)
class StatutoryDirectionAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["council", "issued", "appointee_role", "report_due", "recommendation", "ended_on", "end"]
