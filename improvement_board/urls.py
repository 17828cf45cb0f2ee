from django.contrib import admin
from django.urls import include, path

from . import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("account/", include("improvement_board.account_urls")),
    path("boards/", include("improvement_board.board_urls")),
    path("councils/", include("inspections.urls")),
    path("imports/", include("inspections.import_urls")),
    path("actions/", include("actions.urls")),
    path("admin/", admin.site.urls),
    path("dashboards/", include("improvement_board.dashboard_urls")),
    path("api/v1/", include("improvement_board.api.urls")),
    path("healthz/", health.healthz, name="healthz"),
]
