"""Improvement boards: the board page, meetings and monthly reports, and the board's own papers.

Every address starts with the board's slug; each group below hangs under one prefix."""

from django.urls import include, path

from ..reports import pack_views
from ..reports import views as report_views
from . import governance_views as gov
from . import meeting_views, views

# A report, and the steps of a meeting's pack: boards/<slug>/reports/<pk>/...
report = [
    path("", report_views.report_status, name="board_report"),
    path("status.json", report_views.report_status_json, name="board_report_status"),
    path("download/", report_views.report_download, name="board_report_download"),
    path("key-messages/", pack_views.pack_commentary, name="board_pack_commentary"),
    path("review/", pack_views.pack_step, {"step": "review"}, name="board_pack_review"),
    path("sign-off/", pack_views.pack_step, {"step": "sign_off"}, name="board_pack_sign_off"),
    path("send/", pack_views.pack_step, {"step": "send"}, name="board_pack_send"),
    path("correct/", pack_views.pack_correct, name="board_pack_correct"),
]

# The board's action log: boards/<slug>/actions/<number>/...
board_action = [
    path("", gov.action_detail, name="board_action"),
    path("change/", gov.action_edit, name="board_action_edit"),
    path("progress/", gov.action_progress, name="board_action_progress"),
    path("close/", gov.action_close, name="board_action_close"),
    path("plan-actions/", gov.action_links, name="board_action_links"),
]

# The risk register: boards/<slug>/risks/<pk>/...
risk = [
    path("", gov.risk_detail, name="board_risk"),
    path("change/", gov.risk_edit, name="board_risk_edit"),
    path("review/", gov.risk_review, name="board_risk_review"),
]

# An agenda item: boards/<slug>/agenda/<pk>/...
agenda_item = [
    path("change/", meeting_views.agenda_item_edit, name="board_agenda_item_edit"),
    path("move/", meeting_views.agenda_item_move, name="board_agenda_item_move"),
    path("remove/", meeting_views.agenda_item_remove, name="board_agenda_item_remove"),
    path("download/", meeting_views.agenda_paper, name="board_agenda_paper"),
]

# A meeting and its minutes: boards/<slug>/meetings/<pk>/...
meeting = [
    path("", views.meeting, name="board_meeting"),
    path("minutes/", meeting_views.minutes_edit, name="board_minutes"),
    path("minutes/approve/", meeting_views.minutes_approve, name="board_minutes_approve"),
    path("minutes/correct/", meeting_views.minutes_correct, name="board_minutes_correct"),
]

board = [
    path("", views.board, name="board"),
    path("reports/", report_views.report_generate, name="board_report_generate"),
    path("reports/<int:pk>/", include(report)),
    path("packs/new/", pack_views.pack_new, name="board_pack_new"),
    path("meetings/new/", views.meeting_new, name="board_meeting_new"),
    path("meetings/<int:pk>/", include(meeting)),
    # The board's own papers: action log, risk register, terms of reference, agenda, minutes.
    path("actions/", gov.action_log, name="board_actions"),
    path("actions/new/", gov.action_new, name="board_action_new"),
    path("actions/<int:number>/", include(board_action)),
    path("risks/", gov.risk_register, name="board_risks"),
    path("risks/new/", gov.risk_new, name="board_risk_new"),
    path("risks/<int:pk>/", include(risk)),
    path("terms-of-reference/", meeting_views.terms, name="board_terms"),
    path("terms-of-reference/new/", meeting_views.terms_new, name="board_terms_new"),
    path("terms-of-reference/new/check/", meeting_views.terms_check, name="board_terms_check"),
    path("terms-of-reference/<int:version>/", meeting_views.terms_version, name="board_terms_version"),
    path("agenda/", meeting_views.agenda, name="board_agenda"),
    path("agenda/new/", meeting_views.agenda_item_new, name="board_agenda_item_new"),
    path("agenda/<int:pk>/", include(agenda_item)),
]

urlpatterns = [path("<slug:slug>/", include(board))]
