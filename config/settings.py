"""Settings for Plenary, read from the environment.

Everything a deployment varies is an environment variable; the defaults give a checkout that
runs on an embedded SQLite file. See docs/deploy.md for the production values.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be 0 or 1, not {value!r}.")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is 0 (see docs/deploy.md)."
        )
    SECRET_KEY = "django-insecure-local-development-only"
elif not DEBUG and (
    # The rule of Django's deploy check (security.W009), refused rather than warned about.
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
):
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY is too weak: use {SECRET_KEY_MIN_LENGTH} or more random characters "
        f"(at least {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different), not starting with "
        f"{SECRET_KEY_INSECURE_PREFIX!r}; see docs/deploy.md."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # full-text search when the database is PostgreSQL
    "django_filters",
    "meetings",
    "contributions",
    "actions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.ControlCharacterMiddleware",  # before anything reads the session
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.MembersOnlyMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

# Database: an SQLite file in the project unless DATABASE_URL names another.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Reusing connections roughly triples throughput on a small machine (docs/deploy.md).
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DJANGO_CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets pages read while an import writes; IMMEDIATE takes the single write lock at
    # the start of a transaction, and a writer that finds it taken waits up to the timeout
    # (seconds) instead of failing with "database is locked", as a login during an import did.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": float(os.environ.get("PLENARY_SQLITE_BUSY_SECONDS", "45")),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Anonymous visitors may read the record unless the site is for members only.
MEMBERS_ONLY = env_bool("PLENARY_MEMBERS_ONLY")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# ingest_minutes refuses larger files, before reading them.
MINUTES_MAX_BYTES = int(os.environ.get("PLENARY_MINUTES_MAX_BYTES", 20 * 1024 * 1024))
# The admin checks and imports a file within one request: it refuses, before parsing, a file
# holding more text than it can check and import well within the workers' timeout
# (docs/deploy.md, "Limits"); ingest_minutes takes those.
MINUTES_ADMIN_MAX_CHARS = int(os.environ.get("PLENARY_ADMIN_MAX_CHARS", 1_000_000))
# A Word file is refused before it is unpacked when it would unpack to more bytes than this, or
# is compressed more than this ratio (docs/ingest.md; the memory they allow: docs/benchmarks.md).
DOCX_MAX_UNPACKED_BYTES = int(os.environ.get("PLENARY_DOCX_MAX_UNPACKED_BYTES", 16_000_000))
DOCX_MAX_RATIO = float(os.environ.get("PLENARY_DOCX_MAX_RATIO", 100))

# Uploaded minutes wait here between preview and confirmation: outside static and media
# files, never served.
MINUTES_UPLOAD_DIR = Path(os.environ.get("PLENARY_UPLOAD_DIR", BASE_DIR / "var" / "uploads"))
# An upload neither confirmed nor cancelled within this many hours is removed, with its file,
# at the next upload or by `manage.py expire_uploads`.
_upload_hours = os.environ.get("PLENARY_UPLOAD_HOURS", "24")
if not (_upload_hours.isascii() and _upload_hours.isdigit() and int(_upload_hours) >= 1):
    raise ImproperlyConfigured(f"PLENARY_UPLOAD_HOURS must be 1 or more, not {_upload_hours!r}.")
MINUTES_UPLOAD_HOURS = int(_upload_hours)

# Security headers apply everywhere; transport security only outside debug.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container health check speaks plain HTTP
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
if env_bool("DJANGO_BEHIND_PROXY"):
    # Only behind a proxy that sets this header itself; otherwise clients could forge it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
