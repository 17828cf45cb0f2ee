"""English working days: Monday to Friday, less the bank holidays of England and Wales.

Bank holidays come from the ``holidays`` library (pinned in pyproject.toml), which keeps the
one-off ones too: the 2012 Diamond Jubilee, the 2022 Platinum Jubilee and Queen's funeral, the
2023 coronation. Every deadline the product counts in working days (post-inspection action
plans, pre-meeting reminders) goes through this module.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays

_ONE_DAY = datetime.timedelta(days=1)


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    # Substitute days ("Christmas Day (observed)") are in the list; the weekend days themselves
    # are not working days anyway.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def bank_holiday_name(date: datetime.date) -> str | None:
    """The bank holiday's name on ``date`` (England), or None."""
    return holidays.country_holidays("GB", subdiv="ENG", years=date.year).get(date)


def is_working_day(date: datetime.date) -> bool:
    return date.weekday() < 5 and date not in _bank_holidays(date.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start`` (``start`` itself is not counted, as
    "within 70 working days of the report" counts from the day after it). Negative ``days``
    count backwards: ``add_working_days(meeting, -5)`` is five working days before it."""
    step = _ONE_DAY if days >= 0 else -_ONE_DAY
    remaining = abs(days)
    date = start
    while remaining:
        date += step
        if is_working_day(date):
            remaining -= 1
    return date


def working_days_before(date: datetime.date, days: int) -> datetime.date:
    """``days`` working days before ``date``."""
    return add_working_days(date, -days)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if ``end`` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    count, date = 0, start
    while date < end:
        date += _ONE_DAY
        if is_working_day(date):
            count += 1
    return count
