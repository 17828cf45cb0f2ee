"""Two people saving progress on the same action 100 times each, in parallel, each save made
against the version they read: every accepted save is in the history (a ProgressUpdate and a
historical record of the action), every refused one raised StaleEdit with a clear message, and
accepted + refused = 200: nothing silently lost. Runs on whichever database is configured
(PostgreSQL: row locks; SQLite: IMMEDIATE transactions serialise the writers)."""

from __future__ import annotations

import threading

import pytest
from django.db import OperationalError, close_old_connections, connection

SAVES = 100


@pytest.fixture
def action_and_people(transactional_db, sutton_officer, sutton_plan, make_action, make_user, sutton):
    colleague = make_user("sutton.colleague", "officer", council=sutton)
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    action = make_action(
        sutton_plan,
        owner=sutton_officer,
        start_date=today - datetime.timedelta(days=30),
        due_date=today + datetime.timedelta(days=90),
    )
    return action, [sutton_officer, colleague]


def locked_retry(read):
    """SQLite's shared in-memory test database answers "table is locked" to a reader while a
    writer holds it; reading again is safe."""
    while True:
        try:
            return read()
        except OperationalError as error:
            if "locked" not in str(error):
                raise


def test_two_people_saving_the_same_action_100_times_in_parallel(action_and_people):
    from actions import services
    from actions.models import Action, ProgressUpdate

    action, people = action_and_people
    start_version = action.version
    accepted: list[tuple[str, int]] = []  # (narrative, version it was made against)
    refused: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(people))

    def person(index: int, user) -> None:
        try:
            barrier.wait()
            for n in range(SAVES):
                narrative = f"Person {index} save {n}"
                read = locked_retry(lambda: Action.objects.get(pk=action.pk))  # the version on their screen
                while True:
                    try:
                        services.progress_update_create(
                            action=read,
                            author=user,
                            narrative=narrative,
                            status="in_progress",
                            rag="green",
                            expected_version=read.version,
                        )
                    except services.StaleEdit as stale:
                        message = str(stale)
                        assert "changed by someone else" in message and f"you had {read.version}" in message
                        with lock:
                            refused.append(narrative)
                    except OperationalError as error:  # SQLite busy: nothing was written; try the same save again
                        if "locked" not in str(error):
                            raise
                        continue
                    else:
                        with lock:
                            accepted.append((narrative, read.version))
                    break
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=person, args=(i, user)) for i, user in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    close_old_connections()

    assert not errors, errors
    assert len(accepted) + len(refused) == 2 * SAVES
    assert accepted and refused, "the two people never collided: the test proved nothing"
    # Each accepted save was made against a distinct version: no two saves overwrote each other.
    versions = [v for _, v in accepted]
    assert len(set(versions)) == len(versions)
    action.refresh_from_db()
    assert action.version == start_version + len(accepted)
    saved = set(ProgressUpdate.objects.filter(action=action).values_list("narrative", flat=True))
    assert saved == {n for n, _ in accepted}
    assert not saved & set(refused)
    history = action.history.filter(history_change_reason__startswith="Progress update")
    assert history.count() == len(accepted)
    assert sorted(history.values_list("version", flat=True)) == sorted(v + 1 for v in versions)
