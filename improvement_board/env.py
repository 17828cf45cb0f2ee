"""Reading the settings from the environment: typed values that refuse a bad one with
ImproperlyConfigured (healthchecks' envbool), and the few settings built from several variables
(the secret key, single sign-on providers, the email backend, logging). settings.py is the one
settings module; this is how it reads."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no, on/off), not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_key(*, debug: bool, var_dir: Path) -> str:
    """SECRET_KEY, required when DEBUG is off; in development a random one kept under var/."""
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if not debug:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only: a random key kept under var/ so that sign-ins survive a restart.
    path = var_dir / "dev-secret-key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


def oidc_providers(environ) -> dict[str, dict]:
    providers = {}
    for key in [k.strip().lower() for k in environ.get("OIDC_PROVIDERS", "").split(",") if k.strip()]:
        prefix = f"OIDC_{key.upper().replace('-', '_')}_"
        missing = [prefix + part for part in ("ISSUER", "CLIENT_ID", "CLIENT_SECRET") if not environ.get(prefix + part)]
        if missing:
            raise ImproperlyConfigured(f"Single sign-on provider {key!r} needs {', '.join(missing)}.")
        providers[key] = {
            "name": environ.get(prefix + "LABEL") or key,
            "issuer": environ[prefix + "ISSUER"],
            "client_id": environ[prefix + "CLIENT_ID"],
            "client_secret": environ[prefix + "CLIENT_SECRET"],
            "councils": tuple(c.strip() for c in environ.get(prefix + "COUNCILS", "").split(",") if c.strip()),
        }
    return providers


def email_backend_for(environ) -> str:
    if environ.get("EMAIL_BACKEND"):
        return environ["EMAIL_BACKEND"]
    if environ.get("NOTIFY_API_KEY"):
        return "improvement_board.ops.email.NotifyEmailBackend"
    if environ.get("EMAIL_HOST"):
        return "django.core.mail.backends.smtp.EmailBackend"
    return "django.core.mail.backends.console.EmailBackend"


def logging_config(log_format: str, *, level: str) -> dict:
    """One JSON object per line on standard error (``text``: plain lines, for development)."""
    if log_format not in {"json", "text"}:
        raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {log_format!r}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "improvement_board.ops.observability.RequestIdFilter"}},
        "formatters": {
            "json": {"()": "improvement_board.ops.observability.JsonFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": log_format},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # The request id middleware logs every request; django.server would log each twice.
            "django.server": {"level": "WARNING"},
            # WeasyPrint and fontTools narrate every step of a render at INFO.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }
