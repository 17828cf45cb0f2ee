from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "get_full_name", "role", "council", "is_active"]
    list_filter = ["role", "is_active", "council"]
    fieldsets = BaseUserAdmin.fieldsets + (
        ("Role", {"fields": ["role", "council", "job_title", "organisation", "observes_all_councils",
                             "observed_councils"]}),
    )
    filter_horizontal = ["observed_councils", "groups", "user_permissions"]
