"""Django settings; every environment read of the web shell happens in the block at the top."""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

# ---- environment: read here, nowhere else -------------------------------------------------
CEPING_HOME = Path(os.environ.get("CEPING_HOME", "var")).resolve()
DATABASE_URL = os.environ.get("DATABASE_URL", "")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CEPING_QUEUE", "ceping")
# A task not acknowledged within this time is handed to another worker: longer than any one site's
# scan.
TASK_VISIBILITY_S = int(os.environ.get("CEPING_TASK_VISIBILITY_S", "7200"))
DEBUG = os.environ.get("CEPING_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    h for h in os.environ.get("CEPING_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
# Shared cache for login throttling and survey rate limits on the scale-out path, e.g.
# redis://127.0.0.1:6379/1. Without it the database holds the cache (shared all the same).
CACHE_URL = os.environ.get("CEPING_CACHE_URL", "")
CACHE_TABLE = "ceping_cache"  # the embedded default's shared cache (see CACHES)
# Reverse proxies whose X-Forwarded-For is believed (e.g. 127.0.0.1 for nginx on the same host);
# from anyone else the header is ignored, so a client cannot pick the address it is limited by.
# Served over HTTPS (directly or behind a proxy that sets X-Forwarded-Proto): cookies are
# then sent over HTTPS only, and browsers are told to keep to HTTPS.
HTTPS = os.environ.get("CEPING_HTTPS", "") == "1"
TRUSTED_PROXIES = frozenset(
    p.strip() for p in os.environ.get("CEPING_TRUSTED_PROXIES", "").split(",") if p.strip()
)
# Monitoring alerts are mailed through Django's mail settings: printed on the console unless an
# SMTP backend is named (EMAIL_HOST and friends then keep Django's names).
EMAIL_BACKEND = os.environ.get(
    "CEPING_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("CEPING_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("CEPING_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("CEPING_EMAIL_FROM", "ceping@localhost")
# Who runs the jobs the organizer starts in the browser (decision 0013): "database" (the
# embedded default: django-tasks' database backend, its worker started by `ceping serve`) or
# "celery" (the scale-out path: the Celery workers of `ceping worker`).
JOB_RUNNER = os.environ.get("CEPING_JOB_RUNNER", "database")
# How many of those jobs `ceping serve` runs at once: two, so a long scan does not hold up the
# reports.
JOB_WORKERS = int(os.environ.get("CEPING_JOB_WORKERS", "2"))
# Sites on loopback or private addresses may be scanned from the browser (an intranet campaign,
# the tests' loopback farm); the command line asks with --allow-private instead.
SCAN_ALLOW_PRIVATE = os.environ.get("CEPING_SCAN_ALLOW_PRIVATE", "") == "1"
# How often Celery beat looks for monitoring rounds that are due (seconds).
MONITOR_TICK_S = float(os.environ.get("CEPING_MONITOR_TICK_S", "60"))
# -------------------------------------------------------------------------------------------

log = logging.getLogger("ceping.settings")
# What ceping keeps (the database, the key, uploads, reports) is its user's alone: the home is
# 0700 and the files in it that hold secrets or personal data are 0600, old installs included.
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
CEPING_HOME.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
try:
    CEPING_HOME.chmod(PRIVATE_DIR_MODE)
except PermissionError:  # a home given by someone else (a mounted volume): theirs to protect
    log.warning("CEPING_HOME %s: cannot make it private (mode 0700)", CEPING_HOME)


def _private_file(path: Path, text: str = "") -> None:
    """Create `path` holding `text` with mode 0600 if missing (never readable by others, not even
    for a moment), or bring an existing one to 0600."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        path.chmod(PRIVATE_FILE_MODE)
        return
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)


def _secret_key(home: Path) -> str:
    """A key generated once per installation and kept beside the database."""
    path = home / "secret_key"
    _private_file(path, secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key(CEPING_HOME)
# The survey's proof-of-work challenges are signed with a key of their own, derived from it.
ALTCHA_HMAC_SECRET = hashlib.sha256(f"ceping.survey.altcha\n{SECRET_KEY}".encode()).hexdigest()
BASE_DIR = Path(__file__).resolve().parent

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves its OpenAPI documentation page from local static files
    "altcha_django",  # the survey's proof-of-work widget, served from local static files
    "django_tasks",  # the backport of Django's Tasks framework: the organizer's jobs
    "django_tasks_db",  # its database backend and `db_worker`, the embedded default's runner
    "ceping.web",
]

MIDDLEWARE = [
    "ceping.web.middleware.private_pages",  # outermost: sees the user the API's token set
    "ceping.web.middleware.chinese_method_not_allowed",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files from the app itself, no CDN
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ceping.web.middleware.refuse_nul",  # after CSRF: a forged form is refused by that first
    "django.contrib.messages.middleware.MessageMiddleware",
    "ceping.web.middleware.password_first",  # a one-time password is changed before anything
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "ceping.web.urls"
WSGI_APPLICATION = "ceping.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ceping.web.views.common.role_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)
    if DATABASE_URL
    else {"ENGINE": "django.db.backends.sqlite3", "NAME": CEPING_HOME / "ceping.sqlite3"}
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web app read while a scan writes; IMMEDIATE avoids upgrade deadlocks.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    # A file, not memory, so tests can hand the database to the processes they start.
    DATABASES["default"]["TEST"] = {"NAME": str(CEPING_HOME / "test-ceping.sqlite3")}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # SQLite gives its -wal and -shm files the mode of the database file: create that one private.
    _sqlite_file = Path(str(DATABASES["default"]["NAME"]))
    if _sqlite_file.parent.is_dir() and not str(_sqlite_file).startswith((":memory:", "file:")):
        _private_file(_sqlite_file)
log.info("database: %s", DATABASES["default"]["ENGINE"])

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = CEPING_HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise watches it from the start
# `ceping serve` collects static files into STATIC_ROOT; the finders serve them before that too.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Every server error (500) is written with its traceback to stderr and to this file; the person
# who met it sees a plain Chinese page (templates/500.html).
LOG_FILE = CEPING_HOME / "ceping.log"
_private_file(LOG_FILE)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
        "file": {
            "class": "logging.FileHandler",
            "filename": str(LOG_FILE),
            "encoding": "utf-8",
            "formatter": "plain",
        },
    },
    "loggers": {
        "django.request": {"handlers": ["stderr", "file"], "level": "ERROR", "propagate": False},
    },
}
MEDIA_ROOT = CEPING_HOME / "media"
MEDIA_URL = "media/"
FILE_UPLOAD_PERMISSIONS = PRIVATE_FILE_MODE
FILE_UPLOAD_DIRECTORY_PERMISSIONS = PRIVATE_DIR_MODE

if CACHE_URL:
    CACHES = {"default": {"BACKEND": "ceping.web.cache.RedisCache", "LOCATION": CACHE_URL}}
    log.info("cache: %s", CACHE_URL)
else:
    # The embedded default keeps the cache in its own database, so every worker process of
    # `ceping serve` counts the same failed logins and survey bursts (a per-process memory
    # cache multiplied each limit by the number of workers). Migration 0006 makes the table.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
        }
    }

# Failed logins are throttled by the backend, so the admin and the web login share the limit.
AUTHENTICATION_BACKENDS = ["ceping.web.login.ThrottledModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
LOGIN_FAILURES_ALLOWED = 5  # per account and per address, within the window
LOGIN_FAILURE_WINDOW_S = 15 * 60

# Public survey abuse resistance (see ceping.campaign.survey).
SURVEY_RATE_PER_ADDRESS = 60  # submissions per address within the window, then refused
SURVEY_RATE_WINDOW_S = 60 * 60
# PBKDF2 iterations per try of the survey's proof-of-work check: about a second in a phone's
# browser (altcha-django's default).
SURVEY_CHALLENGE_COST = 5000
SURVEY_CAPTCHA_AFTER = 3  # submissions per address within the window before a captcha is asked
SURVEY_STATS_PER_NETWORK = 20  # responses per site and /24 network that statistics count
SURVEY_COOKIE = "ceping_respondent"
SURVEY_COOKIE_MAX_AGE_S = 400 * 24 * 3600

# Self-inspection attachments.
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = (".pdf", ".docx", ".xlsx", ".doc", ".xls", ".png", ".jpg", ".jpeg", ".txt")
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

CSRF_FAILURE_VIEW = "ceping.web.views.common.csrf_failure"
if HTTPS:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 180 * 24 * 3600
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Text from scanned sites is shown on many pages; should one escape ever be missed, the
# browser still runs no script but our own files: no inline script, no other origin, no
# plug-ins. Inline styles stay allowed: the charts' tooltips are styled that way.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        # The survey's proof-of-work widget computes in workers it makes from its own code.
        "worker-src": [SELF, "blob:", "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True

# The organizer's jobs on the embedded default: queued in the database, run by `db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
if JOB_RUNNER not in ("database", "celery"):
    raise ValueError(f"CEPING_JOB_RUNNER 应为 database 或 celery，不是 {JOB_RUNNER!r}")
log.info("jobs: %s", JOB_RUNNER)

# Celery (ceping.tasks reads every CELERY_* name below). A task is acknowledged only when
# done, so a worker killed mid-scan leaves it to be delivered to another worker.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": TASK_VISIBILITY_S,
    # Sweep for abandoned tasks a few times per visibility period (kombu's default is ~100 s).
    "unacked_restore_interval": max(1, TASK_VISIBILITY_S // 6),
    "unacked_restore_throttle": 1,
}
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
