from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attendance, BoardMember, BoardReport, Decision, ImprovementBoard, Meeting, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "get_full_name", "role", "council", "is_active"]
    list_filter = ["role", "is_active", "council"]
    fieldsets = BaseUserAdmin.fieldsets + (
        ("Role", {"fields": ["role", "council", "job_title", "organisation", "observes_all_councils",
                             "observed_councils"]}),
    )
    filter_horizontal = ["observed_councils", "groups", "user_permissions"]


class BoardMemberInline(admin.TabularInline):
    model = BoardMember
    extra = 0


@admin.register(ImprovementBoard)
class ImprovementBoardAdmin(admin.ModelAdmin):
    list_display = ["name", "council", "chair", "cadence_weeks", "established", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BoardMemberInline]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["board", "date"]
    inlines = [AttendanceInline, DecisionInline]


@admin.register(BoardReport)
class BoardReportAdmin(admin.ModelAdmin):
    list_display = ["board", "period", "version", "status", "generated_at", "size"]
    list_filter = ["status"]
    readonly_fields = ["file", "size", "checksum", "generated_at", "generated_by", "attempts", "error"]
