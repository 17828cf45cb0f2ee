"""Navigation by role, for the roles tests/ops/test_navigation.py leaves out: each person's service
navigation leads to the sections they can use, and to none they cannot, each link once."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def links(client, user) -> dict[str, str]:
    client.force_login(user)
    page = client.get("/account/").content.decode()
    nav = page.split('id="navigation"')[1].split("</ul>")[0]
    found = [chunk.split('"')[0] for chunk in nav.split('govuk-service-navigation__link" href="')[1:]]
    assert len(found) == len(set(found)), f"a page linked twice: {found}"
    return found


def test_a_partner_officer_gets_the_plan_indicators_and_their_councils_dashboard(
    client, sutton_partner, sutton_board, sutton_plan
):
    found = links(client, sutton_partner)
    assert {"/boards/sutton/", "/actions/", "/actions/indicators/", "/dashboards/E09000029/"} <= set(found)
    assert not {"/account/users/", "/admin/", "/actions/revisions/", "/dashboards/"} & set(found)


def test_a_board_member_gets_their_board_and_the_plan(client, sutton_member, sutton_board, sutton_plan):
    found = links(client, sutton_member)
    assert {"/boards/sutton/", "/actions/", "/actions/indicators/"} <= set(found)
    assert not {"/account/users/", "/admin/", "/actions/revisions/"} & set(found)


def test_a_council_administrator_also_gets_the_people_page(client, sutton_council_admin, sutton_board, sutton_plan):
    found = links(client, sutton_council_admin)
    assert {"/boards/sutton/", "/actions/", "/account/users/", "/dashboards/E09000029/"} <= set(found)
    assert "/admin/" not in found


def test_a_service_administrator_gets_the_overview_people_and_administration(client, administrator, sutton_plan):
    found = links(client, administrator)
    assert {"/dashboards/", "/actions/", "/account/users/", "/admin/", "/councils/"} <= set(found)
