from django.urls import path

from . import views

app_name = "actions"
urlpatterns = [
    path("", views.plan, name="plan"),
    path("export.csv", views.plan_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.plan_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("<int:pk>/", views.action, name="action"),
    path("<int:pk>/progress/", views.progress_create, name="progress"),
    path("<int:pk>/revised-date/", views.revision_propose, name="revision_propose"),
    path("revisions/", views.revisions_pending, name="revisions"),
    path("revisions/<int:pk>/", views.revision_decide, name="revision_decide"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/month/", views.indicator_table, name="indicator_table"),
    path("indicators/<int:pk>/", views.indicator, name="indicator"),
    path("indicators/<int:pk>/value/", views.indicator_value_enter, name="indicator_value"),
]
