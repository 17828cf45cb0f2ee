"""When a milestone is missed: the one rule (actions.rules.milestone_state), at its edges, as
the model, the council dashboard and the plan's structure page show it."""

import datetime

import pytest
from django.urls import reverse

from actions.models import Milestone
from actions.rules import MilestoneState, milestone_state

D = datetime.date
DUE = D(2012, 10, 31)


@pytest.mark.parametrize(
    "achieved_on, on, state",
    [
        (None, DUE, MilestoneState.DUE),  # due today: not yet missed
        (None, D(2012, 11, 1), MilestoneState.MISSED),
        (D(2012, 10, 12), D(2012, 11, 1), MilestoneState.ACHIEVED),
        (DUE, D(2012, 11, 1), MilestoneState.ACHIEVED),  # on the day is in time
        (D(2012, 11, 5), D(2012, 11, 30), MilestoneState.ACHIEVED_LATE),  # late is missed, and says so
        (D(2012, 10, 1), D(2012, 9, 1), MilestoneState.ACHIEVED),
    ],
)
def test_a_milestone_is_missed_when_its_due_date_passes_before_it_is_achieved(achieved_on, on, state):
    assert milestone_state(due_date=DUE, achieved_on=achieved_on, on=on) == state
    missed = Milestone(title="x", due_date=DUE, achieved_on=achieved_on).is_missed(on=on)
    assert missed == (state in (MilestoneState.MISSED, MilestoneState.ACHIEVED_LATE))


@pytest.mark.django_db
def test_the_dashboard_and_the_structure_page_call_a_milestone_achieved_late_missed(
    client, sutton_plan, sutton_council_admin, observer, today
):
    Milestone.objects.create(
        plan=sutton_plan,
        title="Workforce strategy agreed",
        due_date=today - datetime.timedelta(days=20),
        achieved_on=today - datetime.timedelta(days=5),
    )
    client.force_login(observer)
    dashboard = client.get(reverse("dashboards:council", args=[sutton_plan.council.ons_code]))
    assert dashboard.status_code == 200
    row = dashboard.content.decode().split("Workforce strategy agreed")[1][:400]
    assert "Missed (achieved late)" in row
    client.force_login(sutton_council_admin)
    structure = client.get(reverse("actions:structure"), {"council": sutton_plan.council.ons_code})
    assert structure.status_code == 200
    item = structure.content.decode().split("Workforce strategy agreed")[1][:300]
    assert "achieved" in item and "Missed" in item
