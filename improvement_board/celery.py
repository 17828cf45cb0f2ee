"""The Celery app, configured from Django settings (CELERY_* names)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "improvement_board.settings")

app = Celery("improvement_board")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each package that holds a ``tasks`` module, named: improvement_board's tasks live in its
# sub-packages (and the outbox's drain task in ops/outbox.py, CELERY_IMPORTS).
app.autodiscover_tasks(["actions", "inspections", "improvement_board.reports"])
