"""Setting up a council: the task list, and each step's form and check-your-answers page."""

from django.urls import path

from . import setup

app_name = "setup"

urlpatterns = [
    path("", setup.start, name="start"),
    path("<str:ons_code>/", setup.council_tasks, name="council"),
]
for _step in setup.STEPS:
    urlpatterns += [
        path(f"<str:ons_code>/{_step}/", setup.step_form, {"step": _step}, name=_step),
        path(f"<str:ons_code>/{_step}/check/", setup.step_check, {"step": _step}, name=f"{_step}_check"),
    ]
