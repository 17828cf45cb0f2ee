"""The national data and the demo data, loaded once per module; API clients with tokens."""

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


@pytest.fixture
def token_for(db):
    from rest_framework.authtoken.models import Token

    def make(user) -> dict:
        return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=user)[0].key}"}

    return make
