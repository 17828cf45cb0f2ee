"""``permissions.can_view_board``: the one rule for who may see a board and download its reports."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from improvement_board.accounts import access as permissions
from improvement_board.models import BoardMember
from inspections.models import Organisation

pytestmark = pytest.mark.django_db


def _member(board, user, *, left=None):
    organisation = Organisation.objects.get_or_create(name="Metropolitan Police")[0]
    return BoardMember.objects.create(
        board=board, name=str(user), organisation=organisation, user=user, joined=datetime.date(2012, 6, 1), left=left
    )


def test_the_chair_officers_of_the_council_observers_and_administrators_may_see_the_board(
    sutton_board, sutton_chair, sutton_officer, observer, administrator
):
    for user in (sutton_chair, sutton_officer, observer, administrator):
        assert permissions.can_view_board(user, sutton_board), user


def test_officers_of_other_councils_observers_of_other_councils_and_anonymous_visitors_may_not(
    sutton_board, southwark_officer, southwark_observer
):
    for user in (southwark_officer, southwark_observer, AnonymousUser()):
        assert not permissions.can_view_board(user, sutton_board), user


def test_a_current_member_with_an_account_may_see_the_board_and_a_former_member_may_not(sutton_board, make_user):
    current = make_user("police.member", "observer")
    former = make_user("former.member", "observer")
    _member(sutton_board, current)
    _member(sutton_board, former, left=datetime.date(2012, 9, 30))
    assert permissions.can_view_board(current, sutton_board)
    assert not permissions.can_view_board(former, sutton_board)


def test_a_member_of_one_board_may_not_see_another_councils_board(sutton_board, southwark, make_user):
    from improvement_board.models import ImprovementBoard

    southwark_board = ImprovementBoard.objects.create(
        council=southwark, name="Southwark board", slug="southwark", established=datetime.date(2012, 6, 1)
    )
    member = make_user("police.member", "observer")
    _member(sutton_board, member)
    assert not permissions.can_view_board(member, southwark_board)


def test_the_views_ask_the_permissions_module():
    from improvement_board.boards import views

    assert not hasattr(views, "can_view_board")
