from django.contrib import admin

from .models import BoardReport


@admin.register(BoardReport)
class BoardReportAdmin(admin.ModelAdmin):
    list_display = ["board", "period", "version", "status", "generated_at", "size"]
    list_filter = ["status"]
    readonly_fields = ["file", "size", "checksum", "generated_at", "generated_by", "attempts", "error"]
