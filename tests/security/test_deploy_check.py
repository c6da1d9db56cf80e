"""`manage.py check --deploy --fail-level WARNING` passes with the production settings the README documents
(DEBUG off, a long random key, an https SITE_URL, TLS ended at a proxy that sets X-Forwarded-Proto), and fails
when one of them is left out — so the check really looks at what an operator sets."""

import os
import secrets
import subprocess  # nosec B404 -- runs this project's own manage.py with fixed arguments
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_environment(tmp_path: Path) -> dict[str, str]:
    # As in the README's "Running in production"; nothing is contacted by the check.
    return {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SITE_URL": "https://market.example.com",
        "DATABASE_URL": "postgres://openhour:secret@127.0.0.1:5432/openhour",
        "DB_CONN_MAX_AGE": "60",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "EMAIL_HOST": "smtp.example.com",
        "DEFAULT_FROM_EMAIL": "Market <hello@market.example.com>",
        "VAR_DIR": str(tmp_path / "var"),
    }


def deploy_check(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    inherited = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "VIRTUAL_ENV")}
    return subprocess.run(  # nosec B603 -- fixed arguments, no shell
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**inherited, **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_documented_production_settings_pass_the_deploy_check(tmp_path):
    result = deploy_check(production_environment(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "warning"),
    [
        ({"SECRET_KEY": "short-and-guessable"}, "security.W009"),
        ({"SECURE_SSL_REDIRECT": "false"}, "security.W008"),
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
    ],
)
def test_a_weakened_setting_fails_the_deploy_check(change, warning, tmp_path):
    result = deploy_check({**production_environment(tmp_path), **change})
    assert result.returncode != 0
    assert warning in result.stdout + result.stderr
