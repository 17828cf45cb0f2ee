from django.urls import path

from . import journey_views, views

app_name = "inspections"
urlpatterns = [
    path("", views.councils, name="councils"),
    path("<str:ons_code>/", views.council, name="council"),
    path("inspections/<int:pk>/", views.inspection, name="inspection"),
    # The journey between inspections (inspections/journey_views.py).
    path("<str:ons_code>/ofsted/", journey_views.ofsted, name="ofsted"),
    path("<str:ons_code>/intervention/", journey_views.intervention, name="intervention"),
]
