"""Settings come from the environment; production settings pass Django's deploy checks."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k7#Vq9!zR2mW4xT8pL1nB6cY3hJ0sD5fG7aE9uI2oP4rQ6tZ8vX1wN3mK5jH7gF9",
    "DJANGO_ALLOWED_HOSTS": "plenary.example.org",
}


def run(args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_of(*names, **env):
    code = (
        "import json, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings');"
        "from django.conf import settings;"
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = run(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_settings_pass_the_deploy_checks():
    # With the database's own checks too: every command that touches the database runs them.
    result = run(
        ["manage.py", "check", "--deploy", "--database", "default", "--fail-level", "WARNING"],
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_require_a_secret_key():
    result = run(["manage.py", "check"], DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is 0" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "x",
        "k7#Vq9!zR2mW4xT8pL1nB6cY3hJ0sD5fG7aE9uI2oP4rQ6tZ8",  # 49 characters
        "abcd" * 20,  # four different characters
        "django-insecure-" + PRODUCTION["DJANGO_SECRET_KEY"],  # what startproject generates
    ],
    ids=["one character", "49 characters", "four different", "django-insecure-"],
)
def test_production_settings_refuse_a_weak_secret_key(key):
    result = run(["manage.py", "check"], **{**PRODUCTION, "DJANGO_SECRET_KEY": key})

    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert message == (
        "django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY is too weak: use 50 or "
        "more random characters (at least 5 different), not starting with 'django-insecure-'; "
        "see docs/deploy.md."
    )  # and not the key itself


def test_a_secret_key_at_djangos_minimum_is_accepted():
    key = "abcde" * 10

    values = settings_of("SECRET_KEY", **{**PRODUCTION, "DJANGO_SECRET_KEY": key})

    assert values == {"SECRET_KEY": key}


def test_the_image_builds_with_a_key_the_settings_accept():
    dockerfile = (ROOT / "Dockerfile").read_text()
    key = re.search(r"DJANGO_DEBUG=0 DJANGO_SECRET_KEY=(\S+)", dockerfile)[1]

    assert settings_of("SECRET_KEY", DJANGO_DEBUG="0", DJANGO_SECRET_KEY=key)


def test_debug_runs_without_a_secret_key():
    assert settings_of("DEBUG", DJANGO_DEBUG="1") == {"DEBUG": True}


def test_production_transport_is_secure():
    values = settings_of(
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "ALLOWED_HOSTS",
        **PRODUCTION,
    )

    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "ALLOWED_HOSTS": ["plenary.example.org"],
    }


def test_the_default_database_is_an_sqlite_file_in_the_project():
    database = settings_of("DATABASES", DJANGO_DEBUG="1")["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(ROOT / "db.sqlite3")


def test_an_absolute_sqlite_path_is_honoured_with_debug_off(tmp_path):
    path = tmp_path / "secretariat.sqlite3"
    url = f"sqlite:///{path}"  # sqlite:////absolute/path

    database = settings_of("DATABASES", DATABASE_URL=url, **PRODUCTION)["DATABASES"]["default"]

    assert (database["ENGINE"], database["NAME"]) == ("django.db.backends.sqlite3", str(path))
    result = run(["manage.py", "migrate", "--noinput"], DATABASE_URL=url, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert path.exists()


def test_postgresql_connections_persist():
    url = "postgres://plenary:secret@db.internal:5432/plenary"

    database = settings_of("DATABASES", DATABASE_URL=url, DJANGO_DEBUG="1")["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["NAME"], database["USER"]) == (
        "db.internal",
        "plenary",
        "plenary",
    )
    assert database["CONN_MAX_AGE"] == 60 and database["CONN_HEALTH_CHECKS"] is True


def test_a_malformed_debug_flag_is_refused():
    result = run(["manage.py", "check"], DJANGO_DEBUG="maybe")

    assert "DJANGO_DEBUG must be 0 or 1, not 'maybe'." in result.stderr


def test_uploads_wait_a_day_for_confirmation_unless_told_otherwise():
    assert settings_of("MINUTES_UPLOAD_HOURS", DJANGO_DEBUG="1") == {"MINUTES_UPLOAD_HOURS": 24}
    assert settings_of("MINUTES_UPLOAD_HOURS", DJANGO_DEBUG="1", PLENARY_UPLOAD_HOURS="72") == {
        "MINUTES_UPLOAD_HOURS": 72
    }


def test_an_upload_lifetime_that_is_not_a_number_of_hours_is_refused():
    for hours in ["0", "-1", "1.5", "a day"]:
        result = run(["manage.py", "check"], DJANGO_DEBUG="1", PLENARY_UPLOAD_HOURS=hours)

        assert f"PLENARY_UPLOAD_HOURS must be 1 or more, not {hours!r}." in result.stderr
