from django.urls import path

from . import decision_views, import_views, structure_action_views, structure_views, views

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
    path("revisions/<int:pk>/withdraw/", decision_views.revision_withdraw, name="revision_withdraw"),
    path("waiting/", decision_views.waiting_for_you, name="waiting"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/month/", views.indicator_table, name="indicator_table"),
    path("indicators/<int:pk>/", views.indicator, name="indicator"),
    path("indicators/<int:pk>/value/", views.indicator_value_enter, name="indicator_value"),
    # The plan's structure
    path("structure/", structure_views.plan_structure, name="structure"),
    path("structure/start/", structure_views.plan_start, name="plan_start"),
    path("structure/settings/", structure_views.plan_settings, name="plan_settings"),
    path("structure/history/", structure_views.plan_history, name="plan_history"),
    path("structure/move/<str:kind>/<int:pk>/", structure_views.move, name="move"),
    path("objectives/add/", structure_views.objective_add, name="objective_add"),
    path("objectives/<int:pk>/edit/", structure_views.objective_edit, name="objective_edit"),
    path("objectives/<int:pk>/close/", structure_views.objective_close, name="objective_close"),
    path("add/", structure_action_views.action_add, name="action_add"),
    path("<int:pk>/edit/", structure_action_views.action_edit, name="action_edit"),
    path("<int:pk>/reassign/", structure_action_views.action_reassign, name="action_reassign"),
    path("<int:pk>/close/", structure_action_views.action_close, name="action_close"),
    path("<int:pk>/agree-draft/", structure_action_views.action_agree_draft, name="action_agree_draft"),
    path("milestones/add/", structure_views.milestone_add, name="milestone_add"),
    path("milestones/<int:pk>/edit/", structure_views.milestone_edit, name="milestone_edit"),
    path("indicators/add/", structure_views.indicator_add, name="indicator_add"),
    path("indicators/<int:pk>/edit/", structure_views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/close/", structure_views.indicator_close, name="indicator_close"),
    # Spreadsheets and inspections
    path("import/", import_views.plan_upload, name="import_upload"),
    path("import/<uuid:token>/", import_views.import_preview, name="import_preview"),
    path("template.xlsx", import_views.template_download, name="template"),
    path("from-inspection/<int:inspection_pk>/", decision_views.add_to_plan, name="add_to_plan"),
]
