"""API clients with tokens (the data comes from ``national_demo`` in tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def token_for(db):
    from rest_framework.authtoken.models import Token

    def make(user) -> dict:
        return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=user)[0].key}"}

    return make
