from django.urls import path

from . import journey_views, views
from .journey_recordings import RECORDINGS

app_name = "inspections"
urlpatterns = [
    path("", views.councils, name="councils"),
    path("<str:ons_code>/", views.council, name="council"),
    path("inspections/<int:pk>/", views.inspection, name="inspection"),
    # The journey between inspections (inspections/journey_views.py): two pages to read, a letter
    # to download, and for each thing recorded a form and its check-your-answers page.
    path("<str:ons_code>/ofsted/", journey_views.ofsted, name="ofsted"),
    path("<str:ons_code>/intervention/", journey_views.intervention, name="intervention"),
    path("<str:ons_code>/intervention/reviews/<int:pk>/download/", journey_views.review_letter, name="review_letter"),
    path("<str:ons_code>/intervention/notices/<int:pk>/letter/", journey_views.notice_letter, name="notice_letter"),
]

# Where each recording lives, under the council ("<pk>" names the record it is about).
RECORDING_PATHS = {
    "ofsted_add": "ofsted/new/",
    "ofsted_edit": "ofsted/<int:pk>/change/",
    "plan_deadline": "ofsted/action-plans/new/",
    "plan_submitted": "ofsted/action-plans/<int:pk>/sent/",
    "review_add": "intervention/notices/<int:pk>/review/",
    "review_outcome": "intervention/reviews/<int:pk>/outcome/",
    "notice_revise": "intervention/notices/<int:pk>/revise/",
    "notice_lift": "intervention/notices/<int:pk>/lift/",
    "direction_add": "intervention/directions/new/",
    "direction_report": "intervention/directions/<int:pk>/report/",
    "direction_end": "intervention/directions/<int:pk>/revoke/",
    "report_sent": "intervention/reports/<int:pk>/sent/",
}
assert set(RECORDING_PATHS) == set(RECORDINGS)
for _name, _route in RECORDING_PATHS.items():
    urlpatterns += [
        path(f"<str:ons_code>/{_route}", journey_views.record, {"name": _name}, name=_name),
        path(f"<str:ons_code>/{_route}check/", journey_views.record_check, {"name": _name}, name=f"{_name}_check"),
    ]
