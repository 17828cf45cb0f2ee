from django.contrib import admin
from django.urls import include, path

from . import pages
from .accounts import urls as account_urls  # noqa: F401 (imported first: it sets the admin's sign-in)
from .boards import views
from .ops import health

# Someone signed in who is not an administrator is told why /admin/ is not for them (set before
# admin.site.urls is built).
admin.site.login = pages.explain_admin(admin.site.login)

handler403 = "improvement_board.pages.permission_denied"
handler404 = "improvement_board.pages.page_not_found"
handler500 = "improvement_board.pages.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("account/api-tokens/", include("improvement_board.api.token_urls")),
    path("account/", include("improvement_board.accounts.urls")),
    path("boards/", include("improvement_board.boards.urls")),
    path("setup/", include("improvement_board.boards.setup_urls")),
    path("councils/", include("inspections.urls")),
    path("imports/", include("inspections.import_urls")),
    path("actions/", include("actions.urls")),
    path("admin/", admin.site.urls),
    path("dashboards/", include("improvement_board.dashboards.urls")),
    path("api/v1/", include("improvement_board.api.urls")),
    path("healthz/", health.healthz, name="healthz"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("cookies/", pages.cookies, name="cookies"),
    path("help/", pages.help_page, name="help"),
]
