"""/api/v1/: the read-only JSON API and its OpenAPI schema."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import files, journey, views

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("councils/", views.CouncilList.as_view(), name="councils"),
    path("councils/<str:ons_code>/", views.CouncilDetail.as_view(), name="council"),
    path("councils/<str:ons_code>/inspections/", views.CouncilInspections.as_view(), name="inspections"),
    path("councils/<str:ons_code>/actions/", views.CouncilActions.as_view(), name="actions"),
    path("councils/<str:ons_code>/indicators/", views.CouncilIndicators.as_view(), name="indicators"),
    path("councils/<str:ons_code>/reports/", views.CouncilReports.as_view(), name="reports"),
    path("councils/<str:ons_code>/reports/<int:pk>/file/", files.ReportFile.as_view(), name="report_file"),
    path(
        "councils/<str:ons_code>/intervention/notices/<int:pk>/letter/",
        files.NoticeLetter.as_view(),
        name="notice_letter",
    ),
    path(
        "councils/<str:ons_code>/intervention/reviews/<int:pk>/letter/",
        files.ReviewLetter.as_view(),
        name="review_letter",
    ),
    path("councils/<str:ons_code>/intervention/", journey.CouncilIntervention.as_view(), name="intervention"),
    path("councils/<str:ons_code>/ofsted-activity/", journey.CouncilOfstedActivity.as_view(), name="ofsted_activity"),
]
