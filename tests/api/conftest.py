"""API clients with tokens (the data comes from ``national_demo`` in tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def token_for(api_token_for):
    """One token per user for the test, made once."""
    made: dict = {}

    def make(user) -> dict:
        if user.pk not in made:
            made[user.pk] = api_token_for(user)
        return made[user.pk]

    return make
