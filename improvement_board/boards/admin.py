from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attendance, BoardMember, Decision, ImprovementBoard, Meeting


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
