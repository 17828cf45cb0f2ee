"""Improvement boards: the board page, meetings and monthly reports."""

from django.urls import path

from ..reports import views as report_views
from . import views

urlpatterns = [
    path("<slug:slug>/", views.board, name="board"),
    path("<slug:slug>/reports/", report_views.report_generate, name="board_report_generate"),
    path("<slug:slug>/reports/<int:pk>/", report_views.report_status, name="board_report"),
    path("<slug:slug>/reports/<int:pk>/status.json", report_views.report_status_json, name="board_report_status"),
    path("<slug:slug>/reports/<int:pk>/download/", report_views.report_download, name="board_report_download"),
    path("<slug:slug>/meetings/new/", views.meeting_new, name="board_meeting_new"),
    path("<slug:slug>/meetings/<int:pk>/", views.meeting, name="board_meeting"),
]
