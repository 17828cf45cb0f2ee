from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("", views.councils, name="councils"),
    path("<str:ons_code>/", views.council, name="council"),
    path("inspections/<int:pk>/", views.inspection, name="inspection"),
]
