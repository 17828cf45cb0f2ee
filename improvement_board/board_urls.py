"""Improvement boards: the board page, meetings and monthly reports."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/", views.board, name="board"),
]
