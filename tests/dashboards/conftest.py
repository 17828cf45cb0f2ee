"""The national data and the demo data, loaded once for a test module and removed after it.
Tests that use ``national_demo`` must not write outside their own transaction (use ``db``)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def national_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("import_national_data", stdout=StringIO(), stderr=StringIO())
        call_command("load_demo_data", verbosity=0, stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
