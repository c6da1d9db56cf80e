"""Settings come from the environment and fail loudly on bad values; production passes Django's deploy check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "SITE_URL": "https://market.example.com",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(  # noqa: S603 -- our own manage.py with our own arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean | env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("name", "value", "complaint"),
    [
        ("DEBUG", "maybe", "DEBUG must be true or false"),
        ("EMAIL_PORT", "twenty-five", "EMAIL_PORT must be a whole number"),
    ],
)
def test_bad_values_fail_loudly(tmp_path, name, value, complaint):
    result = manage("check", VAR_DIR=str(tmp_path), EMAIL_HOST="smtp.example.com", **{name: value})
    assert result.returncode != 0
    assert complaint in result.stderr


def test_production_refuses_the_development_secret_key(tmp_path):
    result = manage("check", VAR_DIR=str(tmp_path), DEBUG="false")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", VAR_DIR=str(tmp_path), **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_embedded_default_is_sqlite_in_wal_mode(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor();"
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    result = manage("shell", "-c", code, VAR_DIR=str(tmp_path))
    assert result.stdout.strip().splitlines()[-1] == "wal", result.stderr
    assert (tmp_path / "openhour.sqlite3").exists()


def test_redis_url_switches_cache_and_sessions(tmp_path):
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
    result = manage("shell", "-c", code, VAR_DIR=str(tmp_path), REDIS_URL="redis://127.0.0.1:6379/3")
    assert "RedisCache" in result.stdout and "cached_db" in result.stdout, result.stderr
