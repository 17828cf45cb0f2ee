"""The board pack's one point-in-time rule, stated once and applied to every section.

**A record counts if it was recorded by the cut-off.** The cut-off is the end of a day (23:59
Europe/London): for a meeting's pack, a set number of working days before the meeting
(:func:`meeting_cutoff`); for a monthly pack, the month's last day (:func:`month_cutoff`). So:

- **progress updates and ratings**: an action's status, rating, narrative and remedial action are
  those of its latest update recorded by the cut-off (updates are never edited);
- **revised due dates**: a revision counts as agreed if it was agreed by the cut-off, and as
  awaiting the board if it was proposed by then and not decided by then;
- **milestones**: achieved if the plan recorded it as achieved by the cut-off, on a date no later
  than the cut-off day (from the milestone's history);
- **indicator values**: each month's value as last recorded by the cut-off, from the value's
  history (a value entered or corrected later does not count, whatever month it is for);
- **evidence of impact**: as attached to an update, or held in the action's history, by then.

The RAG and overdue rules (:mod:`actions.rules`) are applied on the cut-off day. :data:`RULE` is
the sentence the pack's key prints; :meth:`Cutoff.counts` is the test every query applies.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from inspections.months import month_end
from inspections.working_days import working_days_before

RULE = (
    "This pack shows what was recorded by the end of {day} (the cut-off): progress updates and ratings, "
    "revised due dates agreed or awaiting agreement, milestones achieved, and each month's indicator value as "
    "last recorded by then. Anything recorded after the cut-off is not counted, even if it is about an earlier date."
)


@dataclass(frozen=True)
class Cutoff:
    """The end of ``day``: records made before :attr:`at` count, later ones do not."""

    day: datetime.date

    @property
    def at(self) -> datetime.datetime:
        """The first instant that does not count (midnight starting the next day, London time)."""
        tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        return datetime.datetime.combine(self.day + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)

    def counts(self, recorded_at: datetime.datetime) -> bool:
        return recorded_at < self.at

    def counts_day(self, day: datetime.date) -> bool:
        """For a record dated by the day it is about (a milestone's achievement date)."""
        return day <= self.day

    @property
    def key(self) -> str:
        return RULE.format(day=f"{self.day:%A %-d %B %Y}")

    def __str__(self) -> str:
        return f"{self.day:%-d %B %Y}"


def month_cutoff(period: datetime.date) -> Cutoff:
    """A monthly pack's cut-off: the month's last day."""
    return Cutoff(month_end(period))


def meeting_cutoff(meeting_date: datetime.date, working_days: int | None = None) -> Cutoff:
    """A meeting pack's default cut-off: ``BOARD_PACK_CUTOFF_WORKING_DAYS`` English working days
    before it (:mod:`inspections.working_days`)."""
    if working_days is None:
        working_days = settings.BOARD_PACK_CUTOFF_WORKING_DAYS
    return Cutoff(working_days_before(meeting_date, working_days))


def as_recorded(
    model, *, cut: Cutoff, filters: dict, recorded: str = "history_date", rows_without_history: bool = False
) -> list:
    """Each row of ``model`` matching ``filters`` as last recorded by the cut-off, from its
    history (django-simple-history): the latest version whose ``recorded`` time (the history's own
    date, or a field saying when the version was recorded, such as ``entered_at``) is before the
    cut-off. A row deleted before the cut-off does not count. With ``rows_without_history``, a row
    with no history at all (loaded in bulk) counts as it is if its ``recorded`` time is before the
    cut-off. Returns model instances."""
    found: dict[int, object] = {}
    for version in (
        model.history.filter(**filters, **{f"{recorded}__lt": cut.at})
        .exclude(history_type="-")
        .order_by("id", f"-{recorded}", "-history_id")
    ):
        found.setdefault(version.id, version)
    deleted = set(
        model.history.filter(**filters, history_type="-", history_date__lt=cut.at).values_list("id", flat=True)
    )
    out = [version.instance for pk, version in found.items() if pk not in deleted]
    if rows_without_history:
        with_history = model.history.filter(**filters).values("id")
        out.extend(model.objects.filter(**filters, **{f"{recorded}__lt": cut.at}).exclude(pk__in=with_history))
    return out


def values_as_recorded(value_model, *, cut: Cutoff, filters: dict) -> list:
    """Indicator values, each month's as last recorded by the cut-off (``entered_at`` is when
    each version was recorded: the service sets it on every change)."""
    return as_recorded(value_model, cut=cut, filters=filters, recorded="entered_at", rows_without_history=True)


def achieved_as_recorded(milestones: Iterable, *, cut: Cutoff) -> None:
    """Set each milestone's ``achieved_on`` to what the plan recorded by the cut-off (its
    history), and only if that date is no later than the cut-off day. A milestone with no
    history before the cut-off (loaded since) keeps its own date, on the same condition."""
    milestones = list(milestones)
    if not milestones:
        return
    history = type(milestones[0]).history
    recorded: dict[int, datetime.date | None] = {}
    for pk, achieved in (
        history.filter(id__in=[m.pk for m in milestones], history_date__lt=cut.at)
        .order_by("id", "-history_date", "-history_id")
        .values_list("id", "achieved_on")
    ):
        recorded.setdefault(pk, achieved)
    for milestone in milestones:
        achieved = recorded[milestone.pk] if milestone.pk in recorded else milestone.achieved_on
        milestone.achieved_on = achieved if achieved and cut.counts_day(achieved) else None
