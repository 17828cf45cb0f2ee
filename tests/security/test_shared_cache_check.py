"""In production (DEBUG off) the product refuses to start without a cache every process shares,
since rate limits and lockouts are counted there (issue 16, item 12)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from improvement_board.ops.checks import shared_cache_check

ROOT = Path(__file__).resolve().parents[2]
LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/3"}}


@pytest.mark.parametrize("backend", ["locmem.LocMemCache", "dummy.DummyCache", "filebased.FileBasedCache"])
def test_a_cache_of_each_process_is_an_error_with_debug_off(settings, backend):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": f"django.core.cache.backends.{backend}", "LOCATION": "/tmp/x"}}
    [error] = shared_cache_check()
    assert error.id == "improvement_board.E001" and "CACHE_URL" in error.hint


def test_a_shared_cache_or_debug_passes(settings):
    settings.DEBUG, settings.CACHES = False, REDIS
    assert shared_cache_check() == []
    settings.DEBUG, settings.CACHES = True, LOCAL
    assert shared_cache_check() == []


def test_manage_py_check_deploy_fails_without_a_shared_cache(settings):
    settings.DEBUG, settings.CACHES = False, LOCAL
    with pytest.raises(SystemCheckError, match="improvement_board.E001"):
        call_command("check", deploy=True)


def _start(**env) -> subprocess.CompletedProcess:
    unset = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unset} | {"SECRET_KEY": "x" * 50, "DEBUG": "0"} | env
    return subprocess.run(
        [sys.executable, "-c", "import improvement_board.wsgi"],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_web_process_refuses_to_start_without_a_shared_cache_and_starts_with_one():
    refused = _start()
    assert refused.returncode != 0 and "not shared between processes" in refused.stderr
    started = _start(CACHE_URL="redis://127.0.0.1:6379/3")  # configured only: nothing connects at start
    assert started.returncode == 0, started.stderr
