"""Who may keep the board's own papers, and who may record progress on its actions: the rules in
improvement_board/accounts/access.py."""

from __future__ import annotations

import pytest

from improvement_board.accounts import access

pytestmark = pytest.mark.django_db


def test_the_chair_the_secretary_and_administrators_keep_the_papers(
    sutton_board, seats, sutton_chair, secretary, administrator, sutton_officer, sutton_member, observer
):
    keep = {u.username: access.can_manage_governance(u, sutton_board) for u in (sutton_chair, secretary, administrator)}
    assert keep == {"sutton.chair": True, "sutton.secretary": True, "admin": True}
    for reader in (sutton_officer, sutton_member, observer):
        assert not access.can_manage_governance(reader, sutton_board), reader.username
        assert access.can_view_board(reader, sutton_board), reader.username


def test_a_secretary_who_has_left_or_of_an_inactive_board_keeps_nothing(sutton_board, seats, secretary):
    seats["secretary"].left = seats["secretary"].joined
    seats["secretary"].save()
    assert not access.is_board_secretary(secretary, sutton_board)
    seats["secretary"].left = None
    seats["secretary"].save()
    sutton_board.is_active = False
    sutton_board.save()
    assert not access.is_board_secretary(secretary, sutton_board)
    assert not access.can_manage_governance(sutton_board.chair, sutton_board)


def test_only_the_owning_members_account_records_progress(sutton_board, seats, action, sutton_member, sutton_officer):
    assert access.can_update_board_action(sutton_member, action)
    assert not access.can_update_board_action(sutton_officer, action)
    action.owner_member = None
    assert not access.can_update_board_action(sutton_member, action)
    action.owner_member = seats["member"]
    sutton_board.is_active = False
    sutton_board.save()
    assert not access.can_update_board_action(sutton_member, action)


def test_a_deactivated_owner_records_nothing(seats, action, sutton_member):
    sutton_member.is_active = False
    sutton_member.save()
    assert not access.can_update_board_action(sutton_member, action)
