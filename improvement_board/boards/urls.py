"""Improvement boards: the board page, meetings and monthly reports."""

from django.urls import path

from ..reports import pack_views
from ..reports import views as report_views
from . import views

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
]
