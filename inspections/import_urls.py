"""Importing an inspection document: upload, review, confirm."""

from django.urls import path

from . import import_views

app_name = "imports"
urlpatterns = [
    path("", import_views.upload, name="upload"),
    path("review/", import_views.review, name="review"),
    path("cancel/", import_views.cancel, name="cancel"),
]
