"""The DfE observer's dashboards (read-only)."""

from django.urls import path

from . import views as dashboard_views

app_name = "dashboards"
urlpatterns = [
    path("", dashboard_views.overview, name="overview"),
    path("overview.csv", dashboard_views.overview_csv, name="overview_csv"),
    path("<str:ons_code>/", dashboard_views.council, name="council"),
]
