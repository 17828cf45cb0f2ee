"""Overdue and RAG: the rules an improvement board applies, at their edges, and the SQL
version of the same rules agreeing with the Python one on every case."""

import datetime
import itertools

import pytest

from actions import rules, selectors
from actions.models import Action
from actions.rules import Rag, Status

D = datetime.date
TODAY = D(2012, 10, 15)


def rag(status=Status.IN_PROGRESS, reported=Rag.GREEN, evidenced=False, due=TODAY, revised=None, on=TODAY):
    return rules.rag(
        status=status, reported_rag=reported, evidenced=evidenced, due_date=due, agreed_revised_due_date=revised, on=on
    )


def overdue(status=Status.IN_PROGRESS, due=TODAY, revised=None, on=TODAY):
    return rules.is_overdue(status=status, due_date=due, agreed_revised_due_date=revised, on=on)


def test_an_action_due_today_is_not_overdue():
    assert not overdue(due=TODAY)
    assert rag(due=TODAY, reported=Rag.GREEN) == Rag.GREEN


def test_an_action_due_yesterday_is_overdue_and_red_whatever_its_owner_said():
    yesterday = TODAY - datetime.timedelta(days=1)
    assert overdue(due=yesterday)
    assert rag(due=yesterday, reported=Rag.GREEN) == Rag.RED
    assert rag(due=yesterday, reported=Rag.AMBER) == Rag.RED


def test_an_agreed_revised_date_moves_the_deadline():
    yesterday = TODAY - datetime.timedelta(days=1)
    assert not overdue(due=yesterday, revised=TODAY + datetime.timedelta(days=30))
    assert rag(due=yesterday, revised=TODAY + datetime.timedelta(days=30), reported=Rag.AMBER) == Rag.AMBER


def test_a_passed_revised_date_is_overdue_too():
    assert overdue(due=D(2012, 9, 1), revised=D(2012, 10, 14))
    assert rag(due=D(2012, 9, 1), revised=D(2012, 10, 14)) == Rag.RED


def test_a_revised_date_due_today_is_not_overdue():
    assert not overdue(due=D(2012, 9, 1), revised=TODAY)


def test_a_complete_action_is_never_overdue():
    assert not overdue(status=Status.COMPLETE, due=D(2012, 1, 1))


def test_complete_and_evidenced_is_blue_complete_without_evidence_is_amber():
    assert rag(status=Status.COMPLETE, evidenced=True, due=D(2012, 1, 1)) == Rag.BLUE
    assert rag(status=Status.COMPLETE, evidenced=False, due=D(2012, 1, 1)) == Rag.AMBER


def test_an_unrated_action_on_track_is_green_and_the_owner_can_say_red():
    assert rag(reported=None) == Rag.GREEN
    assert rag(reported="") == Rag.GREEN
    assert rag(reported=Rag.RED) == Rag.RED


def test_an_overdue_action_may_only_be_rated_red_and_the_form_is_told_why():
    allowed = rules.ratings_allowed(status=Status.IN_PROGRESS, overdue=True)
    assert allowed[Rag.RED] is None
    assert "no agreed revised date" in allowed[Rag.GREEN]
    assert "no agreed revised date" in allowed[Rag.AMBER]
    assert "Complete" in allowed[Rag.BLUE]


def test_an_action_on_time_may_be_green_amber_or_red_but_not_blue():
    allowed = rules.ratings_allowed(status=Status.IN_PROGRESS, overdue=False)
    assert [r for r, reason in allowed.items() if reason is None] == [Rag.GREEN, Rag.AMBER, Rag.RED]


@pytest.mark.django_db
def test_the_sql_rules_agree_with_the_python_rules_on_every_case(sutton_plan, make_action):
    dues = [TODAY - datetime.timedelta(days=1), TODAY, TODAY + datetime.timedelta(days=1)]
    revised = [None, TODAY - datetime.timedelta(days=1), TODAY, TODAY + datetime.timedelta(days=10)]
    evidence = ["", "  \n\t ", "Audit shows it worked"]  # white space alone is no evidence
    cases = list(itertools.product(Status.values, ["", *Rag.values], evidence, dues, revised))
    for status, reported, evidence, due, rev in cases:
        make_action(
            sutton_plan,
            status=status,
            reported_rag=reported,
            evidence_of_impact=evidence,
            start_date=D(2012, 7, 1),
            due_date=due,
            revised_due_date=rev,
        )
    annotated = rules.annotate_rag(Action.objects.filter(plan=sutton_plan), on=TODAY)
    assert annotated.count() == len(cases)
    for action in annotated:
        assert action.rag == action.rag_on(TODAY), (
            action.status,
            action.reported_rag,
            action.due_date,
            action.revised_due_date,
        )
        assert action.overdue == action.is_overdue(on=TODAY)
        assert action.deadline == (action.revised_due_date or action.due_date)


def test_counts_are_worst_first_with_zeros_and_read_as_words():
    counts = rules.rag_counts([Rag.GREEN, Rag.RED, Rag.GREEN])
    assert list(counts.items()) == [("red", 1), ("amber", 0), ("green", 2), ("blue", 0)]
    assert rules.rag_counts_text(counts) == "1 red, 0 amber, 2 green, 0 blue"
    assert rules.rag_counts_text(counts, zeros=False) == "1 red, 2 green"


@pytest.mark.django_db
def test_the_database_counts_a_plan_and_its_measures_as_the_python_rule_does(sutton_plan, make_action, notice_measures):
    """Every combination of status, rating, evidence and dates; each action answering one or two
    measures, so that the join to measures must not count an action twice."""
    dues = [TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1)]
    cases = list(itertools.product(Status.values, ["", *Rag.values], ["", "Audit shows it worked"], dues))
    first, second = notice_measures
    for n, (status, reported, evidence, due) in enumerate(cases):
        action = make_action(
            sutton_plan,
            status=status,
            reported_rag=reported,
            evidence_of_impact=evidence,
            start_date=D(2012, 7, 1),
            due_date=due,
        )
        action.measures.add(*([first, second] if n % 2 else [first]))
    actions = list(Action.objects.filter(plan=sutton_plan).prefetch_related("measures"))
    python = rules.rag_counts(a.rag_on(TODAY) for a in actions)
    assert selectors.plan_rag_counts(sutton_plan, on=TODAY) == python
    assert sum(python.values()) == len(cases)
    by_measure = selectors.rag_counts_by(Action.objects.filter(plan=sutton_plan), on=TODAY, by="measures")
    for measure in (first, second):
        answering = [a for a in actions if measure in a.measures.all()]
        assert by_measure[measure.pk] == rules.rag_counts(a.rag_on(TODAY) for a in answering)
