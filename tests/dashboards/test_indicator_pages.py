"""Plan indicators on the web: on or off target and the trend, in words (GOV.UK tags, not colour
alone), values written one way, and a chart for every reader: officers and chairs on the
indicators page, observers on the council dashboard too."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.indicator_selectors import IMPROVING, NO_CHANGE, WORSENING, trend
from actions.models import IndicatorValue, PerformanceIndicator

NOW = datetime.datetime(2013, 3, 10, 12, 0)


def add_indicator(plan, name, *, unit="percent", polarity="higher", target="80", values=(), order=0):
    indicator = PerformanceIndicator.objects.create(
        plan=plan,
        name=name,
        definition=f"{name}, each month",
        unit=unit,
        polarity=polarity,
        target=Decimal(target),
        target_date=datetime.date(2014, 3, 1),
        order=order,
    )
    for n, value in enumerate(values):
        IndicatorValue.objects.create(indicator=indicator, month=datetime.date(2012, 10 + n, 1), value=Decimal(value))
    return indicator


@pytest.fixture
def indicators(sutton_plan):
    return [
        # higher is better, rising, above target: on target and improving
        add_indicator(sutton_plan, "Visits on time", values=["78.5", "86.25"], order=1),
        # lower is better, rising, above target: off target and worsening
        add_indicator(sutton_plan, "Re-referrals", polarity="lower", target="17", values=["15", "17.25"], order=2),
        # a count, unchanged: no change
        add_indicator(sutton_plan, "Agency staff", unit="count", polarity="lower", target="10", values=["12", "12"]),
        add_indicator(sutton_plan, "Not measured yet", order=9),
    ]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("polarity", "previous", "latest", "expected"),
    [
        ("higher", 10, 12, IMPROVING),
        ("higher", 12, 10, WORSENING),
        ("lower", 12, 10, IMPROVING),
        ("lower", 10, 12, WORSENING),
        ("lower", 10, 10, NO_CHANGE),
        ("higher", None, 10, ""),
    ],
)
def test_the_trend_follows_the_indicators_polarity(polarity, previous, latest, expected):
    indicator = PerformanceIndicator(polarity=polarity)
    assert trend(indicator, latest=latest, previous=previous) == expected


@time_machine.travel(NOW, tick=False)
def test_the_indicators_page_tags_each_indicator_in_words_for_the_officer(client, sutton_officer, indicators):
    client.force_login(sutton_officer)
    response = client.get("/actions/indicators/")
    assert response.status_code == 200
    html = response.content.decode()
    table = text(
        html[html.index('id="indicators-table"') : html.index("</table>", html.index('id="indicators-table"'))]
    )
    assert "Visits on time Higher is better 86.3% (November 2012) 80% by March 2014 On target Improving" in table
    assert "Re-referrals Lower is better 17.3% (November 2012) 17% by March 2014 Off target Worsening" in table
    assert "Agency staff Lower is better 12 (November 2012) 10 by March 2014 Off target No change" in table
    assert "Not measured yet Higher is better None yet 80% by March 2014 No value yet" in table
    assert "On target Improving From 78.5% in October 2012" in table
    assert '<strong class="govuk-tag govuk-tag--green app-indicator-tag">On target</strong>' in html
    # one way of writing values: never "86.25%" or "86.30%" beside "17%"
    assert "86.25" not in html and "86.30" not in html and "17.00" not in html
    # a chart for each measured indicator, described in words
    assert html.count('<div class="app-chart"><svg') == 3
    assert (
        "86.3% in November 2012, meeting the target of 80% (by March 2014). Improving from 78.5% in October 2012."
        in html
    )


@time_machine.travel(NOW, tick=False)
def test_the_chair_sees_the_charts_too(client, sutton_chair, indicators):
    client.force_login(sutton_chair)
    html = client.get("/actions/indicators/?council=E09000029").content.decode()
    assert html.count('<div class="app-chart"><svg') == 3
    assert "Off target" in html and "Worsening" in html


@time_machine.travel(NOW, tick=False)
def test_an_indicators_page_shows_its_standing_and_chart(client, sutton_officer, indicators):
    client.force_login(sutton_officer)
    html = client.get(f"/actions/indicators/{indicators[1].pk}/").content.decode()
    assert "Off target" in html and "Worsening" in html
    assert "17.3% in November 2012" in text(html)
    assert '<div class="app-chart"><svg' in html


@time_machine.travel(NOW, tick=False)
def test_the_council_dashboard_tags_the_plans_indicators(client, observer, indicators):
    client.force_login(observer)
    html = client.get("/dashboards/E09000029/").content.decode()
    section = text(html[html.index('id="indicators"') :])
    assert "Visits on time On target Improving" in section
    assert "Re-referrals Off target Worsening" in section
    assert "Not measured yet No value yet No values entered yet" in section


@time_machine.travel(NOW, tick=False)
def test_the_indicators_page_makes_as_many_queries_for_many_indicators_as_for_few(
    client, sutton_officer, sutton_plan, indicators
):
    client.force_login(sutton_officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/actions/indicators/").status_code == 200
        return len(captured)

    few = queries()
    for n in range(10):
        add_indicator(sutton_plan, f"Extra {n}", values=[str(50 + n), str(60 + n), str(55 + n)], order=20 + n)
    assert queries() == few
