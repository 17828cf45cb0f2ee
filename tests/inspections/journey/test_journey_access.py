"""Who records the journey between inspections (accounts/access.py, ``can_record_journey``):
the council's administrators and service administrators; nobody else, whatever they may read."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "persona, records",
    [
        ("administrator", True),
        ("sutton_council_admin", True),
        ("sutton_officer", False),
        ("sutton_chair", False),
        ("sutton_partner", False),
        ("sutton_member", False),
        ("observer", False),
        ("southwark_officer", False),
        ("southwark_observer", False),
    ],
)
def test_only_the_councils_administrators_and_service_administrators_record(request, sutton, persona, records):
    assert request.getfixturevalue(persona).can_record_journey(sutton) is records


def test_a_council_administrator_records_only_their_own_council(make_user, sutton, southwark):
    admin = make_user("southwark.admin", "council_administrator", council=southwark)
    assert admin.can_record_journey(southwark)
    assert not admin.can_record_journey(sutton)
