"""The pack's sections beyond the plan: the board's own actions and risks, Ofsted activity since
the last pack, and the published indicators against England, the region and the neighbours.
Each follows the one point-in-time rule (:mod:`.point_in_time`)."""

from __future__ import annotations

from inspections import selectors as inspection_selectors
from inspections.models import OfstedActivity

from ..boards.governance import BoardAction, BoardRisk
from . import point_in_time


def board_actions(board, *, cut, since) -> list[BoardAction]:
    """The action log at the cut-off: actions raised at meetings held by then and still open, or
    closed since the last pack. A closure counts only at a meeting held by the cut-off day."""
    shown = []
    for action in (
        BoardAction.objects.filter(board=board, created_at__lt=cut.at, raised_at__date__lte=cut.day)
        .select_related("raised_at", "closed_at")
        .prefetch_related("plan_actions")
        .order_by("number")
    ):
        closed = action.closed_at is not None and action.closed_at.date <= cut.day
        if closed and since is not None and action.closed_at.date <= since.day:
            continue
        if not closed:
            action.status, action.closed_at = BoardAction.Status.OPEN, None
        action.overdue = action.is_overdue(on=cut.day)
        action.plan_refs = ", ".join(a.reference for a in action.plan_actions.all())
        shown.append(action)
    return shown


def risks(board, *, cut) -> list[BoardRisk]:
    """The risk register as last recorded by the cut-off, escalated first, then by score."""
    register = [
        r for r in point_in_time.as_recorded(BoardRisk, cut=cut, filters={"board_id": board.pk}) if not r.closed
    ]
    return sorted(register, key=lambda r: (not r.escalated, -r.score, r.title))


def ofsted_activity(council, *, cut, since) -> list[dict]:
    """Visits, meetings and letters dated after the last pack's cut-off and recorded by this one's."""
    rows = []
    for activity in (
        OfstedActivity.objects.filter(council=council, created_at__lt=cut.at)
        .select_related("council")
        .order_by("started", "published")
    ):
        day = activity.started or activity.published
        if day > cut.day or (since is not None and day <= since.day):
            continue
        found = activity.judgement_as_written or activity.focus or activity.title
        rows.append({"date": day, "kind": activity.label.split(",")[0], "summary": found or "Letter not yet recorded."})
    return rows


def comparisons(council) -> list:
    """Each published indicator's latest year: the council beside England, region and neighbours."""
    found = inspection_selectors.indicator_comparisons(council, inspection_selectors.statistical_neighbours(council))
    shown = []
    for comparison in found:
        rows = comparison.rows
        if rows:
            row = next((row for row in reversed(rows) if row["own"] is not None), rows[-1])
            comparison.latest_row = row
            # Each value with its unit ("18.5%"), as the chart's labels and sentence give it.
            comparison.latest_text = {
                key: comparison.fmt(row[key]) if row[key] is not None else "–"
                for key in ("own", "england", "region", "neighbours")
            }
            shown.append(comparison)
    return shown


def add_governance(content) -> None:
    content.board_actions = board_actions(content.board, cut=content.cut, since=content.since)
    content.risks = risks(content.board, cut=content.cut)
    content.ofsted_activity = ofsted_activity(content.council, cut=content.cut, since=content.since)
    content.comparisons = comparisons(content.council)
