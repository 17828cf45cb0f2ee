from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "get_full_name", "role", "council", "is_active"]
    list_filter = ["role", "is_active", "council"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            "Role",
            {"fields": ["role", "council", "job_title", "organisation", "observes_all_councils", "observed_councils"]},
        ),
    )
    filter_horizontal = ["observed_councils", "groups", "user_permissions"]
    readonly_fields = ["deactivated_at", "last_login", "date_joined"]
    # Adding someone asks for the role and the council it needs (the model's clean() says what is
    # missing), so a new officer is no longer a server error. The product's own pages
    # (People → Invite someone) are the usual way in.
    add_fieldsets = (
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "email", "first_name", "last_name", "usable_password", "password1", "password2"],
            },
        ),
        ("Role", {"fields": ["role", "council", "organisation", "observes_all_councils"]}),
    )
