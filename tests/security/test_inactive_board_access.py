"""Access through a board needs the board to be active, everywhere: a chair whose board was
deactivated and replaced keeps nothing of the council, its plan, evidence, reports or API; a
member of an inactive board no longer sees it (issue 16, item 7)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def replaced(sutton_board, sutton_records, make_user):
    """Sutton's first board deactivated, a new one with a new chair in its place."""
    from improvement_board.models import BoardMember, BoardReport, ImprovementBoard
    from inspections.models import Organisation

    today = timezone.localdate()
    action, evidence, revision = sutton_records.action, sutton_records.evidence, sutton_records.revision
    member = make_user("old.member", "observer")
    BoardMember.objects.create(
        board=sutton_board,
        name="Old Member",
        user=member,
        joined=today,
        organisation=Organisation.objects.get_or_create(name="DfE")[0],
    )
    report = BoardReport.objects.create(
        board=sutton_board, period=today.replace(day=1), requested_by=sutton_board.chair
    )
    ImprovementBoard.objects.filter(pk=sutton_board.pk).update(is_active=False)
    sutton_board.refresh_from_db()
    new_chair = make_user("new.chair", "chair")
    new_board = ImprovementBoard.objects.create(
        council=sutton_board.council,
        name="Sutton Children's Board",
        slug="sutton-2",
        chair=new_chair,
        established=today,
    )
    return {
        "old_chair": sutton_board.chair,
        "new_chair": new_chair,
        "member": member,
        "old": sutton_board,
        "new": new_board,
        "action": action,
        "evidence": evidence,
        "revision": revision,
        "report": report,
    }


def _urls(w) -> dict[str, str]:
    ons = w["old"].council.ons_code
    return {
        "plan": reverse("actions:plan") + f"?council={ons}",
        "action": reverse("actions:action", args=[w["action"].pk]),
        "evidence": reverse("actions:evidence", args=[w["evidence"].pk]),
        "revision": reverse("actions:revision_decide", args=[w["revision"].pk]),
        "council": reverse("inspections:council", kwargs={"ons_code": ons}),
        "dashboard": reverse("dashboards:council", kwargs={"ons_code": ons}),
        "api": reverse("api:council", kwargs={"ons_code": ons}),
        "old board": reverse("board", kwargs={"slug": w["old"].slug}),
        "old report": reverse("board_report_download", kwargs={"slug": w["old"].slug, "pk": w["report"].pk}),
        "new board": reverse("board", kwargs={"slug": w["new"].slug}),
    }


def test_the_chair_of_a_replaced_board_keeps_nothing(client, replaced):
    client.force_login(replaced["old_chair"])
    statuses = {what: client.get(url).status_code for what, url in _urls(replaced).items()}
    assert statuses == {what: 404 for what in statuses}
    generate = client.post(reverse("board_report_generate", kwargs={"slug": replaced["old"].slug}), {})
    assert generate.status_code == 404
    decide = client.post(_urls(replaced)["revision"], {"decision": "agree"})
    assert decide.status_code == 404
    assert replaced["revision"].__class__.objects.get(pk=replaced["revision"].pk).status == "pending"


def test_the_new_chair_has_what_the_old_one_lost(client, replaced):
    client.force_login(replaced["new_chair"])
    urls = _urls(replaced)
    for what in ("plan", "action", "council", "dashboard", "api", "new board", "revision"):
        assert client.get(urls[what]).status_code == 200, what


def test_a_member_of_an_inactive_board_no_longer_sees_it(client, replaced):
    from improvement_board.accounts import access as permissions

    client.force_login(replaced["member"])
    assert client.get(_urls(replaced)["old board"]).status_code == 404
    assert not permissions.can_view_board(replaced["member"], replaced["old"])
    assert not permissions.can_chair(replaced["old_chair"], replaced["old"])
