"""Settings come from the environment and fail loudly when production would be unsafe."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    # Not the test process's own settings, nor the async-safety switch the browser tests set.
    unset = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = _manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_it_refuses_a_boolean_setting_it_cannot_read():
    result = _manage("check", DEBUG="maybe", SECRET_KEY="x")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_check_deploy_with_production_settings_reports_only_the_justified_hsts_preload_warning():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 20 + "production-like-secret-key-of-enough-length-and-variety-0123456789",
        ALLOWED_HOSTS="board.example.gov.uk",
        DEBUG="0",
        CACHE_URL="redis://127.0.0.1:6379/3",
    )
    output = result.stdout + result.stderr
    assert "security.W021" in output  # SECURE_HSTS_PRELOAD: justified in the README
    assert "identified 1 issue" in output, output


def test_there_is_no_missing_migration():
    result = _manage("makemigrations", "--check", "--dry-run", SECRET_KEY="x")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_system_check_passes():
    result = _manage("check", SECRET_KEY="x", CACHE_URL="redis://127.0.0.1:6379/3")
    assert result.returncode == 0, result.stdout + result.stderr
