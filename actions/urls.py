from django.urls import path

from . import views

app_name = "actions"
urlpatterns = [
    path("", views.plan, name="plan"),
    path("<int:pk>/", views.action, name="action"),
]
