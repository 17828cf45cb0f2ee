"""Settings for Improvement Board: one module, every value from the environment.

The README's configuration table documents each variable. Nothing here differs between
development, test and production except what an environment variable says.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from improvement_board.env import (
    email_backend_for,
    envbool,
    envint,
    envlist,
    logging_config,
    oidc_providers,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


DEBUG = envbool("DEBUG", False)


SECRET_KEY = secret_key(debug=DEBUG, var_dir=VAR_DIR)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "axes",
    "improvement_board",
    "inspections",
    "actions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "improvement_board.pages.BrandedMethodNotAllowed",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it locks out after repeated failed sign-ins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "improvement_board.urls"
WSGI_APPLICATION = "improvement_board.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "improvement_board.pages.service",
                "improvement_board.pages.navigation",
            ],
        },
    },
]

# The service's own details, set per deployment: who runs it and how people get help. They appear
# in the phase banner, the footer, the help, accessibility, privacy and cookies pages.
SERVICE_PHASE = os.environ.get("SERVICE_PHASE", "beta")
if SERVICE_PHASE not in {"alpha", "beta", "live"}:
    raise ImproperlyConfigured(f"SERVICE_PHASE must be alpha, beta or live, not {SERVICE_PHASE!r}")
SERVICE = {
    "name": os.environ.get("SERVICE_NAME", "Improvement Board"),
    "phase": SERVICE_PHASE,
    "operator": os.environ.get("SERVICE_OPERATOR", "the organisation that runs this service"),
    "contact_email": os.environ.get("SERVICE_CONTACT_EMAIL", ""),
    "contact_phone": os.environ.get("SERVICE_CONTACT_PHONE", ""),
    "contact_hours": os.environ.get("SERVICE_CONTACT_HOURS", "Monday to Friday, 9am to 5pm (except bank holidays)"),
    "help_url": os.environ.get("SERVICE_HELP_URL", ""),
    "feedback_url": os.environ.get("SERVICE_FEEDBACK_URL", ""),
    "privacy_email": os.environ.get("SERVICE_PRIVACY_EMAIL", ""),
    "accessibility_tested": os.environ.get("ACCESSIBILITY_TESTED", "1 December 2026"),
}

# Form widgets render from the project's templates too (templates/gds/widgets/: the GOV.UK date input).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
# Branded page when a form's CSRF check fails (improvement_board/pages.py has the other error pages).
CSRF_FAILURE_VIEW = "improvement_board.pages.csrf_failure"

# Cache: Redis when REDIS_URL is set, so that every web process shares rate-limit counts and
# cached charts; otherwise each process's memory.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "ib",
            "TIMEOUT": 3600,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Database: DATABASE_URL, or SQLite in a file under var/ with no server to install.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'improvement_board.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the page server read while a task writes; wait rather than fail on a lock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "improvement_board.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "improvement_board.accounts.sso.CouncilOIDCBackend",
]


# Single sign-on with OpenID Connect (improvement_board/accounts/sso.py). OIDC_PROVIDERS names the
# providers, comma-separated; each has OIDC_<NAME>_ISSUER, _CLIENT_ID, _CLIENT_SECRET, and
# optionally _LABEL (what the button says) and _COUNCILS (the ONS codes of the councils whose
# staff sign in with it; none: any council's).
OIDC_PROVIDERS = oidc_providers(os.environ)
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_CREATE_USER = False  # only invited people sign in
OIDC_TIMEOUT = envint("OIDC_TIMEOUT", 10)
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
INVITATION_DAYS = envint("INVITATION_DAYS", 7)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after SESSION_IDLE_MINUTES without a request (the expiry slides on every request).
SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-axes: lock a username from an address after AXES_FAILURE_LIMIT failures, for an hour.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"  # never served directly: downloads go through views that check permission
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Evidence files may be up to 20 MB; allow a little over for the rest of the form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# All of one progress update's evidence files together.
EVIDENCE_MAX_BYTES_PER_UPDATE = 50 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"


# Email (improvement_board/ops/email.py): GOV.UK Notify when NOTIFY_API_KEY is set, SMTP when
# EMAIL_HOST is set, the console otherwise.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = email_backend_for(os.environ)
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID", "")  # a template: subject ((subject)), body ((body))
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
if NOTIFY_API_KEY and not NOTIFY_TEMPLATE_ID:
    raise ImproperlyConfigured(
        "NOTIFY_TEMPLATE_ID must be set with NOTIFY_API_KEY: the Notify template whose "
        "subject is ((subject)) and body is ((body))."
    )
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Improvement Board <no-reply@improvement-board.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with REDIS_URL, a real broker; without it, tasks run eagerly in-process.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SOFT_TIME_LIMIT = envint("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = envint("CELERY_TASK_TIME_LIMIT", 360)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The one beat schedule. Each entry's task has a management command that calls the same service.
REPORT_DAY_OF_MONTH = envint("REPORT_DAY_OF_MONTH", 1)
# A meeting's pack counts what was recorded by the end of this many English working days before
# the meeting, unless the chair or secretary chooses another cut-off (reports/point_in_time.py).
BOARD_PACK_CUTOFF_WORKING_DAYS = envint("BOARD_PACK_CUTOFF_WORKING_DAYS", 5)
CELERY_BEAT_SCHEDULE: dict = {
    # Each owner's actions due within 7 days and overdue: one email per person per day.
    "due-reminders": {"task": "actions.tasks.send_due_reminders", "schedule": crontab(hour=7, minute=0)},
    # Owners of actions not updated since the last meeting, 5 working days before the next.
    "pre-meeting-reminders": {
        "task": "actions.tasks.send_pre_meeting_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
    # Files kept for unfinished forms (evidence, spreadsheets awaiting confirmation) once expired.
    "purge-held-files": {"task": "actions.tasks.purge_held_files", "schedule": crontab(minute=30)},
    # Letters uploaded on a journey recording's form that was never confirmed, after a day.
    "purge-journey-held-files": {
        "task": "inspections.tasks.purge_journey_held_files",
        "schedule": crontab(minute=40),
    },
    # Every active board's report for the month just ended, each board as its own task.
    "monthly-board-reports": {
        "task": "improvement_board.tasks.generate_monthly_reports",
        "schedule": crontab(day_of_month=REPORT_DAY_OF_MONTH, hour=6, minute=0),
    },
}

# Production hardening; each is switched by the environment and documented in the README.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_TLS_PROXY", False) else None
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The password the demo users get from load_demo_data.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-pass-2012")

# Plan work (officers)
# Reminders: the daily one covers actions due within DUE_REMINDER_DAYS days and overdue; the
# pre-meeting one goes PRE_MEETING_REMINDER_WORKING_DAYS working days before a board meets.
DUE_REMINDER_DAYS = envint("DUE_REMINDER_DAYS", 7)
PRE_MEETING_REMINDER_WORKING_DAYS = envint("PRE_MEETING_REMINDER_WORKING_DAYS", 5)
# The address emails link to (no request to take it from when a task sends them).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Dashboards and API
# The read-only JSON API under /api/v1/: session or token authentication (named tokens each person
# makes on their account page, shown once, expiring within API_TOKEN_MAX_DAYS; an administrator
# may revoke any in the admin), every view read-only, pages of API_PAGE_SIZE.
API_TOKEN_MAX_DAYS = envint("API_TOKEN_MAX_DAYS", 90)
# Failed token authentication per address: over this, 429 until the window ends.
RATE_API_TOKEN_FAILURES_PER_IP = os.environ.get("RATE_API_TOKEN_FAILURES_PER_IP", "20/10m")
INSTALLED_APPS += ["rest_framework", "drf_spectacular"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "improvement_board.api.tokens.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["improvement_board.api.permissions.ReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": envint("API_PAGE_SIZE", 50),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Improvement Board API",
    "DESCRIPTION": "Read-only: councils, inspections, improvement plan actions, indicators and board reports, "
    "scoped to the councils the signed-in user may see.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "RagEnum": "actions.rules.Rag",
        "CouncilKindEnum": "inspections.models.Council.Kind",
        "NoticeDateKindEnum": "inspections.models.NoticeDate.Kind",
        "NoticeStatusEnum": "inspections.models.ImprovementNotice.Status",
        "IndicatorKindEnum": "improvement_board.api.serializers.INDICATOR_KINDS",
    },
}

# Security (CSP, two-factor, rate limits)
# Content-Security-Policy (django-csp 4): nothing inline without this response's nonce; no
# 'unsafe-inline' anywhere. The charts' own <style> carries the nonce (templatetags/security.py).
from csp.constants import NONCE, NONE, SELF  # noqa: E402

INSTALLED_APPS += ["csp", "django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.clickjacking.XFrameOptionsMiddleware"), "csp.middleware.CSPMiddleware"
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
# A verified second step on every request that needs one (two_factor.SecondStepRequiredMiddleware).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "improvement_board.accounts.two_factor.SecondStepRequiredMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
TEMPLATES[0]["OPTIONS"]["context_processors"].append("csp.context_processors.nonce")

# Two-factor sign-in (TOTP): administrators, board chairs and staff must give a code from an
# authenticator app after their password; others may choose to (improvement_board/accounts/two_factor.py).
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Improvement Board")
OTP_TOTP_THROTTLE_FACTOR = 1
# Minutes a person has between their password and their code before signing in again.
TWO_FACTOR_PENDING_MINUTES = 10

# The proxies in front (a number of them, or their addresses and networks): every limit and
# lockout counts the client's address from X-Forwarded-For as they forward it
# (improvement_board/ops/client_ip.py). Empty: the connection's own address.
TRUSTED_PROXIES = os.environ.get("TRUSTED_PROXIES", "")
from improvement_board.ops.client_ip import parse_trusted_proxies  # noqa: E402

parse_trusted_proxies(TRUSTED_PROXIES)  # a bad value stops the start, naming the variable
AXES_CLIENT_IP_CALLABLE = "improvement_board.ops.client_ip.client_ip"
RATELIMIT_IP_META_KEY = "improvement_board.ops.client_ip.client_ip"

# Rate limits (django-ratelimit, counted in the default cache; django-axes still locks a
# username after AXES_FAILURE_LIMIT failures). Rates are "<count>/<s|m|h|d>".
RATELIMIT_VIEW = "improvement_board.accounts.two_factor.rate_limited"
RATELIMIT_FAIL_OPEN = True  # a cache outage must not stop everyone signing in (axes still counts)
RATE_SIGN_IN_PER_IP = os.environ.get("RATE_SIGN_IN_PER_IP", "60/m")
RATE_PASSWORD_RESET_PER_IP = os.environ.get("RATE_PASSWORD_RESET_PER_IP", "60/h")
RATE_PASSWORD_RESET_PER_EMAIL = os.environ.get("RATE_PASSWORD_RESET_PER_EMAIL", "5/h")
RATE_TWO_FACTOR_PER_IP = os.environ.get("RATE_TWO_FACTOR_PER_IP", "60/m")
# Failed sign-ins for one username from any address: over this, the username pauses until the
# window ends (a short cool-down; axes' hour-long lockout is per username *and* address).
RATE_SIGN_IN_FAILURES_PER_USERNAME = os.environ.get("RATE_SIGN_IN_FAILURES_PER_USERNAME", "20/5m")
# Uploads: no request over REQUEST_MAX_BYTES (413); at most UPLOAD_BYTES_PER_USER_PER_HOUR of
# uploads per person (or, signed out, per address) an hour (429).
REQUEST_MAX_BYTES = envint("REQUEST_MAX_BYTES", 60 * 1024 * 1024)
UPLOAD_BYTES_PER_USER_PER_HOUR = envint("UPLOAD_BYTES_PER_USER_PER_HOUR", 500 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FILES = 20
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "improvement_board.ops.security.UploadLimitMiddleware",
)
# Nothing sent to a signed-in person is kept by a browser or proxy cache: outermost but the
# request id, so it marks every response, the other middleware's included.
MIDDLEWARE.insert(0, "improvement_board.ops.security.NoStoreForSignedInMiddleware")
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "improvement_board.api.throttles.AnonRateThrottle",
    "improvement_board.api.throttles.UserRateThrottle",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "anon": os.environ.get("API_RATE_ANON", "60/min"),
    "user": os.environ.get("API_RATE_USER", "6000/hour"),
}

# Operations (health, logs, Sentry)
# /healthz/ (django-health-check): the overall status for anyone, each check for staff.
INSTALLED_APPS += ["health_check"]
HEALTH_CELERY_TIMEOUT = envint("HEALTH_CELERY_TIMEOUT", 2)  # seconds to wait for a worker's ping
# A request id on every request, its log lines, its response and the tasks it queues.
MIDDLEWARE.insert(0, "improvement_board.ops.middleware.RequestIdMiddleware")
# Logs: one JSON object per line on standard error (LOG_FORMAT=text for plain lines in development).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING = logging_config(LOG_FORMAT, level=os.environ.get("LOG_LEVEL", "INFO"))
# Sentry: on only when SENTRY_DSN is set; never sends personal data (send_default_pii=False).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from improvement_board.ops.observability import sentry_init

    sentry_init(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", ""),
        release=os.environ.get("SENTRY_RELEASE", ""),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
    )
# The outbox: tasks are recorded with the change that asks for them and sent after the commit;
# beat drains what the broker did not take (Redis down) every OUTBOX_DRAIN_SECONDS, and its
# scheduler records a scheduled run it cannot publish instead of dropping it.
CELERY_IMPORTS = ["improvement_board.ops.outbox", "improvement_board.reports.tasks"]
CELERY_BEAT_SCHEDULER = "improvement_board.ops.outbox:OutboxScheduler"
OUTBOX_DRAIN_SECONDS = envint("OUTBOX_DRAIN_SECONDS", 30)
CELERY_BEAT_SCHEDULE["drain-outbox"] = {
    "task": "improvement_board.outbox.drain_outbox",
    "schedule": OUTBOX_DRAIN_SECONDS,
    "options": {"expires": OUTBOX_DRAIN_SECONDS},
}
# Fail fast when the broker is down (a page must not wait on it); the outbox keeps the work.
CELERY_BROKER_CONNECTION_TIMEOUT = envint("CELERY_BROKER_CONNECT_TIMEOUT", 3)
# A task whose worker died unacknowledged (acks late) is handed to another worker after the
# visibility timeout; it must exceed the hard time limit, or a running task would be run twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT + 240),
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = CELERY_BROKER_CONNECTION_TIMEOUT
# Testing only (make prod-smoke): the monthly reports every N seconds instead of monthly.
if envint("REPORT_SCHEDULE_SECONDS", 0):
    CELERY_BEAT_SCHEDULE["monthly-board-reports"]["schedule"] = envint("REPORT_SCHEDULE_SECONDS", 0)
