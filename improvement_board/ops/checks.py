"""System checks of the deployment's own rules: run by ``manage.py check --deploy``, and by
``wsgi.py`` whenever a web process loads the application (gunicorn, and runserver too), which
then refuses to start. Other management commands (migrations, backups) are not stopped."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

# Cache backends every process of an installation shares.
SHARED_CACHE_BACKENDS = (
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
    "django.core.cache.backends.db.DatabaseCache",
    "django_redis.cache.RedisCache",
)


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """With DEBUG off, the default cache must be shared by every process: the sign-in and upload
    limits, the API throttles and the failed-token counts live there, and a cache of each
    process's own would let every process count separately (N processes: N times the limit)."""
    if settings.DEBUG:
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in SHARED_CACHE_BACKENDS:
        return []
    return [
        checks.Error(
            f"The default cache ({backend.rsplit('.', 1)[-1] or 'none'}) is not shared between processes, so rate "
            "limits would be counted by each process separately.",
            hint="Set CACHE_URL (or REDIS_URL) to a Redis database, e.g. redis://127.0.0.1:6379/1.",
            id="improvement_board.E001",
        )
    ]


def require_shared_cache() -> None:
    """Refuse to start a web process (wsgi.py) that the check above fails."""
    errors = shared_cache_check()
    if errors:
        raise ImproperlyConfigured(f"{errors[0].msg} {errors[0].hint}")
