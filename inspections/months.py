"""Calendar months: the one place that adds months and finds a month's first and last days.

Adding months keeps the day of the month, or takes the month's last day when it is shorter
(31 March plus one month is 30 April; 31 January plus one is 28 or 29 February), as
``dateutil.relativedelta`` does. Recommendation timescales, the board pack's periods, the
dashboards' month-ago comparison, charts and spreadsheets all count months this way.
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by ``months`` (negative: back), kept within the month it lands in."""
    return day + relativedelta(months=months)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    """The last day of ``day``'s month."""
    return month_start(day) + relativedelta(months=1, days=-1)


def next_month(day: datetime.date) -> datetime.date:
    """The first day of the month after ``day``'s."""
    return month_start(day) + relativedelta(months=1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first day of every month from ``first``'s to ``last``'s, both included."""
    months, day = [], month_start(first)
    while day <= last:
        months.append(day)
        day = next_month(day)
    return months


def months_back(on: datetime.date, count: int) -> list[datetime.date]:
    """The first day of ``on``'s month and of the ``count`` months before it, newest first."""
    return [add_months(month_start(on), -n) for n in range(count + 1)]
