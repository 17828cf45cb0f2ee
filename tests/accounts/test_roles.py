"""The roles, each scoped in the one access module and asked through the user's methods."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from improvement_board.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def actions(sutton_plan, make_action, nhs_trust, southwark_plan):
    return {
        "trust": make_action(sutton_plan, lead_organisation=nhs_trust),
        "council": make_action(sutton_plan),
        "southwark": make_action(southwark_plan),
    }


def test_a_partner_officer_updates_only_the_actions_their_organisation_leads(sutton_partner, actions, sutton):
    assert sutton_partner.can_update_action(actions["trust"])
    assert not sutton_partner.can_update_action(actions["council"])
    assert not sutton_partner.can_update_action(actions["southwark"])
    assert not sutton_partner.can_update_plan(sutton)
    assert list(sutton_partner.visible_councils()) == [sutton]


def test_a_partner_officer_is_refused_another_organisations_action_page(client, sutton_partner, actions):
    client.force_login(sutton_partner)
    assert client.get(f"/actions/{actions['trust'].pk}/progress/").status_code == 200
    assert client.get(f"/actions/{actions['council'].pk}/progress/").status_code == 403
    assert client.get(f"/actions/{actions['council'].pk}/").status_code == 200


def test_a_board_member_reads_the_plan_and_the_board_but_changes_nothing(sutton_member, sutton_board, actions, sutton):
    assert sutton_member.can_view_council(sutton) and sutton_member.can_view_board(sutton_board)
    assert not sutton_member.can_update_action(actions["council"]) and not sutton_member.can_chair(sutton_board)


def test_a_council_administrator_runs_their_own_council_only(sutton_council_admin, actions, sutton, southwark):
    assert sutton_council_admin.can_update_action(actions["council"])
    assert sutton_council_admin.can_administer_council(sutton) and sutton_council_admin.can_manage_users()
    assert not sutton_council_admin.can_administer_council(southwark)
    assert not sutton_council_admin.can_update_action(actions["southwark"])
    assert sutton_council_admin.needs_two_step()


def test_a_service_administrator_administers_every_council(administrator, sutton, southwark):
    assert administrator.is_service_administrator()
    assert administrator.can_administer_council(sutton) and administrator.can_administer_council(southwark)


def test_a_deactivated_administrator_can_do_nothing(administrator, sutton):
    administrator.is_active = False
    assert not administrator.is_service_administrator() and not administrator.can_view_council(sutton)


@pytest.mark.parametrize("role", ["council_administrator", "officer", "partner_officer", "board_member"])
def test_the_database_refuses_a_council_role_without_a_council(role, nhs_trust):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username=f"x-{role}", role=role, organisation=nhs_trust)


def test_the_database_refuses_a_partner_officer_without_an_organisation(sutton):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="x", role="partner_officer", council=sutton)


def test_administrators_become_service_administrators_in_the_migration():
    """The old role's rows move (the roles migration's data step maps them one to one)."""
    from importlib import import_module
    from pathlib import Path

    from django.apps import apps as global_apps

    import improvement_board.migrations as migrations

    (path,) = Path(migrations.__file__).parent.glob("*_roles_invitations_account_events.py")
    migration = import_module(f"improvement_board.migrations.{path.stem}")
    User.objects.create(username="old.admin", role="administrator", is_staff=True)
    migration.administrators_become_service_administrators(global_apps, None)
    assert User.objects.get(username="old.admin").role == "service_administrator"
