"""Importing an inspection document: upload, review, confirm."""

app_name = "imports"
urlpatterns: list = []
