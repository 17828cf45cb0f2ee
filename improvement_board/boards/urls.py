"""Improvement boards: the board page, meetings and monthly reports."""

from django.urls import path

from ..reports import pack_views
from ..reports import views as report_views
from . import governance_views as gov
from . import meeting_views, views

urlpatterns = [
    path("<slug:slug>/", views.board, name="board"),
    path("<slug:slug>/reports/", report_views.report_generate, name="board_report_generate"),
    path("<slug:slug>/reports/<int:pk>/", report_views.report_status, name="board_report"),
    path("<slug:slug>/reports/<int:pk>/status.json", report_views.report_status_json, name="board_report_status"),
    path("<slug:slug>/reports/<int:pk>/download/", report_views.report_download, name="board_report_download"),
    path("<slug:slug>/packs/new/", pack_views.pack_new, name="board_pack_new"),
    path("<slug:slug>/reports/<int:pk>/key-messages/", pack_views.pack_commentary, name="board_pack_commentary"),
    path("<slug:slug>/reports/<int:pk>/review/", pack_views.pack_step, {"step": "review"}, name="board_pack_review"),
    path(
        "<slug:slug>/reports/<int:pk>/sign-off/", pack_views.pack_step, {"step": "sign_off"}, name="board_pack_sign_off"
    ),
    path("<slug:slug>/reports/<int:pk>/send/", pack_views.pack_step, {"step": "send"}, name="board_pack_send"),
    path("<slug:slug>/reports/<int:pk>/correct/", pack_views.pack_correct, name="board_pack_correct"),
    path("<slug:slug>/meetings/new/", views.meeting_new, name="board_meeting_new"),
    path("<slug:slug>/meetings/<int:pk>/", views.meeting, name="board_meeting"),
    # The board's own papers: action log, risk register, terms of reference, agenda, minutes.
    path("<slug:slug>/actions/", gov.action_log, name="board_actions"),
    path("<slug:slug>/actions/new/", gov.action_new, name="board_action_new"),
    path("<slug:slug>/actions/<int:number>/", gov.action_detail, name="board_action"),
    path("<slug:slug>/actions/<int:number>/change/", gov.action_edit, name="board_action_edit"),
    path("<slug:slug>/actions/<int:number>/progress/", gov.action_progress, name="board_action_progress"),
    path("<slug:slug>/actions/<int:number>/close/", gov.action_close, name="board_action_close"),
    path("<slug:slug>/actions/<int:number>/plan-actions/", gov.action_links, name="board_action_links"),
    path("<slug:slug>/risks/", gov.risk_register, name="board_risks"),
    path("<slug:slug>/risks/new/", gov.risk_new, name="board_risk_new"),
    path("<slug:slug>/risks/<int:pk>/", gov.risk_detail, name="board_risk"),
    path("<slug:slug>/risks/<int:pk>/change/", gov.risk_edit, name="board_risk_edit"),
    path("<slug:slug>/risks/<int:pk>/review/", gov.risk_review, name="board_risk_review"),
    path("<slug:slug>/terms-of-reference/", meeting_views.terms, name="board_terms"),
    path("<slug:slug>/terms-of-reference/new/", meeting_views.terms_new, name="board_terms_new"),
    path("<slug:slug>/terms-of-reference/new/check/", meeting_views.terms_check, name="board_terms_check"),
    path("<slug:slug>/terms-of-reference/<int:version>/", meeting_views.terms_version, name="board_terms_version"),
    path("<slug:slug>/agenda/", meeting_views.agenda, name="board_agenda"),
    path("<slug:slug>/agenda/new/", meeting_views.agenda_item_new, name="board_agenda_item_new"),
    path("<slug:slug>/agenda/<int:pk>/change/", meeting_views.agenda_item_edit, name="board_agenda_item_edit"),
    path("<slug:slug>/agenda/<int:pk>/move/", meeting_views.agenda_item_move, name="board_agenda_item_move"),
    path("<slug:slug>/agenda/<int:pk>/remove/", meeting_views.agenda_item_remove, name="board_agenda_item_remove"),
    path("<slug:slug>/agenda/<int:pk>/download/", meeting_views.agenda_paper, name="board_agenda_paper"),
    path("<slug:slug>/meetings/<int:pk>/minutes/", meeting_views.minutes_edit, name="board_minutes"),
    path("<slug:slug>/meetings/<int:pk>/minutes/approve/", meeting_views.minutes_approve, name="board_minutes_approve"),
    path("<slug:slug>/meetings/<int:pk>/minutes/correct/", meeting_views.minutes_correct, name="board_minutes_correct"),
]
