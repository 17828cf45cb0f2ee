"""``/healthz/``: is this instance fit to serve? (django-health-check)

Checks the database, file storage, pending migrations and, when Celery has a broker
(``REDIS_URL``; not when tasks run eagerly), Redis and a worker's heartbeat (a Celery ping). Everyone gets the overall
answer, 200 or 503, as ``{"status": "ok"}`` or ``{"status": "unavailable"}``; only staff see each
check and its error (an anonymous caller learns nothing about the stack).
"""

from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Every migration in the code is applied to the database."""

    alias: str = "default"

    def run(self):
        from django.db import connections
        from django.db.migrations.executor import MigrationExecutor

        connection = connections[self.alias]
        try:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        finally:
            connection.close()
        if plan:
            raise ServiceUnavailable(f"{len(plan)} migration(s) not applied")


def _redis_client():
    from redis.asyncio import Redis

    return Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)


def checks() -> list:
    found: list = [
        "health_check.checks.Database",
        "health_check.checks.Storage",
        Migrations,
    ]
    from ..celery import app

    if settings.REDIS_URL and not app.conf.task_always_eager:
        from health_check.contrib.celery import Ping
        from health_check.contrib.redis import Redis

        found += [
            (Redis, {"client_factory": _redis_client}),
            (Ping, {"app": app, "timeout": datetime.timedelta(seconds=getattr(settings, "HEALTH_CELERY_TIMEOUT", 2))}),
        ]
    return found


class HealthView(HealthCheckView):
    """django-health-check's view, with our checks and our answer (status for all, details for
    staff). Synchronous: the checks run on their own event loop in a helper thread, so the view
    works the same under gunicorn's sync workers, the test client, or a thread that already has
    an event loop."""

    def get_checks(self):
        self.checks = checks()
        return super().get_checks()

    def run_checks(self) -> list:
        import asyncio
        from concurrent.futures import ThreadPoolExecutor

        async def gather():
            return await asyncio.gather(*(check.get_result(None) for check in self.get_checks()))

        def in_thread():
            from django.db import connections

            try:
                return asyncio.run(gather())
            finally:
                connections.close_all()

        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(in_thread).result()


@never_cache
@require_safe
def healthz(request):
    results = HealthView().run_checks()
    healthy = not any(result.error for result in results)
    body: dict = {"status": "ok" if healthy else "unavailable"}
    if request.user.is_authenticated and request.user.is_staff:
        body["checks"] = {
            repr(result.check): {
                "ok": not result.error,
                "error": str(result.error) if result.error else "",
                "seconds": round(result.time_taken, 3),
            }
            for result in results
        }
    return JsonResponse(body, status=200 if healthy else 503)
