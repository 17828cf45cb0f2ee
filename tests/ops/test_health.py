"""/healthz/: the overall status for anyone, the details only for staff."""

from __future__ import annotations

import dataclasses

import pytest
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from improvement_board.ops import health

pytestmark = pytest.mark.django_db(transaction=True)


@dataclasses.dataclass
class Broken(HealthCheck):
    def run(self):
        raise ServiceUnavailable("redis at 10.0.0.5:6379 refused")


@pytest.fixture
def no_broker(monkeypatch):
    monkeypatch.setattr(health.settings, "REDIS_URL", "")


def test_anonymous_get_only_the_status(client, no_broker):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_staff_see_each_check(client, no_broker, django_user_model):
    admin = django_user_model.objects.create_user("ops", password="x" * 12, is_staff=True, role="service_administrator")
    client.force_login(admin)
    checks = client.get("/healthz/").json()["checks"]
    names = " ".join(checks)
    assert "Database" in names and "Storage" in names and "Migrations" in names
    assert all(c["ok"] for c in checks.values())


def test_a_failing_check_is_503_without_details_for_the_anonymous(client, monkeypatch, django_user_model):
    monkeypatch.setattr(health, "checks", lambda: ["health_check.checks.Database", Broken])
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert b"10.0.0.5" not in response.content
    staff = django_user_model.objects.create_user("ops", password="x" * 12, is_staff=True, role="service_administrator")
    client.force_login(staff)
    detail = client.get("/healthz/").json()["checks"]
    assert any("refused" in c["error"] for c in detail.values())


def test_with_a_broker_redis_and_the_worker_heartbeat_are_checked(monkeypatch, _eager_celery):
    monkeypatch.setattr(health.settings, "REDIS_URL", "redis://127.0.0.1:1/0")
    _eager_celery.conf.task_always_eager = False
    names = " ".join(str(c[0] if isinstance(c, tuple) else c) for c in health.checks())
    assert "Redis" in names and "Ping" in names


def test_pending_migrations_fail_the_check(monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("x", False)])
    with pytest.raises(ServiceUnavailable):
        health.Migrations().run()
